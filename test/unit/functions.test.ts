import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { instrumented, isInstrumented } from '../../lambda/platform/invocation';

const FUNCTIONS_DIR = join(__dirname, '../../lambda/functions');
const LIB_DIR = join(__dirname, '../../lib');
const functionFiles = readdirSync(FUNCTIONS_DIR).filter((name) => name.endsWith('.ts'));

/** Every `entry: '...'` the CDK code names. */
function entriesInLib(): string[] {
  return readdirSync(LIB_DIR)
    .filter((name) => name.endsWith('.ts'))
    .flatMap((name) => [...readFileSync(join(LIB_DIR, name), 'utf8').matchAll(/\bentry: '([^']+)'/g)].map((match) => match[1]));
}

describe('Lambda entry points', () => {
  it.each(functionFiles)('lambda/functions/%s exports a handler made by the one instrumentation wrapper', async (file) => {
    // Act
    const module = (await import(join(FUNCTIONS_DIR, file))) as { handler?: unknown };

    // Assess
    expect(isInstrumented(module.handler)).toBe(true);
  });

  it('every entry in lib/ is a file of lambda/functions/, and every file there is an entry', () => {
    // Act
    const entries = entriesInLib();

    // Assess
    expect(entries.length).toBeGreaterThanOrEqual(functionFiles.length);
    for (const entry of entries) expect(entry).toMatch(/^lambda\/functions\/[\w-]+\.ts$/);
    expect(new Set(entries.map((entry) => entry.slice('lambda/functions/'.length)))).toEqual(new Set(functionFiles));
  });

  it('tells a wrapped function from a bare one', () => {
    // Prepare
    const bare = async (_event: unknown) => undefined;

    // Act
    const wrapped = instrumented({ name: 'test', budgetMs: 'per-call', requestId: () => undefined }, bare);

    // Assess
    expect(isInstrumented(wrapped)).toBe(true);
    expect(isInstrumented(bare)).toBe(false);
  });
});
