import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseAppConfig, resolveAppConfig } from '../lambda/shared/config';
import { describeExpectations, expectationsOf, runVerify, summary, type VerifyExpectations } from './verify-checks';

const USAGE = 'usage: npm run verify -- --outputs cdk-outputs.json | --url <base url> [--config <json>]';

/**
 * The post-deploy check: `npm run verify -- --outputs cdk-outputs.json` against a deployed stage
 * (its `ApiUrl` and `AppConfig` outputs), or `--url <base url>` against `npm start` (expectations
 * from `--config`, else `MEMORY_API_CONFIG`, else the defaults, as `npm start` reads them).
 * Prints what it expects, one line per check and `N passed, N failed, N skipped` last; exits 1
 * when a check failed.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { url: { type: 'string' }, outputs: { type: 'string' }, config: { type: 'string' } } });
  const target = values.outputs ? fromOutputs(values.outputs) : undefined;
  const baseUrl = values.url ?? target?.url;
  if (!baseUrl) throw new Error(USAGE);
  const expected = target?.expected ?? fromLocalConfig(values.config);
  const log = (line: string) => process.stdout.write(`${line}\n`);
  log(`verifying ${baseUrl}: ${describeExpectations(expected)}`);
  const result = await runVerify({ baseUrl, expected, log });
  if (result.tenantId)
    log(`throwaway tenant ${result.tenantId} stays (no account deletion in the API); its keys are revoked, its memories deleted`);
  log(summary(result));
  if (result.failed > 0) process.exit(1);
}

/** The first stack of a `cdk deploy --outputs-file` file that has an API URL. */
function fromOutputs(file: string): { url: string; expected: VerifyExpectations } {
  const stacks = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, string>>;
  const [name, outputs] = Object.entries(stacks).find(([, candidate]) => candidate.ApiUrl) ?? [];
  if (!name || !outputs?.ApiUrl) throw new Error(`${file} has no stack with an ApiUrl output`);
  const config = parseAppConfig(JSON.parse(outputs.AppConfig ?? '{}'), `${file} AppConfig`);
  return { url: outputs.ApiUrl, expected: expectationsOf(config, `the AppConfig output of ${name} in ${file}`) };
}

function fromLocalConfig(flag: string | undefined): VerifyExpectations {
  const [raw, source] = flag !== undefined ? [flag, '--config'] : [process.env.MEMORY_API_CONFIG, 'MEMORY_API_CONFIG'];
  if (raw === undefined || raw === '') return expectationsOf(resolveAppConfig(undefined, 'the defaults'), 'the default configuration');
  return expectationsOf(resolveAppConfig(raw, source), source);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
