import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { traceClient } from './tracing';

let client: CloudFormationClient | undefined;

/** The status of a stack, by its id (the ARN works for a stack being deleted too). */
export async function stackStatus(stackId: string): Promise<string | undefined> {
  client ??= traceClient(new CloudFormationClient({ maxAttempts: 8, retryMode: 'adaptive' }));
  const { Stacks } = await client.send(new DescribeStacksCommand({ StackName: stackId }));
  return Stacks?.[0]?.StackStatus;
}
