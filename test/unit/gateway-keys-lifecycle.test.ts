import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { describe, expect, it } from '@jest/globals';
import type { GatewayKey, GatewayKeyProvisioner, NamedGatewayKey } from '../../lambda/gateway-keys/gateway-key-provisioner';
import {
  ACCESS_DENIED_RETRY_MS,
  gatewayKeysPhysicalId,
  onGatewayKeysEvent,
  type GatewayKeysLifecycle,
} from '../../lambda/gateway-keys/gateway-keys-lifecycle';
import type { Dependencies } from '../../lambda/wiring/dependencies';
import { pooledGatewayKeyName } from '../../lambda/shared/tiers';
import { createFakeDependencies } from './fake-dependencies';

const STACK = 'app';
const STACK_ID = 'arn:aws:cloudformation:us-east-1:123456789012:stack/app/guid';

function accessDenied(): Error {
  return Object.assign(new Error('User is not authorized to perform: apigateway:POST'), { name: 'AccessDeniedException' });
}

/** A control plane holding the stack's keys (pooled and dedicated), and the pool shards recorded in the accounts table. */
function stackWithKeys(options: { stackStatus?: string; deniedCalls?: number } = {}) {
  const { deps, clock, metrics } = createFakeDependencies({ pooledGatewayKeyShards: 1 });
  const tiers = Object.keys(deps.config.tiers);
  const keys = new Map<string, NamedGatewayKey>();
  const shards = new Map<string, GatewayKey>();
  for (const tier of tiers) {
    const key = { id: `pooled-${tier}`, value: `v-${tier}`, name: pooledGatewayKeyName(STACK, tier, 0) };
    keys.set(key.id, key);
    shards.set(tier, key);
  }
  keys.set('dedicated-1', { id: 'dedicated-1', value: 'v-d1', name: `${STACK}-tnt_1-ab` });
  let denied = options.deniedCalls ?? 0;
  const control = () => {
    if (denied > 0) {
      denied -= 1;
      throw accessDenied();
    }
  };
  const gatewayKeys: GatewayKeyProvisioner = {
    stack: STACK,
    createKey: async (name) => {
      control();
      const key = { id: `new-${name}`, value: `v-${name}`, name };
      keys.set(key.id, key);
      return key;
    },
    findKey: async () => undefined,
    addToPlan: async () => control(),
    isInPlan: async () => true,
    deleteKey: async (id) => {
      control();
      keys.delete(id);
    },
    listStackKeys: async () => {
      control();
      return [...keys.values()];
    },
    countAccountKeys: async () => keys.size,
  };
  const gatewayKeySlots = {
    poolShards: async (tier: string) => new Map(shards.has(tier) ? [[0, shards.get(tier) as GatewayKey]] : []),
    putPoolShard: async (tier: string, _shard: number, key: GatewayKey) => void shards.set(tier, key),
    deletePoolShard: async (tier: string) => void shards.delete(tier),
    dedicatedKeysTaken: async () => 1,
    poolPlacesTaken: async () => 0,
  } as unknown as Dependencies['gatewayKeySlots'];
  const pauses: number[] = [];
  const lifecycle: GatewayKeysLifecycle = {
    deps: { ...deps, gatewayKeys, gatewayKeySlots },
    stackStatus: async (stackId) => (stackId === STACK_ID ? (options.stackStatus ?? 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS') : undefined),
    deadline: Number.POSITIVE_INFINITY,
    pause: async (ms) => {
      pauses.push(ms);
      clock.now += ms;
    },
    now: () => clock.now,
  };
  return { lifecycle, keys, shards, pauses, metrics };
}

function deleteEvent(physicalId: string): CloudFormationCustomResourceEvent {
  return {
    RequestType: 'Delete',
    ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:gk',
    ResponseURL: 'https://example.invalid/answer',
    StackId: STACK_ID,
    RequestId: 'req-1',
    LogicalResourceId: 'GatewayKeysResource',
    PhysicalResourceId: physicalId,
    ResourceType: 'Custom::GatewayKeys',
    ResourceProperties: { ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:gk' },
  };
}

function createEvent(): CloudFormationCustomResourceEvent {
  const { PhysicalResourceId: _unused, ...rest } = deleteEvent('unused') as CloudFormationCustomResourceEvent & {
    PhysicalResourceId: string;
  };
  return { ...rest, RequestType: 'Create' } as CloudFormationCustomResourceEvent;
}

describe('the gateway-keys custom resource: Delete acts only on what its physical id owns', () => {
  it('deletes every key of the stack and forgets the pool when the stack itself is deleted', async () => {
    // Prepare
    const { lifecycle, keys, shards } = stackWithKeys({ stackStatus: 'DELETE_IN_PROGRESS' });

    // Act
    const id = await onGatewayKeysEvent(deleteEvent(gatewayKeysPhysicalId(STACK)), lifecycle);

    // Assess
    expect(id).toBe(gatewayKeysPhysicalId(STACK));
    expect(keys.size).toBe(0);
    expect(shards.size).toBe(0);
  });

  it('deletes nothing on the Delete that follows a failed Create (its physical id owns no key)', async () => {
    // Prepare: the failed Create was answered with `<logical id>-failed` (answerCloudFormation).
    const { lifecycle, keys, shards } = stackWithKeys({ stackStatus: 'UPDATE_ROLLBACK_IN_PROGRESS' });
    const before = keys.size;

    // Act
    const id = await onGatewayKeysEvent(deleteEvent('GatewayKeysResource-failed'), lifecycle);

    // Assess
    expect(id).toBe('GatewayKeysResource-failed');
    expect(keys.size).toBe(before);
    expect(shards.size).toBeGreaterThan(0);
  });

  it.each(['UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', 'UPDATE_ROLLBACK_IN_PROGRESS', 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS'])(
    'deletes nothing when the stack lives on (%s: a replaced or renamed resource’s old copy goes)',
    async (status) => {
      // Prepare
      const { lifecycle, keys } = stackWithKeys({ stackStatus: status });
      const before = keys.size;

      // Act
      await onGatewayKeysEvent(deleteEvent(gatewayKeysPhysicalId(STACK)), lifecycle);

      // Assess
      expect(keys.size).toBe(before);
    },
  );

  it('deletes the keys when the stack’s first creation rolls back', async () => {
    // Prepare
    const { lifecycle, keys } = stackWithKeys({ stackStatus: 'ROLLBACK_IN_PROGRESS' });

    // Act
    await onGatewayKeysEvent(deleteEvent(gatewayKeysPhysicalId(STACK)), lifecycle);

    // Assess
    expect(keys.size).toBe(0);
  });
});

describe('the gateway-keys custom resource: IAM propagation', () => {
  it('retries AccessDenied while a new policy settles, then makes the pooled keys', async () => {
    // Prepare
    const { lifecycle, pauses, metrics } = stackWithKeys({ deniedCalls: 3 });

    // Act
    const id = await onGatewayKeysEvent(createEvent(), lifecycle);

    // Assess
    expect(id).toBe(gatewayKeysPhysicalId(STACK));
    expect(pauses).toEqual([2_000, 4_000, 8_000]);
    expect(metrics.count('GatewayKeyProvisioningFailures', {})).toBe(0);
  });

  it('gives up on AccessDenied after a bounded time, counting one failure', async () => {
    // Prepare
    const { lifecycle, pauses, metrics } = stackWithKeys({ deniedCalls: 1_000 });

    // Act
    const outcome = onGatewayKeysEvent(createEvent(), lifecycle);

    // Assess
    await expect(outcome).rejects.toThrow('not authorized');
    expect(pauses.reduce((sum, ms) => sum + ms, 0)).toBeLessThanOrEqual(ACCESS_DENIED_RETRY_MS);
    expect(pauses.length).toBeGreaterThan(3);
    expect(metrics.count('GatewayKeyProvisioningFailures', {})).toBe(1);
  });

  it('does not retry other failures', async () => {
    // Prepare
    const { lifecycle, pauses } = stackWithKeys({ stackStatus: 'DELETE_IN_PROGRESS' });
    lifecycle.deps.gatewayKeys.listStackKeys = async () => {
      throw Object.assign(new Error('boom'), { name: 'InternalFailure' });
    };

    // Act
    const outcome = onGatewayKeysEvent(deleteEvent(gatewayKeysPhysicalId(STACK)), lifecycle);

    // Assess
    await expect(outcome).rejects.toThrow('boom');
    expect(pauses).toEqual([]);
  });
});
