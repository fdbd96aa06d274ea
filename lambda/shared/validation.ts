import { z } from 'zod';
import { ApiError, type ErrorDetail } from './errors';

/** Turns zod issues into the API's `details`: `scopes[1]`-style field paths and short reasons. */
export function validationDetails(error: z.ZodError): ErrorDetail[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: fieldPath([...issue.path, key]), issue: 'unknown field' }));
    }
    return [{ field: fieldPath(issue.path) || '(body)', issue: issue.message }];
  });
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)), '');
}

export function parseWith<T extends z.ZodType>(schema: T, input: unknown, what = 'request body'): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ApiError('VALIDATION_ERROR', `The ${what} is not valid`, validationDetails(result.error));
  return result.data;
}
