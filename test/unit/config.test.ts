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
      managementRequestsPerMinute: 60,
      loginAttemptsPerAddress: 100,
      searchReadBytes: 8 * 1024 * 1024,
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
    expect(tiers.free).toEqual({ requestsPerMinute: 60, burst: 20, creditsPerMonth: 1_000, activeKeys: 2 });
    expect(tiers.enterprise).toEqual({ requestsPerMinute: 3_000, burst: 1_000, creditsPerMonth: null, activeKeys: null });
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
