import { createDocumentClient, type TableNames } from '../../lambda/platform/dynamo';
import { ensureTables } from '../../local/dynamo-local';
import { DYNAMO_ENDPOINT_ENVIRONMENT } from './dynamo-global-setup';
import { freshTables } from './local-api';

/** Fresh tables on the run's DynamoDB Local and the one document client the stores use in Lambda, with no gateway in between. */
export async function storeTables(): Promise<{ db: ReturnType<typeof createDocumentClient>; tables: TableNames }> {
  const endpoint = process.env[DYNAMO_ENDPOINT_ENVIRONMENT];
  if (!endpoint) throw new Error('store tests need the DynamoDB Local that test/helpers/dynamo-global-setup.ts starts');
  const tables = freshTables();
  await ensureTables(endpoint, tables);
  return { db: createDocumentClient(endpoint), tables };
}
