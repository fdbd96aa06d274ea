import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { CountingMetrics, EmfMetrics } from '../../lambda/platform/metrics';

/** The lines Powertools Metrics writes to stdout while a test runs (the embedded metric format). */
const lines: Record<string, unknown>[] = [];
const write = process.stdout.write.bind(process.stdout);
beforeEach(() => {
  lines.length = 0;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
    return true;
  }) as typeof process.stdout.write;
});
afterEach(() => {
  process.stdout.write = write;
});

interface EmfLine {
  readonly _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[] };
  readonly [field: string]: unknown;
}

describe('EmfMetrics', () => {
  it('writes nothing until flushed, then one line per set of dimensions, in the stage namespace with the service dimension', () => {
    // Prepare
    const metrics = new EmfMetrics('AgentMemoryApi/test');
    metrics.record('AuthorizerDecisions', { outcome: 'allowed' });
    metrics.record('KeysCreated', {});
    metrics.record('SignUps', {});
    const beforeFlush = lines.length;

    // Act
    metrics.flush();

    // Assess
    expect(beforeFlush).toBe(0);
    const emf = lines as unknown as EmfLine[];
    expect(emf).toHaveLength(2);
    const decisions = emf.find((line) => line.outcome === 'allowed');
    expect(decisions?._aws.CloudWatchMetrics).toEqual([
      { Namespace: 'AgentMemoryApi/test', Dimensions: [['service', 'outcome']], Metrics: [{ Name: 'AuthorizerDecisions', Unit: 'Count' }] },
    ]);
    expect(decisions).toMatchObject({ service: 'agent-memory-api', AuthorizerDecisions: 1 });
    const plain = emf.find((line) => line.outcome === undefined);
    expect(plain?._aws.CloudWatchMetrics[0]?.Dimensions).toEqual([['service']]);
    expect(plain).toMatchObject({ KeysCreated: 1, SignUps: 1 });
  });

  it('writes nothing for an invocation that recorded nothing, and forgets what it flushed', () => {
    // Prepare
    const metrics = new EmfMetrics('AgentMemoryApi/test');
    metrics.record('LoginLockouts', {});
    metrics.flush();
    lines.length = 0;

    // Act
    metrics.flush();

    // Assess
    expect(lines).toEqual([]);
  });
});

describe('CountingMetrics', () => {
  it('sums counts per metric and dimensions, and keeps a gauge’s values', () => {
    // Prepare
    const metrics = new CountingMetrics();

    // Act
    metrics.record('RateLimited', { cause: 'minute' });
    metrics.record('RateLimited', { cause: 'minute' });
    metrics.record('RateLimited', { cause: 'credits' });
    metrics.record('AccountGatewayKeys', {}, 7);

    // Assess
    expect(metrics.count('RateLimited', { cause: 'minute' })).toBe(2);
    expect(metrics.count('RateLimited', { cause: 'credits' })).toBe(1);
    expect(metrics.values('AccountGatewayKeys', {})).toEqual([7]);
  });
});
