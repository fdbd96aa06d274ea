import type { Tracer } from '@aws-lambda-powertools/tracer';
import { SERVICE_NAME } from '../shared/metrics';

/**
 * Powertools Tracer (X-Ray). It is on only inside Lambda and only when the stack enables tracing
 * (configuration `tracing`, which the stack passes as POWERTOOLS_TRACE_ENABLED); locally it does
 * nothing. It is loaded only when it is on: with tracing off a cold start does not pay for the
 * X-Ray SDK. Every AWS call goes through an SDK client, captured with `traceClient`; plain HTTP is
 * not patched.
 */
function tracingOn(): boolean {
  const env = process.env;
  return (
    (env.POWERTOOLS_TRACE_ENABLED ?? '').toLowerCase() !== 'false' &&
    (env.AWS_EXECUTION_ENV ?? '') !== '' &&
    env.AWS_EXECUTION_ENV !== 'AWS_Lambda_amplify-mock' &&
    (env.AWS_SAM_LOCAL ?? '') === ''
  );
}

let loading: Promise<Tracer> | undefined;

/** The tracer, loaded on first use; undefined when tracing is off. */
function loadTracer(): Promise<Tracer> | undefined {
  if (!tracingOn()) return undefined;
  // Written as the authorizer's separate file is named (see powertools-tracer.ts).
  loading ??= import('./powertools-tracer.js').then(({ Tracer }) => new Tracer({ serviceName: SERVICE_NAME, captureHTTPsRequests: false }));
  return loading;
}

/**
 * An AWS SDK v3 client whose calls appear as X-Ray subsegments. The capture lands once the tracer
 * has loaded, which `traceInvocation` awaits before the invocation makes its first call.
 */
export function traceClient<T>(client: T): T {
  void loadTracer()?.then((tracer) => tracer.captureAWSv3Client(client));
  return client;
}

/**
 * Runs one invocation inside a `## name` subsegment annotated with the cold start, the service and
 * the given low-cardinality annotations. Responses are never attached: they can hold a new API key.
 */
export async function traceInvocation<T>(name: string, annotations: Record<string, string>, run: () => Promise<T>): Promise<T> {
  const loaded = loadTracer();
  const tracer = loaded ? await loaded : undefined;
  const parent = tracer?.isTracingEnabled() ? tracer.getSegment() : undefined;
  if (!tracer || !parent) return run();
  const subsegment = parent.addNewSubsegment(`## ${name}`);
  tracer.setSegment(subsegment);
  tracer.annotateColdStart();
  tracer.addServiceNameAnnotation();
  for (const [key, value] of Object.entries(annotations)) tracer.putAnnotation(key, value);
  try {
    return await run();
  } catch (error) {
    tracer.addErrorAsMetadata(error as Error);
    throw error;
  } finally {
    subsegment.close();
    tracer.setSegment(parent);
  }
}
