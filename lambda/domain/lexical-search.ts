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

export interface SearchDocument {
  readonly id: string;
  readonly text: string;
}

export interface Scored<T> {
  readonly item: T;
  readonly score: number;
}

/** Ranks documents best first; ties go to the larger (newer, time-ordered) id; no shared term, no result. */
export function rank<T extends SearchDocument>(query: string, documents: readonly T[], limit: number): Scored<T>[] {
  const queryTerms = [...new Set(tokenize(query))];
  if (queryTerms.length === 0 || documents.length === 0) return [];
  const tokenized = documents.map((document) => tokenize(document.text));
  const averageLength = tokenized.reduce((sum, tokens) => sum + tokens.length, 0) / documents.length || 1;
  const documentFrequency = new Map<string, number>();
  for (const tokens of tokenized)
    for (const term of new Set(tokens)) if (queryTerms.includes(term)) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  const idf = new Map(
    queryTerms.map((term) => {
      const df = documentFrequency.get(term) ?? 0;
      return [term, Math.log(1 + (documents.length - df + 0.5) / (df + 0.5))];
    }),
  );
  const ceiling = queryTerms.reduce((sum, term) => sum + (idf.get(term) ?? 0) * (K1 + 1), 0);
  const results: Scored<T>[] = [];
  tokenized.forEach((tokens, index) => {
    const frequencies = new Map<string, number>();
    for (const token of tokens) if (idf.has(token)) frequencies.set(token, (frequencies.get(token) ?? 0) + 1);
    if (frequencies.size === 0) return;
    const lengthNorm = K1 * (1 - B + (B * tokens.length) / averageLength);
    let score = 0;
    for (const [term, tf] of frequencies) score += ((idf.get(term) ?? 0) * tf * (K1 + 1)) / (tf + lengthNorm);
    results.push({ item: documents[index] as T, score: Math.min(1, score / ceiling) });
  });
  results.sort((a, b) => b.score - a.score || (a.item.id < b.item.id ? 1 : a.item.id > b.item.id ? -1 : 0));
  return results.slice(0, limit);
}
