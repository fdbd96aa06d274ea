// zod/mini keeps the handler bundles small: classic zod brings every locale along.
import * as z from 'zod/mini';
import { describeIssue } from '../shared/schema-messages';
import type { ErrorDetail } from '../shared/error-codes';
import { ApiError } from './errors';

/** Where a client's input sits in the request, so a problem names its real location. */
export interface InputPart {
  /** For the message: "The query is not valid". */
  readonly name: string;
  /** The `field` of a problem with the part as a whole. */
  readonly whole: string;
  /** Put before the path of a field inside the part. */
  readonly prefix: string;
}

export const BODY: InputPart = { name: 'request body', whole: '(body)', prefix: '' };
export const QUERY: InputPart = { name: 'query', whole: '(query)', prefix: '' };

/** A request header: problems name the header. */
export function headerPart(header: string): InputPart {
  return { name: `${header} header`, whole: header, prefix: `${header}.` };
}

/** Turns zod issues into the API's `details`: `scopes[1]`-style field paths and short reasons. */
export function validationDetails(error: z.core.$ZodError, part: InputPart = BODY): ErrorDetail[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: fieldPath(part, [...issue.path, key]), issue: 'unknown field' }));
    }
    return [{ field: fieldPath(part, issue.path), issue: issue.message }];
  });
}

function fieldPath(part: InputPart, path: readonly PropertyKey[]): string {
  if (path.length === 0) return part.whole;
  return (
    part.prefix +
    path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '')
  );
}

/** A lone half of a surrogate pair: JSON text can escape one ("\ud800"), but it is not Unicode text, and DynamoDB refuses it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A value inside a client's input, with the way back to the top (paths are built only for a problem). */
interface Visit {
  readonly value: unknown;
  readonly key?: PropertyKey;
  readonly parent?: Visit;
}

function pathOf(visit: Visit | undefined): PropertyKey[] {
  const path: PropertyKey[] = [];
  for (let at = visit; at?.parent; at = at.parent) path.unshift(at.key as PropertyKey);
  return path;
}

/**
 * Every string (object keys included) in a client's input that is not well-formed Unicode, in
 * document order. A loop, not recursion: JSON nested thousands of levels deep (a 64 KiB body holds
 * 32,000) would overflow the call stack.
 */
function malformedStrings(input: unknown, part: InputPart): ErrorDetail[] {
  const found: ErrorDetail[] = [];
  const pending: Visit[] = [{ value: input }];
  for (let visit = pending.pop(); visit; visit = pending.pop()) {
    const { value } = visit;
    if (typeof value === 'string') {
      if (LONE_SURROGATE.test(value)) found.push({ field: fieldPath(part, pathOf(visit)), issue: NOT_UNICODE });
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    const entries: [PropertyKey, unknown][] = Array.isArray(value) ? value.map((item, index) => [index, item]) : Object.entries(value);
    const children: Visit[] = [];
    for (const [key, item] of entries) {
      if (typeof key === 'string' && LONE_SURROGATE.test(key))
        found.push({ field: fieldPath(part, pathOf(visit)), issue: `a key ${NOT_UNICODE}` });
      else children.push({ value: item, key, parent: visit });
    }
    // Onto the stack last child first, so children are visited in order.
    for (let index = children.length - 1; index >= 0; index--) pending.push(children[index] as Visit);
  }
  return found;
}

const NOT_UNICODE = 'is not well-formed Unicode (a lone surrogate)';

/** One input to check: a schema, the value the client sent, and where it sent it. */
export interface Check<T extends z.core.$ZodType> {
  readonly schema: T;
  readonly input: unknown;
  readonly part: InputPart;
}

export function check<T extends z.core.$ZodType>(schema: T, input: unknown, part: InputPart = BODY): Check<T> {
  return { schema, input, part };
}

/**
 * Checks every input of a request (body, query, headers) before answering, so one 400 names every
 * problem with its location; returns the parsed values by name.
 */
export function parseAll<C extends Record<string, Check<z.core.$ZodType>>>(checks: C): { [K in keyof C]: z.infer<C[K]['schema']> } {
  const values: Record<string, unknown> = {};
  const details: ErrorDetail[] = [];
  const failed = new Set<string>();
  for (const [name, { schema, input, part }] of Object.entries(checks)) {
    const problems = malformedStrings(input, part);
    const result = z.safeParse(schema, input, { error: describeIssue });
    if (result.success) values[name] = result.data;
    else problems.push(...validationDetails(result.error, part));
    if (problems.length > 0) failed.add(part.name);
    details.push(...problems);
  }
  if (details.length > 0) {
    const [only] = failed;
    throw new ApiError('VALIDATION_ERROR', failed.size === 1 ? `The ${only} is not valid` : 'The request is not valid', details);
  }
  return values as { [K in keyof C]: z.infer<C[K]['schema']> };
}

export function parseWith<T extends z.core.$ZodType>(schema: T, input: unknown, part: InputPart = BODY): z.infer<T> {
  return parseAll({ value: check(schema, input, part) }).value;
}
