import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createDocumentClient } from '../../lambda/platform/dynamo';
import { tierUnavailableMessage } from '../../lambda/shared/deployed-config';
import { DYNAMO_ENDPOINT_ENVIRONMENT } from '../helpers/dynamo-global-setup';
import { bearer, expectError, registerTenant, startTestApi, type TestApi } from '../helpers/local-api';

/** The local gateway renders the deployed gateway response templates (VTL) with API Gateway's $context and $util. */
describe('gateway responses rendered from the deployed templates', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ authorizerCacheTtlSeconds: 1 });
  });
  afterAll(async () => api.stop());

  it('escapes the authorizer’s message into the 403 body, quotes and all', async () => {
    // Prepare: a tenant left on a tier the configuration no longer has; its message quotes the tier name.
    const { token, tenantId } = await registerTenant(api.call);
    const db = createDocumentClient(process.env[DYNAMO_ENDPOINT_ENVIRONMENT]);
    await db.send(
      new UpdateCommand({
        TableName: api.tables.accounts,
        Key: { pk: `TENANT#${tenantId}`, sk: 'TENANT' },
        UpdateExpression: 'SET tier = :tier',
        ExpressionAttributeValues: { ':tier': 'gold' },
      }),
    );
    db.destroy();
    api.clock.advance(1_100);

    // Act
    const response = await api.call('GET', '/v1/memories', { headers: bearer(token) });

    // Assess
    expectError(response, 403, 'TIER_UNAVAILABLE');
    expect(response.json.error.message).toBe(tierUnavailableMessage('gold'));
    expect(response.text.endsWith('\n')).toBe(true);
  });

  it('answers an unknown method of a known path with the gateway’s 404, carrying only API Gateway’s request id', async () => {
    // Prepare
    const { token } = await registerTenant(api.call);

    // Act
    const unknown = await api.call('DELETE', '/v1/usage', { headers: bearer(token) });

    // Assess
    expectError(unknown, 404, 'NOT_FOUND');
    expect(unknown.headers.get('x-amzn-requestid')).toBe(unknown.json.error.request_id);
    expect(unknown.headers.get('x-request-id')).toBeNull();
  });
});
