/** `live` and `test` are separate sandboxes; every key belongs to one, an owner token picks one per request. */
export const ENVIRONMENTS = ['live', 'test'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export function isEnvironment(value: unknown): value is Environment {
  return value === 'live' || value === 'test';
}
