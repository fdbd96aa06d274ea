import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretName, SecretSource, SecretVersions } from '../lambda/platform/secrets';

/**
 * Stands in for Secrets Manager locally: secrets are generated on first start into the data
 * folder (mode 0600, owner only), or kept in memory for an in-memory run.
 */
export class LocalSecretSource implements SecretSource {
  private readonly values = new Map<SecretName, string>();

  constructor(private readonly dataDir?: string) {}

  async get(name: SecretName): Promise<SecretVersions> {
    let value = this.values.get(name);
    if (!value) {
      value = this.dataDir ? this.fromFile(name, this.dataDir) : randomBytes(48).toString('base64url');
      this.values.set(name, value);
    }
    return { current: value };
  }

  /** Local secrets never rotate. */
  refresh(name: SecretName): Promise<SecretVersions> {
    return this.get(name);
  }

  private fromFile(name: SecretName, dataDir: string): string {
    const file = join(dataDir, 'secrets', `${name}.secret`);
    if (existsSync(file)) return readFileSync(file, 'utf8').trim();
    mkdirSync(join(dataDir, 'secrets'), { recursive: true, mode: 0o700 });
    const value = randomBytes(48).toString('base64url');
    writeFileSync(file, value, { mode: 0o600, flag: 'wx' });
    return value;
  }
}
