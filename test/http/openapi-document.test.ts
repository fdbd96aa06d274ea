import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bearer, registerTenant, startTestApi, type TestApi } from '../helpers/local-api';
import { openApiDocument } from '../helpers/openapi-responses';

describe('GET /v1/openapi.json', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => api.stop());

  it('serves the committed document without credentials', async () => {
    // Act
    const response = await api.call('GET', '/v1/openapi.json');

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.json).toEqual(openApiDocument);
  });

  it('serves the same document to a caller with credentials, spending no credit', async () => {
    // Prepare
    const { token } = await registerTenant(api.call);

    // Act
    const response = await api.call('GET', '/v1/openapi.json', { headers: bearer(token) });

    // Assess
    expect(response.json).toEqual(openApiDocument);
    expect(response.headers.get('x-ratelimit-remaining')).toBeNull();
  });
});
