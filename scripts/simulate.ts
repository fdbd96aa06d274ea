import { Agent, request } from 'node:http';
import { TooManyRequestsException } from '@aws-sdk/client-api-gateway';
import { logger } from '../lambda/platform/logger';
import { signAccessToken } from '../lambda/auth/tokens';
import type { Tenant } from '../lambda/domain/records';
import { ensurePooledKeys, pooledKeyFor, changeTier } from '../lambda/gateway-keys';
import type { Dependencies } from '../lambda/wiring/dependencies';
import { GATEWAY_RESPONSES } from '../lambda/shared/gateway-responses';
import { newId } from '../lambda/domain/ids';
import { startLocalStack } from '../local/server';

/**
 * `npm run simulate`: many tenants through the local gateway (authorizer, usage plans, handlers,
 * DynamoDB Local) on an injected clock, printing what the edge did. It asserts nothing.
 *
 * Every tenant sends GET /v1/memories at a steady fraction of its tier's per-minute allowance;
 * one tenant on each shared gateway key sends ten times its allowance. Time moves in ticks of the injected clock, not in real time.
 */
const SCENARIO = {
  freeTenants: 1_000,
  paidTenants: { starter: 40, pro: 6, scale: 3, enterprise: 1 } as Record<string, number>,
  /** Of each tenant's per-minute allowance, sent evenly. */
  steadyFraction: 0.1,
  attackFactor: 10,
  simulatedSeconds: 60,
  tickMs: 100,
  signUpsBetweenChecks: 200,
  concurrency: 48,
  /** The run stops early, between ticks, once this much wall time has passed since the start (setup included). */
  wallBudgetSeconds: 110,
};

type Cause = 'admitted' | 'edge_throttle' | 'edge_quota' | 'our_minute' | 'our_credits' | 'authorizer' | 'other';
const CAUSES: readonly Cause[] = ['admitted', 'edge_throttle', 'edge_quota', 'our_minute', 'our_credits', 'authorizer', 'other'];

interface SimTenant {
  readonly tenantId: string;
  readonly tier: string;
  readonly token: string;
  readonly gatewayKeyId: string;
  readonly attacker: boolean;
  /** Requests a second it sends. */
  readonly rate: number;
  /** When its first request goes, in ms after the start. */
  readonly phaseMs: number;
}

const gatewayMessage = (type: string) => GATEWAY_RESPONSES.find((response) => response.type === type)?.message;
const EDGE_THROTTLE_MESSAGE = gatewayMessage('THROTTLED');
const EDGE_QUOTA_MESSAGE = gatewayMessage('QUOTA_EXCEEDED');

function classify(status: number, body: string): Cause {
  if (status === 200) return 'admitted';
  let error: { code?: string; message?: string } = {};
  try {
    error = (JSON.parse(body) as { error?: typeof error }).error ?? {};
  } catch {
    return 'other';
  }
  if (status === 429 && error.message === EDGE_THROTTLE_MESSAGE) return 'edge_throttle';
  if (status === 429 && error.message === EDGE_QUOTA_MESSAGE) return 'edge_quota';
  if (status === 401 || status === 403) return 'authorizer';
  if (status === 429 && error.code === 'RATE_LIMIT_EXCEEDED') return 'our_minute';
  if (status === 429 && error.code === 'QUOTA_EXCEEDED') return 'our_credits';
  return 'other';
}

/** A seeded generator (mulberry32), so runs compare. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A tenant as sign-up makes it (on its tier's pooled gateway key), without the owner and password hash sign-up spends its time on. */
async function signUp(deps: Dependencies, now: number): Promise<Tenant> {
  const tenantId = newId('tnt', now);
  const tier = deps.config.defaultTier;
  const key = await pooledKeyFor(deps, tier);
  if (!key) throw new Error('no pooled gateway key');
  const createdAt = new Date(now).toISOString();
  const tenant: Tenant = {
    tenantId,
    tier,
    createdAt,
    activeKeys: 0,
    gatewayKeyId: key.id,
    gatewayKeyValue: key.value,
    gatewayKeyKind: 'pooled',
  };
  if (!(await deps.tenants.createTenant(tenant))) throw new Error('sign-up failed');
  return tenant;
}

/** The injected clock: it moves only when the simulation moves it. */
class SimClock {
  private at = Date.now();
  readonly now = (): number => this.at;
  set(instant: number): void {
    this.at = instant;
  }
  advance(ms: number): void {
    this.at += ms;
  }
  /** The start of the next UTC minute. */
  nextMinute(): number {
    return (Math.floor(this.at / 60_000) + 1) * 60_000;
  }
}

/** The gateway-keys function's scheduled run, whose client retries the control plane's throttling (here: on the injected clock). */
async function scheduledCheck(deps: Dependencies, clock: SimClock): Promise<void> {
  for (;;) {
    try {
      await ensurePooledKeys(deps);
      return;
    } catch (error) {
      if (!(error instanceof TooManyRequestsException)) throw error;
      clock.advance(1_000);
    }
  }
}

