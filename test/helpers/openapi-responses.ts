import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { matchRoute } from '../../lambda/shared/routes';
import type { ApiCall, ApiResponse } from '../../scripts/http-client';

interface HeaderObject {
  readonly schema: { readonly type?: string; readonly minimum?: number; readonly enum?: readonly string[] };
}
interface ResponseObject {
  readonly headers?: Record<string, { readonly $ref: string }>;
  readonly content?: Record<string, unknown>;
}
interface OpenApiDocument {
  readonly paths: Record<string, Record<string, { readonly responses: Record<string, ResponseObject> }>>;
  readonly components: { readonly headers: Record<string, HeaderObject> };
}

const DOCUMENT_ID = 'openapi';
export const openApiDocument = JSON.parse(readFileSync(join(__dirname, '../../docs/openapi.json'), 'utf8')) as OpenApiDocument;

let ajv: Ajv2020 | undefined;
const validators = new Map<string, ValidateFunction>();

function schemaValidator(pointer: string): ValidateFunction {
  let validate = validators.get(pointer);
  if (!validate) {
    if (!ajv) {
      ajv = new Ajv2020({ allErrors: true, strict: false });
      addFormats(ajv);
      ajv.addSchema(openApiDocument, DOCUMENT_ID);
    }
    validate = ajv.getSchema(`${DOCUMENT_ID}#${pointer}`);
    if (!validate) throw new Error(`no schema at ${pointer}`);
    validators.set(pointer, validate);
  }
  return validate;
}

const pointerSegment = (segment: string) => encodeURIComponent(segment.replace(/~/g, '~0').replace(/\//g, '~1'));

/** The API's own headers (the document's header components), compared without case. */
const documentedHeaderNames = new Map(Object.keys(openApiDocument.components.headers).map((name) => [name.toLowerCase(), name]));

/**
 * The problems of one answer against the document: its status must be documented for its route,
 * its body must match that status's schema, and each of the API's own headers it carries must be
 * documented there and match its schema. Answers to paths outside the route table are not checked.
 */
export function responseProblems(method: string, url: string, response: Pick<ApiResponse, 'status' | 'headers' | 'text'>): string[] {
  const match = matchRoute(method.toUpperCase(), new URL(url, 'http://localhost').pathname);
  if (!match) return [];
  const where = `${method.toUpperCase()} ${match.route.path} ${response.status}`;
  const documented = openApiDocument.paths[match.route.path]?.[method.toLowerCase()]?.responses[String(response.status)];
  if (!documented) return [`${where}: status not documented`];
  const problems: string[] = [];
  const content = documented.content?.['application/json'];
  if (content) {
    const validate = schemaValidator(
      ['paths', match.route.path, method.toLowerCase(), 'responses', String(response.status), 'content', 'application/json', 'schema']
        .map((segment) => `/${pointerSegment(segment)}`)
        .join(''),
    );
    let body: unknown;
    try {
      body = JSON.parse(response.text);
    } catch {
      return [`${where}: body is not JSON: ${response.text.slice(0, 100)}`];
    }
    if (!validate(body)) problems.push(`${where}: body does not match the document: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
  } else if (response.text !== '') {
    problems.push(`${where}: the document says no body, got ${response.text.slice(0, 100)}`);
  }
  const allowed = new Set(Object.keys(documented.headers ?? {}).map((name) => name.toLowerCase()));
  response.headers.forEach((value, name) => {
    const documentedName = documentedHeaderNames.get(name.toLowerCase());
    if (!documentedName) return;
    if (!allowed.has(name.toLowerCase())) problems.push(`${where}: header ${documentedName} is not documented for this answer`);
    else if (!headerMatches(openApiDocument.components.headers[documentedName] as HeaderObject, value))
      problems.push(`${where}: header ${documentedName}: ${value} does not match its schema`);
  });
  return problems;
}

function headerMatches({ schema }: HeaderObject, value: string): boolean {
  if (schema.enum) return schema.enum.includes(value);
  if (schema.type === 'integer') return /^\d+$/.test(value) && Number(value) >= (schema.minimum ?? -Infinity);
  return true;
}

/** Wraps an API caller so that every answer a test receives is checked against the OpenAPI document. */
export function documentCheckedCaller(call: ApiCall): ApiCall {
  return async (method, path, options) => {
    const response = await call(method, path, options);
    const problems = responseProblems(method, path, response);
    if (problems.length > 0) throw new Error(`The answer differs from docs/openapi.json:\n${problems.join('\n')}`);
    return response;
  };
}
