import { parseArgs } from 'node:util';
import { runVerify, summary } from './verify-checks';

/**
 * The post-deploy check: `npm run verify -- --url <base url>` against `npm start` or a deployed
 * stage (the `ApiUrl` output). Prints one line per check and `N passed, N failed` last; exits 1
 * when a check failed.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { url: { type: 'string' }, 'key-prefix': { type: 'string' } } });
  if (!values.url) throw new Error('usage: npm run verify -- --url <base url> [--key-prefix mem]');
  const result = await runVerify({
    baseUrl: values.url,
    keyPrefix: values['key-prefix'],
    log: (line) => process.stdout.write(`${line}\n`),
  });
  if (result.tenantId)
    process.stdout.write(
      `throwaway tenant ${result.tenantId} stays (no account deletion in the API); its keys are revoked, its memories deleted\n`,
    );
  process.stdout.write(`${summary(result)}\n`);
  if (result.failed > 0) process.exit(1);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
