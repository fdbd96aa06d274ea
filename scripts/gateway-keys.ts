import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { deleteStackKeys, gatewayKeyReport, sweepTierChanges } from '../lambda/gateway-keys';
import { LOCAL_GATEWAY_KEYS_PATH } from '../local/operator-routes';
import { readOperatorToken } from '../local/operator-token';
import { dependenciesFromStackOutputs } from './stack-dependencies';

/**
 * The stack's API Gateway keys, for an operator.
 *   npm run gateway-keys -- report [--url http://localhost:3000]      the stack's keys and the account's, against the 10,000 quota
 *   npm run gateway-keys -- report --outputs cdk-outputs.json
 *   npm run gateway-keys -- sweep --outputs cdk-outputs.json          settles every tier change that is due (deletes the keys they left)
 *   npm run gateway-keys -- delete-all --outputs cdk-outputs.json     deletes every key of the stack (what deleting the stack does)
 */
const USAGE = 'usage: npm run gateway-keys -- report|sweep|delete-all [--outputs cdk-outputs.json] [--url http://localhost:3000]';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { outputs: { type: 'string' }, url: { type: 'string' } } });
  const [command] = positionals;
  if (!values.outputs) {
    if (command !== 'report') throw new Error(`${USAGE}\n(locally only report: delete the data folder to start afresh)`);
    const url = values.url ?? `http://localhost:${process.env.PORT ?? 3000}`;
    const response = await fetch(url + LOCAL_GATEWAY_KEYS_PATH, { headers: { authorization: `Bearer ${readOperatorToken()}` } }).catch(
      () => {
        throw new Error(`No local server answers at ${url}: start it with \`npm start\`, or give its address with PORT or --url.`);
      },
    );
    process.stdout.write(await response.text());
    return;
  }
  const deps = dependenciesFromStackOutputs(
    JSON.parse(readFileSync(values.outputs, 'utf8')) as Record<string, Record<string, string>>,
    values.outputs,
  );
  const commands: Record<string, () => Promise<unknown>> = {
    report: () => gatewayKeyReport(deps),
    sweep: () => sweepTierChanges(deps),
    'delete-all': () => deleteStackKeys(deps),
  };
  const run = command ? commands[command] : undefined;
  if (!run) throw new Error(USAGE);
  process.stdout.write(`${JSON.stringify(await run())}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
