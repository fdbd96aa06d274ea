import { describe, expect, it } from '@jest/globals';
import { fuse } from '../../lambda/search/fusion';
import { lexicalVector } from '../../lambda/search/lexical-vector';
import { memoryChanges } from '../../lambda/search/memory-changes';
import { searchTerms } from '../../lambda/search/terms';
import { filterableMetadata, indexFilter } from '../../lambda/search/vector-index';

const cosine = (a: number[], b: number[]) => a.reduce((sum, value, i) => sum + value * (b[i] ?? 0), 0);

describe('search terms', () => {
  it('stems words, drops stop words and keeps identifiers whole', () => {
    expect(searchTerms('The user is running to the marathons')).toEqual(['user', 'run', 'marathon']);
    expect(searchTerms('Order #A77-193 and key mem_live_7QX2')).toEqual(expect.arrayContaining(['a77-193', 'mem_live_7qx2']));
    expect(searchTerms('INV-2024-0042')).toEqual(['inv-2024-0042']);
  });
});

describe('lexical vectors', () => {
  it('are unit length, match on shared stems, and are absent for a text of stop words only', () => {
    const memory = lexicalVector('She runs marathons on weekends');
    const query = lexicalVector('running marathon');
    const other = lexicalVector('Green tea in the morning');

    expect(Math.hypot(...(memory.vector ?? []))).toBeCloseTo(1);
    expect(cosine(memory.vector ?? [], query.vector ?? [])).toBeGreaterThan(0.4);
    expect(cosine(other.vector ?? [], query.vector ?? [])).toBeCloseTo(0);
    expect(lexicalVector('the of and').vector).toBeUndefined();
    expect(memory.stored.split(' ')).toEqual(expect.arrayContaining(['run', 'marathon', 'weekend']));
  });
});

describe('reciprocal rank fusion', () => {
  it('scores 1 for first in both rankings, favours agreement, and breaks ties toward the newer id', () => {
    const semantic = [
      { key: 'mem_B', similarity: 0.9 },
      { key: 'mem_A', similarity: 0.8 },
    ];
    const lexical = [
      { key: 'mem_B', similarity: 0.7 },
      { key: 'mem_C', similarity: 0.6 },
    ];

    const fused = fuse([
      { ranking: semantic, weight: 1 },
      { ranking: lexical, weight: 1 },
    ]);

    expect(fused[0]).toEqual({ key: 'mem_B', score: 1 });
    expect(fused.slice(1).map((ranked) => ranked.key)).toEqual(['mem_C', 'mem_A']);
  });

  it('lets a double-weighted lexical first place win over a semantic one', () => {
    const fused = fuse([
      { ranking: [{ key: 'mem_semantic', similarity: 0.9 }], weight: 1 },
      { ranking: [{ key: 'mem_lexical', similarity: 0.9 }], weight: 2 },
    ]);
    expect(fused[0]?.key).toBe('mem_lexical');
  });
});

describe('filterable metadata', () => {
  it('holds type and metadata under a prefix, or an overflow mark past 2 KB, and filters let overflowed memories through', () => {
    expect(filterableMetadata('episodic', { source: 'chat' })).toEqual({ type: 'episodic', 'm:source': 'chat' });
    expect(filterableMetadata('episodic', { a: 'x'.repeat(1_024), b: 'y'.repeat(1_024) })).toEqual({ type: 'episodic', overflow: true });
    expect(indexFilter({})).toBeUndefined();
    expect(indexFilter({ type: 'semantic', metadata: { source: 'chat' } })).toEqual({
      $and: [{ type: { $eq: 'semantic' } }, { $or: [{ $and: [{ 'm:source': { $eq: 'chat' } }] }, { overflow: { $eq: true } }] }],
    });
  });
});

describe('identifiers', () => {
  it('are the terms with a digit, kept filterable within 1 KB, beside metadata or its overflow mark, and filtered with $in', () => {
    // Arrange
    const many = Array.from({ length: 40 }, (_, n) => `ticket-${String(n).padStart(60, '0')}`).join(' ');

    // Act
    const memory = lexicalVector('Invoice INV-2024-0042 for order #A77-193 was paid');
    const crowded = lexicalVector(many);
    const overflowed = filterableMetadata('episodic', { a: 'x'.repeat(1_024), b: 'y'.repeat(1_024) }, crowded.identifiers);

    // Assert
    expect(memory.identifiers).toEqual(expect.arrayContaining(['inv-2024-0042', 'a77-193']));
    expect(memory.identifiers).not.toContain('invoic');
    expect(JSON.stringify(crowded.identifiers).length).toBeLessThanOrEqual(1_024);
    expect(crowded.identifiers.length).toBeGreaterThan(0);
    expect(filterableMetadata('episodic', { source: 'chat' }, ['inv-2024-0042'])).toEqual({
      type: 'episodic',
      ids: ['inv-2024-0042'],
      'm:source': 'chat',
    });
    expect(overflowed).toEqual({ type: 'episodic', ids: crowded.identifiers, overflow: true });
    expect(Buffer.byteLength(JSON.stringify(overflowed))).toBeLessThanOrEqual(2_048);
    expect(indexFilter({ identifiers: ['inv-2024-0042'] })).toEqual({ ids: { $in: ['inv-2024-0042'] } });
  });
});

describe('memory changes from stream records', () => {
  it('keeps the last state of each memory per sandbox, skips other items, and reads an empty metadata map', () => {
    const keys = (pk: string, sk: string) => ({ pk: { S: pk }, sk: { S: sk } });
    const image = (content: string) => ({
      id: { S: 'mem_1' },
      content: { S: content },
      type: { S: 'episodic' },
      metadata: {},
      updatedAt: { S: '2026-01-01T00:00:00.000Z' },
    });

    const changes = memoryChanges([
      { eventName: 'INSERT', dynamodb: { Keys: keys('MEM#tnt_1#live', 'mem_1'), NewImage: image('first') } },
      { eventName: 'MODIFY', dynamodb: { Keys: keys('MEM#tnt_1#live', 'mem_1'), NewImage: image('second') } },
      { eventName: 'REMOVE', dynamodb: { Keys: keys('MEM#tnt_1#test', 'mem_2') } },
      { eventName: 'INSERT', dynamodb: { Keys: keys('IDEMPOTENCY#tnt_1#live', 'key') } },
    ]);

    expect(changes).toEqual([
      {
        scope: { tenantId: 'tnt_1', environment: 'live' },
        changes: [{ kind: 'upsert', memory: expect.objectContaining({ content: 'second', metadata: {} }) }],
      },
      { scope: { tenantId: 'tnt_1', environment: 'test' }, changes: [{ kind: 'delete', id: 'mem_2' }] },
    ]);
  });
});
