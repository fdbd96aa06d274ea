import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createDocumentClient } from '../lambda/platform/dynamo';
import { PepperVersions } from './pepper-versions';

/**
 * Pepper versions of a deployed stack, with your AWS credentials (docs/operating.md, "Rotating secrets").
 *   npm run pepper -- add --outputs cdk-outputs.json             a new version; new keys are hashed with it
 *   npm run pepper -- keys --outputs cdk-outputs.json            working keys by the version they were hashed with
 *   npm run pepper -- retire <version> --outputs cdk-outputs.json  remove a version no working key uses
 */
const USAGE = 'usage: npm run pepper -- (add | keys | retire <version>) --outputs cdk-outputs.json';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { outputs: { type: 'string' } } });
  const [command, version] = positionals;
  if (!values.outputs) throw new Error(USAGE);
  const stacks = JSON.parse(readFileSync(values.outputs, 'utf8')) as Record<string, Record<string, string>>;
  const outputs = Object.values(stacks).find((candidate) => candidate.PepperSecretArn && candidate.ApiKeysTableName);
  if (!outputs?.PepperSecretArn || !outputs.ApiKeysTableName)
    throw new Error(`${values.outputs} has no stack with PepperSecretArn and ApiKeysTableName`);
  const peppers = new PepperVersions(
    new SecretsManagerClient({}),
    createDocumentClient(),
    outputs.PepperSecretArn,
    outputs.ApiKeysTableName,
  );
  const result =
    command === 'add'
      ? await peppers.add()
      : command === 'keys'
        ? { ok: true, workingKeysByVersion: await peppers.workingKeysByVersion() }
        : command === 'retire' && version && /^\d+$/.test(version)
          ? await peppers.retire(Number(version))
          : undefined;
  if (!result) throw new Error(USAGE);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  if (!result.ok) process.exit(1);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
