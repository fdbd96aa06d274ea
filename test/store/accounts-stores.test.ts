import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Tenant, User } from '../../lambda/domain/records';
import { GatewayKeySlotsStore } from '../../lambda/gateway-keys/gateway-key-slots-store';
import { LoginAttemptsStore } from '../../lambda/store/login-attempts-store';
import { TenantsStore } from '../../lambda/store/tenants-store';
import { storeTables } from '../helpers/store-tables';

const NOW = Date.parse('2026-05-01T12:00:00Z');
let tenants: TenantsStore;
let logins: LoginAttemptsStore;
let slots: GatewayKeySlotsStore;
let seq = 0;

beforeAll(async () => {
  const { db, tables } = await storeTables();
  tenants = new TenantsStore(db, tables.accounts);
  logins = new LoginAttemptsStore(db, tables.accounts);
  slots = new GatewayKeySlotsStore(db, tables.accounts);
});

function tenant(): Tenant {
  return {
    tenantId: `ten_${++seq}`,
    tier: 'free',
    createdAt: new Date(NOW).toISOString(),
    activeKeys: 0,
    gatewayKeyId: 'gk_1',
    gatewayKeyValue: 'value_1',
    gatewayKeyKind: 'pooled',
  };
}

function owner(of: Tenant, email: string): User {
  return { userId: `usr_${seq}`, tenantId: of.tenantId, email, fullName: 'Ada', passwordHash: 'hash', createdAt: of.createdAt };
}

describe('TenantsStore', () => {
  it('creates tenant and owner together, and refuses an email taken in any case', async () => {
    // Prepare
    const first = tenant();
    const second = tenant();

    // Act
    const created = await tenants.createTenantWithOwner(first, owner(first, 'ada@example.com'));
    const again = await tenants.createTenantWithOwner(second, owner(second, 'ADA@example.com'));

    // Assess
    expect([created, again]).toEqual([true, false]);
    expect(await tenants.getTenant(first.tenantId)).toMatchObject({ tenantId: first.tenantId, tier: 'free' });
    expect(await tenants.getTenant(second.tenantId)).toBeUndefined();
    expect(await tenants.findUserByEmail('Ada@Example.com')).toMatchObject({ tenantId: first.tenantId });
  });

  it('creates a tenant once: only the first writer is told it created it', async () => {
    // Prepare
    const one = tenant();

    // Act
    const outcomes = await Promise.all([tenants.createTenant(one), tenants.createTenant(one)]);

    // Assess
    expect(outcomes.sort()).toEqual([false, true]);
  });
});

describe('LoginAttemptsStore', () => {
  it('takes attempts up to the limit, refuses until the window ends, and starts again once cleared', async () => {
    // Prepare
    const counter = { email: `e${++seq}@example.com` };
    const limit = { max: 2, windowSeconds: 900 };

    // Act
    const taken = [];
    for (let i = 0; i < 3; i++) taken.push(await logins.takeLoginAttempt(counter, limit, NOW + i * 1000));
    await logins.clearLoginAttempts([counter]);
    const afterClear = await logins.takeLoginAttempt(counter, limit, NOW + 4000);

    // Assess
    expect(taken.map((outcome) => outcome.ok)).toEqual([true, true, false]);
    expect(taken[2]).toEqual({ ok: false, retryAt: NOW / 1000 + 900 });
    expect(afterClear).toEqual({ ok: true });
  });
});

describe('GatewayKeySlotsStore', () => {
  it('hands out dedicated slots up to the limit and takes one back when a pending key is released', async () => {
    // Prepare
    const [a, b] = [tenant(), tenant()];
    await tenants.createTenant(a);
    await tenants.createTenant(b);
    const taken = await slots.dedicatedKeysTaken();

    // Act
    const first = await slots.reserveDedicatedKey(a.tenantId, { name: 'k-a', tier: 'pro' }, taken + 1);
    const second = await slots.reserveDedicatedKey(b.tenantId, { name: 'k-b', tier: 'pro' }, taken + 1);
    await slots.releasePendingKey(a.tenantId, { name: 'k-a', tier: 'pro' });
    const retried = await slots.reserveDedicatedKey(b.tenantId, { name: 'k-b', tier: 'pro' }, taken + 1);

    // Assess
    expect([first, second, retried]).toEqual([true, false, true]);
    expect(await slots.dedicatedKeysTaken()).toBe(taken + 1);
    expect((await tenants.getTenant(b.tenantId))?.pendingGatewayKey).toEqual({ name: 'k-b', tier: 'pro' });
  });

  it('keeps pool shards per tier', async () => {
    // Act
    await slots.putPoolShard('pool-test', 0, { id: 'g0', value: 'v0' });
    await slots.putPoolShard('pool-test', 1, { id: 'g1', value: 'v1' });
    await slots.deletePoolShard('pool-test', 0);

    // Assess
    expect([...(await slots.poolShards('pool-test'))]).toEqual([[1, { id: 'g1', value: 'v1' }]]);
  });

  it('records an unsettled tier change and ends it once settled', async () => {
    // Prepare
    const one = tenant();
    await tenants.createTenant(one);
    const settlesAt = new Date(NOW + 60_000).toISOString();

    // Act
    await slots.switchGatewayKey(one, { tier: 'pro', key: { id: 'g2', value: 'v2' }, kind: 'pooled', settlesAt });
    const pending = await slots.unsettledTenants();
    await slots.markSettled(one.tenantId, settlesAt);

    // Assess
    expect(pending).toContainEqual({ tenantId: one.tenantId, settlesAt });
    expect(await slots.unsettledTenants()).not.toContainEqual({ tenantId: one.tenantId, settlesAt });
    expect(await tenants.getTenant(one.tenantId)).toMatchObject({ tier: 'pro', gatewayKeyId: 'g2' });
  });
});
