import { describe, expect, it, vi } from 'vitest';
import { parseKnowledgeFile } from '../../src/core/knowledge/parse.js';
import { correct } from '../../src/core/search/analyze-question.js';
import { SearchIndex } from '../../src/core/search/search-index.js';

function indexOf(files: Record<string, string>): SearchIndex {
  const index = new SearchIndex();
  for (const [file, text] of Object.entries(files)) index.setFile(file, parseKnowledgeFile(file, text).passages);
  return index;
}

describe('spelling correction', () => {
  const index = indexOf({
    'a.txt': 'The harbour of Valparaiso holds cargo. Ships bring cargo and carpets. A garbo sang.',
    'b.txt': 'Measurements were taken. The treasurement was small. Parliament voted. Parliament met.',
  });

  it('takes a word one edit away, whatever its first letter', () => {
    expect(correct('targo', index)).toBe('cargo');
  });

  it('takes a word two edits away only when it starts with the same letter', () => {
    expect(correct('measurmentz', index)).toBe('measurements');
    expect(correct('xeasurements', index)).toBe('measurements');
    expect(correct('parlamint', index)).toBe('parliament');
    expect(correct('barliamant', index)).toBeNull();
  });

  it('prefers the nearer word, then the more frequent one', () => {
    expect(correct('carpo', index)).toBe('cargo');
  });

  it('counts two swapped neighbouring letters as one edit', () => {
    // Levenshtein distance 2 for a 7-letter word: found only as a swap.
    expect(correct('crapets', index)).toBe('carpets');
    expect(correct('valpairaso', index)).toBe('valparaiso');
  });

  it('leaves words of everyday English alone: they are not misspellings', () => {
    // `carpet` is one edit from `carpets`, but a word in its own right; `carpetz` is not.
    expect(correct('carpet', index)).toBeNull();
    expect(correct('carpetz', index)).toBe('carpets');
  });

  it('leaves short words and numbers alone', () => {
    expect(correct('cag', index)).toBeNull();
    expect(correct('car9o', index)).toBeNull();
  });
});

describe('retrieval', () => {
  // Sentences of a few words, so that many sentences match and many scores tie.
  const words = ['harbor', 'cargo', 'ship', 'river', 'bridge', 'tower', 'market', 'canal', 'storm', 'island', 'lantern', 'garden'];
  function text(seed: number, sentences: number): string {
    let s = seed;
    const next = () => (s = (s * 1103515245 + 12345) % 2 ** 31) % 1000;
    const out: string[] = [];
    for (let i = 0; i < sentences; i++) {
      const n = 2 + (next() % 7);
      const sentence = Array.from({ length: n }, () => words[next() % words.length]!).join(' ');
      out.push(`${sentence[0]!.toUpperCase()}${sentence.slice(1)}.${i % 4 === 3 ? '\n\n' : ''}`);
    }
    return out.join(' ');
  }
  const queries = [
    ['harbor'],
    ['cargo', 'ship'],
    ['river', 'bridg', 'tower', 'market'],
    ['storm', 'island', 'lantern', 'garden', 'canal', 'cargo'],
    ['unknown', 'ship'],
  ];
  const boost = (t: string) => (t === 'ship' || t === 'canal' ? 0.9 : 1);

  it("ranks the best sentences exactly as minisearch's search does, also after files change", () => {
    const files = { 'a.txt': text(1, 40), 'b.txt': text(2, 40), 'c.txt': text(3, 40) };
    // Two identical indexes, one asked through `search`, the other through minisearch's own `search`.
    const ours = indexOf(files);
    const theirs = indexOf(files);
    const compare = () => {
      for (const terms of queries) {
        for (const limit of [1, 5, 30, 500]) {
          const expected = theirs.mini
            .search(terms.join(' '), { boostTerm: boost })
            .slice(0, limit)
            .map((r) => ({ id: r.id as string, score: r.score }));
          expect(ours.search(terms, boost, limit)).toEqual(expected);
        }
      }
    };
    compare();
    for (const index of [ours, theirs]) {
      index.removeFile('b.txt');
      index.setFile('c.txt', parseKnowledgeFile('c.txt', text(4, 30)).passages);
    }
    compare();
  });

  it("scores words of the heading path as minisearch's boosted heading field does, and finds sentences by them", () => {
    const md = (seed: number) => `# Storm guide\n\n## Harbor cargo\n\n${text(seed, 12)}\n\n## Lantern garden\n\n${text(seed + 1, 12)}\n`;
    const files = { 'a.md': md(6), 'b.txt': text(7, 30) };
    const ours = indexOf(files);
    const theirs = indexOf(files);
    for (const terms of [...queries, ['guid', 'lantern'], ['storm']]) {
      for (const limit of [1, 5, 100]) {
        const expected = theirs.mini
          .search(terms.join(' '), { boostTerm: boost })
          .slice(0, limit)
          .map((r) => ({ id: r.id as string, score: r.score }));
        expect(ours.search(terms, boost, limit)).toEqual(expected);
      }
    }
    // `guide` stands only in a heading: every sentence under it is found, and the word is known.
    expect(ours.search(['guid'], boost, 100)).toHaveLength(24);
    expect(ours.has('guid')).toBe(true);
    ours.removeFile('a.md');
    expect(ours.has('guid')).toBe(false);
    expect(ours.search(['guid'], boost, 100)).toEqual([]);
  });

  it("falls back to minisearch's search when its index is not laid out as expected", () => {
    const files = { 'a.txt': text(5, 40) };
    const index = indexOf(files);
    const expected = indexOf(files).search(['cargo', 'ship'], boost, 5);
    // A later minisearch without one of the internals the fast path reads.
    Object.assign(index.mini, { _nextId: undefined });
    const search = vi.spyOn(index.mini, 'search');
    expect(index.search(['cargo', 'ship'], boost, 5)).toEqual(expected);
    expect(search).toHaveBeenCalledOnce();
  });
});

describe('indexed sentences', () => {
  it('keep where each of their terms stands, as tokenizing them again finds it', () => {
    const index = new SearchIndex();
    const text = 'The U.S. fleet of Japan sailed 50,000 km with `process.nextTick()` and ^1.2.0 on board.\n\nTidewatch reads gauges.';
    index.setFile('a.md', parseKnowledgeFile('a.md', text).passages);
    const id = 'a.md#p1s0';
    const e = index.get(id)!;
    expect(e.spans.length).toBe(2 * e.terms.length);
    expect(e.tokens.map((t) => [t.term, t.start, t.end])).toEqual(e.terms.map((term, i) => [term, e.spans[2 * i], e.spans[2 * i + 1]]));
  });
});
