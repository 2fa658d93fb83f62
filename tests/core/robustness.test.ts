/**
 * Never crash on a file or a question: words every plain object inherits, blocks that are empty
 * once HTML is removed, real READMEs that used to stop the load, a file that cannot be indexed,
 * and a reply that throws in the terminal chat.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { chat } from '../../src/adapters/cli/chat.js';
import { plain } from '../../src/adapters/cli/render.js';
import type { Bot } from '../../src/core/bot/bot.js';
import { INTERNAL_ERROR } from '../../src/core/bot/boundary.js';
import { silentLogger } from '../../src/core/logger.js';
import { KnowledgeBase } from '../../src/core/knowledge/knowledge-base.js';
import type { KnowledgeFile } from '../../src/core/knowledge/types.js';
import { AnswerEngine } from '../../src/core/search/engine.js';
import { analyzeParagraph } from '../../src/core/text/analyze.js';
import { tokenize } from '../../src/core/text/terms.js';
import { parseNumbers } from '../../src/core/quiz/numbers.js';
import { tempDir } from '../helpers.js';

const INHERITED = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];

describe('words every object inherits', () => {
  it('are ordinary words to tokenizing, with their own terms', () => {
    const terms = tokenize(INHERITED.join(' ')).map((t) => t.term);
    expect(terms).toEqual(['constructor', 'proto', 'tostr', 'hasownproperti', 'valueof', 'isprototypeof']);
  });

  it('are not numbers to the quiz answer checker', () => {
    expect(parseNumbers('constructor toString hundred')).toEqual([100]);
  });

  it('load in a file and are answered in a question', async () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, 'classes.md'),
      '# Classes\n\nThe constructor of a class runs once for each new object. Calling toString on an object returns its description. The __proto__ property links an object to its prototype.\n',
    );
    const kb = await KnowledgeBase.load(dir);
    expect(kb.skipped()).toEqual([]);
    const engine = new AnswerEngine(kb);
    expect(engine.answer('What does the constructor do?').snippets[0]?.text).toMatch(/^The constructor of a class/);
    for (const word of INHERITED) expect(() => engine.answer(`${word} hasOwnProperty __proto__?`)).not.toThrow();
  });
});

describe('blocks with nothing to read', () => {
  it('analyse to no sentences instead of throwing', () => {
    expect(analyzeParagraph('')).toEqual({ sentences: [], acronyms: [] });
    expect(analyzeParagraph('  \t ')).toEqual({ sentences: [], acronyms: [] });
  });

  it('are left out of a Markdown file (HTML comments, anchors, badges)', async () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, 'api.md'),
      '<!-- introduced_in=v0.1.90 -->\n\n<a name="x"></a>\n\n# API\n\nThe server listens on port 8080.\n',
    );
    const kb = await KnowledgeBase.load(dir);
    expect(kb.passages().map((p) => p.text)).toEqual(['The server listens on port 8080.']);
  });
});

describe('real READMEs that stopped the load', () => {
  // tests/fixtures/docs: http-errors and yaml READMEs (MIT and ISC, licences beside them); both threw before.
  it('load, with the licence files skipped for their type, and are answered from', async () => {
    const kb = await KnowledgeBase.load(path.resolve('tests', 'fixtures', 'docs'));
    expect(kb.files().map((f) => f.file)).toEqual(['http-errors/README.md', 'yaml/README.md']);
    expect(kb.skipped().map((s) => s.reason)).toEqual(['not a .md or .txt file', 'not a .md or .txt file']);
    const engine = new AnswerEngine(kb);
    expect(engine.notIndexed.size).toBe(0);
    const reply = engine.answer('How can I tell if an error inherits from the HttpError constructor?');
    expect(reply.snippets[0]?.citation.file).toBe('http-errors/README.md');
  });
});

describe('a file that cannot be indexed', () => {
  it('is left out with the reason, the others answered from, and indexed again once it changes', () => {
    const good: KnowledgeFile = {
      file: 'good.md',
      title: 'Good',
      url: null,
      tags: [],
      hash: 'g',
      passages: [passage('good.md', 'The ferry leaves at noon every day.')],
    };
    // A passage without text makes tokenizing throw: a stand-in for any bug met while indexing one file.
    const bad: KnowledgeFile = {
      file: 'bad.md',
      title: 'Bad',
      url: null,
      tags: [],
      hash: 'b1',
      passages: [passage('bad.md', undefined as unknown as string)],
    };
    const engine = new AnswerEngine({ files: () => [good, bad], acronyms: () => [], synonyms: () => [] });
    expect([...engine.notIndexed.keys()]).toEqual(['bad.md']);
    expect(engine.answer('When does the ferry leave?').snippets[0]?.citation.file).toBe('good.md');
    bad.hash = 'b2';
    bad.passages = [passage('bad.md', 'The bakery opens at seven.')];
    expect(engine.sync()).toEqual({ indexed: 1, removed: 0 });
    expect(engine.notIndexed.size).toBe(0);
    expect(engine.answer('When does the bakery open?').snippets[0]?.citation.file).toBe('bad.md');
  });
});

describe('the terminal chat', () => {
  it('answers a request that throws politely, logs its cause, and goes on with the next question', async () => {
    let calls = 0;
    const bot = {
      async handle(_req: unknown, io: { reply(r: unknown): Promise<void> }) {
        if (++calls === 1) throw new Error('index exploded');
        await io.reply({ type: 'notice', visibility: 'public', code: 'usage', text: 'second answer' });
      },
    } as unknown as Bot;
    const input = new PassThrough();
    const output = new PassThrough();
    let written = '';
    output.on('data', (d: Buffer) => (written += d.toString()));
    const errors: object[] = [];
    const logger = { ...silentLogger, error: (obj: object) => void errors.push(obj) };
    const done = chat(bot, { dir: 'knowledge', files: 1, passages: 1, skipped: [] }, input, output, plain, logger);
    input.end('first\nsecond\n');
    await done;
    expect(written).toContain(INTERNAL_ERROR.text);
    expect(written).not.toContain('index exploded');
    expect(errors).toEqual([expect.objectContaining({ err: expect.objectContaining({ message: 'index exploded' }) })]);
    expect(written).toContain('second answer');
  });
});

function passage(file: string, text: string): KnowledgeFile['passages'][number] {
  return {
    id: `${file}#p1s0`,
    file,
    title: file,
    url: null,
    tags: [],
    headings: [],
    paragraph: 1,
    sentence: 0,
    lines: [1, 1],
    text,
    entities: [],
    hash: 'h',
    prev: null,
    next: null,
  };
}
