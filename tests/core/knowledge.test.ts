import { readFileSync, writeFileSync, mkdirSync, rmSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { KnowledgeBase, KnowledgeError } from '../../src/core/knowledge/knowledge-base.js';
import { AnswerEngine } from '../../src/core/search/engine.js';
import { silentLogger } from '../../src/core/logger.js';
import { tempDir, until } from '../helpers.js';

// tests/fixtures holds copies of ../shared/seed (the article as delivered, the dev questions), so CI needs nothing outside the repository.
describe('bundled knowledge', () => {
  it('ships the seed article with its wording unchanged', async () => {
    const seed = readFileSync(path.resolve('tests', 'fixtures', 'us-japan-defense-2025.txt'), 'utf8');
    const kb = await KnowledgeBase.load('knowledge');
    const [file] = kb.files();
    expect(file!.title).toMatch(/Japan/);
    const byParagraph = new Map<number, string[]>();
    for (const p of file!.passages) byParagraph.set(p.paragraph, [...(byParagraph.get(p.paragraph) ?? []), p.text]);
    const paragraphs = [...byParagraph.values()].map((s) => s.join(' '));
    expect(paragraphs).toEqual(seed.trim().split('\n'));
  });

  it('gives every passage its provenance', async () => {
    const kb = await KnowledgeBase.load('knowledge');
    const p = kb.passages().find((x) => x.text.includes('50,000'))!;
    expect(p).toMatchObject({ file: 'us-japan-defense-2025.md', paragraph: 7, lines: [18, 18], headings: [] });
    const lines = readFileSync('knowledge/us-japan-defense-2025.md', 'utf8').split('\n');
    expect(lines[p.lines[0] - 1]).toContain(p.text);
  });
});

describe('loading a folder', () => {
  it('reads Markdown sections, front matter and plain text, recursively', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'handbook'));
    writeFileSync(
      path.join(dir, 'handbook', 'leave.md'),
      '---\ntitle: Leave policy\nurl: https://example.org/leave\ntags: [hr, leave]\n---\n# Leave\n\n## Holidays\n\nEveryone gets **25 days** of paid holiday a year. Unused days expire in March.\n',
    );
    writeFileSync(path.join(dir, 'notes.txt'), 'The office opens at 8 am.\n\nThe canteen closes at 3 pm.\n');
    const kb = await KnowledgeBase.load(dir);
    const holiday = kb.passages().find((p) => p.text.startsWith('Everyone'))!;
    expect(holiday).toMatchObject({
      file: 'handbook/leave.md',
      title: 'Leave policy',
      url: 'https://example.org/leave',
      tags: ['hr', 'leave'],
      headings: ['Leave', 'Holidays'],
      lines: [10, 10],
    });
    expect(holiday.text).toBe('Everyone gets 25 days of paid holiday a year.');
    expect(
      kb
        .passages()
        .filter((p) => p.file === 'notes.txt')
        .map((p) => p.paragraph),
    ).toEqual([1, 2]);
  });

  it('skips unreadable files with the reason and loads the rest', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'good.md'), 'Good content about ferries.\n');
    writeFileSync(path.join(dir, 'binary.txt'), Buffer.from([0x48, 0x00, 0x01, 0x02]));
    writeFileSync(path.join(dir, 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0xff]));
    writeFileSync(path.join(dir, 'broken.md'), '---\ntitle: [unclosed\n---\nText.\n');
    writeFileSync(path.join(dir, 'badurl.md'), '---\nurl: not a url\n---\nText.\n');
    writeFileSync(path.join(dir, 'photo.png'), 'x');
    const kb = await KnowledgeBase.load(dir, { maxFileBytes: 1024 });
    writeFileSync(path.join(dir, 'huge.txt'), 'word '.repeat(1000));
    await kb.refresh();
    expect(kb.files().map((f) => f.file)).toEqual(['good.md']);
    const reasons = Object.fromEntries(kb.skipped().map((s) => [s.file, s.reason]));
    expect(reasons['binary.txt']).toBe('binary file');
    expect(reasons['latin1.txt']).toBe('not UTF-8 text');
    expect(reasons['broken.md']).toMatch(/front matter is not valid YAML/);
    expect(reasons['badurl.md']).toMatch(/front matter field "url"/);
    expect(reasons['photo.png']).toMatch(/not a .md or .txt/);
    expect(reasons['huge.txt']).toMatch(/larger than/);
  });

  it('refuses a missing or empty folder with a clear error', async () => {
    await expect(KnowledgeBase.load('/nonexistent/citebot')).rejects.toThrow(KnowledgeError);
    await expect(KnowledgeBase.load('/nonexistent/citebot')).rejects.toThrow(/does not exist/);
    const empty = mkdtempSync(path.join(tmpdir(), 'citebot-empty-'));
    await expect(KnowledgeBase.load(empty)).rejects.toThrow(/no readable .md or .txt file/);
    rmSync(empty, { recursive: true });
  });
});

