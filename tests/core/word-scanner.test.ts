/**
 * Words are found by a hand-written scanner instead of regular expressions (faster, no match
 * objects): it must find exactly what the expressions it replaces find, on any text (letters and
 * digits of every script, surrogate pairs, lone surrogates, joiners, every kind of white space).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { longRuns, MAX_RUN, TOKEN_RE, wordSpans } from '../../src/core/text/terms.js';

/** What the scanner replaces: `TOKEN_RE` matches outside runs of over `MAX_RUN` non-spaces, each such run (with a letter or digit) one word. */
function wordsByRegExp(text: string): number[] {
  const out: number[] = [];
  let at = 0;
  const words = (to: number) => {
    for (const m of text.slice(at, to).matchAll(TOKEN_RE)) out.push(m.index + at, m.index + at + m[0].length);
  };
  for (const long of text.matchAll(new RegExp(`\\S{${MAX_RUN + 1},}`, 'g'))) {
    words(long.index);
    if (/[\p{L}\p{N}]/u.test(long[0])) out.push(long.index, long.index + long[0].length);
    at = long.index + long[0].length;
  }
  words(text.length);
  return out;
}

/** Characters where the scanner has decisions to make: joiners, spaces, letters and digits of other scripts, surrogates. */
const tricky = fc.constantFrom(
  ...[".'\u2019\u2018,&/\u2010\u2011-", ' \t\n\v\f\r\u00a0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000\ufeff\u180e\u200b'].join(''),
  'a',
  'Z',
  '7',
  'é',
  'ß',
  'ж',
  '中',
  '٣',
  '\u0301',
  '𝒜',
  '😀',
  '\ud835',
  '\udc9c',
  '_',
  '$',
  '(',
);
const text = fc.oneof(
  fc.string({ unit: fc.oneof(tricky, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);

describe('the word scanner', () => {
  it('finds exactly the words the regular expression finds, on any text', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(wordSpans(t)).toEqual(wordsByRegExp(t));
      }),
      { numRuns: 3000 },
    );
  });

  it('takes a run of over MAX_RUN characters without a space as one word, and a run without a letter as none', () => {
    const long = `${'x.y('.repeat(300)}`;
    const text = `Before ${long} after ${'-'.repeat(MAX_RUN + 5)} end-of-line`;
    expect(wordSpans(text)).toEqual(wordsByRegExp(text));
    const words = [];
    const spans = wordSpans(text);
    for (let i = 0; i < spans.length; i += 2) words.push(text.slice(spans[i], spans[i + 1]));
    expect(words).toEqual(['Before', long, 'after', 'end-of-line']);
  });

  it('splits long runs at every character the regular expression reads as white space, and only there', () => {
    const side = 'a'.repeat(MAX_RUN / 2 + 1);
    for (let c = 0; c < 0x10000; c++) {
      const t = side + String.fromCharCode(c) + side;
      const expected = /\s/.test(String.fromCharCode(c)) ? [] : [0, t.length];
      if (longRuns(t).join() !== expected.join()) expect({ c, runs: longRuns(t) }).toEqual({ c, runs: expected });
    }
  });

  it('finds long runs at the start and end of a text and several in a row', () => {
    const run = 'b'.repeat(MAX_RUN + 1);
    const t = `${run} ${'c'.repeat(MAX_RUN)}\n${run}`;
    expect(longRuns(t)).toEqual([0, MAX_RUN + 1, t.length - MAX_RUN - 1, t.length]);
  });
});
