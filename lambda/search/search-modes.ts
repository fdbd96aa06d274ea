/** `hybrid` fuses the two signals; `semantic` ranks by meaning (embeddings); `lexical` by shared stemmed terms. */
export const SEARCH_MODES = ['hybrid', 'semantic', 'lexical'] as const;
export type SearchMode = (typeof SEARCH_MODES)[number];