async function main(): Promise<void> {
  logger.setLogLevel('SILENT');
  const clock = new SimClock();
  const stack = await startLocalStack({ port: 0, now: clock.now });
  const { deps } = stack;
  const random = seeded(18);
  try {
    const setupCalls = stack.apiGateway.calls.length;
    const made: Tenant[] = [];
    for (let i = 0; i < SCENARIO.freeTenants; i += SCENARIO.signUpsBetweenChecks) {
      // In groups DynamoDB Local answers within the stores' time budget.
      for (let j = i; j < Math.min(i + SCENARIO.signUpsBetweenChecks, SCENARIO.freeTenants); j += 25) {
        const group = Math.min(25, SCENARIO.freeTenants - j);
        made.push(...(await Promise.all(Array.from({ length: group }, () => signUp(deps, clock.now())))));
      }
      // The stack's scheduled check (hourly), as if this many sign-ups came in each hour.
      await scheduledCheck(deps, clock);
    }
    for (const [tier, count] of Object.entries(SCENARIO.paidTenants)) {
      for (let i = 0; i < count; i++) {
        const tenant = await signUp(deps, clock.now());
        // CreateApiKey allows 5 a second: the operator's tier changes go at that pace.
        clock.advance(1_000);
        const changed = await changeTier(deps, tenant.tenantId, tier);
        if (!changed.ok) throw new Error(`tier change failed: ${changed.reason}`);
        made.push((await deps.tenants.getTenant(tenant.tenantId)) as Tenant);
      }
    }
    const signUpCalls = stack.apiGateway.calls.length - setupCalls;

    const jwt = await deps.secrets.get('jwt');
    const attackers = new Set<string>();
    const seenKeys = new Set<string>();
    // A dedicated key has no shard-mates to starve: the attackers are on the shared keys.
    for (const tenant of made) {
      if (tenant.gatewayKeyKind === 'pooled' && !seenKeys.has(tenant.gatewayKeyId)) attackers.add(tenant.tenantId);
      seenKeys.add(tenant.gatewayKeyId);
    }
    const start = clock.nextMinute();
    clock.set(start);
    const tenants: SimTenant[] = await Promise.all(
      made.map(async (tenant) => {
        const perSecond = (deps.config.tiers[tenant.tier]?.requestsPerMinute ?? 0) / 60;
        const attacker = attackers.has(tenant.tenantId);
        const rate = perSecond * (attacker ? SCENARIO.attackFactor : SCENARIO.steadyFraction);
        return {
          tenantId: tenant.tenantId,
          tier: tenant.tier,
          token: await signAccessToken({ userId: newId('usr', start), tenantId: tenant.tenantId }, jwt, start),
          gatewayKeyId: tenant.gatewayKeyId,
          attacker,
          rate,
          phaseMs: random() * (1000 / rate),
        };
      }),
    );

    const tally = new Map<string, Record<Cause, number>>();
    const count = (tenant: SimTenant, cause: Cause) => {
      const key = `${tenant.tier}:${tenant.attacker ? 'attacker' : 'neighbour'}`;
      const row = tally.get(key) ?? (Object.fromEntries(CAUSES.map((name) => [name, 0])) as Record<Cause, number>);
      row[cause] += 1;
      tally.set(key, row);
    };
    const { hostname, port } = new URL(stack.url);
    const agent = new Agent({ keepAlive: true, maxSockets: SCENARIO.concurrency });
    const send = (tenant: SimTenant, retried = false): Promise<void> =>
      new Promise<void>((resolve, reject) => {
        const req = request(
          { hostname, port, path: '/v1/memories', method: 'GET', agent, headers: { authorization: `Bearer ${tenant.token}` } },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => {
              count(tenant, classify(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8')));
              resolve();
            });
          },
        );
        // The server may close an idle kept-alive socket just as a request goes out on it: that request never arrived.
        req.on('error', (error: NodeJS.ErrnoException) =>
          error.code === 'ECONNRESET' && req.reusedSocket && !retried ? send(tenant, true).then(resolve, reject) : reject(error),
        );
        req.end();
      });

    const runCalls = stack.apiGateway.calls.length;
    const wallStart = performance.now();
    const sent = new Map<string, number>();
    let simulatedMs = 0;
    for (
      let at = 0;
      at < SCENARIO.simulatedSeconds * 1000 && performance.now() < SCENARIO.wallBudgetSeconds * 1000;
      at += SCENARIO.tickMs
    ) {
      simulatedMs = at + SCENARIO.tickMs;
      clock.set(start + at);
      const due: SimTenant[] = [];
      for (const tenant of tenants) {
        const done = sent.get(tenant.tenantId) ?? 0;
        const upTo = Math.floor((at + SCENARIO.tickMs - tenant.phaseMs) * (tenant.rate / 1000)) + 1;
        for (let n = done; n < upTo && tenant.phaseMs <= at + SCENARIO.tickMs; n++) due.push(tenant);
        sent.set(tenant.tenantId, Math.max(done, upTo));
      }
      // No tenant is always first within a tick.
      for (let i = due.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [due[i], due[j]] = [due[j] as SimTenant, due[i] as SimTenant];
      }
      await Promise.all(due.map((tenant) => send(tenant)));
    }
    const wallSeconds = (performance.now() - wallStart) / 1000;
    agent.destroy();
    report(tenants, tally, deps, (tenant) => sent.get(tenant.tenantId) ?? 0, {
      signUpCalls,
      runCalls: stack.apiGateway.calls.length - runCalls,
      wallSeconds,
      simulatedSeconds: simulatedMs / 1000,
    });
  } finally {
    await stack.stop();
  }
}

