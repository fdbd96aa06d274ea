import { setImmediate as yieldToOthers } from 'node:timers/promises';

/**
 * The S3 Vectors stand-in's approximate search: an inverted-file index (IVF). Past APPROXIMATE_FROM
 * vectors, the index is split into partitions of about PARTITION_SIZE around centroids trained by
 * spherical k-means, and a query compares itself with every centroid and then with the members of
 * the PROBED nearest partitions only. The partitions grow in number with the index (trained again,
 * in the background, each time it doubles), so a query compares about size / PARTITION_SIZE
 * centroids and PROBED × PARTITION_SIZE vectors: nearly the same work at 10,000 vectors as at
 * 1,000,000, as S3 Vectors' query time hardly grows with its index. Like any ANN index it may miss
 * a true neighbour that lies in a partition it does not probe.
 */

/** Unit length; dense, or as (slot, value) pairs when mostly zeros (the lexical index's hashed terms). */
export interface PartitionedVector {
  readonly key: string;
  readonly dense?: Float32Array;
  readonly slots?: Uint32Array;
  readonly values?: Float32Array;
}

/** An index this small is searched exactly; past it, approximately. */
export const APPROXIMATE_FROM = 2_000;
const PARTITION_SIZE = 512;
const PROBED = 4;
/** k-means is trained on a sample of this many vectors a centroid, in this many rounds. */
const SAMPLE_PER_CENTROID = 16;
const TRAINING_ROUNDS = 4;
/** Training gives way to requests after this many vectors. */
const SLICE = 2_000;

export function similarity(query: Float32Array, vector: PartitionedVector): number {
  let sum = 0;
  const { dense, slots, values } = vector;
  if (dense) for (let i = 0; i < dense.length; i++) sum += (query[i] as number) * (dense[i] as number);
  else if (slots && values) for (let i = 0; i < slots.length; i++) sum += (query[slots[i] as number] ?? 0) * (values[i] as number);
  return sum;
}

interface Partitions<V> {
  readonly centroids: Float32Array[];
  readonly members: Map<string, V>[];
  readonly of: Map<string, number>;
}

/** The vectors of one index, searched exactly while few and through partitions past APPROXIMATE_FROM. */
export class PartitionedVectors<V extends PartitionedVector> {
  readonly vectors = new Map<string, V>();
  private partitions: Partitions<V> | undefined;
  /** Size of the index when the partitions were last trained; they are trained again when it doubles. */
  private trainedAt = 0;
  private training: Promise<void> | undefined;
  /** Keys written or deleted while a training runs, placed again when it ends. */
  private readonly changed = new Set<string>();

  constructor(private readonly dimension: number) {}

  get size(): number {
    return this.vectors.size;
  }

  set(vector: V): void {
    this.delete(vector.key);
    this.vectors.set(vector.key, vector);
    if (this.partitions) assign(this.partitions, vector);
    if (this.training) this.changed.add(vector.key);
  }

  delete(key: string): void {
    if (this.partitions) unassign(this.partitions, key);
    this.vectors.delete(key);
    if (this.training) this.changed.add(key);
  }

  /** Called after a batch of writes: starts a training once the index passed APPROXIMATE_FROM or doubled since the last one. */
  maintain(): void {
    if (!this.training && this.size >= APPROXIMATE_FROM && this.size >= 2 * this.trainedAt) {
      this.training = this.train().finally(() => (this.training = undefined));
    }
  }

  /** Resolves when no training runs (tests). */
  async trained(): Promise<void> {
    await this.training;
  }

  /**
   * The groups of vectors a query compares itself with: all of them, or the members of the PROBED
   * nearest partitions. A filtered query goes on to the next nearest partitions until `enough()`
   * (S3 Vectors pre-filters: a filter that few vectors pass still finds them), which may reach all.
   */
  *candidates(query: Float32Array, filtered: boolean, enough: () => boolean): Generator<Iterable<V>> {
    const partitions = this.partitions;
    if (!partitions) {
      yield this.vectors.values();
      return;
    }
    const order = nearest(partitions.centroids, query, filtered ? partitions.centroids.length : PROBED);
    for (const [probed, n] of order.entries()) {
      if (probed >= PROBED && enough()) return;
      yield partitions.members[n]?.values() ?? [];
    }
  }

  /** Spherical k-means on an evenly spaced sample, then every vector to its nearest centroid, in slices. */
  private async train(): Promise<void> {
    this.changed.clear();
    const all = [...this.vectors.values()];
    const count = Math.max(1, Math.round(all.length / PARTITION_SIZE));
    const sampleSize = Math.min(all.length, count * SAMPLE_PER_CENTROID);
    const sample = Array.from({ length: sampleSize }, (_, i) => all[Math.floor((i * all.length) / sampleSize)] as V);
    let centroids: Float32Array[] = Array.from({ length: count }, (_, n) => {
      const start = new Float32Array(this.dimension);
      addTo(start, sample[Math.floor((n * sampleSize) / count)] as V);
      return start;
    });
    for (let round = 0; round < TRAINING_ROUNDS; round++) {
      const sums = centroids.map(() => new Float32Array(this.dimension));
      for (const vector of sample) addTo(sums[nearestOne(centroids, vector)] as Float32Array, vector);
      // A centroid that attracted nothing keeps its place.
      centroids = sums.map((sum, n) => normalised(sum) ?? (centroids[n] as Float32Array));
      await yieldToOthers();
    }
    const next: Partitions<V> = { centroids, members: centroids.map(() => new Map()), of: new Map() };
    for (let start = 0; start < all.length; start += SLICE) {
      for (const vector of all.slice(start, start + SLICE)) assign(next, vector);
      await yieldToOthers();
    }
    // What changed meanwhile is placed as it now is.
    for (const key of this.changed) {
      unassign(next, key);
      const current = this.vectors.get(key);
      if (current) assign(next, current);
    }
    this.changed.clear();
    this.partitions = next;
    this.trainedAt = all.length;
  }
}

function assign<V extends PartitionedVector>(partitions: Partitions<V>, vector: V): void {
  const best = nearestOne(partitions.centroids, vector);
  partitions.members[best]?.set(vector.key, vector);
  partitions.of.set(vector.key, best);
}

function unassign<V extends PartitionedVector>(partitions: Partitions<V>, key: string): void {
  const at = partitions.of.get(key);
  if (at === undefined) return;
  partitions.members[at]?.delete(key);
  partitions.of.delete(key);
}

function nearestOne(centroids: readonly Float32Array[], vector: PartitionedVector): number {
  let best = 0;
  let bestScore = -Infinity;
  centroids.forEach((centroid, n) => {
    const score = similarity(centroid, vector);
    if (score > bestScore) {
      bestScore = score;
      best = n;
    }
  });
  return best;
}

/** The `count` centroids nearest to a query, nearest first. */
function nearest(centroids: readonly Float32Array[], query: Float32Array, count: number): number[] {
  return centroids
    .map((centroid, n) => ({ n, score: similarity(query, { key: '', dense: centroid }) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, count)
    .map(({ n }) => n);
}

function addTo(sum: Float32Array, vector: PartitionedVector): void {
  if (vector.dense) vector.dense.forEach((value, i) => (sum[i] = (sum[i] as number) + value));
  else vector.slots?.forEach((slot, i) => (sum[slot] = (sum[slot] as number) + (vector.values?.[i] ?? 0)));
}

function normalised(sum: Float32Array): Float32Array | undefined {
  const norm = Math.sqrt(similarity(sum, { key: '', dense: sum }));
  return norm === 0 ? undefined : sum.map((value) => value / norm);
}
