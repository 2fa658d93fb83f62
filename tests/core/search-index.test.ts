import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { parseKnowledgeFile } from '../../src/core/knowledge/parse.js';
import { correct } from '../../src/core/search/analyze-question.js';
import { HEADING_BOOST, SearchIndex } from '../../src/core/search/search-index.js';
import { codeTerms, fileTerms, partTerms } from '../../src/core/text/sentence-terms.js';
import { indexTerms, tokenize } from '../../src/core/text/terms.js';

function indexOf(files: Record<string, string>): SearchIndex {
  const index = new SearchIndex();
  for (const [file, text] of Object.entries(files)) index.setFile(file, parseKnowledgeFile(file, text).passages);
  return index;
}

/** minisearch itself over the same files, as the index held them before it kept its own postings: each sentence's terms, parts and code terms, and its heading path's terms. */
function minisearchOf(files: Record<string, string>) {
  const split = (text: string) => text.split(' ');
  const same = (t: string) => t;
  const mini = new MiniSearch<{ id: string; terms: string; heading: string }>({
    fields: ['terms', 'heading'],
    tokenize: split,
    processTerm: same,
    searchOptions: { tokenize: split, processTerm: same, boost: { heading: HEADING_BOOST } },
  });
  for (const [file, text] of Object.entries(files)) {
    for (const p of parseKnowledgeFile(file, text).passages) {
      const tokens = tokenize(p.text).filter((t) => !t.stop);
      const own = [...tokens.map((t) => t.term), ...partTerms(tokens)];
      const terms = [...own, ...codeTerms(p).filter((t) => !own.includes(t))].join(' ');
      mini.add({ id: p.id, terms, heading: indexTerms(p.headings.join(' ')).join(' ') });
    }
  }
  return (terms: string[], boost: (term: string) => number, limit: number) =>
    mini
      .search(terms.join(' '), { boostTerm: boost })
      .slice(0, limit)
      .map((r) => ({ id: r.id as string, score: r.score }));
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
    const ours = indexOf(files);
    const compare = (theirs: ReturnType<typeof minisearchOf>) => {
      for (const terms of queries) {
        for (const limit of [1, 5, 30, 500]) expect(ours.search(terms, boost, limit)).toEqual(theirs(terms, boost, limit));
      }
    };
    compare(minisearchOf(files));
    ours.removeFile('b.txt');
    ours.setFile('c.txt', parseKnowledgeFile('c.txt', text(4, 30)).passages);
    // As a fresh minisearch over the files now there.
    compare(minisearchOf({ 'a.txt': files['a.txt'], 'c.txt': text(4, 30) }));
  });

  it("scores words of the heading path as minisearch's boosted heading field does, and finds sentences by them", () => {
    const md = (seed: number) => `# Storm guide\n\n## Harbor cargo\n\n${text(seed, 12)}\n\n## Lantern garden\n\n${text(seed + 1, 12)}\n`;
    const files = { 'a.md': md(6), 'b.txt': text(7, 30) };
    const ours = indexOf(files);
    const theirs = minisearchOf(files);
    for (const terms of [...queries, ['guid', 'lantern'], ['storm']]) {
      for (const limit of [1, 5, 100]) expect(ours.search(terms, boost, limit)).toEqual(theirs(terms, boost, limit));
    }
    // `guide` stands only in a heading: every sentence under it is found, and the word is known.
    expect(ours.search(['guid'], boost, 100)).toHaveLength(24);
    expect(ours.has('guid')).toBe(true);
    ours.removeFile('a.md');
    expect(ours.has('guid')).toBe(false);
    expect(ours.search(['guid'], boost, 100)).toEqual([]);
  });

  it('finds a sentence by the names in the code it introduces, scored as minisearch did, but knows them only as code', () => {
    const block = (seed: number) =>
      `Call it like this:\n\n\`\`\`js\nconst pool = createPool({ maxIdle: ${seed} });\npool.drain();\n\`\`\`\n`;
    const files = { 'a.md': `# Pool\n\n${text(8, 12)}\n\n${block(1)}\n${text(9, 8)}\n`, 'b.txt': text(10, 20) };
    const ours = indexOf(files);
    const theirs = minisearchOf(files);
    for (const terms of [['drain', 'cargo'], ['creat', 'pool'], ...queries]) {
      for (const limit of [1, 5, 100]) expect(ours.search(terms, boost, limit)).toEqual(theirs(terms, boost, limit));
    }
    const hit = ours.get(ours.search(['drain'], boost, 1)[0]!.id)!;
    expect(hit.passage.text).toBe('Call it like this:');
    expect(hit.code).toEqual(expect.arrayContaining(['drain', 'idl']));
    expect(hit.termSet.has('drain')).toBe(true);
    expect(ours.inCode('drain')).toBe(true);
    expect(ours.has('drain')).toBe(false);
    expect(ours.inCode('cargo')).toBe(false);
    ours.removeFile('a.md');
    expect(ours.inCode('drain')).toBe(false);
  });
});

describe('sentences from saved terms', () => {
  const md = [
    '# Setup guide',
    '',
    '## Options',
    '',
    'Set `maxRetries` to retry failed calls. The default is three retries.',
    '',
    'Options:',
    '',
    '- `timeoutMs`: how long to wait.',
    '- `WS_NO_BUFFER_UTIL`: skips the native helper.',
    '',
    '## Logging',
    '',
    'Logs go to standard error. Colours are used on a terminal.',
    '',
    'To log to a file:',
    '',
    '```js',
    'const logger = createLogger({ destination: "app.log" });',
    '```',
  ].join('\n');
  const passages = parseKnowledgeFile('guide.md', md).passages;
  const view = (index: SearchIndex) =>
    passages.map((p) => {
      const e = index.get(p.id)!;
      return {
        ...e,
        tokens: e.tokens,
        sets: [e.termSet, e.words, e.contextSet, e.paragraphSet, e.titleSet, e.sectionSet].map((s) => [...s]),
      };
    });
  const fresh = new SearchIndex();
  fresh.setFile('guide.md', passages);

  it('gives every sentence the same terms and term sets from saved terms as from its text', () => {
    const saved = new SearchIndex();
    saved.setFile('guide.md', passages, fileTerms(passages));
    expect(view(saved)).toEqual(view(fresh));
    const retry = fresh.get(passages[0]!.id)!;
    expect([...retry.sectionSet]).toEqual(expect.arrayContaining(['option', 'default', 'retri']));
    expect(retry.parts).toEqual(['max', 'retri']);
    expect(fresh.search(['buffer', 'util'], () => 1, 1)[0]!.id).toBe(passages.find((p) => p.text.includes('WS_NO'))!.id);
  });

  it('works the terms out again when the saved ones do not fit the passages', () => {
    const other = fileTerms(passages.slice(1));
    const broken = { ...fileTerms(passages), data: fileTerms(passages).data.map((n) => n + 10_000) };
    for (const terms of [other, broken]) {
      const index = new SearchIndex();
      index.setFile('guide.md', passages, terms);
      expect(view(index)).toEqual(view(fresh));
    }
  });

  it('keeps a sentence findable after other files come and go', () => {
    const index = new SearchIndex();
    index.setFile('a.txt', parseKnowledgeFile('a.txt', 'Harbours hold cargo.').passages);
    index.setFile('guide.md', passages, fileTerms(passages));
    index.removeFile('a.txt');
    expect(index.size).toBe(passages.length);
    expect(index.has('cargo')).toBe(false);
    expect(index.search(indexTerms('terminal'), () => 1, 5).map((h) => h.id)).toEqual([
      passages.find((p) => p.text.includes('terminal'))!.id,
    ]);
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
