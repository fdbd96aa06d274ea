/**
 * Lexical relevance (BM25): term frequency with saturation, inverse document frequency, and
 * document-length normalisation. Scores are divided by the best score any document could reach
 * for the query, so they fall in [0, 1] and mean the same across queries.
 */
const K1 = 1.2;
const B = 0.75;

export function tokenize(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter((token) => token.length > 0);
}

export interface Scored {
  readonly id: string;
  readonly score: number;
}

interface Match {
  readonly id: string;
  readonly length: number;
  readonly frequencies: ReadonlyMap<string, number>;
}

/**
 * BM25 over documents added one at a time. It keeps, per document, only what the score needs (its
 * length, and the query terms' counts where it has any), so a search holds no document text and
 * its memory grows with the matches, not with the bytes searched.
 */
export class LexicalRanking {
  private readonly queryTerms: ReadonlySet<string>;
  private documents = 0;
  private totalLength = 0;
  private readonly documentFrequency = new Map<string, number>();
  private readonly matches: Match[] = [];

  constructor(query: string) {
    this.queryTerms = new Set(tokenize(query));
  }

  add(id: string, text: string): void {
    const tokens = tokenize(text);
    this.documents += 1;
    this.totalLength += tokens.length;
    const frequencies = new Map<string, number>();
    for (const token of tokens) if (this.queryTerms.has(token)) frequencies.set(token, (frequencies.get(token) ?? 0) + 1);
    if (frequencies.size === 0) return;
    for (const term of frequencies.keys()) this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
    this.matches.push({ id, length: tokens.length, frequencies });
  }

  /** The best `limit` ids, best first; ties go to the larger (newer, time-ordered) id; no shared term, no result. */
  top(limit: number): Scored[] {
    if (this.matches.length === 0) return [];
    const averageLength = this.totalLength / this.documents || 1;
    const idf = new Map(
      [...this.queryTerms].map((term) => {
        const df = this.documentFrequency.get(term) ?? 0;
        return [term, Math.log(1 + (this.documents - df + 0.5) / (df + 0.5))];
      }),
    );
    const ceiling = [...idf.values()].reduce((sum, value) => sum + value * (K1 + 1), 0);
    const results = this.matches.map(({ id, length, frequencies }) => {
      const lengthNorm = K1 * (1 - B + (B * length) / averageLength);
      let score = 0;
      for (const [term, tf] of frequencies) score += ((idf.get(term) ?? 0) * tf * (K1 + 1)) / (tf + lengthNorm);
      return { id, score: Math.min(1, score / ceiling) };
    });
    results.sort((a, b) => b.score - a.score || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
    return results.slice(0, limit);
  }
}
