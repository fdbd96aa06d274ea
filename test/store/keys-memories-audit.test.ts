import { beforeAll, describe, expect, it } from '@jest/globals';
import type { ApiKeyRecord, Tenant } from '../../lambda/domain/records';
import type { Memory, Sandbox } from '../../lambda/domain/memory';
import { ApiKeysStore } from '../../lambda/store/api-keys-store';
import { AuditStore } from '../../lambda/store/audit-store';
import { IdempotentMemoryWrites, MemoriesStore } from '../../lambda/store/memories-store';
import { TenantsStore } from '../../lambda/store/tenants-store';
import { storeTables } from '../helpers/store-tables';

const NOW = Date.parse('2026-05-01T12:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
let tenants: TenantsStore;
let keys: ApiKeysStore;
let memories: MemoriesStore;
let idempotent: IdempotentMemoryWrites;
let audit: AuditStore;
let seq = 0;

beforeAll(async () => {
  const { db, tables } = await storeTables();
  tenants = new TenantsStore(db, tables.accounts);
  keys = new ApiKeysStore(db, tables.apiKeys, tables.accounts);
  memories = new MemoriesStore(db, tables.memories);
  idempotent = new IdempotentMemoryWrites(db, tables.memories);
  audit = new AuditStore(db, tables.audit);
});

async function newTenant(): Promise<Tenant> {
  const tenant: Tenant = {
    tenantId: `ten_${++seq}`,
    tier: 'free',
    createdAt: iso(NOW),
    activeKeys: 0,
    gatewayKeyId: 'gk',
    gatewayKeyValue: 'gv',
    gatewayKeyKind: 'pooled',
  };
  await tenants.createTenant(tenant);
  return tenant;
}

function key(tenantId: string): ApiKeyRecord {
  const n = ++seq;
  return {
    keyHash: `hash_${n}`,
    keyId: `key_${String(n).padStart(6, '0')}`,
    tenantId,
    name: `key ${n}`,
    environment: 'live',
    scopes: ['memories:read'],
    start: 'mem_live_abc',
    createdAt: iso(NOW),
    expiresAt: null,
    revokedAt: null,
    replaces: null,
    tier: 'free',
    gatewayKeyValue: 'gv',
  };
}

/** Room for every creation of a test (the hourly creation rate is tested over HTTP). */
const BUDGET = { perHour: 1_000, now: NOW };

describe('ApiKeysStore', () => {
  it('stores keys up to the tenant limit and finds them by hash and by id', async () => {
    // Prepare
    const tenant = await newTenant();
    const [a, b] = [key(tenant.tenantId), key(tenant.tenantId)];

    // Act
    const outcomes = [await keys.create(a, 1, BUDGET), await keys.create(b, 1, BUDGET)];

    // Assess
    expect(outcomes).toEqual([{ ok: true }, { ok: false, reason: 'limit' }]);
    expect(await keys.getByHash(a.keyHash)).toMatchObject({ keyId: a.keyId });
    expect(await keys.getById(tenant.tenantId, a.keyId)).toMatchObject({ keyHash: a.keyHash });
    expect(await keys.getById('ten_other', a.keyId)).toBeUndefined();
  });

  it('replaces a key once: a second rotation of the same key is "gone", whatever the limit says', async () => {
    // Prepare
    const tenant = await newTenant();
    const old = key(tenant.tenantId);
    await keys.create(old, 1, BUDGET);

    // Act
    const first = await keys.createReplacement(key(tenant.tenantId), old, iso(NOW + 60_000), 1, BUDGET);
    const second = await keys.createReplacement(key(tenant.tenantId), old, iso(NOW + 60_000), 0, BUDGET);

    // Assess
    expect([first, second]).toEqual([{ ok: true }, { ok: false, reason: 'gone' }]);
    expect((await keys.getByHash(old.keyHash))?.replacedBy).toBeDefined();
  });

  it('frees a slot when a key is revoked', async () => {
    // Prepare
    const tenant = await newTenant();
    const first = key(tenant.tenantId);
    await keys.create(first, 1, BUDGET);

    // Act
    await keys.revoke(first, NOW);
    const next = await keys.create(key(tenant.tenantId), 1, BUDGET);

    // Assess
    expect(next).toEqual({ ok: true });
    expect(await keys.list(tenant.tenantId, { status: 'active' }, { limit: 10 }, NOW)).toMatchObject({ items: [expect.anything()] });
  });
});

describe('MemoriesStore and its idempotent writes', () => {
  const memory = (id: string, scope: Sandbox): Memory => ({
    id,
    content: `memory ${id}`,
    type: 'semantic',
    metadata: {},
    environment: scope.environment,
    createdAt: iso(NOW),
    updatedAt: iso(NOW),
  });

  it('keeps each sandbox apart and lists newest first', async () => {
    // Prepare
    const live: Sandbox = { tenantId: `ten_${++seq}`, environment: 'live' };
    const test: Sandbox = { ...live, environment: 'test' };
    await memories.put(live, memory('mem_001', live));
    await memories.put(live, memory('mem_002', live));

    // Act
    const listed = await memories.list(live, {}, { limit: 10 });

    // Assess
    expect(listed.items.map((item) => item.id)).toEqual(['mem_002', 'mem_001']);
    expect(await memories.get(test, 'mem_001')).toBeUndefined();
    expect(await memories.delete(live, 'mem_001')).toBe(true);
    expect(await memories.delete(live, 'mem_001')).toBe(false);
  });

  it('writes a memory once per idempotency key', async () => {
    // Prepare
    const scope: Sandbox = { tenantId: `ten_${++seq}`, environment: 'live' };

    // Act
    const first = await idempotent.put(scope, 'idem-1', 'body-hash', memory('mem_101', scope), NOW);
    const second = await idempotent.put(scope, 'idem-1', 'body-hash', memory('mem_102', scope), NOW);

    // Assess
    expect([first, second]).toEqual([true, false]);
    expect(await idempotent.find(scope, 'idem-1', NOW)).toMatchObject({ bodyHash: 'body-hash' });
    expect(await memories.get(scope, 'mem_102')).toBeUndefined();
  });
});

describe('AuditStore', () => {
  it('lists a tenant’s events newest first, filtered by type', async () => {
    // Prepare
    const tenantId = `ten_${++seq}`;
    const event = (eventId: string, type: 'key.created' | 'login.failed') => ({
      tenantId,
      eventId,
      type,
      occurredAt: iso(NOW),
      actor: { type: 'user' as const, id: 'usr_1' },
      keyId: null,
      environment: null,
      sourceIp: null,
      userAgent: null,
      details: {},
    });
    await audit.record(event('evt_001', 'key.created'));
    await audit.record(event('evt_002', 'login.failed'));
    await audit.record(event('evt_003', 'key.created'));

    // Act
    const page = await audit.list(tenantId, { type: 'key.created' }, { limit: 10 }, NOW);

    // Assess
    expect(page.items.map((item) => item.eventId)).toEqual(['evt_003', 'evt_001']);
  });
});
