/**
 * Writes the generated files: docs/openapi.json (served at GET /v1/openapi.json) and the SDK's
 * types generated from it. `--check` writes nothing and fails when either file is stale
 * (test/unit/openapi-document.test.ts runs it).
 *
 *   npm run openapi            # regenerate
 *   npm run openapi -- --check
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { format, resolveConfig } from 'prettier';
import { buildOpenApiDocument } from './document';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DOCUMENT_PATH = `${ROOT}docs/openapi.json`;
export const SDK_TYPES_PATH = `${ROOT}sdk/src/generated/openapi.ts`;

async function documentText(document: object): Promise<string> {
  const options = (await resolveConfig(DOCUMENT_PATH)) ?? {};
  return format(JSON.stringify(document), { ...options, parser: 'json' });
}

async function sdkTypesText(document: object): Promise<string> {
  // defaultNonNullable off: a request field with a default stays optional for the caller.
  const ast = await openapiTS(document as Parameters<typeof openapiTS>[0], { defaultNonNullable: false, silent: true });
  const text = `/* Generated from docs/openapi.json by \`npm run openapi\`: do not edit. */\n${astToString(ast)}`;
  const options = (await resolveConfig(SDK_TYPES_PATH)) ?? {};
  return format(text, { ...options, parser: 'typescript' });
}

async function main(check: boolean): Promise<void> {
  const document = buildOpenApiDocument();
  const files: [string, string][] = [
    [DOCUMENT_PATH, await documentText(document)],
    [SDK_TYPES_PATH, await sdkTypesText(document)],
  ];
  const stale = files.filter(([path, text]) => readOrEmpty(path) !== text);
  if (check) {
    if (stale.length === 0) return;
    console.error(`Stale: ${stale.map(([path]) => path.slice(ROOT.length)).join(', ')}. Run \`npm run openapi\` and commit the result.`);
    process.exit(1);
  }
  for (const [path, text] of stale) writeFileSync(path, text);
  console.log(stale.length ? `Wrote ${stale.map(([path]) => path.slice(ROOT.length)).join(', ')}` : 'Up to date');
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

await main(process.argv.includes('--check'));
