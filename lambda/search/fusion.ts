import type { Neighbour } from './vector-index';

export interface Ranked {
  readonly key: string;
  /** 0 to 1; see `fuse`. */
  readonly score: number;
}

/** Reciprocal rank fusion's usual constant: a rank-1 hit weighs about twice a rank-60 one, not sixty times. */
export const RRF_K = 60;

/**
 * Weighted reciprocal rank fusion of the semantic and the lexical ranking: each memory scores
 * Σ weight/(RRF_K + rank) over the rankings it is in, divided by what first place in all would
 * give, so 1 means first by meaning and by words, about 0.5 first in one of two equal rankings
 * and absent from the other. Ranks, not raw scores, are fused: a cosine of word vectors and one of hashed terms are not
 * on one scale. Ties go to the newer memory (ids are time-ordered).
 */
export function fuse(rankings: readonly { readonly ranking: readonly Neighbour[]; readonly weight: number }[]): Ranked[] {
  const scores = new Map<string, number>();
  for (const { ranking, weight } of rankings)
    ranking.forEach(({ key }, position) => scores.set(key, (scores.get(key) ?? 0) + weight / (RRF_K + position + 1)));
  const best = rankings.reduce((sum, { weight }) => sum + weight, 0) / (RRF_K + 1);
  return [...scores]
    .map(([key, score]) => ({ key, score: score / best }))
    .sort((a, b) => b.score - a.score || (a.key < b.key ? 1 : a.key > b.key ? -1 : 0));
}
