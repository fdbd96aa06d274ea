import { withBudget } from './budget';
import { logger } from './logger';
import type { MetricsRecorder } from './metrics';
import { traceInvocation } from './tracing';

/** How one function is instrumented; the same four concerns for every function of the stack. */
export interface Instrumentation<E, A extends unknown[]> {
  /** The function's name, for its X-Ray subsegment (`## name`). */
  readonly name: string;
  /**
   * Time shared by every store and secret call of one invocation (see platform/budget.ts), or
   * `per-call` for work that answers no client request (each call then has a budget of its own).
   */
  readonly budgetMs: number | 'per-call';
  /** The id that joins the invocation's log lines: API Gateway's request id, or Lambda's. */
  readonly requestId: (event: E, ...rest: A) => string | undefined;
  /** Low-cardinality annotations of the trace. */
  readonly annotations?: (event: E) => Record<string, string>;
  /** Where the invocation records its metrics, sent once at its end. */
  readonly metrics?: () => MetricsRecorder | undefined;
}

const instrumentedFunctions = new WeakSet<object>();

/**
 * The one wrapper every Lambda entry point goes through (test/unit/functions.test.ts checks it):
 * a trace subsegment, logger keys reset to the request id, the request budget, and the metrics
 * the invocation recorded sent at its end, whatever happened.
 */
export function instrumented<E, R, A extends unknown[]>(
  how: Instrumentation<E, A>,
  run: (event: E, ...rest: A) => Promise<R>,
): (event: E, ...rest: A) => Promise<R> {
  const entry = (event: E, ...rest: A): Promise<R> =>
    traceInvocation(how.name, how.annotations?.(event) ?? {}, async () => {
      logger.resetKeys();
      const requestId = how.requestId(event, ...rest);
      if (requestId) logger.appendKeys({ request_id: requestId });
      try {
        return await (how.budgetMs === 'per-call' ? run(event, ...rest) : withBudget(how.budgetMs, () => run(event, ...rest)));
      } finally {
        metricsOf(how)?.flush();
      }
    });
  instrumentedFunctions.add(entry);
  return entry;
}

/** The invocation's metrics; none when its dependencies could not be built (a broken cold start, which fails on its own). */
function metricsOf(how: { readonly metrics?: () => MetricsRecorder | undefined }): MetricsRecorder | undefined {
  try {
    return how.metrics?.();
  } catch {
    return undefined;
  }
}

/** Whether `handler` came from `instrumented`. */
export function isInstrumented(handler: unknown): boolean {
  return typeof handler === 'function' && instrumentedFunctions.has(handler);
}
