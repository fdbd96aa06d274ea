import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parsePeppers } from '../../lambda/api-keys/pepper';
import { hashApiKey } from '../../lambda/api-keys/key-hash';
import { bearer, createKey, expectError, registerTenant, startTestApi, type TestApi } from '../helpers/local-api';
import { roomyFreeTier } from './support';

const login = (api: TestApi, email: string) =>
  api
    .call('POST', '/v1/auth/login', { body: { email, password: 'correct horse battery' } })
    .then((response) => response.json.access_token as string);

describe('rotating the JWT signing key', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => api.stop());

  it('keeps a token signed before the rotation working after it, and signs new tokens with the new key', async () => {
    // Prepare
    const owner = await registerTenant(api.call);
    const before = await api.secrets.get('jwt');

    // Act
    await api.secrets.rotate('jwt');
    const oldToken = await api.call('GET', '/v1/usage', { headers: bearer(owner.token) });
    const newToken = await login(api, owner.email);
    const withNewToken = await api.call('GET', '/v1/usage', { headers: bearer(newToken) });

    // Assess
    expect(oldToken.status).toBe(200);
    expect(withNewToken.status).toBe(200);
    expect(newToken).not.toBe(owner.token);
    expect((await api.secrets.get('jwt')).previous).toBe(before.current);
  });

  it('refuses a token whose key two rotations have retired', async () => {
    // Prepare
    const owner = await registerTenant(api.call);

    // Act
    await api.secrets.rotate('jwt');
    await api.secrets.rotate('jwt');
    const response = await api.call('GET', '/v1/usage', { headers: bearer(owner.token) });

    // Assess
    expectError(response, 401, 'AUTH_REQUIRED');
  });
});

describe('adding a pepper version', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi(roomyFreeTier({}, { activeKeys: 10 }));
  });
  afterAll(async () => api.stop());

  it('keeps keys hashed with the old version working, and hashes new keys with the new version', async () => {
    // Prepare
    const owner = await registerTenant(api.call);
    const oldKey = await createKey(api.call, owner.token, { name: 'before' });
    const firstPepper = (await api.secrets.get('pepper')).current;

    // Act
    await api.secrets.addPepperVersion();
    const peppers = parsePeppers((await api.secrets.get('pepper')).current);
    const newKey = await createKey(api.call, owner.token, { name: 'after' });
    const withOld = await api.call('GET', '/v1/memories', { headers: bearer(oldKey.key) });
    const withNew = await api.call('GET', '/v1/memories', { headers: bearer(newKey.key) });

    // Assess
    expect(withOld.status).toBe(200);
    expect(withNew.status).toBe(200);
    expect(peppers.all.map((pepper) => pepper.version)).toEqual([2, 1]);
    expect(peppers.all.find((pepper) => pepper.version === 1)?.value).toBe(firstPepper);
    const stored = await api.deps.apiKeys.getByHash(hashApiKey(newKey.key, peppers.current.value));
    expect(stored).toMatchObject({ keyId: newKey.id, pepperVersion: 2 });
    expect(await api.deps.apiKeys.getByHash(hashApiKey(oldKey.key, firstPepper))).toMatchObject({ keyId: oldKey.id });
  });

  it('stops accepting keys of a version the operator removed', async () => {
    // Prepare
    const owner = await registerTenant(api.call);
    const key = await createKey(api.call, owner.token, { name: 'old pepper' });
    await api.secrets.addPepperVersion();
    const { all } = parsePeppers((await api.secrets.get('pepper')).current);
    const keyVersion = all[1]?.version ?? 0;
    const remaining = Object.fromEntries(
      all.filter((pepper) => pepper.version !== keyVersion).map((pepper) => [pepper.version, pepper.value]),
    );

    // Act
    await api.secrets.put('pepper', JSON.stringify(remaining));
    api.clock.advance(60_000);
    const response = await api.call('GET', '/v1/memories', { headers: bearer(key.key) });

    // Assess
    expectError(response, 401, 'AUTH_REQUIRED');
  });
});
