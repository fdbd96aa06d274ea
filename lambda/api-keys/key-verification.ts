import { keyStatus, type ApiKeyRecord } from '../domain/records';
import { TtlCache } from '../platform/ttl-cache';
import type { Dependencies } from '../wiring/dependencies';
import { parseApiKey } from './key-format';
import { hashApiKey } from './key-hash';
import { pepperVersions, type Pepper } from './pepper';

/**
 * "No such key" is remembered this long, in a cache of its own: CRC32 is public, so anyone can make
 * keys that pass the checksum, and a stream of them must never push real keys out of the cache.
 * It only spares the reads of one forged key sent again and again.
 */
const UNKNOWN_KEY_TTL_MS = 1_000;

export type KeyVerification =
  | { readonly ok: true; readonly key: ApiKeyRecord }
  | { readonly ok: false; readonly reason: 'malformed' | 'bad_checksum' | 'unknown' | 'revoked' }
  /** The expired key is named, so the attempt can be put in its tenant's audit trail. */
  | { readonly ok: false; readonly reason: 'expired'; readonly key: ApiKeyRecord };

/**
 * Checks a presented API key: its shape and checksum (garbage is refused before any read), then
 * its keyed hash under each pepper version, then its status. A key found is cached for the
 * authorizer's cache time; expiry is checked on every call against the cached record, so a
 * revocation is seen once the entry expires. Only what exists is cached that long: a key not found
 * is read again after a second, so one created a moment ago works.
 */
export class ApiKeyVerifier {
  private readonly keys: TtlCache<ApiKeyRecord>;
  private readonly unknownKeys: TtlCache<true>;

  constructor(
    private readonly deps: Pick<Dependencies, 'config' | 'secrets' | 'apiKeys'>,
    cacheEntries: number,
  ) {
    const ttlMs = deps.config.authorizerCacheTtlSeconds * 1000;
    this.keys = new TtlCache(ttlMs, cacheEntries);
    this.unknownKeys = new TtlCache(Math.min(ttlMs, UNKNOWN_KEY_TTL_MS), cacheEntries);
  }

  async verify(key: string, now: number): Promise<KeyVerification> {
    const parsed = parseApiKey(key, this.deps.config.keyPrefix);
    if (!parsed.ok) return { ok: false, reason: parsed.problem };
    const peppers = (await pepperVersions(this.deps.secrets)).all;
    // Cached by the hash under the newest pepper, which changes when a pepper version is added.
    const record = await this.keyRecord(key, hashApiKey(key, (peppers[0] as Pepper).value), peppers, now);
    if (!record) return { ok: false, reason: 'unknown' };
    const status = keyStatus(record, now);
    if (status === 'revoked') return { ok: false, reason: 'revoked' };
    if (status === 'expired') return { ok: false, reason: 'expired', key: record };
    return { ok: true, key: record };
  }

  /** Known keys and unknown ones live in caches of their own, so a stream of forged keys never pushes a real key out. */
  private async keyRecord(key: string, cacheKey: string, peppers: readonly Pepper[], now: number): Promise<ApiKeyRecord | undefined> {
    const cached = this.keys.get(cacheKey, now);
    if (cached || this.unknownKeys.get(cacheKey, now)) return cached;
    const record = (await this.findKey(key, peppers)) ?? (await this.findKeyUnderNewPeppers(key, peppers));
    if (record) this.keys.set(cacheKey, record, now);
    else this.unknownKeys.set(cacheKey, true, now);
    return record;
  }

  /** One read per pepper version, in parallel (one version, one read, outside a pepper change). */
  private async findKey(key: string, peppers: readonly Pepper[]): Promise<ApiKeyRecord | undefined> {
    const found = await Promise.all(peppers.map((pepper) => this.deps.apiKeys.getByHash(hashApiKey(key, pepper.value))));
    return found.find((record) => record !== undefined);
  }

  /**
   * A key hashed with a pepper version added since this instance read the secret: read it again
   * (at most every 30 s) and look the key up under the versions it did not know.
   */
  private async findKeyUnderNewPeppers(key: string, known: readonly Pepper[]): Promise<ApiKeyRecord | undefined> {
    const fresh = (await pepperVersions(this.deps.secrets, true)).all;
    const added = fresh.filter((pepper) => !known.some((old) => old.version === pepper.version && old.value === pepper.value));
    return added.length > 0 ? this.findKey(key, added) : undefined;
  }
}
