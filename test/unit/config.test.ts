import { describe, expect, it } from '@jest/globals';
import { mergeTierOverrides, parseAppConfig, resolveAppConfig } from '../../lambda/shared/config';
import { DEFAULT_TIERS } from '../../lambda/shared/tiers';

describe('parseAppConfig', () => {
  it('fills every default from an empty input', () => {
    // Act
    const config = parseAppConfig({}, 'test');

    // Assess
    expect(config).toEqual({
      stage: 'dev',
      keyPrefix: 'mem',
      authorizerCacheTtlSeconds: 10,
      tiers: DEFAULT_TIERS,
      defaultTier: 'free',
      dedicatedGatewayKeyLimit: 9_000,
      pooledGatewayKeyShards: 4,
      pooledTenantsPerKey: 100,
      apiGatewayCloudWatchRole: true,
      identityProviders: [],
      cors: { allowedOrigins: [], maxAgeSeconds: 600 },
      tracing: true,
      waf: { credentialRequestsPer5Minutes: 100, requestsPer5Minutes: 20_000 },
      alarms: {
        api5xxPercent: 1,
        functionErrors: 5,
        authorizerP99Milliseconds: 1_000,
        dynamoThrottledRequests: 10,
        dynamoSystemErrors: 1,
        gatewayKeyProvisioningFailures: 1,
        gatewayKeysInUse: 8_000,
      },
      jwtSecretRotationDays: 30,
      concurrency: { reserved: {}, authorizerProvisioned: 0 },
      managementRequestsPerMinute: 60,
      keyCreationsPerHour: 30,
      loginAttemptsPerAddress: 100,
      search: { embeddingDimension: 512, vectorBuckets: 1 },
    });
  });

  it('treats undefined input as empty', () => {
    // Act
    const config = parseAppConfig(undefined, 'test');

    // Assess
    expect(config.keyPrefix).toBe('mem');
  });

  it('keeps the documented default tier limits', () => {
    // Act
    const { tiers } = parseAppConfig({}, 'test');

    // Assess
    expect(tiers.free).toEqual({ requestsPerMinute: 60, burst: 20, creditsPerMonth: 1_000, activeKeys: 2, dedicatedGatewayKey: false });
    expect(tiers.enterprise).toEqual({
      requestsPerMinute: 3_000,
      burst: 1_000,
      creditsPerMonth: null,
      activeKeys: null,
      dedicatedGatewayKey: true,
    });
  });

  it('gives dedicated gateway keys to the paid tiers only, and to a new tier only when it asks', () => {
    // Act
    const config = parseAppConfig(
      { tiers: { ...DEFAULT_TIERS, team: { requestsPerMinute: 100, burst: 10, creditsPerMonth: 5_000, activeKeys: 3 } } },
      'test',
    );

    // Assess
    const dedicated = Object.entries(config.tiers)
      .filter(([, tier]) => tier.dedicatedGatewayKey)
      .map(([name]) => name);
    expect(dedicated).toEqual(['starter', 'pro', 'scale', 'enterprise']);
  });

  it('refuses more dedicated gateway keys than the region leaves beside the pooled ones', () => {
    // Act
    const attempt = () => parseAppConfig({ dedicatedGatewayKeyLimit: 10_000, pooledGatewayKeyShards: 4 }, 'cdk.json');

    // Assess
    expect(attempt).toThrow('dedicatedGatewayKeyLimit: with 20 pooled keys it must be at most 9980 (a region holds 10000 API keys)');
  });

  it.each(['ab', 'acme', 'abcdefgh'])('accepts key prefix %j', (keyPrefix) => {
    // Act
    const config = parseAppConfig({ keyPrefix }, 'test');

    // Assess
    expect(config.keyPrefix).toBe(keyPrefix);
  });

  it.each(['MEM', 'm', 'toolongpre', 'me1', 'me_m', ''])('refuses key prefix %j, naming the field', (keyPrefix) => {
    // Act
    const attempt = () => parseAppConfig({ keyPrefix }, 'cdk.json');

    // Assess
    expect(attempt).toThrow(/Invalid configuration in cdk\.json: keyPrefix: must be 2–8 lowercase letters/);
  });

  it('refuses a negative request rate, naming the tier field', () => {
    // Prepare
    const tiers = { ...DEFAULT_TIERS, free: { ...DEFAULT_TIERS.free, requestsPerMinute: -5 } };

    // Act
    const attempt = () => parseAppConfig({ tiers }, 'test');

    // Assess
    expect(attempt).toThrow(/tiers\.free\.requestsPerMinute/);
  });

  it('refuses an unknown default tier, naming the field and the tier', () => {
    // Act
    const attempt = () => parseAppConfig({ defaultTier: 'gold' }, 'test');

    // Assess
    expect(attempt).toThrow(/defaultTier: unknown tier "gold"/);
  });

  it('refuses an unknown top-level field, naming it', () => {
    // Act
    const attempt = () => parseAppConfig({ keyPrefx: 'abc' }, 'test');

    // Assess
    expect(attempt).toThrow(/keyPrefx/);
  });

  it('refuses an unknown field inside a tier, naming it', () => {
    // Prepare
    const tiers = { ...DEFAULT_TIERS, free: { ...DEFAULT_TIERS.free, requestsPerHour: 10 } };

    // Act
    const attempt = () => parseAppConfig({ tiers }, 'test');

    // Assess
    expect(attempt).toThrow(/tiers\.free.*requestsPerHour/);
  });

  it('lists every problem in one message', () => {
    // Act
    const attempt = () => parseAppConfig({ keyPrefix: 'X', authorizerCacheTtlSeconds: -1 }, 'test');

    // Assess
    expect(attempt).toThrow(/keyPrefix: .*; authorizerCacheTtlSeconds: /);
  });

  it('refuses an empty tier table', () => {
    // Act
    const attempt = () => parseAppConfig({ tiers: {}, defaultTier: 'free' }, 'test');

    // Assess
    expect(attempt).toThrow(/tiers: at least one tier is needed/);
  });

  it.each([301, 1.5])('refuses an authorizer cache time of %s seconds', (authorizerCacheTtlSeconds) => {
    // Act
    const attempt = () => parseAppConfig({ authorizerCacheTtlSeconds }, 'test');

    // Assess
    expect(attempt).toThrow(/authorizerCacheTtlSeconds/);
  });
});

