import { setImmediate as yieldToOthers } from 'node:timers/promises';

/**
 * The S3 Vectors stand-in's approximate search: an inverted-file index (IVF). Past APPROXIMATE_FROM
 * vectors, the index is split into partitions of about PARTITION_SIZE around centroids trained by
 * spherical k-means, and a query compares itself with every centroid and then with the members of
 * the nearest partitions until it has compared PROBE_BUDGET vectors. The partitions grow in number
 * with the index (trained again, in the background, each time it grows by half), so a query
 * compares about size / PARTITION_SIZE centroids and PROBE_BUDGET vectors: nearly the same work at
 * 10,000 vectors as at 1,000,000, as S3 Vectors' query time hardly grows with its index. Like any
 * ANN index it may miss a true neighbour that lies in a partition it does not probe.
 *
 * A partition keeps its members' numbers in pools read in order (`Members`), so a query's cost is
 * the vectors it compares, not where a large heap put each vector object; training runs in slices
 * of bounded work, so a query waits a few milliseconds for it at most.
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
/** Vectors a query compares, whole partitions at a time, before it stops (a filtered query goes on until enough pass). */
export const PROBE_BUDGET = 1_500;
const PARTITION_SIZE = 256;
/** The partitions are trained again once the index has grown by this factor since the last training. */
const RETRAIN_GROWTH = 1.5;
/** k-means is trained on a sample of this many vectors a centroid, in this many rounds. */
const SAMPLE_PER_CENTROID = 16;
const TRAINING_ROUNDS = 4;
/** Partitions a query takes one at a time, nearest first, before it sorts the rest (an unfiltered query needs about 6). */
const PICKED_ONE_BY_ONE = 16;
/**
 * Training gives way to requests after about this many multiply-adds (a few milliseconds): a
 * vector placed among 400 centroids of 100 dimensions costs 40,000, so a slice is ~100 vectors.
 */
const WORK_PER_SLICE = 4_000_000;

export function similarity(query: Float32Array, vector: PartitionedVector): number {
  let sum = 0;
  const { dense, slots, values } = vector;
  if (dense) for (let i = 0; i < dense.length; i++) sum += (query[i] as number) * (dense[i] as number);
  else if (slots && values) for (let i = 0; i < slots.length; i++) sum += (query[slots[i] as number] ?? 0) * (values[i] as number);
  return sum;
}

/** A vector as stored: dense, or as (slot, value) pairs when at most a quarter of its values are not zero. */
export function compact(key: string, vector: Float32Array): PartitionedVector {
  let nonZero = 0;
  for (const value of vector) if (value !== 0) nonZero += 1;
  if (nonZero * 4 > vector.length) return { key, dense: vector };
  const slots = new Uint32Array(nonZero);
  const values = new Float32Array(nonZero);
  let next = 0;
  vector.forEach((value, slot) => {
    if (value === 0) return;
    slots[next] = slot;
    values[next++] = value;
  });
  return { key, slots, values };
}

/** Where scores are written: one buffer for every scan (queries run one at a time), so a scan allocates nothing. */
let scratch = new Float64Array(4_096);

function grown<A extends Float32Array | Uint32Array | Uint8Array>(array: A, needed: number, make: (length: number) => A): A {
  if (needed <= array.length) return array;
  const next = make(Math.max(needed, 2 * array.length, 16));
  next.set(array);
  return next;
}

/**
 * Vectors in an array that a query scans, with each key's place in it; a removal moves the last
 * vector into the gap. Their numbers are also copied, as each is written, into pools scanned in
 * order: dense vectors' values side by side, sparse ones' (slot, value) pairs side by side. A query
 * reads the pools, never the vector objects a large heap scatters, and a write copies only its
 * own vector (the pools are compacted when half of them is left behind by removals).
 */
export class Members<V extends PartitionedVector> {
  readonly list: V[] = [];
  private readonly at = new Map<string, number>();
  /** Per member, in the order of `list`: where its numbers start in its pool, how many, and which pool. */
  private starts = new Uint32Array(0);
  private counts = new Uint32Array(0);
  private isDense = new Uint8Array(0);
  private dense = new Float32Array(0);
  private slots = new Uint32Array(0);
  private values = new Float32Array(0);
  private denseUsed = 0;
  private sparseUsed = 0;
  /** Numbers in the pools that no member points at any more. */
  private unused = 0;

  get(key: string): V | undefined {
    const at = this.at.get(key);
    return at === undefined ? undefined : this.list[at];
  }

  /** Numbers held in the pools, members' and left behind (tests). */
  get pooledNumbers(): number {
    return this.denseUsed + this.sparseUsed;
  }

  set(vector: V): void {
    let at = this.at.get(vector.key);
    if (at === undefined) {
      at = this.list.length;
      this.at.set(vector.key, at);
      this.list.push(vector);
      this.starts = grown(this.starts, at + 1, (length) => new Uint32Array(length));
      this.counts = grown(this.counts, at + 1, (length) => new Uint32Array(length));
      this.isDense = grown(this.isDense, at + 1, (length) => new Uint8Array(length));
    } else {
      this.unused += this.counts[at] as number;
      this.list[at] = vector;
    }
    this.place(at, vector);
    this.compactIfHalfUnused();
  }

