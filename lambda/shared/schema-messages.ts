import type * as z from 'zod/mini';

/**
 * zod/mini ships no messages, so the common problems are worded here, for the configuration schema
 * and the API's input alike. Passed as a parse's `error` map, it only speaks where the schema gave
 * no message of its own.
 */
export const describeIssue: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}`;
    case 'invalid_key':
      // The key schema's own message says what a key must look like.
      return issue.issues[0]?.message;
    case 'too_small':
      return `must be ${issue.inclusive ? 'at least' : 'more than'} ${String(issue.minimum)}${unitOf(issue.origin, issue.minimum)}`;
    case 'too_big':
      return `must be ${issue.inclusive ? 'at most' : 'less than'} ${String(issue.maximum)}${unitOf(issue.origin, issue.maximum)}`;
    default:
      return undefined;
  }
};

/** Lengths are counted in characters or items; numbers need no unit. */
function unitOf(origin: string, count: number | bigint): string {
  const unit = origin === 'string' ? 'character' : origin === 'array' ? 'item' : undefined;
  return unit === undefined ? '' : ` ${unit}${count === 1 ? '' : 's'}`;
}
