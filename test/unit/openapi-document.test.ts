import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import * as z from 'zod/mini';
import { CreateBody, SearchBody } from '../../lambda/handlers/memories';
import { CreateKeyBody } from '../../lambda/handlers/api-key-bodies';
import { ERROR_STATUS } from '../../lambda/shared/error-codes';
import { ROUTES } from '../../lambda/shared/routes';
import { buildOpenApiDocument } from '../../scripts/openapi/document';
import { openApiDocument, responseProblems } from '../helpers/openapi-responses';

const run = promisify(execFile);
const ROOT = join(__dirname, '../..');

type Operation = { security: Record<string, string[]>[]; responses: Record<string, { content?: unknown; description: string }> };
const operationOf = (method: string, path: string) =>
  (openApiDocument.paths as unknown as Record<string, Record<string, Operation>>)[path]?.[method.toLowerCase()];

describe('the OpenAPI document', () => {
  it('is committed as generated from the route table and the handlers’ schemas, SDK types included', async () => {
    // Act: the generator's check mode fails (non-zero exit) when docs/openapi.json or the SDK types are stale.
    const check = run(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/openapi/generate.ts', '--check'], { cwd: ROOT });

    // Assess
    await expect(check).resolves.toBeDefined();
    expect(openApiDocument).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument())));
  });

  it('is a valid OpenAPI 3.1 document for an independent validator', async () => {
    // Prepare
    const validator = new Validator();

    // Act
    const result = await validator.validate(structuredClone(openApiDocument) as unknown as Parameters<Validator['validate']>[0]);

    // Assess
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('holds only JSON Schemas that a strict 2020-12 validator compiles', () => {
    // Prepare
    const ajv = new Ajv2020({ strict: true, strictTypes: false });
    addFormats(ajv);
    const schemas = (openApiDocument as unknown as { components: { schemas: Record<string, object> } }).components.schemas;

    // Act
    const compile = () => {
      for (const [name, schema] of Object.entries(schemas)) ajv.addSchema(schema, `#/components/schemas/${name}`);
      for (const name of Object.keys(schemas)) ajv.getSchema(`#/components/schemas/${name}`);
    };

    // Assess
    expect(compile).not.toThrow();
  });

  it('documents every route of the table, with its scope in both security schemes and public routes open', () => {
    for (const route of ROUTES) {
      // Act
      const operation = operationOf(route.method, route.path);

      // Assess
      expect(operation).toBeDefined();
      if (route.access === 'public') expect(operation?.security).toEqual([]);
      else {
        const scopes = route.access === 'authenticated' ? [] : [route.access];
        expect(operation?.security).toEqual([{ ApiKey: scopes }, { Bearer: scopes }]);
      }
    }
  });

  it('names every error code of errors.ts under its status', () => {
    // Prepare
    const documented = new Map<string, Set<string>>();
    for (const route of ROUTES) {
      for (const [status, response] of Object.entries(operationOf(route.method, route.path)?.responses ?? {})) {
        for (const code of response.description.match(/[A-Z_]{4,}/g) ?? [])
          documented.set(code, (documented.get(code) ?? new Set()).add(status));
      }
    }

    // Act & Assess
    for (const [code, status] of Object.entries(ERROR_STATUS))
      expect([code, [...(documented.get(code) ?? [])]]).toEqual([code, [String(status)]]);
  });

  it('describes request bodies with the handlers’ own schemas: both accept and refuse the same bodies', () => {
    // Prepare
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    ajv.addSchema(openApiDocument, 'openapi');
    const cases: [z.core.$ZodType, string, unknown[]][] = [
      [
        CreateBody,
        'CreateMemoryRequest',
        [
          { content: 'tea' },
          { content: '' },
          { content: 'x', type: 'dream' },
          { content: 'x', extra: 1 },
          { content: 'x', metadata: { k: [1] } },
          { content: 'x', metadata: Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`k${i}`, i])) },
          { content: 'x', metadata: { ['k'.repeat(65)]: 'v' } },
        ],
      ],
      [SearchBody, 'SearchMemoriesRequest', [{ query: 'tea' }, { query: 'tea', limit: 51 }, { query: 'tea', limit: 1.5 }, {}]],
      [
        CreateKeyBody,
        'CreateApiKeyRequest',
        [{ name: 'agent' }, { name: 'agent', environment: 'staging' }, { name: 'a', expires_in_days: 0 }],
      ],
    ];

    for (const [schema, component, bodies] of cases) {
      const validate = ajv.getSchema(`openapi#/components/schemas/${component}`);
      for (const body of bodies) {
        // Act
        const byHandler = z.safeParse(schema, body).success;
        const byDocument = validate?.(body);

        // Assess
        expect([component, body, byDocument]).toEqual([component, body, byHandler]);
      }
    }
  });

  it('finds an answer that is not in the document: an unknown status, an extra field, a header out of place', () => {
    // Prepare
    const headers = (entries: Record<string, string>) => new Headers(entries);
    const memory = {
      id: 'mem_01J0000000000000000000000',
      content: 'tea',
      type: 'semantic',
      metadata: {},
      environment: 'live',
      created_at: '2026-11-24T10:00:00.000Z',
      updated_at: '2026-11-24T10:00:00.000Z',
    };

    // Act
    const fine = responseProblems('GET', '/v1/memories/mem_1', { status: 200, headers: headers({}), text: JSON.stringify(memory) });
    const teapot = responseProblems('GET', '/v1/memories/mem_1', { status: 418, headers: headers({}), text: '' });
    const extraField = responseProblems('GET', '/v1/memories/mem_1', {
      status: 200,
      headers: headers({}),
      text: JSON.stringify({ ...memory, tenant_id: 'tnt_1' }),
    });
    const rateHeaderOnPublicRoute = responseProblems('GET', '/health', {
      status: 200,
      headers: headers({ 'x-ratelimit-limit': '60' }),
      text: '{"status":"ok"}',
    });
    const badHeaderValue = responseProblems('GET', '/v1/memories/mem_1', {
      status: 200,
      headers: headers({ 'x-ratelimit-remaining': '-1' }),
      text: JSON.stringify(memory),
    });

    // Assess
    expect(fine).toEqual([]);
    expect(teapot).toEqual(['GET /v1/memories/{id} 418: status not documented']);
    expect(extraField).toEqual([expect.stringContaining('body does not match the document')]);
    expect(rateHeaderOnPublicRoute).toEqual(['GET /health 200: header X-RateLimit-Limit is not documented for this answer']);
    expect(badHeaderValue).toEqual([expect.stringContaining('header X-RateLimit-Remaining: -1 does not match its schema')]);
  });
});
