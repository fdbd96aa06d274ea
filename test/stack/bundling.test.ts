import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import { memoryApiStack } from '../helpers/cdk-app';
import { apiFunctionsOf, authorizerFunctionId, props } from '../helpers/template-queries';

jest.setTimeout(180_000);

const AUTHORIZER_BUNDLE_LIMIT = 1_000_000;

/** The one test that runs esbuild for real (every other test skips bundling to stay fast). */
describe('function bundles', () => {
  // One synth for both tests: bundling twelve functions takes most of a minute.
  let assembly: CloudAssembly;
  let template: Template;
  beforeAll(() => {
    const { app, stack } = memoryApiStack({ bundle: true });
    assembly = app.synth();
    template = Template.fromStack(stack);
  });

  it('bundles every function into one minified CommonJS file with a source map, the authorizer kept small', () => {
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

  it('ships what an API key never needs as files of their own beside the authorizer’s index.js', () => {
    // Assess
    const authorizer = props(template.toJSON().Resources[authorizerFunctionId(template)]);
    const dir = join(assembly.directory, `asset.${String((authorizer.Code as { S3Key: string }).S3Key).replace(/\.zip$/, '')}`);
    const read = (file: string) => readFileSync(join(dir, file), 'utf8');
    const index = read('index.js');
    // Error codes of jose and an X-Ray SDK setting: each in its own file and nowhere in index.js.
    const where = (text: string) => ['index.js', 'token-support.js', 'powertools-tracer.js'].filter((file) => read(file).includes(text));
    // Loaded as Lambda's Node loads it from index.js, by the path index.js names.
    const tokenSupportExports = execFileSync(process.execPath, [
      '-e',
      `import(${JSON.stringify(join(dir, 'token-support.js'))}).then((m) => console.log(Object.keys(m).sort().join(',')))`,
    ]).toString();
    expect({
      files: readdirSync(dir).sort(),
      importedByIndex: [...index.matchAll(/import\("(\.\/[\w-]+\.js)"\)/g)].map((match) => match[1]).sort(),
      jose: where('ERR_JWKS_NO_MATCHING_KEY'),
      xRay: where('AWS_XRAY_DAEMON_ADDRESS'),
      zod: where('$ZodError'),
      tokenSupportExports: tokenSupportExports.trim(),
    }).toEqual({
      files: ['index.js', 'index.js.map', 'powertools-tracer.js', 'powertools-tracer.js.map', 'token-support.js', 'token-support.js.map'],
      importedByIndex: ['./powertools-tracer.js', './token-support.js'],
      jose: ['token-support.js'],
      xRay: ['powertools-tracer.js'],
      zod: ['token-support.js'],
      tokenSupportExports: 'ExternalIdentities,LambdaInvoker,default,signedWithUnknownKey,verifyAccessToken',
    });
  });
});
