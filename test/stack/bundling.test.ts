import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it, jest } from '@jest/globals';
import { memoryApiStack } from '../helpers/cdk-app';
import { apiFunctionsOf, authorizerFunctionId, props } from '../helpers/template-queries';

jest.setTimeout(180_000);

const AUTHORIZER_BUNDLE_LIMIT = 1_000_000;

/** The one test that runs esbuild for real (every other test skips bundling to stay fast). */
describe('function bundles', () => {
  it('bundles every function into one minified CommonJS file with a source map, the authorizer kept small', () => {
    // Prepare
    const { app, stack } = memoryApiStack({ bundle: true });

    // Act
    const assembly = app.synth();
    const template = Template.fromStack(stack);

    // Assess
    const bundles = apiFunctionsOf(template).map(([functionId, fn]) => {
      const s3Key = String((props(fn).Code as { S3Key: string }).S3Key);
      return { functionId, dir: join(assembly.directory, `asset.${s3Key.replace(/\.zip$/, '')}`) };
    });
    expect(bundles).toHaveLength(13);
    const authorizer = bundles.find((bundle) => bundle.functionId === authorizerFunctionId(template));
    // The authorizer runs before every request: keep it well under a typical SDK-heavy bundle.
    expect(statSync(join(authorizer?.dir ?? '', 'index.js')).size).toBeLessThan(AUTHORIZER_BUNDLE_LIMIT);
    // One report per function, so a failure names the function it is about.
    const report = Object.fromEntries(
      bundles.map(({ functionId, dir }) => {
        const code = readFileSync(join(dir, 'index.js'), 'utf8');
        const lines = code.split('\n').filter(Boolean);
        return [
          functionId,
          {
            sourceMap: existsSync(join(dir, 'index.js.map')),
            commonJs: /^"use strict";/.test(code),
            exportsHandler: /\bhandler:\(\)=>/.test(code),
            linksSourceMap: /sourceMappingURL=index\.js\.map\s*$/.test(code),
            // Minified: few, very long lines (the newlines left are inside template literals) and no
            // line comments from the sources.
            fewLongLines: lines.length < 300 && code.length / lines.length > 2_000,
            lineComments: lines.filter((line) => /^\s*\/\/(?!# sourceMappingURL)/.test(line)).length,
          },
        ];
      }),
    );
    const expected = { sourceMap: true, commonJs: true, exportsHandler: true, linksSourceMap: true, fewLongLines: true, lineComments: 0 };
    expect(report).toEqual(Object.fromEntries(bundles.map(({ functionId }) => [functionId, expected])));
  });
});
