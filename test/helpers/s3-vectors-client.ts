import { S3VectorsClient } from '@aws-sdk/client-s3vectors';

/** The real S3 Vectors client on a stand-in, with one attempt: a refused call (a 429 included) shows instead of being retried out of sight. */
export function standInClient(endpoint: string): S3VectorsClient {
  return new S3VectorsClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
}
