import { describe, expect, it } from 'vitest';
import { parseKnowledgeFile } from '../../src/core/knowledge/parse.js';
import { analyzeParagraph, findAcronyms, taggedWords } from '../../src/core/text/analyze.js';
import { indexTerms, tokenize } from '../../src/core/text/terms.js';

describe('sentence splitting', () => {
  it('does not break on abbreviations, quotes or ellipses', () => {
    const text =
      '“The U.S. is moving fast … to reestablish deterrence,” he said. Gen. Smith met Dr. Jones in Washington. They talked for an hour.';
    const sentences = analyzeParagraph(text).sentences.map((s) => s.text);
    expect(sentences).toEqual([
      '“The U.S. is moving fast … to reestablish deterrence,” he said.',
      'Gen. Smith met Dr. Jones in Washington.',
      'They talked for an hour.',
    ]);
  });

  it('keeps offsets that point into the paragraph', () => {
    const text = 'First one here. Second one there.';
    for (const s of analyzeParagraph(text).sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
  });
});

describe('key phrases', () => {
  const kinds = (text: string) => analyzeParagraph(text).sentences.flatMap((s) => s.entities.map((e) => `${e.kind}:${e.text}`));

  it('finds numbers with their qualifier, dates, places and organisations', () => {
    expect(kinds('Japan is also home to more than 50,000 U.S. troops.')).toContain('number:more than 50,000');
    expect(kinds('Japan plans to double its spending by 2027.')).toContain('date:2027');
    expect(kinds('The islands are located in the East China Sea.')).toContain('place:East China Sea');
    expect(kinds('The U.S. State Department said so in a statement.')).toContain('organization:U.S. State Department');
  });

  it('strips titles from people but keeps names that look like titles without their dot', () => {
    expect(kinds('Defense Secretary Pete Hegseth arrived.')).toContain('person:Pete Hegseth');
    expect(kinds('He met Defense Minister Gen Nakatani in Tokyo.')).toContain('person:Gen Nakatani');
  });

  it('links an acronym to the words it abbreviates', () => {
    expect(findAcronyms('They will build medium-range air to air missiles (MRAAM) together.')).toEqual([
      { short: 'MRAAM', long: 'medium range air to air missiles' },
    ]);
  });
});

describe('term processing', () => {
  const terms = (text: string) => indexTerms(text);

  it('folds case and accents and drops stop words', () => {
    expect(terms('The Café of the WORLD')).toEqual(['cafe', 'world']);
  });

  it('keeps punctuation inside tokens meaningful', () => {
    expect(terms('U.S.')).toEqual(['unitedstates']);
    expect(terms('SM-6')).toEqual(expect.arrayContaining(['sm6']));
    expect(terms('50,000 troops')).toEqual(['50000', 'troop']);
    expect(terms('late-March')).toEqual(expect.arrayContaining(['late', 'march', 'latemarch']));
  });

  it('maps British spellings, country names and adjectives to one term', () => {
    expect(terms('defence')).toEqual(terms('defense'));
    expect(terms('Japanese')).toEqual(terms('Japan'));
    expect(terms('American')).toEqual(terms('United States'));
    expect(terms('America')).toEqual(terms('US'));
  });

  it('does not take an island for Iceland (world-countries lists `Island` among its names)', () => {
    expect(terms('the self-ruled island')).toContain('island');
    expect(terms('Icelandic')).toEqual(terms('Iceland'));
  });

  it('keeps a version number whole, with its range operator, and indexes the bare version too', () => {
    expect(terms('what does ~1.2.3 allow')).toEqual(['~1.2.3', '1.2.3', 'allow']);
    expect(terms('>=1.2.3 <2.0.0')).toEqual(['>=1.2.3', '1.2.3', '<2.0.0', '2.0.0']);
    expect(terms('^1.2.0 and 1.3.0-beta.1')).toEqual(['^1.2.0', '1.2.0', '1.3.0-beta.1', '1.3.0']);
    expect(terms('node v20.11.0')).toEqual(['node', '20.11.0']);
    const [caret] = tokenize('use ^1.2.0 here').filter((t) => t.term === '^1.2.0');
    expect(caret).toMatchObject({ surface: '^1.2.0', start: 4, end: 10 });
    // Two numbers are still a decimal, not a version.
    expect(terms('3.5 ms')).toEqual(['3.5', 'ms']);
  });

  it('does not take the pronoun "us" for the country', () => {
    expect(tokenize('let us go').find((t) => t.surface === 'us')?.stop).toBe(true);
    expect(terms('US troops')).toContain('unitedstates');
  });
});

describe('words that name Object.prototype members', () => {
  it('tokenizes constructor, toString and __proto__ as plain words (they crashed indexing)', () => {
    const terms = tokenize('The constructor calls toString and hasOwnProperty on __proto__ valueOf.').map((t) => t.term);
    expect(terms.every((t) => typeof t === 'string')).toBe(true);
    expect(terms).toContain('constructor');
  });
});

describe('reading that does not depend on what was read before', () => {
  // wink-nlp learns each unknown word with what the first text showed of it: after a version
  // string `v4.5.103.35`, the hash `35ad44cbd8` was no longer read as the number 35 and a name.
  const merge = '(merge 35ad44cbd8 sb/submodule-rm-absorb later to maint).';
  const release = '# Changelog\n\nReleased v4.5.103.35 today.\n';

  it('gives a file the same sentences and entities whatever file was analysed before it', () => {
    parseKnowledgeFile('changelog.md', release);
    const after = parseKnowledgeFile('notes.txt', merge);
    expect(after.passages[0]!.entities.map((e) => `${e.kind}:${e.text}`)).toEqual(['number:35']);
    parseKnowledgeFile('other.md', '# Other\n\nNothing about versions.\n');
    expect(parseKnowledgeFile('notes.txt', merge)).toEqual(after);
  });

  it('tags a question the same whatever was read before it', () => {
    parseKnowledgeFile('changelog.md', release);
    taggedWords('Is v4.5.103.35 out?');
    expect(taggedWords('Which merge brought 35ad44cbd8 to maint?').slice(3, 5)).toEqual([
      { value: '35', pos: 'NUM' },
      { value: 'ad44cbd8', pos: 'PROPN' },
    ]);
  });
});
