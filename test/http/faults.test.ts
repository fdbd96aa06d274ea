import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { freePort } from '../../local/dynamo-local';
import { apiCaller, bearer, expectError, registerTenant, type ApiCall, type ApiResponse } from '../helpers/local-api';

/** The handler's budget is 6 s and the authorizer's 3 s: an answer later than this is a hang. */
const ANSWER_BOUND_MS = 30_000;
/** Starting npm start (npm, tsx, the JVM) on two cores the rest of the suite keeps busy. */
const START_BOUND_MS = 120_000;
/** A test that starts npm start, or waits for DynamoDB Local to start again. */
const STARTING_TEST_MS = START_BOUND_MS + 60_000;
jest.setTimeout(STARTING_TEST_MS);

/** Room for the writers of the kill -9 test: the limits are not what these tests are about. */
const ROOMY = JSON.stringify({
  tiers: { free: { requestsPerMinute: 100_000, burst: 100_000, creditsPerMonth: 1_000_000, activeKeys: 1_000 } },
});

interface NpmStart {
  readonly child: ChildProcess;
  readonly url: string;
  readonly call: ApiCall;
  output(): string;
  exited: Promise<number | null>;
}

/** `npm start` (or `npm run start:memory`) as a user runs it, on a port and data folder of its own. */
async function npmStart(script: 'start' | 'start:memory', dataDir: string): Promise<NpmStart> {
  const port = await freePort();
  const child = spawn('npm', ['run', script], {
    env: { ...process.env, PORT: String(port), LOCAL_DATA_DIR: dataDir, MEMORY_API_CONFIG: ROOMY },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://localhost:${port}`;
  await waitFor(async () => /listening on/.test(output) || (child.exitCode !== null ? fail(output) : false), START_BOUND_MS).catch(
    (error: unknown) => {
      // What it printed says where it stood (DynamoDB Local, the model, the stream) when time ran out.
      for (const pid of [...descendants(child.pid ?? 0), child.pid ?? 0]) if (pid && isRunning(pid)) process.kill(pid, 'SIGKILL');
      throw new Error(`${error instanceof Error ? error.message : String(error)}; npm start printed: ${output.slice(-1500)}`);
    },
  );
  return { child, url, call: boundedCaller(url), output: () => output, exited };
}

const fail = (output: string): never => {
  throw new Error(`npm start exited: ${output.slice(-1000)}`);
};

/** Every call gives up after ANSWER_BOUND_MS, so a hang fails the test instead of stalling it. */
function boundedCaller(url: string): ApiCall {
  const call = apiCaller(url);
  return (method, path, options) =>
    Promise.race([
      call(method, path, options),
      new Promise<ApiResponse>((_, reject) =>
        setTimeout(() => reject(new Error(`${method} ${path}: no answer within ${ANSWER_BOUND_MS} ms`)), ANSWER_BOUND_MS).unref(),
      ),
    ]);
}

async function waitFor(condition: () => Promise<boolean> | boolean, boundMs: number): Promise<void> {
  const deadline = Date.now() + boundMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${boundMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Every process below `pid` (the shell npm runs, node, the JVM). */
function descendants(pid: number): number[] {
  const table = execFileSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const below = (parent: number): number[] => table.filter(([, ppid]) => ppid === parent).flatMap(([child]) => [child, ...below(child)]);
  return below(pid);
}

const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** DynamoDB Local's pid and its owner's (the node process of npm start), as npm start records them. */
function recordedPids(dataDir: string): { java: number; server: number } {
  const [java = 0, server = 0] = readFileSync(join(dataDir, 'dynamodb', 'dynamodb-local.pid'), 'utf8')
    .trim()
    .split(' ')
    .map(Number);
  return { java, server };
}

/** Whatever is left of a run, so a failed test leaves no process behind. */
function killAll(run: NpmStart): void {
  for (const pid of [...descendants(run.child.pid ?? 0), run.child.pid ?? 0]) if (pid && isRunning(pid)) process.kill(pid, 'SIGKILL');
}

const healthStatus = async (call: ApiCall): Promise<number> => (await call('GET', '/health').catch(() => ({ status: 0 }))).status;

/**
 * One story over one data folder, in order, because every start of npm start costs a JVM start: the
 * first run meets a paused and then a killed DynamoDB Local and is killed with SIGKILL during writes;
 * the second run finds every acknowledged write and is stopped with SIGTERM to npm alone.
 */
describe('faults under npm start: a paused or killed DynamoDB Local, kill -9 of the server, SIGTERM to npm', () => {
  let dataDir: string;
  let first: NpmStart;
  let second: NpmStart | undefined;
  let owner: { token: string; email: string };
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'memory-api-faults-'));
    first = await npmStart('start', dataDir);
    owner = await registerTenant(first.call);
  });
  afterAll(() => {
    for (const run of [first, second]) if (run) killAll(run);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 503 SERVICE_UNAVAILABLE with Retry-After within the budget while DynamoDB Local is paused, and recovers when it resumes', async () => {
    // Prepare
    const { java } = recordedPids(dataDir);

    // Act
    process.kill(java, 'SIGSTOP');
    const whilePaused = await Promise.all([
      first.call('GET', '/health'),
      first.call('GET', '/v1/memories', { headers: bearer(owner.token) }),
      first.call('POST', '/v1/memories', { headers: bearer(owner.token), body: { content: 'while paused' } }),
    ]).finally(() => process.kill(java, 'SIGCONT'));
    const afterResume = await first.call('GET', '/v1/memories', { headers: bearer(owner.token) });

    // Assess
    for (const answer of whilePaused) {
      expectError(answer, 503, 'SERVICE_UNAVAILABLE');
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
      // The authorizer failing closed is a gateway response: x-amzn-RequestId, as API Gateway sends it.
      expect(answer.headers.get('x-request-id') ?? answer.headers.get('x-amzn-requestid')).toBeTruthy();
    }
    expect(afterResume.status).toBe(200);
  });

  it('starts a killed DynamoDB Local again on the same data: /health answers 503 until the store answers, then 200, and nothing is lost', async () => {
    // Prepare
    const created = await first.call('POST', '/v1/memories', { headers: bearer(owner.token), body: { content: 'kept across a restart' } });
    const { java } = recordedPids(dataDir);

    // Act
    process.kill(java, 'SIGKILL');
    const rightAfter = await healthStatus(first.call);
    await waitFor(async () => (await healthStatus(first.call)) === 200, START_BOUND_MS);
    const read = await first.call('GET', `/v1/memories/${created.json.id}`, { headers: bearer(owner.token) });

    // Assess
    expect(rightAfter).toBe(503);
    expect(recordedPids(dataDir).java).not.toBe(java);
    expect(read.status).toBe(200);
    expect(read.json.content).toBe('kept across a restart');
    expect(first.output()).toContain('starting it again on the same data');
  });

  it('loses no acknowledged write and leaves no half-written key when the server is killed with SIGKILL during writes', async () => {
    // Prepare
    const acknowledgedMemories = new Map<string, string>();
    const acknowledgedKeys: string[] = [];
    let writing = true;
    const writer = async (n: number) => {
      for (let i = 0; writing; i++) {
        const content = `write ${n}-${i}`;
        const memory = await first.call('POST', '/v1/memories', { headers: bearer(owner.token), body: { content } }).catch(() => undefined);
        if (memory?.status === 201) acknowledgedMemories.set(memory.json.id, content);
        const key = await first
          .call('POST', '/v1/api-keys', { headers: bearer(owner.token), body: { name: `k${n}-${i}` } })
          .catch(() => undefined);
        if (key?.status === 201) acknowledgedKeys.push(key.json.key);
      }
    };
    const writers = [1, 2, 3, 4].map(writer);
    await waitFor(() => acknowledgedMemories.size >= 5, START_BOUND_MS);

    // Act
    process.kill(recordedPids(dataDir).server, 'SIGKILL');
    writing = false;
    await Promise.all(writers);
    await first.exited;
    second = await npmStart('start', dataDir);
    const login = await second.call('POST', '/v1/auth/login', { body: { email: owner.email, password: 'correct horse battery' } });
    const token = login.json.access_token as string;
    const reads = await Promise.all(
      [...acknowledgedMemories.keys()].map((id) => second?.call('GET', `/v1/memories/${id}`, { headers: bearer(token) })),
    );
    const keyChecks = await Promise.all(
      acknowledgedKeys.map((key) => second?.call('GET', '/v1/memories?limit=1', { headers: bearer(key) })),
    );
    const listed = await second.call('GET', '/v1/api-keys?limit=100', { headers: bearer(token) });

    // Assess
    expect(reads.map((read) => [read?.status, read?.json?.content])).toEqual(
      [...acknowledgedMemories.values()].map((content) => [200, content]),
    );
    expect(keyChecks.map((check) => check?.status)).toEqual(acknowledgedKeys.map(() => 200));
    expect(listed.json.data.length).toBeGreaterThanOrEqual(acknowledgedKeys.length);
    for (const key of listed.json.data) {
      expect(key).toMatchObject({
        id: expect.any(String),
        start: expect.any(String),
        status: 'active',
        scopes: expect.any(Array),
        created_at: expect.any(String),
      });
    }
  });

  it('stops npm, the server and DynamoDB Local when the npm process alone gets SIGTERM', async () => {
    // Prepare
    const run = second ?? (await npmStart('start', dataDir));
    const processes = descendants(run.child.pid ?? 0);

    // Act
    run.child.kill('SIGTERM');
    await waitFor(() => processes.every((pid) => !isRunning(pid)), START_BOUND_MS);

    // Assess
    expect(processes.length).toBeGreaterThanOrEqual(2);
    expect(await healthStatus(run.call)).toBe(0);
  });
});

describe('an in-memory npm start whose DynamoDB Local is killed', () => {
  let run: NpmStart | undefined;
  let dataDir: string;
  afterAll(() => {
    if (run) killAll(run);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('exits non-zero with a clear message (its data cannot come back)', async () => {
    // Prepare
    dataDir = mkdtempSync(join(tmpdir(), 'memory-api-in-memory-'));
    run = await npmStart('start:memory', dataDir);
    const java = descendants(run.child.pid ?? 0).find((pid) =>
      readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('LoopbackDynamoDbLocal'),
    );

    // Act
    process.kill(java ?? 0, 'SIGKILL');
    const code = await run.exited;

    // Assess
    expect(code).not.toBe(0);
    expect(run.output()).toContain('in-memory data is gone');
  });
});
