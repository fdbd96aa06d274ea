import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { memoryApiStack } from '../helpers/cdk-app';
import { authorizerFunctionId, props, resourcesOfType } from '../helpers/template-queries';

const AUTHORIZER_BUNDLE_LIMIT = 1_000_000;

/** The one test that runs esbuild for real (every other test skips bundling to stay fast). */
describe('function bundles', { timeout: 180_000 }, () => {
  it('bundles every function into one minified CommonJS file with a source map, the authorizer kept small', () => {
    // Prepare
    const { app, stack } = memoryApiStack({ bundle: true });

    // Act
    const assembly = app.synth();
    const template = Template.fromStack(stack);

    // Assess
    const bundles = resourcesOfType(template, 'AWS::Lambda::Function').map(([functionId, fn]) => {
      const s3Key = String((props(fn).Code as { S3Key: string }).S3Key);
      return { functionId, dir: join(assembly.directory, `asset.${s3Key.replace(/\.zip$/, '')}`) };
    });
    expect(bundles).toHaveLength(6);
    const authorizer = bundles.find((bundle) => bundle.functionId === authorizerFunctionId(template));
    // The authorizer runs before every request: keep it well under a typical SDK-heavy bundle.
    expect(statSync(join(authorizer?.dir ?? '', 'index.js')).size).toBeLessThan(AUTHORIZER_BUNDLE_LIMIT);
    for (const { functionId, dir } of bundles) {
      const code = readFileSync(join(dir, 'index.js'), 'utf8');
      const lines = code.split('\n').filter(Boolean);
      expect(existsSync(join(dir, 'index.js.map')), functionId).toBe(true);
      expect(code, functionId).toMatch(/^"use strict";/);
      expect(code, `${functionId} exports handler`).toMatch(/\bhandler:\(\)=>/);
      expect(code, functionId).toMatch(/sourceMappingURL=index\.js\.map\s*$/);
      // Minified: few, very long lines (the newlines left are inside template literals) and no
      // line comments from the sources.
      expect(lines.length, functionId).toBeLessThan(300);
      expect(code.length / lines.length, functionId).toBeGreaterThan(2_000);
      expect(lines.filter((line) => /^\s*\/\/(?!# sourceMappingURL)/.test(line)), functionId).toEqual([]);
    }
  });
});
