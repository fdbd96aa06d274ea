import { describe, expect, it } from '@jest/globals';
import { allowPolicy, denyPolicy } from '../../lambda/authorizer/policy';

const METHOD_ARN = 'arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/v1/memories';

describe('allowPolicy', () => {
  it('allows exactly the called method, with string context values and the usage identifier key', () => {
    // Prepare
    const context = {
      tenantId: 'tnt_1',
      principalId: 'key_1',
      keyId: 'key_1',
      scopes: 'memories:read memories:write',
      environment: 'live',
      tier: 'pro',
      expiresAt: '2027-01-01T00:00:00.000Z',
    };

    // Act
    const policy = allowPolicy(METHOD_ARN, context, 'gateway-key-value');

    // Assess
    expect(policy).toEqual({
      principalId: 'key_1',
      policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: METHOD_ARN }] },
      context: {
        tenantId: 'tnt_1',
        principalId: 'key_1',
        keyId: 'key_1',
        scopes: 'memories:read memories:write',
        environment: 'live',
        expiresAt: '2027-01-01T00:00:00.000Z',
        tier: 'pro',
      },
      usageIdentifierKey: 'gateway-key-value',
    });
    expect(Object.values(policy.context ?? {}).every((value) => typeof value === 'string')).toBe(true);
  });
});

describe('denyPolicy', () => {
  it('denies the called method and carries the error code and message in the context', () => {
    // Act
    const policy = denyPolicy(METHOD_ARN, 'key_1', 'INSUFFICIENT_SCOPE', 'This route needs scope memories:write');

    // Assess
    expect(policy).toEqual({
      principalId: 'key_1',
      policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Deny', Resource: METHOD_ARN }] },
      context: { errorCode: 'INSUFFICIENT_SCOPE', errorMessage: 'This route needs scope memories:write' },
    });
  });

  it('gives no usage identifier key and no tenant context', () => {
    // Act
    const policy = denyPolicy(METHOD_ARN, 'usr_1', 'ENVIRONMENT_FORBIDDEN', 'no');

    // Assess
    expect(policy.usageIdentifierKey).toBeUndefined();
    expect(policy.context).not.toHaveProperty('tenantId');
  });
});
