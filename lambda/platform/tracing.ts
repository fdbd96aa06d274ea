import { Tracer } from '@aws-lambda-powertools/tracer';
import { SERVICE_NAME } from '../shared/metrics';

/**
 * Powertools Tracer (X-Ray). It is on only inside Lambda and only when the stack enables tracing
 * (configuration `tracing`, which the stack passes as POWERTOOLS_TRACE_ENABLED); locally it does
 * nothing. Every AWS call goes through an SDK client, captured with `traceClient`; plain HTTP is not
 * patched.
 */
export const tracer = new Tracer({ serviceName: SERVICE_NAME, captureHTTPsRequests: false });

/** An AWS SDK v3 client whose calls appear as X-Ray subsegments. */
export function traceClient<T>(client: T): T {
  return tracer.captureAWSv3Client(client);
}

/**
 * Runs one invocation inside a `## name` subsegment annotated with the cold start, the service and
 * the given low-cardinality annotations. Responses are never attached: they can hold a new API key.
 */
export async function traceInvocation<T>(name: string, annotations: Record<string, string>, run: () => Promise<T>): Promise<T> {
  const parent = tracer.isTracingEnabled() ? tracer.getSegment() : undefined;
  if (!parent) return run();
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
