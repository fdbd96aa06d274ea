import winkNLP, { type ItemToken } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/**
 * The words of a text as search terms, from wink-nlp's tokenizer (it keeps e-mail addresses,
 * hashtags, numbers and hyphenated identifiers such as INV-2024-0042 whole), its stop-word list and
 * its Porter 2 stemmer. A token holding a digit is kept as written, lower-cased: stemming
 * `2024-03-01` or `v16.2` would change an identifier someone may look up exactly.
 */
const nlp = winkNLP(model, []);
const its = nlp.its;
// wink-nlp's typings give its.stem an add-ons parameter that `out` does not accept; at run time it is an ordinary token property.
const stem = its.stem as unknown as typeof its.normal;

const KEPT_TYPES = new Set(['word', 'number', 'email', 'hashtag', 'mention', 'url', 'emoji', 'unk']);
const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const HAS_DIGIT = /\p{N}/u;
/** Letters and digits joined by - _ . / (an invoice, ticket, order or flight number, a version, a key id), tested per word. */
const IDENTIFIER = /^[\p{L}\p{N}]+(?:[-_./][\p{L}\p{N}]+)*$/u;
/** Words are cut at white space and punctuation that never joins an identifier; the test stays linear in the text. */
const WORD_BREAK = /[\s,;:!?()[\]{}<>"'`]+/u;
const MAX_IDENTIFIER_LENGTH = 128;

/** Longer inputs are cut: terms past it add little to a ranking and would only cost time. */
export const MAX_ANALYSED_CHARACTERS = 16_384;

/**
 * wink-nlp's tokenizer takes time quadratic in the length of one unbroken run of characters (16,384
 * times `c` takes seconds): runs longer than any word are cut before it sees them.
 */
const LONG_RUN = /\S{64,}/gu;
function prepared(text: string): string {
  return text
    .normalize('NFKC')
    .slice(0, MAX_ANALYSED_CHARACTERS)
    .replace(LONG_RUN, (run) => run.slice(0, 63));
}

export function searchTerms(text: string): string[] {
  const terms: string[] = [];
  nlp
    .readDoc(prepared(text))
    .tokens()
    .each((token: ItemToken) => {
      if (!KEPT_TYPES.has(token.out(its.type)) || token.out(its.stopWordFlag)) return;
      // `#A77-193` and `A77-193` are the same order number.
      const normal = token.out(its.normal).replace(/^[#@]+/, '');
      if (!HAS_LETTER_OR_DIGIT.test(normal)) return;
      terms.push(HAS_DIGIT.test(normal) || token.out(its.type) !== 'word' ? normal : token.out(stem));
    });
  // The tokenizer cuts some identifiers apart (`#A77-193`, `mem_live_7QX2`): they are also kept whole.
  const seen = new Set(terms);
  for (const word of text.normalize('NFKC').slice(0, MAX_ANALYSED_CHARACTERS).split(WORD_BREAK)) {
    const whole = word
      .replace(/^[#@]+/, '')
      .replace(/[.]+$/, '')
      .toLowerCase();
    if (whole.length <= MAX_IDENTIFIER_LENGTH && HAS_DIGIT.test(whole) && IDENTIFIER.test(whole) && !seen.has(whole)) terms.push(whole);
  }
  return terms;
}

/** The words of a text for an embedding: lower-cased, stop words and punctuation left out, not stemmed. */
export function contentWords(text: string): string[] {
  const words: string[] = [];
  nlp
    .readDoc(prepared(text))
    .tokens()
    .each((token: ItemToken) => {
      if (token.out(its.type) !== 'word' || token.out(its.stopWordFlag)) return;
      words.push(token.out(its.normal));
    });
  return words;
}
