import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { PROJECT_ROOT } from '../../lib/api-function';
import { CONFIG_CONTEXT_KEY } from '../../lib/config';
import { MemoryApiStack } from '../../lib/memory-api-stack';

/** The feature flags and defaults of cdk.json, so tests synthesize what `cdk synth` would. */
function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(PROJECT_ROOT, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  return cdkJson.context ?? {};
}

export interface TestAppOptions {
  /** Replaces cdk.json's `memoryApi` context (object, or a JSON string as `-c` passes it). */
  readonly memoryApi?: unknown;
  /** Run esbuild for real. Off by default: bundling six functions costs seconds per test. */
  readonly bundle?: boolean;
}

/** An App with cdk.json's context, writing its assembly to a fresh temporary directory. */
export function testApp(options: TestAppOptions = {}): App {
  const context: Record<string, unknown> = { ...cdkJsonContext() };
  if (options.memoryApi !== undefined) context[CONFIG_CONTEXT_KEY] = options.memoryApi;
  if (!options.bundle) context['aws:cdk:bundling-stacks'] = [];
  return new App({
    context,
    outdir: mkdtempSync(join(tmpdir(), 'memory-api-cdk-')),
    // CDK's built-in CloudFormation schema check costs ~9 s on first use in a process and 1.5 s
    // per synth after that; `cdk synth` runs it, the tests rely on targeted assertions instead.
    builtinCloudFormationValidation: false,
  });
}

export function memoryApiStack(options: TestAppOptions = {}): { app: App; stack: MemoryApiStack } {
  const app = testApp(options);
  const stack = new MemoryApiStack(app, 'MemoryApi-test');
  return { app, stack };
}

let cached: { stack: MemoryApiStack; template: Template } | undefined;

/** The default stack's template, synthesized once per test file (constructs are not mutated by assertions). */
export function defaultTemplate(): { stack: MemoryApiStack; template: Template } {
  if (!cached) {
    const { stack } = memoryApiStack();
    cached = { stack, template: Template.fromStack(stack) };
  }
  return cached;
}
