import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * Time-ordered ids (a ULID body): 10 characters of millisecond time, then 16 random ones.
 * Sorting ids as strings sorts by creation time, which is what newest-first lists need.
 */
export function newId(prefix: IdPrefix, now: number): string {
  let time = '';
  let remaining = now;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[remaining % 32] + time;
    remaining = Math.floor(remaining / 32);
  }
  const random = [...randomBytes(16)].map((byte) => CROCKFORD[byte % 32]).join('');
  return `${prefix}_${time}${random}`;
}

export type IdPrefix = 'usr' | 'tnt' | 'key' | 'mem' | 'evt';

/** Matches an id of one kind, so a malformed id is refused without a read. */
export function idPattern(prefix: IdPrefix): RegExp {
  return new RegExp(`^${prefix}_[0-9A-HJKMNP-TV-Z]{26}$`);
}
