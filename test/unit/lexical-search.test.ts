import { describe, expect, it } from '@jest/globals';
import { LexicalRanking, tokenize, type Scored } from '../../lambda/domain/lexical-search';

const doc = (id: string, text: string) => ({ id, text });
const ids = (results: readonly Scored[]) => results.map((result) => result.id);

/** Adds the documents in order and asks for the best `limit`, as a search does. */
function rank(query: string, documents: readonly { id: string; text: string }[], limit: number): Scored[] {
  const ranking = new LexicalRanking(query);
  for (const { id, text } of documents) ranking.add(id, text);
  return ranking.top(limit);
}

describe('tokenize', () => {
  it('lower-cases and splits on punctuation and whitespace', () => {
    // Act
    const tokens = tokenize('Hello, WORLD! It\'s   a "test"-case.');

    // Assess
    expect(tokens).toEqual(['hello', 'world', 'it', 's', 'a', 'test', 'case']);
  });

  it('keeps digits as part of tokens', () => {
    // Act
    const tokens = tokenize('Order #4711 shipped in 2026');

    // Assess
    expect(tokens).toEqual(['order', '4711', 'shipped', 'in', '2026']);
  });

  it('keeps accented Latin words whole', () => {
    // Act
    const tokens = tokenize('Café naïve Über');

    // Assess
    expect(tokens).toEqual(['café', 'naïve', 'über']);
  });

  it('treats a decomposed accent like the composed one (NFKC)', () => {
    // Prepare
    const decomposed = 'Cafe\u0301 nai\u0308ve';

    // Act
    const tokens = tokenize(decomposed);

    // Assess
    expect(tokens).toEqual(['café', 'naïve']);
  });

  it('folds compatibility forms: full-width letters and ligatures', () => {
    // Act
    const tokens = tokenize('ＡＰＩ ｋｅｙ ﬁle');

    // Assess
    expect(tokens).toEqual(['api', 'key', 'file']);
  });

  it('keeps Japanese and Cyrillic words as tokens', () => {
    // Act
    const tokens = tokenize('東京 こんにちは、カタカナ。Привет, МИР!');

    // Assess
    expect(tokens).toEqual(['東京', 'こんにちは', 'カタカナ', 'привет', 'мир']);
  });

  it('folds half-width katakana to full width', () => {
    // Act
    const tokens = tokenize('ｶﾀｶﾅ');

    // Assess
    expect(tokens).toEqual(['カタカナ']);
  });

  it('keeps a word with combining vowel signs whole (Hindi)', () => {
    // Act
    const tokens = tokenize('हिन्दी भाषा');

    // Assess
    expect(tokens).toEqual(['हिन्दी', 'भाषा']);
  });

  it('returns nothing for text without letters or digits', () => {
    // Act
    const tokens = tokenize(' ,.;!? — ');

    // Assess
    expect(tokens).toEqual([]);
  });
});

describe('LexicalRanking', () => {
  it('does not return a document that shares no term with the query', () => {
    // Prepare
    const documents = [doc('1', 'apples and pears'), doc('2', 'bananas only')];

    // Act
    const results = rank('pears', documents, 10);

    // Assess
    expect(ids(results)).toEqual(['1']);
  });

  it('matches terms whatever their case, accents form or punctuation', () => {
    // Prepare
    const documents = [doc('1', 'Meeting at the CAFE\u0301, Tuesday.'), doc('2', 'meeting notes')];

    // Act
    const results = rank('café', documents, 10);

    // Assess
    expect(ids(results)).toEqual(['1']);
  });

  it('does not return a Hindi document that shares letters but no word with the query', () => {
    // Prepare: "हिम" (snow) shares the letter ह and a vowel sign with "हिन्दी" (Hindi), but no word.
    const documents = [doc('1', 'हिम'), doc('2', 'हिन्दी भाषा')];

    // Act
    const results = rank('हिन्दी', documents, 10);

    // Assess
    expect(ids(results)).toEqual(['2']);
  });

  it('returns nothing for a query without terms', () => {
    // Act
    const results = rank('?!', [doc('1', 'anything')], 10);

    // Assess
    expect(results).toEqual([]);
  });

  it('ranks a document with more occurrences of the term higher', () => {
    // Prepare: equal lengths, so only term frequency differs.
    const documents = [doc('1', 'apple pear plum fig'), doc('2', 'apple apple plum fig')];

    // Act
    const results = rank('apple', documents, 10);

    // Assess
    expect(ids(results)).toEqual(['2', '1']);
    expect(results[0]?.score).toBeGreaterThan(results[1]?.score ?? 1);
  });

  it('weighs a rarer term more than a common one', () => {
    // Prepare: "common" is in three documents, "rare" in one; lengths are equal.
    const documents = [doc('1', 'common alpha'), doc('2', 'rare beta'), doc('3', 'common gamma'), doc('4', 'common delta')];

    // Act
    const results = rank('common rare', documents, 10);

    // Assess
    expect(ids(results)[0]).toBe('2');
  });

  it('ranks the shorter document higher at equal term frequency', () => {
    // Prepare
    const documents = [doc('2', 'apple with a great many other words around it here'), doc('1', 'apple pie')];

    // Act
    const results = rank('apple', documents, 10);

    // Assess
    expect(ids(results)).toEqual(['1', '2']);
    expect(results[0]?.score).toBeGreaterThan(results[1]?.score ?? 1);
  });

  it('gives scores in [0, 1]', () => {
    // Prepare
    const documents = [
      doc('1', 'apple'),
      doc('2', 'apple apple apple apple apple apple apple apple'),
      doc('3', 'banana apple'),
      doc('4', 'a long text that mentions apple and banana and cherry once each among many words'),
      doc('5', 'cherry'),
    ];

    // Act
    const results = rank('apple banana cherry apple', documents, 10);

    // Assess
    expect(results).toHaveLength(5);
    for (const { score } of results) {
      expect(score).toBeGreaterThan(0);
      expect(score).toBeLessThanOrEqual(1);
    }
  });

  it('sorts best first', () => {
    // Prepare
    const documents = [doc('1', 'x y z apple'), doc('2', 'apple apple apple'), doc('3', 'apple b'), doc('4', 'b c d e f g h apple')];

    // Act
    const results = rank('apple', documents, 10);

    // Assess
    const scores = results.map((result) => result.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('breaks ties in favour of the larger (newer) id', () => {
    // Prepare
    const documents = [doc('mem_01A', 'apple pie'), doc('mem_01C', 'apple pie'), doc('mem_01B', 'apple pie')];

    // Act
    const results = rank('apple', documents, 10);

    // Assess
    expect(ids(results)).toEqual(['mem_01C', 'mem_01B', 'mem_01A']);
    expect(new Set(results.map((result) => result.score)).size).toBe(1);
  });

  it('returns at most limit results, the best ones', () => {
    // Prepare
    const documents = Array.from({ length: 10 }, (_, i) => doc(`mem_${i}`, `${'apple '.repeat(i + 1)}filler text`));

    // Act
    const results = rank('apple', documents, 3);

    // Assess
    expect(ids(results)).toEqual(['mem_9', 'mem_8', 'mem_7']);
  });

  it('counts a repeated query term once', () => {
    // Prepare
    const documents = [doc('1', 'apple banana'), doc('2', 'banana cherry')];

    // Act
    const once = rank('apple banana', documents, 10);
    const repeated = rank('apple apple apple banana', documents, 10);

    // Assess
    expect(repeated).toEqual(once);
  });
});
