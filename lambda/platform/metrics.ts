import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { SERVICE_NAME, type MetricDimensions, type MetricName } from '../shared/metrics';

/** Where the functions count what happens (lambda/shared/metrics.ts names every metric). */
export interface MetricsRecorder {
  record<N extends MetricName>(name: N, dimensions: MetricDimensions<N>, value?: number): void;
  /** Sends what this invocation recorded; called once at the end of every invocation. */
  flush(): void;
}

interface Pending {
  readonly dimensions: Record<string, string>;
  readonly values: [MetricName, number][];
}

/**
 * Powertools Metrics (CloudWatch embedded metric format in the function's log). A Powertools
 * buffer shares its dimensions between all its metrics, so what one invocation recorded is sent
 * as one log line per set of dimensions.
 */
export class EmfMetrics implements MetricsRecorder {
  private readonly emf: Metrics;
  private pending = new Map<string, Pending>();

  constructor(namespace: string) {
    this.emf = new Metrics({ namespace, serviceName: SERVICE_NAME });
  }

  record<N extends MetricName>(name: N, dimensions: MetricDimensions<N>, value = 1): void {
    const key = JSON.stringify(Object.entries(dimensions).sort());
    const group = this.pending.get(key) ?? { dimensions: { ...dimensions }, values: [] };
    group.values.push([name, value]);
    this.pending.set(key, group);
  }

  flush(): void {
    const groups = [...this.pending.values()];
    this.pending = new Map();
    for (const group of groups) {
      // addDimension (not addDimensions, which adds a second dimension set without them).
      for (const [dimension, value] of Object.entries(group.dimensions)) this.emf.addDimension(dimension, value);
      for (const [name, value] of group.values) this.emf.addMetric(name, MetricUnit.Count, value);
      this.emf.publishStoredMetrics();
    }
  }
}

/** Keeps every recorded value in memory: the local gateway's metrics, which tests read. */
export class CountingMetrics implements MetricsRecorder {
  private readonly recorded = new Map<string, number[]>();

  record<N extends MetricName>(name: N, dimensions: MetricDimensions<N>, value = 1): void {
    const key = CountingMetrics.key(name, dimensions);
    this.recorded.set(key, [...(this.recorded.get(key) ?? []), value]);
  }

  flush(): void {}

  /** The values recorded for one metric and set of dimensions, oldest first. */
  values<N extends MetricName>(name: N, dimensions: MetricDimensions<N>): number[] {
    return this.recorded.get(CountingMetrics.key(name, dimensions)) ?? [];
  }

  /** Their sum (a count). */
  count<N extends MetricName>(name: N, dimensions: MetricDimensions<N>): number {
    return this.values(name, dimensions).reduce((sum, value) => sum + value, 0);
  }

  private static key(name: MetricName, dimensions: Record<string, string>): string {
    return `${name} ${JSON.stringify(Object.entries(dimensions).sort())}`;
  }
}
