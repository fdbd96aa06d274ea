import { z } from 'zod';
import { describe, expect, it } from '@jest/globals';
import { ApiError } from '../../lambda/http/errors';
import { QUERY, check, headerPart, parseAll, parseWith, validationDetails } from '../../lambda/http/validation';

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
      parseWith(Body, { name: 'x', scopes: ['nope'] }, QUERY);
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

describe('parseAll', () => {
  const Query = z.strictObject({ limit: z.coerce.number().int().max(100) });
  const Header = z.string().max(5, 'must be at most 5 characters');

  it('reports every problem of body, query and header in one error, each at its location', () => {
    // Act
    const attempt = () =>
      parseAll({
        body: check(Body, { name: '', colour: 'red' }),
        query: check(Query, { limit: '500' }, QUERY),
        key: check(Header, 'too long', headerPart('Idempotency-Key')),
      });

    // Assess
    expect(attempt).toThrow(
      expect.objectContaining({
        message: 'The request is not valid',
        details: [
          { field: 'name', issue: 'must not be empty' },
          { field: 'colour', issue: 'unknown field' },
          { field: 'limit', issue: expect.any(String) },
          { field: 'Idempotency-Key', issue: 'must be at most 5 characters' },
        ],
      }),
    );
  });

  it('names a problem with the whole query (query), not (body)', () => {
    // Act
    const attempt = () => parseAll({ query: check(Query, 'not an object', QUERY) });

    // Assess
    expect(attempt).toThrow(
      expect.objectContaining({ message: 'The query is not valid', details: [expect.objectContaining({ field: '(query)' })] }),
    );
  });

  it('refuses a lone surrogate in a value and in an object key, naming where it is, with the schema problems beside it', () => {
    // Act
    const attempt = () => parseAll({ body: check(Body, { name: 'a\ud800', metadata: { ['\udc00k']: 'v' }, extra: 1 }) });

    // Assess
    expect(attempt).toThrow(
      expect.objectContaining({
        details: [
          { field: 'name', issue: 'is not well-formed Unicode (a lone surrogate)' },
          { field: 'metadata', issue: 'a key is not well-formed Unicode (a lone surrogate)' },
          expect.objectContaining({ field: 'metadata.\udc00k' }),
          { field: 'extra', issue: 'unknown field' },
        ],
      }),
    );
  });

  it('accepts a surrogate pair (an emoji) as the well-formed Unicode it is', () => {
    // Act
    const parsed = parseAll({ body: check(Body, { name: '😀 ok' }) });

    // Assess
    expect(parsed.body.name).toBe('😀 ok');
  });
});
