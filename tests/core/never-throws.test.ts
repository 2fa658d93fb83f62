/**
 * Property tests (fast-check): arbitrary Unicode, Markdown and HTML markup, and JavaScript
 * property names fed to tokenizing, analysis, parsing, indexing and answering: none may throw.
 * Plus the bounds on work: a huge word is indexed as it is, and a 1 MB file without a space
 * loads and indexes in well under a second.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseKnowledgeFile } from '../../src/core/knowledge/parse.js';
import { AnswerEngine } from '../../src/core/search/engine.js';
import { SearchIndex } from '../../src/core/search/search-index.js';
import { analyzeParagraph } from '../../src/core/text/analyze.js';
import { identifierParts, MAX_WORD, tokenize } from '../../src/core/text/terms.js';

const PROPERTY_NAMES = Object.getOwnPropertyNames(Object.prototype).concat(['__proto__', 'prototype', 'then', 'length', 'name']);
const MARKUP = [
  '# ',
  '## ',
  '- ',
  '1. ',
  '> ',
  '```',
  '~~~',
  '    ',
  '`',
  '*',
  '_',
  '~~',
  '[',
  ']',
  '(',
  ')',
  '![',
  '<!--',
  '-->',
  '<a name="x">',
  '</a>',
  '<br>',
  '<p>',
  '</p>',
  '<h1>',
  '</h1>',
  '<void>',
  '| a | b |\n|---|---|\n',
  '|',
  '---\n',
  '---',
  '[x]: https://e.org',
  '&nbsp;',
  '&amp;',
  ':',
  '.',
  '\n',
  '\n\n',
  ' ',
  '\t',
  '\r\n',
  '\uFEFF',
  '\u200B',
  'U.S.',
  'e.g.',
  'Node.js',
  'process.env',
  'Promise<void>',
  '< 5 &&',
  '> 3',
];
const piece = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.constantFrom(...MARKUP),
  fc.constantFrom(...PROPERTY_NAMES),
  fc.lorem({ maxCount: 3 }),
);
const doc = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));

const runs = { numRuns: 150 };

describe('no input makes the text pipeline throw', () => {
  it('tokenizing and identifier parts', () => {
    fc.assert(
      fc.property(doc, (text) => {
        for (const t of tokenize(text)) expect(typeof t.term).toBe('string');
        identifierParts(text);
      }),
      runs,
    );
  });

  it('analysis: sentences stay inside the paragraph, in order', () => {
    fc.assert(
      fc.property(doc, (text) => {
        let end = 0;
        for (const s of analyzeParagraph(text).sentences) {
          expect(s.start).toBeGreaterThanOrEqual(end);
          expect(text.slice(s.start, s.end)).toBe(s.text);
          end = s.end;
        }
      }),
      runs,
    );
  });

  it('parsing Markdown and text, then indexing', () => {
    fc.assert(
      fc.property(doc, fc.constantFrom('a.md', 'b.txt'), (text, file) => {
        const parsed = parseKnowledgeFile(file, text);
        for (const p of parsed.passages) expect(p.lines[0]).toBeLessThanOrEqual(p.lines[1]);
        new SearchIndex().setFile(file, parsed.passages);
      }),
      runs,
    );
  });

  it('answering any question from any knowledge', () => {
    const knowledge = parseKnowledgeFile(
      'k.md',
      '# API\n\nThe constructor takes `options.timeout`, default 5000. Call `toString()` for a description:\n\n```js\nx.toString()\n```\n\n| Option | Default |\n|---|---|\n| retries | 3 |\n',
    );
    const engine = new AnswerEngine({
      files: () => [knowledge],
      acronyms: () => knowledge.acronyms,
      synonyms: () => [
        ['constructor', '__proto__'],
        ['toString', 'valueOf'],
      ],
    });
    fc.assert(
      fc.property(doc, (question) => {
        const reply = engine.answer(question, { explain: true });
        expect(reply.abstained || reply.snippets.length > 0).toBe(true);
      }),
      runs,
    );
    for (const name of PROPERTY_NAMES) expect(() => engine.answer(`what is ${name}?`)).not.toThrow();
  });
});

describe('bounded work', () => {
  it('indexes a word longer than 64 characters as it is, unstemmed and unsplit', () => {
    const word = `${'ab'.repeat(MAX_WORD)}ing`;
    expect(tokenize(`see ${word}.`).map((t) => t.term)).toEqual(['see', word]);
    expect(tokenize('x'.repeat(MAX_WORD)).map((t) => t.term)).toEqual(['x'.repeat(MAX_WORD)]);
  });

  it('loads and indexes a 1 MB file without spaces in under a second', () => {
    for (const [file, text] of [
      ['blob.txt', 'a'.repeat(1 << 20)],
      ['minified.md', 'x.y('.repeat(1 << 18)],
      ['symbols.md', '<*_`['.repeat(1 << 18)],
    ] as const) {
      const started = performance.now();
      const parsed = parseKnowledgeFile(file, text);
      new SearchIndex().setFile(file, parsed.passages);
      expect(performance.now() - started, file).toBeLessThan(1000);
    }
  });
});

describe('identifier parts', () => {
  it('split code names into the words they are made of', () => {
    expect(identifierParts('mkdirSync')).toEqual(['mkdir', 'sync']);
    expect(identifierParts('process.env')).toEqual(['process', 'env']);
    expect(identifierParts('process.nextTick()')).toEqual(['process', 'next', 'tick']);
    expect(identifierParts('--env-file')).toEqual(['env', 'file']);
    expect(identifierParts('XMLHttpRequest')).toEqual(['xml', 'http', 'request']);
    expect(identifierParts('snake_case')).toEqual(['snake', 'case']);
    expect(identifierParts('Promise<void>')).toEqual(['promise', 'void']);
  });
});
