import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GatewayKey, GatewayKeyProvisioner } from '../lambda/platform/gateway-keys';
import type { GatewayKeyKind } from '../lambda/shared/tiers';

interface KeyEntry {
  readonly value: string;
  readonly kind: GatewayKeyKind;
  tier: string;
}

export interface UsagePlanMembership {
  readonly keyId: string;
  readonly tier: string;
  readonly kind: GatewayKeyKind;
}

/**
 * Stands in for API Gateway's API keys and usage plans: remembers which plan (tier) each key is
 * in, so the local gateway can throttle by it. Persisted beside the local database.
 */
export class LocalGatewayKeys implements GatewayKeyProvisioner {
  private readonly keys = new Map<string, KeyEntry>();
  private readonly file?: string;
  /** Calls that fail before succeeding, to exercise CreateApiKey throttling in tests. */
  failNextCreates = 0;
  created = 0;

  constructor(dataDir?: string) {
    if (!dataDir) return;
    this.file = join(dataDir, 'gateway-keys.json');
    if (existsSync(this.file)) {
      for (const [id, entry] of Object.entries(JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, KeyEntry>))
        this.keys.set(id, entry);
    }
  }

  async createKey(_name: string, tier: string, kind: GatewayKeyKind): Promise<GatewayKey> {
    if (this.failNextCreates > 0) {
      this.failNextCreates -= 1;
      const error = new Error('Rate exceeded');
      error.name = 'TooManyRequestsException';
      throw error;
    }
    const id = randomBytes(5).toString('hex');
    const value = randomBytes(30).toString('base64url');
    this.keys.set(id, { value, tier, kind });
    this.created += 1;
    this.save();
    return { id, value };
  }

  async moveKey(keyId: string, _fromTier: string, toTier: string): Promise<void> {
    const entry = this.keys.get(keyId);
    if (!entry) throw new Error(`no gateway key ${keyId}`);
    entry.tier = toTier;
    this.save();
  }

  async deleteKey(keyId: string): Promise<void> {
    this.keys.delete(keyId);
    this.save();
  }

  /** How many keys exist (tests check nothing is left behind). */
  get size(): number {
    return this.keys.size;
  }

  /** The key and usage plan (tier) a usageIdentifierKey belongs to, as API Gateway looks it up. */
  planOf(value: string): UsagePlanMembership | undefined {
    for (const [keyId, entry] of this.keys) if (entry.value === value) return { keyId, tier: entry.tier, kind: entry.kind };
    return undefined;
  }

  private save(): void {
    if (this.file) writeFileSync(this.file, JSON.stringify(Object.fromEntries(this.keys)), { mode: 0o600 });
  }
}
