import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { bearer, createKey, registerTenant, startTestApi, type ApiResponse, type TestApi } from '../helpers/local-api';
import { roomyFreeTier } from './support';

const SEED = 4_711;
const RUNS = 12;
const WORD = 'isolation';

type Environment = 'live' | 'test';

/** One tenant's sandbox and the credentials that reach it: the owner token with X-Environment, or a key of that environment. */
interface Sandbox {
  readonly label: string;
  readonly tenant: number;
  readonly credentials: readonly Record<string, string>[];
}

type Operation =
  | { readonly kind: 'create'; readonly actor: number; readonly via: number }
  | { readonly kind: 'get' | 'patch' | 'delete'; readonly actor: number; readonly via: number; readonly target: number }
  | { readonly kind: 'list' | 'search' | 'listKeys'; readonly actor: number; readonly via: number };

describe('tenant isolation under random operations', () => {
  let api: TestApi;
  const sandboxes: Sandbox[] = [];
  /** Every memory ever created, with the sandbox it was created in (deleted ones stay: reading them must still fail). */
  const memories: { id: string; sandbox: number }[] = [];
  const deleted = new Set<string>();
  const keyIdsOf: Set<string>[] = [new Set(), new Set()];

  beforeAll(async () => {
    api = await startTestApi(roomyFreeTier({ managementRequestsPerMinute: 10_000 }, { activeKeys: 10 }));
    for (const tenant of [0, 1]) {
      const { token } = await registerTenant(api.call);
      for (const environment of ['live', 'test'] as Environment[]) {
        const key = await createKey(api.call, token, {
          name: `${environment} key`,
          environment,
          scopes: ['memories:read', 'memories:write', 'memories:delete'],
        });
        keyIdsOf[tenant]?.add(key.id);
        sandboxes.push({
          label: `tenant${tenant}-${environment}`,
          tenant,
          credentials: [{ ...bearer(token), 'x-environment': environment }, bearer(key.key)],
        });
      }
    }
  });
  afterAll(async () => api.stop());

  const operation: fc.Arbitrary<Operation> = fc.oneof(
    fc.record({ kind: fc.constant('create' as const), actor: fc.nat(3), via: fc.nat(1) }),
    fc.record({
      kind: fc.constantFrom('get' as const, 'patch' as const, 'delete' as const),
      actor: fc.nat(3),
      via: fc.nat(1),
      target: fc.nat(10_000),
    }),
    fc.record({ kind: fc.constantFrom('list' as const, 'search' as const, 'listKeys' as const), actor: fc.nat(3), via: fc.nat(1) }),
  );

  /** Runs one operation and returns what broke isolation, if anything. */
  async function apply(op: Operation): Promise<string[]> {
    const sandbox = sandboxes[op.actor] as Sandbox;
    const headers = sandbox.credentials[op.via] as Record<string, string>;
    const ownContent = (response: ApiResponse, items: { content: string; id: string }[]) =>
      items
        .filter((item) => !item.content.startsWith(`${sandbox.label}:`))
        .map((item) => `${op.kind} by ${sandbox.label} saw ${item.id} (${item.content}): ${response.status}`);
    switch (op.kind) {
      case 'create': {
        const response = await api.call('POST', '/v1/memories', {
          headers,
          body: { content: `${sandbox.label}: ${WORD} ${memories.length}` },
        });
        if (response.status === 201) memories.push({ id: response.json.id, sandbox: op.actor });
        return response.status === 201 ? [] : [`create by ${sandbox.label}: ${response.status}`];
      }
      case 'get':
      case 'patch':
      case 'delete': {
        const target = memories[op.target % Math.max(1, memories.length)];
        if (!target) return [];
        const path = `/v1/memories/${target.id}`;
        const response =
          op.kind === 'get'
            ? await api.call('GET', path, { headers })
            : op.kind === 'patch'
              ? await api.call('PATCH', path, { headers, body: { content: `${sandbox.label}: ${WORD} patched` } })
              : await api.call('DELETE', path, { headers });
        const mine = target.sandbox === op.actor && !deleted.has(target.id);
        if (mine && op.kind === 'delete' && response.status === 204) deleted.add(target.id);
        const expected = mine ? (op.kind === 'delete' ? 204 : 200) : 404;
        return response.status === expected
          ? []
          : [
              `${op.kind} of ${target.id} (${sandboxes[target.sandbox]?.label}) by ${sandbox.label}: ${response.status}, expected ${expected}`,
            ];
      }
      case 'list': {
        const response = await api.call('GET', '/v1/memories?limit=100', { headers });
        return ownContent(response, response.json?.data ?? []);
      }
      case 'search': {
        const response = await api.call('POST', '/v1/memories/search', { headers, body: { query: WORD, limit: 50 } });
        return ownContent(
          response,
          (response.json?.data ?? []).map((result: { memory: { content: string; id: string } }) => result.memory),
        );
      }
      case 'listKeys': {
        if (op.via === 1) return [];
        const response = await api.call('GET', '/v1/api-keys?limit=100', { headers });
        return (response.json?.data ?? [])
          .filter((key: { id: string }) => !keyIdsOf[sandbox.tenant]?.has(key.id))
          .map((key: { id: string }) => `listKeys by ${sandbox.label} saw ${key.id}`);
      }
    }
  }

  it('never shows, changes or deletes a memory of another tenant or environment, whatever the credential and the order of operations', async () => {
    // Prepare
    const found: string[] = [];
    let operations = 0;

    // Act
    const run = await fc.check(
      fc.asyncProperty(fc.array(operation, { minLength: 10, maxLength: 25 }), async (ops) => {
        for (const op of ops) {
          operations += 1;
          found.push(...(await apply(op)));
        }
        return found.length === 0;
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );

    // Assess
    expect(found).toEqual([]);
    expect(run.failed).toBe(false);
    expect(operations).toBeGreaterThan(RUNS * 10 - 1);
  });
});
