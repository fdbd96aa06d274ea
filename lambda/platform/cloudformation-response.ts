import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { logger } from './logger';

/**
 * Runs a custom resource's work and reports the outcome to CloudFormation (a PUT to the event's
 * presigned URL), whatever happens: a custom resource that never answers holds the stack for an
 * hour. `work` returns the resource's physical id.
 */
export async function answerCloudFormation<P>(event: CloudFormationCustomResourceEvent<P>, work: () => Promise<string>): Promise<void> {
  const previousId = event.RequestType === 'Create' ? undefined : event.PhysicalResourceId;
  let outcome: { Status: 'SUCCESS'; PhysicalResourceId: string } | { Status: 'FAILED'; PhysicalResourceId: string; Reason: string };
  try {
    outcome = { Status: 'SUCCESS', PhysicalResourceId: await work() };
  } catch (error) {
    logger.error('custom resource failed', error instanceof Error ? error : String(error));
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    // A failed Create still needs an id: CloudFormation sends the rollback's Delete with it.
    outcome = { Status: 'FAILED', PhysicalResourceId: previousId ?? `${event.LogicalResourceId}-failed`, Reason: reason.slice(0, 2000) };
  }
  const body = JSON.stringify({
    ...outcome,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
  });
  // The URL is signed without a content type, so none is sent.
  const response = await fetch(event.ResponseURL, { method: 'PUT', body, headers: { 'content-type': '' } });
  if (!response.ok) throw new Error(`CloudFormation did not take the answer: ${response.status}`);
}