function report(
  tenants: readonly SimTenant[],
  tally: Map<string, Record<Cause, number>>,
  deps: Dependencies,
  sentBy: (tenant: SimTenant) => number,
  figures: { signUpCalls: number; runCalls: number; wallSeconds: number; simulatedSeconds: number },
): void {
  const seconds = figures.simulatedSeconds;
  const tiers = [...new Set(tenants.map((tenant) => tenant.tier))];
  const perTier: Record<string, { tenants: number; gateway_keys: number; admitted_over_entitled: number; neighbour_failure_rate: number }> =
    {};
  let neighbourSent = 0;
  let neighbourFailed = 0;
  console.log(`# simulate: local gateway in-process (authorizer, usage plans, handlers, DynamoDB Local), injected clock`);
  console.log(
    `# ${tenants.length} tenants, ${seconds} of ${SCENARIO.simulatedSeconds} simulated s in ${figures.wallSeconds.toFixed(1)} s wall (run), steady ${SCENARIO.steadyFraction} of allowance, attackers at ${SCENARIO.attackFactor}x`,
  );
  console.log(['tier', 'who', 'tenants', ...CAUSES].map((cell) => cell.padStart(13)).join(''));
  for (const tier of tiers) {
    const limit = deps.config.tiers[tier]?.requestsPerMinute ?? 0;
    const members = tenants.filter((tenant) => tenant.tier === tier);
    let admitted = 0;
    let entitled = 0;
    for (const who of ['neighbour', 'attacker'] as const) {
      const row = tally.get(`${tier}:${who}`);
      const group = members.filter((tenant) => tenant.attacker === (who === 'attacker'));
      if (!row) continue;
      console.log(
        [tier, who, String(group.length), ...CAUSES.map((cause) => String(row[cause]))].map((cell) => cell.padStart(13)).join(''),
      );
      const total = CAUSES.reduce((sum, cause) => sum + row[cause], 0);
      admitted += row.admitted;
      // Each tenant is entitled to what it sent, up to its per-minute allowance over the run.
      // What a tenant with a key of its own and our counters would get: what it sent, up to its tier's bucket and its minutes.
      const tierBurst = deps.config.tiers[tier]?.burst ?? 0;
      const allowance = Math.min(tierBurst + (limit / 60) * seconds, limit * Math.ceil(seconds / 60));
      entitled += group.reduce((sum, tenant) => sum + Math.min(sentBy(tenant), allowance), 0);
      if (who === 'neighbour') {
        neighbourSent += total;
        neighbourFailed += total - row.admitted;
        perTier[tier] = {
          tenants: members.length,
          gateway_keys: new Set(members.map((tenant) => tenant.gatewayKeyId)).size,
          admitted_over_entitled: 0,
          neighbour_failure_rate: total ? (total - row.admitted) / total : 0,
        };
      }
    }
    const entry = perTier[tier];
    if (entry) entry.admitted_over_entitled = entitled ? admitted / entitled : 0;
  }
  const neighbourFailureRate = neighbourSent ? neighbourFailed / neighbourSent : 0;
  console.log('tier           tenants  gateway keys  admitted/entitled  neighbour failure');
  for (const [tier, entry] of Object.entries(perTier)) {
    console.log(
      `${tier.padEnd(14)} ${String(entry.tenants).padStart(7)} ${String(entry.gateway_keys).padStart(13)} ${entry.admitted_over_entitled.toFixed(3).padStart(18)} ${(entry.neighbour_failure_rate * 100).toFixed(2).padStart(17)}%`,
    );
  }
  console.log(`neighbour failure rate: ${(neighbourFailureRate * 100).toFixed(3)}%`);
  console.log(`control-plane calls: ${figures.signUpCalls} while tenants signed up and changed tier, ${figures.runCalls} during the run`);
  const result = {
    mode: 'in-process local gateway, injected clock',
    tenants: tenants.length,
    simulated_seconds: seconds,
    wall_seconds: Number(figures.wallSeconds.toFixed(1)),
    total_wall_seconds: Number((performance.now() / 1000).toFixed(1)),
    neighbour_failure_rate: Number(neighbourFailureRate.toFixed(5)),
    admitted_over_entitled: Object.fromEntries(
      Object.entries(perTier).map(([tier, entry]) => [tier, Number(entry.admitted_over_entitled.toFixed(3))]),
    ),
    gateway_keys: Object.fromEntries(Object.entries(perTier).map(([tier, entry]) => [tier, entry.gateway_keys])),
    control_plane_calls: { setup: figures.signUpCalls, run: figures.runCalls },
  };
  console.log(`SIMULATE ${JSON.stringify(result)}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
