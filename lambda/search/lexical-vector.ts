import { searchTerms } from './terms';
import { MAX_TERMS_BYTES } from './vector-index';

/**
 * The lexical signal as a vector: each stemmed term is hashed to one of LEXICAL_DIMENSION slots
 * with a sign from the same hash (so two terms that share a slot tend to cancel instead of adding
 * up), weighted 1 + ln(term frequency), and the whole is unit length. The cosine of two such
 * vectors is the classic vector-space (TF, cosine-normalised) match of their terms; stored in a
 * vector index it is found with one bounded query, however large the sandbox.
 */
export const LEXICAL_DIMENSION = 1024;

/** FNV-1a, 32 bits: stable across processes and runtimes, which the index needs. */
function hash(term: string): number {
  let value = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) {
    value ^= term.charCodeAt(i);
    value = Math.imul(value, 0x01000193);
  }
  return value >>> 0;
}

/** At most this many identifiers a memory are kept filterable, in at most this many bytes (S3 Vectors' filterable metadata is 2 KB). */
const MAX_IDENTIFIERS = 16;
const MAX_IDENTIFIER_BYTES = 1024;
const HAS_DIGIT = /\p{N}/u;

export interface LexicalVector {
  readonly terms: ReadonlySet<string>;
  /** Its terms with a digit (an invoice, order or ticket number, a version): found by an exact filter, not by nearness. */
  readonly identifiers: readonly string[];
  /** The distinct terms as stored beside the vector (the most frequent first when they must be cut). */
  readonly stored: string;
  /** Undefined when the text has no term (only stop words or punctuation): it cannot be matched lexically. */
  readonly vector?: number[];
}

export function lexicalVector(text: string): LexicalVector {
  const counts = new Map<string, number>();
  for (const term of searchTerms(text)) counts.set(term, (counts.get(term) ?? 0) + 1);
  if (counts.size === 0) return { terms: new Set(), identifiers: [], stored: '' };
  const stored = storedTerms(counts);
  const identifiers = identifiersOf(counts.keys());
  const vector = new Array<number>(LEXICAL_DIMENSION).fill(0);
  for (const [term, count] of counts) {
    const value = hash(term);
    vector[value % LEXICAL_DIMENSION] += (value & 0x8000_0000 ? -1 : 1) * (1 + Math.log(count));
  }
  const norm = Math.hypot(...vector);
  // Terms that cancelled each other out completely leave nothing to match.
  if (norm === 0) return { terms: new Set(counts.keys()), identifiers, stored };
  return { terms: new Set(counts.keys()), identifiers, stored, vector: vector.map((x) => x / norm) };
}

function identifiersOf(terms: Iterable<string>): string[] {
  const kept: string[] = [];
  let bytes = 0;
  for (const term of terms) {
    if (!HAS_DIGIT.test(term)) continue;
    // Quoted and comma-separated in the metadata's JSON.
    bytes += Buffer.byteLength(term, 'utf8') + 3;
    if (kept.length >= MAX_IDENTIFIERS || bytes > MAX_IDENTIFIER_BYTES) break;
    kept.push(term);
  }
  return kept;
}

function storedTerms(counts: ReadonlyMap<string, number>): string {
  const ordered = [...counts].sort((a, b) => b[1] - a[1]).map(([term]) => term);
  let stored = '';
  for (const term of ordered) {
    const next = stored ? `${stored} ${term}` : term;
    if (Buffer.byteLength(next, 'utf8') > MAX_TERMS_BYTES) break;
    stored = next;
  }
  return stored;
}