  delete(key: string): void {
    const at = this.at.get(key);
    if (at === undefined) return;
    this.at.delete(key);
    this.unused += this.counts[at] as number;
    const last = this.list.pop() as V;
    const from = this.list.length;
    if (at < from) {
      this.list[at] = last;
      this.at.set(last.key, at);
      this.starts[at] = this.starts[from] as number;
      this.counts[at] = this.counts[from] as number;
      this.isDense[at] = this.isDense[from] as number;
    }
    this.compactIfHalfUnused();
  }

  /**
   * Each member's similarity to the (dense, unit) query, in the order of `list`, in the first
   * `list.length` places of a buffer that the next call reuses (read it before calling again).
   */
  scores(query: Float32Array): Float64Array {
    const { starts, counts, isDense, dense, slots, values } = this;
    const members = this.list.length;
    if (scratch.length < members) scratch = new Float64Array(Math.max(members, 2 * scratch.length));
    const scores = scratch;
    for (let member = 0; member < members; member++) {
      const from = starts[member] as number;
      const end = from + (counts[member] as number);
      let sum = 0;
      if (isDense[member] === 1) for (let i = from; i < end; i++) sum += (query[i - from] as number) * (dense[i] as number);
      else for (let i = from; i < end; i++) sum += (query[slots[i] as number] as number) * (values[i] as number);
      scores[member] = sum;
    }
    return scores;
  }

  /** Copies a vector's numbers to the end of its pool. */
  private place(at: number, vector: PartitionedVector): void {
    if (vector.dense) {
      this.dense = grown(this.dense, this.denseUsed + vector.dense.length, (length) => new Float32Array(length));
      this.dense.set(vector.dense, this.denseUsed);
      this.starts[at] = this.denseUsed;
      this.counts[at] = vector.dense.length;
      this.isDense[at] = 1;
      this.denseUsed += vector.dense.length;
      return;
    }
    const slots = vector.slots ?? new Uint32Array(0);
    this.slots = grown(this.slots, this.sparseUsed + slots.length, (length) => new Uint32Array(length));
    this.values = grown(this.values, this.sparseUsed + slots.length, (length) => new Float32Array(length));
    this.slots.set(slots, this.sparseUsed);
    this.values.set(vector.values ?? new Float32Array(0), this.sparseUsed);
    this.starts[at] = this.sparseUsed;
    this.counts[at] = slots.length;
    this.isDense[at] = 0;
    this.sparseUsed += slots.length;
  }

  /** The pools again with only what members point at, in the members' order, once removals and replacements left half behind. */
  private compactIfHalfUnused(): void {
    if (this.unused > 1_024 && 2 * this.unused > this.denseUsed + this.sparseUsed) this.compact();
  }

  private compact(): void {
    const { starts, counts, isDense, dense, slots, values } = this;
    this.dense = new Float32Array(0);
    this.slots = new Uint32Array(0);
    this.values = new Float32Array(0);
    this.denseUsed = 0;
    this.sparseUsed = 0;
    this.unused = 0;
    this.list.forEach((vector, member) => {
      const from = starts[member] as number;
      const end = from + (counts[member] as number);
      this.place(
        member,
        isDense[member] === 1
          ? { key: vector.key, dense: dense.subarray(from, end) }
          : { key: vector.key, slots: slots.subarray(from, end), values: values.subarray(from, end) },
      );
    });
  }
}

interface Partitions<V extends PartitionedVector> {
  readonly centroids: Float32Array[];
  /** The same centroids by dimension (value d of centroid c at d × count + c), so a query, above all a sparse one, reads them in order. */
  readonly byDimension: Float32Array;
  readonly members: Members<V>[];
  readonly of: Map<string, number>;
}

/** The vectors of one index, searched exactly while few and through partitions past APPROXIMATE_FROM. */
export class PartitionedVectors<V extends PartitionedVector> {
  /** Every vector by key (lookups, the size, what a training reads). */
  private readonly vectors = new Map<string, V>();
  /** Scanned whole until the first training; dropped once partitions exist, so a write pools its numbers once, not twice. */
  private exact: Members<V> | undefined = new Members<V>();
  private partitions: Partitions<V> | undefined;
  /** Size of the index when the partitions were last trained. */
  private trainedAt = 0;
  private training: Promise<void> | undefined;
  /** Keys written or deleted while a training runs, placed again when it ends. */
  private readonly changed = new Set<string>();

  constructor(private readonly dimension: number) {}

  get size(): number {
    return this.vectors.size;
  }

  get(key: string): V | undefined {
    return this.vectors.get(key);
  }

  set(vector: V): void {
    if (this.partitions) unassign(this.partitions, vector.key);
    this.vectors.set(vector.key, vector);
    this.exact?.set(vector);
    if (this.partitions) assign(this.partitions, vector);
    if (this.training) this.changed.add(vector.key);
  }

