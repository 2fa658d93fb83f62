import { describe, expect, it } from 'vitest';
import { markedPieces } from '../../src/core/search/marks.js';

const marked = (text: string, spans: [number, number][]) =>
  markedPieces(
    text,
    spans.map(([start, end]) => ({ start, end })),
  );

describe('highlight pieces', () => {
  it('cut the text into plain and marked runs that join back to it', () => {
    const pieces = marked('one two three', [[4, 7]]);
    expect(pieces).toEqual([
      { text: 'one ', marked: false },
      { text: 'two', marked: true },
      { text: ' three', marked: false },
    ]);
    expect(pieces.map((p) => p.text).join('')).toBe('one two three');
  });

  it('merge overlapping and touching spans, given in any order', () => {
    expect(
      marked('one two three', [
        [8, 13],
        [0, 3],
        [2, 5],
        [5, 7],
      ]),
    ).toEqual([
      { text: 'one two', marked: true },
      { text: ' ', marked: false },
      { text: 'three', marked: true },
    ]);
  });

  it('leave whitespace at the edges of a span plain, and mark nothing for a blank span', () => {
    expect(marked('one two three', [[3, 8]])).toEqual([
      { text: 'one ', marked: false },
      { text: 'two', marked: true },
      { text: ' three', marked: false },
    ]);
    expect(marked('a   b', [[1, 4]])).toEqual([{ text: 'a   b', marked: false }]);
  });

  it('clamp spans to the text and drop empty or reversed ones', () => {
    expect(
      marked('one', [
        [-5, 1],
        [2, 99],
        [2, 2],
        [3, 1],
      ]),
    ).toEqual([
      { text: 'o', marked: true },
      { text: 'n', marked: false },
      { text: 'e', marked: true },
    ]);
    expect(marked('', [[0, 3]])).toEqual([]);
  });
});
