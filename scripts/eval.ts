import type { Sandbox } from '../lambda/domain/memory';
import { newId } from '../lambda/domain/ids';
import { MemorySearch } from '../lambda/search/memory-search';
import { SEARCH_MODES, type SearchMode } from '../lambda/search/search-modes';
import { startLocalStack } from '../local/server';
import { EVAL_MEMORIES, EVAL_QUESTIONS } from './eval/eval-set';

/**
 * Retrieval quality on the evaluation set (scripts/eval/eval-set.ts), per search mode, through
 * the local stack's real path (DynamoDB Local, its stream, the indexer, the S3 Vectors stand-in,
 * the packaged embeddings): recall@5 (the answer is among the first five) and MRR (mean of
 * 1/rank of the answer in the first ten, 0 when absent), overall and for the exact-identifier
 * questions. Prints figures, then one `EVAL {...}` line.
 *   npm run eval
 */
const RECALL_AT = 5;
const MRR_AT = 10;

interface ModeFigures {
  recall_at_5: number;
  mrr: number;
  exact_found: number;
  exact_total: number;
  missed: string[];
}

async function main(): Promise<void> {
  const stack = await startLocalStack({ port: 0, gsiLagMs: 0 });
  try {
    const scope: Sandbox = { tenantId: newId('tnt', Date.now()), environment: 'live' };
    const keyOf = new Map<string, string>();
    let now = Date.now();
    for (const memory of EVAL_MEMORIES) {
      const at = new Date(now++).toISOString();
      const id = newId('mem', now);
      keyOf.set(id, memory.key);
      await stack.deps.memories.put(scope, {
        id,
        content: memory.content,
        type: 'semantic',
        metadata: {},
        environment: 'live',
        createdAt: at,
        updatedAt: at,
      });
    }
    await stack.search.settled();
    const backends = stack.deps.search;
    if (!backends) throw new Error('the local stack has no search backends');
    const search = new MemorySearch(backends.index, backends.embedder, stack.deps.memories, stack.metrics);
    const figures = {} as Record<SearchMode, ModeFigures>;
    for (const mode of SEARCH_MODES) {
      let found = 0;
      let reciprocal = 0;
      let exactFound = 0;
      const missed: string[] = [];
      for (const { question, answer, exact } of EVAL_QUESTIONS) {
        const hits = await search.search(scope, { query: question, limit: MRR_AT, mode });
        const rank = hits.findIndex((hit) => keyOf.get(hit.memory.id) === answer) + 1;
        if (rank > 0) reciprocal += 1 / rank;
        if (rank > 0 && rank <= RECALL_AT) found += 1;
        else missed.push(answer);
        if (exact && rank === 1) exactFound += 1;
      }
      const exactTotal = EVAL_QUESTIONS.filter((question) => question.exact).length;
      figures[mode] = {
        recall_at_5: round(found / EVAL_QUESTIONS.length),
        mrr: round(reciprocal / EVAL_QUESTIONS.length),
        exact_found: exactFound,
        exact_total: exactTotal,
        missed,
      };
      process.stdout.write(
        `${mode.padEnd(9)} recall@5 ${figures[mode].recall_at_5.toFixed(3)} (${found}/${EVAL_QUESTIONS.length})  MRR ${figures[mode].mrr.toFixed(3)}  exact identifiers first ${exactFound}/${exactTotal}\n`,
      );
    }
    const summary = Object.fromEntries(SEARCH_MODES.map((mode) => [mode, { ...figures[mode], missed: undefined }]));
    process.stdout.write(
      `EVAL ${JSON.stringify({ memories: EVAL_MEMORIES.length, questions: EVAL_QUESTIONS.length, embedder: backends.embedder.model, ...summary })}\n`,
    );
  } finally {
    await stack.stop();
  }
}

const round = (value: number) => Math.round(value * 1000) / 1000;

await main();