  delete(key: string): void {
    if (this.partitions) unassign(this.partitions, key);
    this.vectors.delete(key);
    this.exact?.delete(key);
    if (this.training) this.changed.add(key);
  }

  /** Called after a batch of writes: starts a training once the index passed APPROXIMATE_FROM or grew by RETRAIN_GROWTH since the last one. */
  maintain(): void {
    if (!this.training && this.size >= APPROXIMATE_FROM && this.size >= RETRAIN_GROWTH * this.trainedAt) {
      this.training = this.train().finally(() => (this.training = undefined));
    }
  }

  /** Resolves when no training runs (tests). */
  async trained(): Promise<void> {
    await this.training;
  }

  /**
   * The groups of vectors a query compares itself with: all of them, or the members of the nearest
   * partitions until PROBE_BUDGET vectors (at least one partition). A filtered query goes on to the
   * next nearest partitions until `enough()` (S3 Vectors pre-filters: a filter that few vectors pass
   * still finds them), which may reach all.
   */
  *candidates(query: Float32Array, filtered: boolean, enough: () => boolean): Generator<Members<V>> {
    const partitions = this.partitions;
    if (!partitions) {
      if (this.exact) yield this.exact;
      return;
    }
    let compared = 0;
    for (const n of nearest(partitions, compact('', query))) {
      if (compared >= PROBE_BUDGET && (!filtered || enough())) return;
      const members = partitions.members[n];
      if (!members) continue;
      compared += members.list.length;
      yield members;
    }
  }

  /** Spherical k-means on an evenly spaced sample, then every vector to its nearest centroid, in slices of bounded work. */
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
    const slice = Math.max(1, Math.floor(WORK_PER_SLICE / (count * this.dimension)));
    for (let round = 0; round < TRAINING_ROUNDS; round++) {
      const sums = centroids.map(() => new Float32Array(this.dimension));
      const current = centroids;
      for (let start = 0; start < sample.length; start += slice) {
        for (const vector of sample.slice(start, start + slice)) addTo(sums[nearestOne(current, vector)] as Float32Array, vector);
        await yieldToOthers();
      }
      // A centroid that attracted nothing keeps its place.
      centroids = sums.map((sum, n) => normalised(sum) ?? (current[n] as Float32Array));
    }
    const next: Partitions<V> = {
      centroids,
      byDimension: byDimension(centroids, this.dimension),
      members: centroids.map(() => new Members<V>()),
      of: new Map(),
    };
    for (let start = 0; start < all.length; start += slice) {
      for (const vector of all.slice(start, start + slice)) assign(next, vector);
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
    this.exact = undefined;
    this.trainedAt = all.length;
  }
}

function assign<V extends PartitionedVector>(partitions: Partitions<V>, vector: V): void {
  const best = nearestOne(partitions.centroids, vector);
  partitions.members[best]?.set(vector);
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

function byDimension(centroids: readonly Float32Array[], dimension: number): Float32Array {
  const count = centroids.length;
  const values = new Float32Array(dimension * count);
  centroids.forEach((centroid, n) => centroid.forEach((value, d) => (values[d * count + n] = value)));
  return values;
}

/**
 * Centroid numbers, nearest to the query first: each picked from the scores as it is asked for
 * (a query asks for a handful), the rest sorted once a query asks for many (a filtered one).
 */
function* nearest<V extends PartitionedVector>(partitions: Partitions<V>, query: PartitionedVector): Generator<number> {
  const count = partitions.centroids.length;
  const scores = new Float64Array(count);
  const add = (dimension: number, weight: number) => {
    const from = dimension * count;
    for (let n = 0; n < count; n++) scores[n] = (scores[n] as number) + weight * (partitions.byDimension[from + n] as number);
  };
  if (query.dense) query.dense.forEach((weight, dimension) => add(dimension, weight));
  else query.slots?.forEach((slot, i) => add(slot, query.values?.[i] ?? 0));
  for (let picked = 0; picked < Math.min(count, PICKED_ONE_BY_ONE); picked++) {
    let best = 0;
    for (let n = 1; n < count; n++) if ((scores[n] as number) > (scores[best] as number)) best = n;
    scores[best] = -Infinity;
    yield best;
  }
  const rest = Array.from({ length: count }, (_, n) => n).filter((n) => scores[n] !== -Infinity);
  yield* rest.sort((a, b) => (scores[b] as number) - (scores[a] as number));
}

function addTo(sum: Float32Array, vector: PartitionedVector): void {
  if (vector.dense) vector.dense.forEach((value, i) => (sum[i] = (sum[i] as number) + value));
  else vector.slots?.forEach((slot, i) => (sum[slot] = (sum[slot] as number) + (vector.values?.[i] ?? 0)));
}

function normalised(sum: Float32Array): Float32Array | undefined {
  const norm = Math.sqrt(similarity(sum, { key: '', dense: sum }));
  return norm === 0 ? undefined : sum.map((value) => value / norm);
}
