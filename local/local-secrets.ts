import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addPepperVersion } from '../lambda/api-keys/pepper';
import type { SecretName, SecretSource, SecretVersions } from '../lambda/platform/secrets';

/**
 * Stands in for Secrets Manager locally: secrets are generated on first start into the data
 * folder (mode 0600, owner only), or kept in memory for an in-memory run. Like Secrets Manager it
 * keeps the current and the previous value of a secret, so a rotation can be tried locally.
 */
export class LocalSecretSource implements SecretSource {
  private readonly values = new Map<SecretName, SecretVersions>();

  constructor(private readonly dataDir?: string) {}

  async get(name: SecretName): Promise<SecretVersions> {
    let versions = this.values.get(name);
    if (!versions) {
      versions = this.dataDir ? this.fromFiles(name, this.dataDir) : { current: newSecretValue() };
      this.values.set(name, versions);
    }
    return versions;
  }

  /** Every function shares this one source, so a change is seen at once: there is nothing to reload. */
  refresh(name: SecretName): Promise<SecretVersions> {
    return this.get(name);
  }

  /** Like PutSecretValue: `value` becomes current, the current value previous. */
  async put(name: SecretName, value: string): Promise<void> {
    const { current } = await this.get(name);
    const versions = { current: value, previous: current };
    this.values.set(name, versions);
    if (!this.dataDir) return;
    writeFileSync(this.file(name, 'current', this.dataDir), versions.current, { mode: 0o600 });
    writeFileSync(this.file(name, 'previous', this.dataDir), versions.previous, { mode: 0o600 });
  }

  /** What the rotation function does to the JWT signing key: a new current value, the old one kept as previous. */
  rotate(name: SecretName): Promise<void> {
    return this.put(name, newSecretValue());
  }

  /** The pepper procedure's first step: a new pepper version for new keys, the old versions kept. */
  async addPepperVersion(): Promise<void> {
    return this.put('pepper', addPepperVersion((await this.get('pepper')).current, newSecretValue()));
  }

  private fromFiles(name: SecretName, dataDir: string): SecretVersions {
    const current = this.file(name, 'current', dataDir);
    const previous = this.file(name, 'previous', dataDir);
    if (existsSync(current)) {
      const value = readFileSync(current, 'utf8').trim();
      return existsSync(previous) ? { current: value, previous: readFileSync(previous, 'utf8').trim() } : { current: value };
    }
    mkdirSync(join(dataDir, 'secrets'), { recursive: true, mode: 0o700 });
    const value = newSecretValue();
    writeFileSync(current, value, { mode: 0o600, flag: 'wx' });
    return { current: value };
  }

  private file(name: SecretName, stage: 'current' | 'previous', dataDir: string): string {
    return join(dataDir, 'secrets', stage === 'current' ? `${name}.secret` : `${name}.previous.secret`);
  }
}

/** 64 characters, like the values CloudFormation and the rotation function generate. */
function newSecretValue(): string {
  return randomBytes(48).toString('base64url');
}
