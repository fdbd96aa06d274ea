import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { LOGIN_MAX_ATTEMPTS, LOGIN_WINDOW_SECONDS } from '../../lambda/handlers/auth';
import { expectError, registerTenant, startTestApi, type TestApi } from '../helpers/local-api';

describe('login lockout', () => {
  let api: TestApi;
  const login = (email: string, password: string) => api.call('POST', '/v1/auth/login', { body: { email, password } });
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => api.stop());

  it('lets no more than the allowed attempts through when guesses race', async () => {
    const { email } = await registerTenant(api.call);
    const responses = await Promise.all(Array.from({ length: 12 }, (_, i) => login(email, `wrong guess ${i}`)));
    expect(responses.filter((response) => response.status === 401)).toHaveLength(LOGIN_MAX_ATTEMPTS);
    for (const response of responses.filter((r) => r.status !== 401)) expectError(response, 429, 'TOO_MANY_ATTEMPTS');
  });

  it('locks again in the next window after the first one expired', async () => {
    const { email } = await registerTenant(api.call);
    for (let i = 0; i < LOGIN_MAX_ATTEMPTS; i++) expectError(await login(email, 'wrong password!'), 401, 'INVALID_CREDENTIALS');
    expectError(await login(email, 'correct horse battery'), 429, 'TOO_MANY_ATTEMPTS');
    api.clock.advance((LOGIN_WINDOW_SECONDS + 1) * 1000);
    for (let i = 0; i < LOGIN_MAX_ATTEMPTS; i++) expectError(await login(email, 'wrong password!'), 401, 'INVALID_CREDENTIALS');
    const locked = await login(email, 'wrong password!');
    expectError(locked, 429, 'TOO_MANY_ATTEMPTS');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(LOGIN_WINDOW_SECONDS - 60);
  });

  it('clears the count after a successful login', async () => {
    const { email } = await registerTenant(api.call);
    for (let i = 0; i < LOGIN_MAX_ATTEMPTS - 1; i++) expectError(await login(email, 'wrong password!'), 401, 'INVALID_CREDENTIALS');
    expect((await login(email, 'correct horse battery')).status).toBe(200);
    for (let i = 0; i < LOGIN_MAX_ATTEMPTS - 1; i++) expectError(await login(email, 'wrong password!'), 401, 'INVALID_CREDENTIALS');
    expect((await login(email, 'correct horse battery')).status).toBe(200);
  });
});