describe('mergeTierOverrides', () => {
  it('merges a partial tier over its default', () => {
    // Act
    const merged = mergeTierOverrides({ free: { requestsPerMinute: 100 } });

    // Assess
    expect(merged.free).toEqual({ ...DEFAULT_TIERS.free, requestsPerMinute: 100 });
    expect(merged.pro).toEqual(DEFAULT_TIERS.pro);
  });

  it('produces a configuration that parses', () => {
    // Prepare
    const tiers = mergeTierOverrides({ starter: { burst: 150 } });

    // Act
    const config = parseAppConfig({ tiers }, 'test');

    // Assess
    expect(config.tiers.starter).toEqual({ ...DEFAULT_TIERS.starter, burst: 150 });
  });

  it('adds a new tier as given, so an incomplete one fails validation', () => {
    // Prepare
    const tiers = mergeTierOverrides({ gold: { requestsPerMinute: 5 } });

    // Act
    const attempt = () => parseAppConfig({ tiers }, 'test');

    // Assess
    expect(tiers.gold).toEqual({ requestsPerMinute: 5 });
    expect(attempt).toThrow(/tiers\.gold\.burst/);
  });

  it('removes a tier given as null, and refuses a default tier that was removed', () => {
    // Act
    const tiers = mergeTierOverrides({ starter: null });
    const attempt = () => resolveAppConfig({ tiers: { free: null } }, 'test');

    // Assess
    expect(Object.keys(tiers)).not.toContain('starter');
    expect(attempt).toThrow(/defaultTier: unknown tier "free"/);
  });

  it('returns the defaults for no overrides without sharing them', () => {
    // Act
    const merged = mergeTierOverrides(undefined);

    // Assess
    expect(merged).toEqual(DEFAULT_TIERS);
    expect(merged).not.toBe(DEFAULT_TIERS);
  });
});

describe('identityProviders', () => {
  const provider = {
    issuer: 'https://tenant.eu.auth0.com/',
    jwksUri: 'https://tenant.eu.auth0.com/.well-known/jwks.json',
    audience: 'memory-api',
  };

  it('defaults the tenant claim to org_id and the scope claim to scope', () => {
    // Act
    const config = parseAppConfig({ identityProviders: [provider] }, 'test');

    // Assess
    expect(config.identityProviders).toEqual([{ ...provider, tenantClaim: 'org_id', scopeClaim: 'scope' }]);
  });

  it.each(['http://localhost:4000/jwks.json', 'http://127.0.0.1:4000/jwks.json', 'http://[::1]:4000/jwks.json'])(
    'accepts an http JWKS URL on a loopback host: %s',
    (jwksUri) => {
      expect(parseAppConfig({ identityProviders: [{ ...provider, jwksUri }] }, 'test').identityProviders[0]?.jwksUri).toBe(jwksUri);
    },
  );

  it.each(['http://idp.example.com/jwks.json', 'http://10.0.0.8/jwks.json', 'ftp://idp.example.com/jwks.json', 'not a url'])(
    'refuses JWKS URL %s',
    (jwksUri) => {
      expect(() => parseAppConfig({ identityProviders: [{ ...provider, jwksUri }] }, 'test')).toThrow(/identityProviders\.0\.jwksUri/);
    },
  );

  it('refuses the same issuer twice, our own issuer, and a provider without an audience', () => {
    expect(() => parseAppConfig({ identityProviders: [provider, provider] }, 'test')).toThrow(
      /identityProviders\.1\.issuer: issuer .* is configured twice/,
    );
    expect(() => parseAppConfig({ identityProviders: [{ ...provider, issuer: 'agent-memory-api' }] }, 'test')).toThrow(/is our own issuer/);
    expect(() => parseAppConfig({ identityProviders: [{ ...provider, audience: undefined }] }, 'test')).toThrow(
      /identityProviders\.0\.audience/,
    );
  });
});