describe('watching the folder', () => {
  it('answers from an added file, forgets a deleted one, and re-indexes only what changed', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.md'), 'The ferry to the island leaves at noon.\n');
    writeFileSync(path.join(dir, 'b.md'), 'The bakery sells rye bread on Fridays.\n');
    const kb = await KnowledgeBase.load(dir, { debounceMs: 50 });
    const engine = new AnswerEngine(kb);
    const synced: { indexed: number; removed: number }[] = [];
    kb.on('change', () => synced.push(engine.sync()));
    const stop = kb.watch();
    try {
      expect(engine.answer('When does the lighthouse tour start?').abstained).toBe(true);
      writeFileSync(path.join(dir, 'c.md'), 'The lighthouse tour starts at 3 pm every Sunday.\n');
      const reply = await until(
        () => {
          const r = engine.answer('When does the lighthouse tour start?');
          return r.abstained ? undefined : r;
        },
        2000,
        'the new file to be answered',
      );
      expect(reply.snippets[0]!.citation.file).toBe('c.md');
      expect(synced.at(-1)).toEqual({ indexed: 1, removed: 0 });
      rmSync(path.join(dir, 'c.md'));
      await until(() => engine.answer('When does the lighthouse tour start?').abstained, 2000, 'the deleted file to be forgotten');
    } finally {
      stop();
    }
  });
});

describe('faults in the knowledge folder', () => {
  it('reports a symbolic link as skipped, with the reason, instead of dropping it silently', async () => {
    const dir = tempDir();
    const outside = tempDir();
    writeFileSync(path.join(dir, 'a.md'), 'The ferry to the island leaves at noon.\n');
    writeFileSync(path.join(outside, 'secret.md'), 'Not for the bot.\n');
    symlinkSync(path.join(outside, 'secret.md'), path.join(dir, 'link.md'));
    const kb = await KnowledgeBase.load(dir);
    expect(kb.files().map((f) => f.file)).toEqual(['a.md']);
    expect(kb.skipped()).toEqual([{ file: 'link.md', reason: expect.stringMatching(/^symbolic link/) }]);
  });

  it('keeps answering when the watched folder vanishes, logs it, and picks the folder up again when restored', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.md'), 'The ferry to the island leaves at noon.\n');
    const errors: string[] = [];
    const logger = { ...silentLogger, error: (_o: object, msg?: string) => void errors.push(msg ?? ''), child: () => logger };
    const kb = await KnowledgeBase.load(dir, { debounceMs: 20, logger });
    const engine = new AnswerEngine(kb);
    kb.on('change', () => engine.sync());
    const stop = kb.watch();
    try {
      rmSync(dir, { recursive: true });
      await until(() => errors.some((m) => m.startsWith('knowledge refresh failed')), 3000, 'the failed refresh to be logged');
      expect(engine.answer('When does the ferry leave?').abstained).toBe(false); // still serving
      mkdirSync(dir);
      writeFileSync(path.join(dir, 'b.md'), 'The lighthouse tour starts at 3 pm every Sunday.\n');
      await until(() => !engine.answer('When does the lighthouse tour start?').abstained, 4000, 'the restored folder to be indexed');
      writeFileSync(path.join(dir, 'c.md'), 'The bakery sells rye bread on Fridays.\n');
      await until(() => !engine.answer('What does the bakery sell on Fridays?').abstained, 4000, 'changes after the restore to be watched');
    } finally {
      stop();
    }
  });
});

