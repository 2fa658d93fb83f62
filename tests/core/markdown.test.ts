/**
 * Markdown as docs are written: sections, code kept and attached to the sentence that introduces
 * it, inline code and dotted names as single tokens, tables as rows with their header, lists with
 * their lead-in, links as their text, and markup (HTML, images, badges, reference definitions)
 * left out, with exact line numbers.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseKnowledgeFile } from '../../src/core/knowledge/parse.js';

const texts = (md: string, file = 'doc.md') => parseKnowledgeFile(file, md).passages.map((p) => p.text);

describe('titles', () => {
  it('come from front matter, else the first heading without its badges, else the file name', () => {
    expect(parseKnowledgeFile('a.md', '---\ntitle: Handbook\n---\n# Other\n\nText here.\n').title).toBe('Handbook');
    expect(parseKnowledgeFile('a.md', '# better-sqlite3 [![Build Status](https://x/b.svg)](https://x)\n\nText here.\n').title).toBe(
      'better-sqlite3',
    );
    expect(parseKnowledgeFile('team-notes.md', 'Text here.\n').title).toBe('Team notes');
  });

  it('fall back the same way when front matter gives an empty title', () => {
    expect(parseKnowledgeFile('a.md', "---\ntitle: ''\n---\n# Real title\n\nText here.\n").title).toBe('Real title');
    expect(parseKnowledgeFile('deploy-guide.md', '---\ntitle:\n---\nText here.\n').title).toBe('Deploy guide');
  });

  it('come from an HTML h1 when the README opens with one, not from a later section heading', () => {
    expect(
      parseKnowledgeFile(
        'zod.md',
        '<p align="center">\n  <img src="logo.svg" alt="Zod logo" />\n  <h1 align="center">Zod</h1>\n</p>\n\nIntro text.\n\n## Install\n\nRun it.\n',
      ).title,
    ).toBe('Zod');
    expect(
      parseKnowledgeFile(
        'chalk.md',
        '<h1><img src="logo.svg" alt="Chalk"></h1>\n\n> Terminal string styling done right\n\n## Highlights\n\nFast.\n',
      ).title,
    ).toBe('Chalk');
  });
});

describe('generated text', () => {
  it('is read as plain text when a line runs to 10,000 characters, as Markdown below that', () => {
    const line = 'word '.repeat(2000);
    expect(parseKnowledgeFile('a.md', `# Guide\n\n${line}\n`).title).not.toBe('Guide');
    expect(parseKnowledgeFile('a.md', `# Guide\n\n${line.slice(1)}\n`).title).toBe('Guide');
    expect(parseKnowledgeFile('a.md', `# Guide\n\n${line.slice(1)}\n${line}`).title).not.toBe('Guide');
  });
});

describe('prose', () => {
  it('keeps inline code and dotted names whole, never split into sentences nor spaced', () => {
    expect(
      texts('Call `process.nextTick()` before `fs.mkdir`. Node.js reads process.env and the .env file first. Pass `--env-file` to it.\n'),
    ).toEqual(['Call process.nextTick() before fs.mkdir.', 'Node.js reads process.env and the .env file first.', 'Pass --env-file to it.']);
  });

  it('keeps a long bare URL inside its sentence', () => {
    expect(texts('It can be a number (see https://github.com/ajv-validator/ajv/issues/291#issuecomment-259923858). Then go.\n')).toEqual([
      'It can be a number (see https://github.com/ajv-validator/ajv/issues/291#issuecomment-259923858).',
      'Then go.',
    ]);
  });

  it('keeps `<` and `>` that are not HTML, and drops HTML tags and comments', () => {
    expect(
      texts('Alert when latency < 200 ms && errors > 5 <!-- tune -->.\n\nIt returns a Promise<void> and <b>never</b> throws.\n'),
    ).toEqual(['Alert when latency < 200 ms && errors > 5 .', 'It returns a Promise<void> and never throws.']);
  });

  it('gives the text of an HTML block the lines it is on, after comments and tags that span lines', () => {
    const lines = (md: string) => parseKnowledgeFile('doc.md', md).passages.map((p) => [p.text, p.lines]);
    expect(lines('# Title\n\n<div align="center">\n<p>Alpha is here.</p>\n<!-- a\ncomment -->\n<p>Beta is\nthere.</p>\n</div>\n')).toEqual([
      ['Alpha is here.', [4, 4]],
      ['Beta is there.', [7, 8]],
    ]);
  });

  it('keeps link text, drops URLs, images, badges, reference definitions and HTML comment blocks', () => {
    expect(
      texts(
        '[![npm](https://img.shields.io/npm/v/x.svg)](https://npm.im/x)\n\n<!-- introduced_in=v0.1.90 -->\n\nSee the [API reference][api] or [the guide](https://example.org/guide) ![diagram](d.png) for more.\n\n[api]: https://example.org/api\n',
      ),
    ).toEqual(['See the API reference or the guide  for more.']);
  });

  it('gives sentences their exact lines and heading path', () => {
    const [a, b] = parseKnowledgeFile(
      'doc.md',
      '# Guide\n\n## Setup\n\nFirst line of a\nparagraph ends here. Second sentence\nis on two lines.\n',
    ).passages;
    expect(a).toMatchObject({ headings: ['Guide', 'Setup'], lines: [5, 6], text: 'First line of a paragraph ends here.' });
    expect(b).toMatchObject({ lines: [6, 7], text: 'Second sentence is on two lines.' });
  });
});

describe('what the parser swallows', () => {
  it('counts the line breaks inside a code span, a link or an image for the lines of the text after them', () => {
    const [a, b, c] = parseKnowledgeFile(
      'doc.md',
      'Run `git config --global\n--add x` first. See\n[the guide](https://example.org/a\n"title") then ![a\nb](c.png) go on.\nLast one\nends.\n',
    ).passages;
    expect(a).toMatchObject({ text: 'Run git config --global --add x first.', lines: [1, 2] });
    expect(b).toMatchObject({ text: 'See the guide then  go on.', lines: [2, 5] });
    expect(c).toMatchObject({ text: 'Last one ends.', lines: [6, 7] });
  });

  it('keeps a link as written, not percent-decoded, and makes a link of any destination', () => {
    expect(texts('Open <http://example.org/?q=%5B1%5D> now. Or [click](javascript:go()) here.\n')).toEqual([
      'Open http://example.org/?q=%5B1%5D now.',
      'Or click here.',
    ]);
  });

  it('reads a footnote as prose and leaves out the marks that refer to it', () => {
    expect(texts('Linux is supported[^1] and so is [^x] too.\n\n[^1]: Kernel 4.18 or later,\n    with glibc 2.28.\n')).toEqual([
      'Linux is supported and so is [^x] too.',
      'Kernel 4.18 or later, with glibc 2.28.',
    ]);
  });

  it('leaves out the box of a task list item, but not an escaped one', () => {
    expect(texts('- [ ] Add the member\n- [x] `npm test` passes\n- \\[ ] kept as written\n')).toEqual([
      'Add the member',
      'npm test passes',
      '[ ] kept as written',
    ]);
  });
});

describe('code blocks', () => {
  it('are kept as written and attached to the sentence that introduces them', () => {
    const md =
      "# assert\n\nIt has two modes. To use strict assertion mode:\n\n```js\nconst assert = require('node:assert').strict;\n```\n\nOr indent it:\n\n    npm test\n";
    const passages = parseKnowledgeFile('doc.md', md).passages;
    expect(passages.map((p) => [p.text, p.code])).toEqual([
      ['It has two modes.', undefined],
      ['To use strict assertion mode:', [{ lang: 'js', text: "const assert = require('node:assert').strict;", lines: [5, 7] }]],
      ['Or indent it:', [{ lang: null, text: 'npm test', lines: [11, 11] }]],
    ]);
  });

  it('that open a section go with its first sentence, and are never prose', () => {
    const passages = parseKnowledgeFile('doc.md', '## Install\n\n```sh\nnpm install x\n```\n\nRequires Node 20.\n').passages;
    expect(passages.map((p) => [p.text, p.code?.[0]?.text])).toEqual([['Requires Node 20.', 'npm install x']]);
  });
});

describe('tables and lists', () => {
  it('make one passage per table row, with its header and lead-in', () => {
    const md =
      'The client takes these options:\n\n| Option | Default | Description |\n|---|---|---|\n| `timeout` | 5000 | How long to wait. Then it fails. |\n| retries | | How often to try. |\n';
    const rows = parseKnowledgeFile('doc.md', md).passages.slice(1);
    expect(rows.map((p) => [p.text, p.lines, p.lead])).toEqual([
      ['timeout — Default 5000 — Description How long to wait. Then it fails.', [5, 5], 'The client takes these options:'],
      ['retries — Description How often to try.', [6, 6], 'The client takes these options:'],
    ]);
    expect(new Set(rows.map((p) => p.paragraph)).size).toBe(2);
  });

  it('keep list items apart, in the paragraph of their lead-in sentence', () => {
    const passages = parseKnowledgeFile(
      'doc.md',
      'Options include:\n\n- `verbose` prints more\n- quiet prints less\n\nAnother paragraph.\n',
    ).passages;
    expect(passages.map((p) => [p.text, p.paragraph, p.lead])).toEqual([
      ['Options include:', 1, undefined],
      ['verbose prints more', 1, 'Options include:'],
      ['quiet prints less', 1, 'Options include:'],
      ['Another paragraph.', 2, undefined],
    ]);
    expect(passages[1]).toMatchObject({ prev: 'doc.md#p1s0', next: 'doc.md#p1s2' });
    const after = parseKnowledgeFile('doc.md', 'It supports two stores.\n\n- memory\n- disk\n').passages;
    expect(after.map((p) => [p.text, p.paragraph, p.lead])).toEqual([
      ['It supports two stores.', 1, undefined],
      ['memory', 2, 'It supports two stores.'],
      ['disk', 2, 'It supports two stores.'],
    ]);
  });
});

describe('a real README', () => {
  it('quotes the source: every word of a sentence is on its lines, in order', () => {
    const file = path.resolve('tests', 'fixtures', 'docs', 'http-errors', 'README.md');
    const source = readFileSync(file, 'utf8').split('\n');
    const passages = parseKnowledgeFile('README.md', readFileSync(file, 'utf8')).passages.filter((p) => !p.text.includes(' — '));
    expect(passages.length).toBeGreaterThan(20);
    for (const p of passages) {
      let rest = source.slice(p.lines[0] - 1, p.lines[1]).join(' ');
      for (const word of p.text.match(/[\p{L}\p{N}]+/gu) ?? []) {
        const at = rest.indexOf(word);
        expect(at, `${word} of "${p.text}" on lines ${p.lines.join('–')}`).toBeGreaterThanOrEqual(0);
        rest = rest.slice(at + word.length);
      }
    }
  });
});
