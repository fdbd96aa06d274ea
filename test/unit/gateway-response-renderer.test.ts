import { describe, expect, it } from '@jest/globals';
import { escapeJavaScript, renderGatewayResponse, renderTemplate } from '../../local/gateway-response-renderer';

const CONTEXT = {
  requestId: 'req-1',
  accountId: '123456789012',
  apiId: 'local',
  stage: 'dev',
  httpMethod: 'GET',
  path: '/dev/v1/memories',
  sourceIp: '127.0.0.1',
  errorMessage: 'error',
};

describe('the local rendering of gateway responses', () => {
  it('escapes like API Gateway’s $util.escapeJavaScript, single quotes included', () => {
    // Act
    const escaped = escapeJavaScript(`it's "x" \\ / \n\t\u0001 é €`);

    // Assess
    expect(escaped).toBe(`it\\'s \\"x\\" \\\\ \\/ \\n\\t\\u0001 \\u00E9 \\u20AC`);
  });

  it('gives replaceAll Java’s regular-expression meaning, so AWS’s idiom for single quotes works', () => {
    // Act
    const rendered = renderTemplate(`$util.escapeJavaScript($context.authorizer.m).replaceAll("\\\\'","'")`, {
      ...CONTEXT,
      authorizer: { m: `it's` },
      responseType: 'ACCESS_DENIED',
    });

    // Assess
    expect(rendered).toBe(`it's`);
  });

  it('answers a type without its own customisation with DEFAULT_4XX or DEFAULT_5XX, keeping the type’s status', () => {
    // Act
    const unsupported = renderGatewayResponse('UNSUPPORTED_MEDIA_TYPE', CONTEXT);
    const integrationFailed = renderGatewayResponse('INTEGRATION_FAILURE', CONTEXT);

    // Assess
    expect([unsupported.status, JSON.parse(unsupported.body).error.code]).toEqual([415, 'VALIDATION_ERROR']);
    expect([integrationFailed.status, JSON.parse(integrationFailed.body).error.code]).toEqual([504, 'INTERNAL_ERROR']);
  });

  it('answers a failed authorizer (closed within its budget) with 503 SERVICE_UNAVAILABLE and Retry-After', () => {
    // Act
    const authorizerFailed = renderGatewayResponse('AUTHORIZER_FAILURE', CONTEXT);

    // Assess
    expect([authorizerFailed.status, JSON.parse(authorizerFailed.body).error.code]).toEqual([503, 'SERVICE_UNAVAILABLE']);
    expect(authorizerFailed.headers['Retry-After']).toBe('2');
  });

  it('answers an integration timeout with 504 and a WAF block with 403, in the error shape', () => {
    // Act
    const timeout = renderGatewayResponse('INTEGRATION_TIMEOUT', CONTEXT);
    const blocked = renderGatewayResponse('WAF_FILTERED', CONTEXT);

    // Assess
    expect([timeout.status, JSON.parse(timeout.body).error.code]).toEqual([504, 'GATEWAY_TIMEOUT']);
    expect([blocked.status, JSON.parse(blocked.body).error.code]).toEqual([403, 'REQUEST_BLOCKED']);
  });

  it('falls back to the default code and message when a Deny carries no context', () => {
    // Act
    const denied = renderGatewayResponse('ACCESS_DENIED', { ...CONTEXT, authorizer: null });

    // Assess
    expect(JSON.parse(denied.body)).toEqual({
      error: { code: 'INSUFFICIENT_SCOPE', message: 'This credential may not call this route', request_id: 'req-1' },
    });
  });

  it('sends the deployed literal headers', () => {
    // Act
    const throttled = renderGatewayResponse('THROTTLED', CONTEXT);

    // Assess
    expect(throttled.headers).toEqual({ 'Content-Type': 'application/json', 'Retry-After': '1', 'X-RateLimit-Retry-After': '1' });
  });
});