describe('a bug met in one file', () => {
  it('skips that file with the reason and loads the others', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.md'), 'The ferry to the island leaves at noon.\n');
    writeFileSync(path.join(dir, 'b.md'), 'The bakery sells rye bread on Fridays.\n');
    const parse = await import('../../src/core/knowledge/parse.js');
    const real = parse.parseKnowledgeFile;
    const spy = vi.spyOn(parse, 'parseKnowledgeFile').mockImplementation((file, text, hash) => {
      if (file === 'b.md') throw new TypeError('Cannot read properties of undefined');
      return real(file, text, hash);
    });
    try {
      const kb = await KnowledgeBase.load(dir);
      expect(kb.files().map((f) => f.file)).toEqual(['a.md']);
      expect(kb.skipped()).toEqual([{ file: 'b.md', reason: 'could not be parsed (TypeError: Cannot read properties of undefined)' }]);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('files of other kinds beside the docs', () => {
  it('lists a LICENSE as skipped without a warning, and still warns about a broken Markdown file', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'guide.md'), '# Guide\n\nThe ferry leaves at noon.\n');
    writeFileSync(path.join(dir, 'LICENSE'), 'MIT License\n');
    writeFileSync(path.join(dir, 'broken.md'), '---\ntitle: [unclosed\n---\nText.\n');
    const warned: unknown[] = [];
    const logger = { ...silentLogger, warn: (o: unknown) => void warned.push(o), child: () => logger };
    const kb = await KnowledgeBase.load(dir, { logger });
    expect(
      kb
        .skipped()
        .map((s) => s.file)
        .sort(),
    ).toEqual(['LICENSE', 'broken.md']);
    expect(warned).toEqual([expect.objectContaining({ file: 'broken.md' })]);
  });
});

describe('indexing a big file while questions come in', () => {
  it('indexes it a slice at a time when its terms were not saved: questions keep being answered within a slice, then the new file answers', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.md'), 'The ferry to the island leaves at noon.\n');
    const lines = Array.from(
      { length: 4000 },
      (_, i) => `Shelf ${i} of the archive holds letters from the year ${1800 + (i % 200)} about harbour trade.`,
    );
    lines.push('The lighthouse keeper Marta Oyelaran kept the logbook of storms.');
    writeFileSync(path.join(dir, 'archive.md'), `# Archive\n\n${lines.join('\n\n')}\n`);
    const kb = await KnowledgeBase.load(dir);
    const big = kb.files().find((f) => f.file === 'archive.md')!;
    expect(big.passages.length).toBeGreaterThan(4000);
    expect(big.terms).toBeDefined();
    let all = false;
    // Without the terms its analysis saved (as from an older snapshot): the index works them out, a slice at a time.
    const source = {
      files: () => (all ? kb.files() : kb.files().filter((f) => f.file === 'a.md')).map((f) => ({ ...f, terms: undefined })),
      acronyms: () => [],
      synonyms: () => [],
    };
    const engine = new AnswerEngine(source);
    all = true;
    // Questions every 5 ms while it is indexed: how late each one is answered says how long the event loop was held.
    let late = 0;
    let answered = 0;
    let due = performance.now() + 5;
    const asker = setInterval(() => {
      late = Math.max(late, performance.now() - due);
      due = performance.now() + 5;
      if (!engine.answer('When does the ferry leave?').abstained) answered++;
    }, 5);
    const whole = performance.now();
    const done = await engine.syncGradually(20).finally(() => clearInterval(asker));
    const took = performance.now() - whole;
    expect(done).toEqual({ indexed: 1, removed: 0 });
    // At least one question got in between slices (how many depends on the machine's speed).
    expect(answered).toBeGreaterThan(0);
    // Never held for long: one slice (20 ms) plus an answer and timer slack, a fraction of the whole (in one step it is all of it).
    expect(late).toBeLessThan(took / 2);
    expect(engine.answer('Who kept the logbook of storms?').snippets[0]?.citation.file).toBe('archive.md');
  });

  it('runs syncs one after the other: a second change waits for the first to finish', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.md'), 'The ferry to the island leaves at noon.\n');
    const kb = await KnowledgeBase.load(dir);
    const engine = new AnswerEngine(kb);
    writeFileSync(path.join(dir, 'b.md'), 'The bakery sells rye bread on Fridays.\n');
    await kb.refresh();
    const first = engine.syncGradually(0);
    const second = engine.syncGradually(0);
    expect(await first).toEqual({ indexed: 1, removed: 0 });
    expect(await second).toEqual({ indexed: 0, removed: 0 });
    expect(engine.answer('When does the bakery sell rye bread?').abstained).toBe(false);
  });
});
