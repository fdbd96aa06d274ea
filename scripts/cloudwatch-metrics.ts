import { CloudWatchClient, PutMetricDataCommand, type MetricDatum } from '@aws-sdk/client-cloudwatch';
import type { MetricsRecorder } from '../lambda/platform/metrics';
import { SERVICE_NAME, type MetricDimensions, type MetricName } from '../lambda/shared/metrics';

/** PutMetricData takes at most 1,000 values a call. */
const BATCH = 1_000;

/**
 * An operator command's metrics, sent to CloudWatch with PutMetricData (a command's log is not a
 * function's, so the embedded metric format would reach no one): the same namespace and dimensions
 * the functions use, so the stack's alarms see an operator's failures too (GatewayKeyProvisioningFailures
 * from `set-tier`). `flush` keeps them; `send` puts them.
 */
export class CloudWatchMetrics implements MetricsRecorder {
  private pending: MetricDatum[] = [];

  constructor(
    private readonly namespace: string,
    private readonly client = new CloudWatchClient({}),
    private readonly now: () => number = Date.now,
  ) {}

  record<N extends MetricName>(name: N, dimensions: MetricDimensions<N>, value = 1): void {
    const named = Object.entries({ service: SERVICE_NAME, ...dimensions }).map(([Name, Value]) => ({ Name, Value: String(Value) }));
    this.pending.push({ MetricName: name, Dimensions: named, Value: value, Unit: 'Count', Timestamp: new Date(this.now()) });
  }

  flush(): void {}

  /** Sends what was recorded; a failure (no cloudwatch:PutMetricData right) is told, never hides the command's own outcome. */
  async send(warn: (message: string) => void): Promise<void> {
    const data = this.pending;
    this.pending = [];
    for (let start = 0; start < data.length; start += BATCH) {
      await this.client
        .send(new PutMetricDataCommand({ Namespace: this.namespace, MetricData: data.slice(start, start + BATCH) }))
        .catch((error: unknown) => warn(`could not send metrics to CloudWatch: ${error instanceof Error ? error.message : String(error)}`));
    }
  }
}
