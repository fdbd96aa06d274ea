import { describe, expect, it } from '@jest/globals';
import {
  APPROXIMATE_FROM,
  compact,
  Members,
  PartitionedVectors,
  PROBE_BUDGET,
  similarity,
  type PartitionedVector,
} from '../../local/vector-partitions';

const DIMENSION = 16;

/** Deterministic unit vectors, so every run partitions the same way. */
function vectors(count: number, seed: number, prefix = 'v'): PartitionedVector[] {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32 - 0.5;
  };
  return Array.from({ length: count }, (_, n) => {
    const dense = Float32Array.from({ length: DIMENSION }, next);
    const norm = Math.hypot(...dense);
    return { key: `${prefix}${n}`, dense: dense.map((value) => value / norm) };
  });
}

function compared(index: PartitionedVectors<PartitionedVector>, query: Float32Array, filtered = false, enough = () => true): string[] {
  const keys: string[] = [];
  for (const group of index.candidates(query, filtered, enough)) for (const vector of group.list) keys.push(vector.key);
  return keys;
}

async function filled(count: number): Promise<PartitionedVectors<PartitionedVector>> {
  const index = new PartitionedVectors<PartitionedVector>(DIMENSION);
  const all = vectors(count, 7);
  for (let start = 0; start < all.length; start += 500) {
    for (const vector of all.slice(start, start + 500)) index.set(vector);
    index.maintain();
    await index.trained();
  }
  return index;
}

describe('the S3 Vectors stand-in partitions (approximate search)', () => {
  it('compares every vector while the index is small', async () => {
    // Arrange
    const index = await filled(APPROXIMATE_FROM - 1);

    // Act
    const keys = compared(index, vectors(1, 99)[0]?.dense as Float32Array);

    // Assert
    expect(keys).toHaveLength(APPROXIMATE_FROM - 1);
  });

  it('compares about as many vectors at 40,000 as at 10,000: a bounded share, not the index', async () => {
    // Arrange
    const small = await filled(10_000);
    const large = await filled(40_000);
    const queries = vectors(20, 5, 'q').map((vector) => vector.dense as Float32Array);

    // Act
    const mean = (index: PartitionedVectors<PartitionedVector>) =>
      queries.reduce((sum, query) => sum + compared(index, query).length, 0) / queries.length;

    // Assert
    expect(mean(large)).toBeLessThan(40_000 / 5);
    expect(mean(large)).toBeLessThan(1.5 * mean(small));
  });

  it('stops at the first partition that brings the vectors compared to the probe budget', async () => {
    // Arrange
    const index = await filled(40_000);
    const queries = vectors(20, 5, 'q').map((vector) => vector.dense as Float32Array);

    // Act
    const groups = queries.map((query) => [...index.candidates(query, false, () => true)].map((group) => group.list.length));

    // Assert
    for (const sizes of groups) {
      const total = sizes.reduce((sum, size) => sum + size, 0);
      expect(total).toBeGreaterThanOrEqual(PROBE_BUDGET);
      expect(total - (sizes.at(-1) ?? 0)).toBeLessThan(PROBE_BUDGET);
    }
  });

  it('finds each vector with a query equal to it', async () => {
    // Arrange
    const index = await filled(12_000);
    const sample = vectors(12_000, 7).filter((_, n) => n % 97 === 0);

    // Act
    const found = sample.filter((vector) => compared(index, vector.dense as Float32Array).includes(vector.key));

    // Assert
    expect(found).toHaveLength(sample.length);
  });

  it('goes on through further partitions for a filtered query until enough pass, up to all of them', async () => {
    // Arrange
    const index = await filled(12_000);
    const query = vectors(1, 3, 'q')[0]?.dense as Float32Array;

    // Act
    const unfiltered = compared(index, query);
    const neverEnough = compared(index, query, true, () => false);

    // Assert
    expect(unfiltered.length).toBeLessThan(12_000);
    expect(new Set(neverEnough).size).toBe(12_000);
  });

  it('places vectors written during a training, and forgets deleted ones, once it ends', async () => {
    // Arrange
    const index = await filled(APPROXIMATE_FROM * 2 - 1);
    const late = vectors(300, 11, 'late');
    const gone = vectors(APPROXIMATE_FROM, 7).slice(0, 50);

    // Act
    index.set(vectors(1, 13, 'trigger')[0] as PartitionedVector);
    index.maintain();
    for (const vector of late) index.set(vector);
    for (const vector of gone) index.delete(vector.key);
    await index.trained();

    // Assert
    expect(late.filter((vector) => compared(index, vector.dense as Float32Array).includes(vector.key))).toHaveLength(late.length);
    const everything = new Set(compared(index, late[0]?.dense as Float32Array, true, () => false));
    expect(gone.filter((vector) => everything.has(vector.key))).toHaveLength(0);
    expect(everything.size).toBe(index.size);
  });

  it('scores members from their pools as each vector alone would, dense and sparse alike, after replacements and removals that compact the pools', () => {
    // Arrange
    const members = new Members<PartitionedVector>();
    const dense = vectors(200, 21, 'd');
    const sparse = vectors(200, 22, 's').map((vector) => {
      const kept = (vector.dense as Float32Array).map((value, slot) => (slot % 5 === 0 ? value : 0));
      const norm = Math.hypot(...kept);
      return compact(
        vector.key,
        kept.map((value) => value / norm),
      );
    });
    for (const vector of [...dense, ...sparse]) members.set(vector);
    const query = vectors(1, 23, 'q')[0]?.dense as Float32Array;
    const replacement = vectors(1, 24)[0]?.dense as Float32Array;

    // Act
    const before = Array.from(members.scores(query).subarray(0, members.list.length));
    for (const vector of [...dense.slice(0, 150), ...sparse.slice(0, 150)]) members.delete(vector.key);
    members.set({ key: 'd170', dense: replacement });
    const scores = members.scores(query);

    // Assert
    expect(sparse[160]?.slots).toHaveLength(4);
    expect(before).toHaveLength(400);
    expect(members.list).toHaveLength(100);
    expect(members.get('d3')).toBeUndefined();
    expect(members.get('d170')?.dense).toEqual(replacement);
    members.list.forEach((vector, member) => expect(scores[member]).toBeCloseTo(similarity(query, vector), 6));
    expect(members.list.map((vector) => vector.key).sort()).toEqual(
      [...dense.slice(150), ...sparse.slice(150)].map(({ key }) => key).sort(),
    );
  });

  it('keeps its pools bounded when the same vectors are written again and again', () => {
    // Arrange
    const members = new Members<PartitionedVector>();
    const written = vectors(10, 31, 'u');
    const query = vectors(1, 32, 'q')[0]?.dense as Float32Array;

    // Act
    for (let round = 0; round < 1_000; round++) for (const vector of written) members.set(vector);
    const scores = members.scores(query);

    // Assert
    expect(members.pooledNumbers).toBeLessThanOrEqual(2 * 1_024 + 10 * DIMENSION * 2);
    written.forEach((vector, member) => expect(scores[member]).toBeCloseTo(similarity(query, vector), 6));
  });
});
