/**
 * Tokenizing works a word out once and copies its tokens wherever it is met again: each copy must
 * be what working it out there gives (offsets, the dot after a dotted acronym, a version's range
 * operator), and a copy changed by its caller must not change the next.
 */
import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/core/text/index.js';

describe('a word met again', () => {
  it('gets its own offsets, and the closing dot of an acronym only where one follows', () => {
    const tokens = tokenize('The U.S. said U.S forces and the U.S. Navy.');
    const us = tokens.filter((t) => t.word === tokens[1]!.word);
    expect(us.map((t) => [t.start, t.end])).toEqual([
      [4, 8],
      [14, 17],
      [33, 37],
    ]);
  });

  it('keeps each version with the range operator written before it', () => {
    const terms = tokenize('Use ^1.2.0 or ~1.2.0 or 1.2.0, not ^1.2.0-beta.').map((t) => t.term);
    expect(terms).toEqual(expect.arrayContaining(['^1.2.0', '~1.2.0', '1.2.0', '^1.2.0-beta']));
    expect(terms.filter((t) => t === '^1.2.0')).toHaveLength(1);
  });

  it('splits a compound the same way each time, as new tokens the caller may change', () => {
    const first = tokenize('war-fighting headquarters');
    first[0]!.end = -1;
    first[0]!.term = 'changed';
    const again = tokenize('the war-fighting war-fighting');
    expect(again.filter((t) => t.compound).map((t) => [t.surface, t.term, t.start])).toEqual([
      ['war-fighting', first.find((t) => t.compound)!.term, 4],
      ['war-fighting', first.find((t) => t.compound)!.term, 17],
    ]);
    expect(again.filter((t) => t.surface === 'war').map((t) => [t.term, t.start, t.end])).toEqual([
      ['war', 4, 7],
      ['war', 17, 20],
    ]);
  });
});
