import { describe, expect, it } from '@jest/globals';
import { resolveAppConfig } from '../../lambda/shared/config';
import { readDeployedConfig } from '../../lambda/shared/deployed-config';

describe('readDeployedConfig', () => {
  it('reads the resolved configuration the stack writes as it is', () => {
    // Prepare
    const resolved = resolveAppConfig({ keyPrefix: 'acme', tiers: { free: { requestsPerMinute: 90 } } }, 'test');

    // Act
    const config = readDeployedConfig(JSON.stringify(resolved), 'APP_CONFIG');

    // Assess
    expect(config).toEqual(resolved);
  });

  it.each([
    ['unset', undefined, 'Invalid configuration in APP_CONFIG: (root): not set'],
    ['not JSON', '{"stage":', 'Invalid configuration in APP_CONFIG: (root): not valid JSON'],
    ['not an object', '["dev"]', 'Invalid configuration in APP_CONFIG: (root): must be an object'],
  ])('fails the cold start with the reason when the value is %s', (_case, text, message) => {
    // Act
    const read = () => readDeployedConfig(text, 'APP_CONFIG');

    // Assess
    expect(read).toThrow(message);
  });

  it('names the keys a configuration that was not resolved lacks', () => {
    // Prepare
    const { tiers: _tiers, tracing: _tracing, ...partial } = resolveAppConfig({}, 'test');

    // Act
    const read = () => readDeployedConfig(JSON.stringify(partial), 'APP_CONFIG');

    // Assess
    expect(read).toThrow('Invalid configuration in APP_CONFIG: missing tiers, tracing');
  });
});
