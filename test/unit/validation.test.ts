import { z } from 'zod';
import { describe, expect, it } from '@jest/globals';
import { ApiError } from '../../lambda/shared/errors';
import { parseWith, validationDetails } from '../../lambda/shared/validation';

const Body = z.strictObject({
  name: z.string().min(1, 'must not be empty'),
  scopes: z.array(z.enum(['read', 'write'], 'unknown scope')).optional(),
  metadata: z.strictObject({ owner: z.string().optional() }).optional(),
});

function detailsFor(input: unknown) {
  const result = Body.safeParse(input);
  if (result.success) throw new Error('expected the input to be refused');
  return validationDetails(result.error);
}

describe('validationDetails', () => {
  it('names array elements as scopes[1]', () => {
    // Act
    const details = detailsFor({ name: 'x', scopes: ['read', 'admin'] });

    // Assess
    expect(details).toEqual([{ field: 'scopes[1]', issue: 'unknown scope' }]);
  });

  it('names each unrecognized key as an unknown field', () => {
    // Act
    const details = detailsFor({ name: 'x', colour: 'red', size: 3 });

    // Assess
    expect(details).toEqual([
      { field: 'colour', issue: 'unknown field' },
      { field: 'size', issue: 'unknown field' },
    ]);
  });

  it('names a nested unrecognized key by its dotted path', () => {
    // Act
    const details = detailsFor({ name: 'x', metadata: { team: 'a' } });

    // Assess
    expect(details).toEqual([{ field: 'metadata.team', issue: 'unknown field' }]);
  });

  it('carries the schema message as the issue', () => {
    // Act
    const details = detailsFor({ name: '' });

    // Assess
    expect(details).toEqual([{ field: 'name', issue: 'must not be empty' }]);
  });

  it('names a problem with the whole body (body)', () => {
    // Act
    const details = detailsFor('not an object');

    // Assess
    expect(details).toHaveLength(1);
    expect(details[0]?.field).toBe('(body)');
  });
});

describe('parseWith', () => {
  it('returns the parsed value', () => {
    // Act
    const value = parseWith(Body, { name: 'ok', scopes: ['read'] });

    // Assess
    expect(value).toEqual({ name: 'ok', scopes: ['read'] });
  });

  it('throws a VALIDATION_ERROR with the details', () => {
    // Act
    let caught: unknown;
    try {
      parseWith(Body, { name: 'x', scopes: ['nope'] }, 'query');
    } catch (error) {
      caught = error;
    }

    // Assess
    expect(caught).toBeInstanceOf(ApiError);
    expect(caught).toMatchObject({
      code: 'VALIDATION_ERROR',
      status: 400,
      message: 'The query is not valid',
      details: [{ field: 'scopes[0]', issue: 'unknown scope' }],
    });
  });
});
