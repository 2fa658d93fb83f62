import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { syncBuiltinESMExports } from 'node:module';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KnowledgeBase } from '../../src/core/knowledge/knowledge-base.js';
import { AnalysisSnapshot } from '../../src/core/knowledge/snapshot.js';
import type { Logger } from '../../src/core/logger.js';
import { AnswerEngine } from '../../src/core/search/engine.js';
import { SearchIndex, savedIndexKey } from '../../src/core/search/search-index.js';
import { fileTerms } from '../../src/core/text/sentence-terms.js';
import { tempDir } from '../helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SEED = readFileSync(path.join(ROOT, 'tests', 'fixtures', 'us-japan-defense-2025.txt'), 'utf8');
const QUESTIONS = [
  'Who did Hegseth meet in Tokyo?',
  'What was filed in room 14?',
  'Where is the ferry going?',
  'What missiles will be produced together?',
  'How many troops are stationed in Japan?',
];

/** A knowledge folder of three Markdown files: the seed article under a heading, and a line of its own. */
function knowledgeFolder(): string {
  const dir = tempDir();
  for (let i = 0; i < 3; i++)
    writeFileSync(path.join(dir, `doc-${i}.md`), `# Report ${i}\n\nReport ${i} was filed in room ${i * 7}.\n\n## Body\n\n${SEED}`);
  return dir;
}

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  const none = () => {};
  const logger = {
    warnings,
    error: none,
    info: none,
    debug: none,
    warn: (_: object, msg?: string) => void warnings.push(msg ?? ''),
    child: () => logger,
  };
  return logger;
}

/** A start as `createCitebot` makes one: the knowledge with its snapshot, then the engine; the index saved before it returns. */
async function start(knowledge: string, snapshotDir: string, logger = recordingLogger()) {
  const kb = await KnowledgeBase.load(knowledge, { snapshotDir, workers: 0, logger });
  const engine = new AnswerEngine(kb);
  await engine.saved();
  return { kb, engine, logger, replies: QUESTIONS.map((q) => JSON.stringify(engine.answer(q))) };
}

const indexFile = (snapshotDir: string) => path.join(new AnalysisSnapshot(snapshotDir).dir, 'search.idx');

afterEach(() => vi.restoreAllMocks());

describe('the saved search index', () => {
  it('is saved by the first start and read by the next, which numbers no term and builds no posting, with the same replies', async () => {
    const knowledge = knowledgeFolder();
    const snapshotDir = path.join(tempDir(), 'index');
    const cold = await start(knowledge, snapshotDir);
    expect(readFileSync(indexFile(snapshotDir)).length).toBeGreaterThan(1000);
    const numbered = vi.spyOn(SearchIndex.prototype, 'fileSteps');
    const warm = await start(knowledge, snapshotDir);
    expect(numbered).not.toHaveBeenCalled();
    expect(warm.replies).toEqual(cold.replies);
    expect(warm.engine.index.size).toBe(cold.engine.index.size);
    expect(warm.logger.warnings).toEqual([]);
  });

  it('spares a start decoding the saved terms of any file', async () => {
    const knowledge = knowledgeFolder();
    const snapshotDir = path.join(tempDir(), 'index');
    await start(knowledge, snapshotDir);
    const kb = await KnowledgeBase.load(knowledge, { snapshotDir, workers: 0 });
    const deserialized = vi.spyOn(v8, 'deserialize');
    syncBuiltinESMExports();
    try {
      new AnswerEngine(kb);
      expect(deserialized).not.toHaveBeenCalled();
      // Without the saved index, the terms are decoded (once a file) to build it.
      new AnswerEngine({ files: () => kb.files(), acronyms: () => [], synonyms: () => [] });
      expect(deserialized).toHaveBeenCalledTimes(3);
    } finally {
      deserialized.mockRestore();
      syncBuiltinESMExports();
    }
  });

  it.each([
    ['a changed byte', (bytes: Buffer) => ((bytes[bytes.length >> 1] = bytes[bytes.length >> 1]! ^ 0xff), bytes)],
    ['cut short', (bytes: Buffer) => bytes.subarray(0, bytes.length >> 1)],
    ['emptied', () => Buffer.alloc(0)],
  ])('damaged (%s): the start builds it from the saved terms with one warning, the same replies, and saves it again', async (_, damage) => {
    const knowledge = knowledgeFolder();
    const snapshotDir = path.join(tempDir(), 'index');
    const cold = await start(knowledge, snapshotDir);
    const good = readFileSync(indexFile(snapshotDir));
    writeFileSync(indexFile(snapshotDir), damage(Buffer.from(good)));
    const numbered = vi.spyOn(SearchIndex.prototype, 'fileSteps');
    const warm = await start(knowledge, snapshotDir);
    expect(numbered).toHaveBeenCalled();
    expect(warm.logger.warnings).toEqual(['saved search index damaged; building it again']);
    expect(warm.replies).toEqual(cold.replies);
    expect(readFileSync(indexFile(snapshotDir)).equals(good)).toBe(true);
  });

  it('built from files that changed since is not used: the start indexes the files as they are, and saves that', async () => {
    const knowledge = knowledgeFolder();
    const snapshotDir = path.join(tempDir(), 'index');
    await start(knowledge, snapshotDir);
    const before = readFileSync(indexFile(snapshotDir));
    writeFileSync(path.join(knowledge, 'doc-1.md'), '# Changed\n\nThe ferry leaves for Osaka at noon.\n');
    const stale = await start(knowledge, snapshotDir);
    expect(stale.logger.warnings).toEqual([]);
    expect(JSON.stringify(stale.engine.answer('When does the ferry leave for Osaka?'))).toContain('doc-1.md');
    expect(readFileSync(indexFile(snapshotDir)).equals(before)).toBe(false);
    // The same replies as a start with nothing saved.
    const fresh = await start(knowledge, path.join(tempDir(), 'index'));
    expect(stale.replies).toEqual(fresh.replies);
    const numbered = vi.spyOn(SearchIndex.prototype, 'fileSteps');
    const warm = await start(knowledge, snapshotDir);
    expect(numbered).not.toHaveBeenCalled();
    expect(warm.replies).toEqual(fresh.replies);
  });

  it('is read whole when a writer was killed mid-write (its temporary file left beside it)', async () => {
    const knowledge = knowledgeFolder();
    const snapshotDir = path.join(tempDir(), 'index');
    const cold = await start(knowledge, snapshotDir);
    const good = readFileSync(indexFile(snapshotDir));
    writeFileSync(path.join(path.dirname(indexFile(snapshotDir)), `.search.idx.4242.0badf00d.tmp`), good.subarray(0, good.length >> 2));
    const numbered = vi.spyOn(SearchIndex.prototype, 'fileSteps');
    const warm = await start(knowledge, snapshotDir);
    expect(numbered).not.toHaveBeenCalled();
    expect(warm.logger.warnings).toEqual([]);
    expect(warm.replies).toEqual(cold.replies);
  });

  it('left missing (deleted, or a crash before it was written) only costs building it again', async () => {
    const knowledge = knowledgeFolder();
    const snapshotDir = path.join(tempDir(), 'index');
    const cold = await start(knowledge, snapshotDir);
    rmSync(indexFile(snapshotDir));
    const warm = await start(knowledge, snapshotDir);
    expect(warm.logger.warnings).toEqual([]);
    expect(warm.replies).toEqual(cold.replies);
    expect(readFileSync(indexFile(snapshotDir)).length).toBeGreaterThan(1000);
  });
});

describe('SearchIndex.save and restore', () => {
  const passages = (file: string, text: string) =>
    text.split('. ').map((sentence, i) => ({
      id: `${file}#p1s${i}`,
      file,
      title: file,
      url: null,
      tags: [],
      headings: ['Guide', 'Install'],
      paragraph: 1,
      sentence: i,
      lines: [1, 1] as [number, number],
      text: sentence,
      entities: [],
      hash: '',
      prev: null,
      next: null,
    }));
  const files = new Map([
    ['a.md', passages('a.md', 'The ferry leaves at noon. Tickets cost five euros. The harbour opens at dawn')],
    ['b.md', passages('b.md', 'Install the package with npm. Set the port option to 8080. The ferry schedule is online')],
  ]);
  const built = () => {
    const index = new SearchIndex();
    for (const [file, list] of files) index.setFile(file, list, fileTerms(list));
    return index;
  };
  const key = savedIndexKey([
    ['a.md', 'hash-a'],
    ['b.md', 'hash-b'],
  ]);
  const probe = (index: SearchIndex) => ({
    hits: ['ferri', 'port', 'instal', 'ticket', 'harbour'].map((t) => index.search([t, 'noon'], () => 1, 5)),
    idf: index.idf('ferri'),
    entry: { ...index.get('b.md#p1s1')!, passage: null },
    section: [...index.get('a.md#p1s0')!.sectionSet].sort(),
    inCode: index.inCode('port'),
  });

  it('gives back an index that searches and describes sentences exactly as the one saved', () => {
    const saved = built().save(key)!;
    const restored = new SearchIndex();
    expect(restored.restore(saved, key, files)).toBe(true);
    expect(probe(restored)).toEqual(probe(built()));
    // Read in place from bytes that do not start on an 8-byte boundary too (copied then).
    const shifted = new Uint8Array(saved.length + 1).subarray(1);
    shifted.set(saved);
    const again = new SearchIndex();
    expect(again.restore(shifted, key, files)).toBe(true);
    expect(probe(again)).toEqual(probe(built()));
  });

  it('refuses one saved under another key, from other files or with other sentence counts, and keeps what it had', () => {
    const saved = built().save(key)!;
    const index = built();
    const before = probe(index);
    expect(index.restore(saved, 'another key', files)).toBe(false);
    expect(index.restore(saved, key, new Map([['a.md', files.get('a.md')!]]))).toBe(false);
    expect(index.restore(saved, key, new Map([...files, ['b.md', files.get('b.md')!.slice(1)]]))).toBe(false);
    expect(index.restore(saved.subarray(0, 40), key, files)).toBe(false);
    expect(probe(index)).toEqual(before);
  });

  it('is keyed by the files by path and content hash, whatever their order', () => {
    expect(
      savedIndexKey([
        ['b.md', 'hash-b'],
        ['a.md', 'hash-a'],
      ]),
    ).toBe(key);
    expect(
      savedIndexKey([
        ['a.md', 'hash-a'],
        ['b.md', 'hash-c'],
      ]),
    ).not.toBe(key);
  });
});

describe('files known by their stat', () => {
  const seenFile = (snapshotDir: string) => path.join(new AnalysisSnapshot(snapshotDir).dir, 'files.json');
  type Saved = { dir: string; files: [string, number, number, number, number, string][] };
  /** The saved stats, each changed by `edit`. */
  const rewrite = (snapshotDir: string, edit: (f: Saved['files'][number]) => void) => {
    const saved = JSON.parse(readFileSync(seenFile(snapshotDir), 'utf8')) as Saved;
    saved.files.forEach(edit);
    writeFileSync(seenFile(snapshotDir), JSON.stringify(saved));
  };
  const load = async (knowledge: string, snapshotDir: string) => {
    const kb = await KnowledgeBase.load(knowledge, { snapshotDir, workers: 0 });
    return { kb, hashes: kb.files().map((f) => f.hash), load: kb.lastLoad };
  };
  const lie = 'f'.repeat(64);

  it('are not read again: the hash saved with an unchanged stat is used (a wrong one costs a read, never a wrong file)', async () => {
    const knowledge = knowledgeFolder();
    const snapshotDir = path.join(tempDir(), 'index');
    const cold = await load(knowledge, snapshotDir);
    // Hashed long after their last change, and one hash made wrong: only the stat can have given it.
    rewrite(snapshotDir, (f) => ((f[4] = Date.now() + 60_000), f[0] === 'doc-0.md' && (f[5] = lie)));
    const warm = await load(knowledge, snapshotDir);
    expect(warm.load).toMatchObject({ fromSnapshot: 2, analysed: 1 });
    expect(warm.hashes).toEqual(cold.hashes);
  });

  it('are read again when their stat changed, or changed less than 2 s before they were hashed', async () => {
    const knowledge = knowledgeFolder();
    const snapshotDir = path.join(tempDir(), 'index');
    await load(knowledge, snapshotDir);
    rewrite(snapshotDir, (f) => ((f[4] = Math.max(f[2], f[3]) + 1000), (f[5] = lie)));
    expect((await load(knowledge, snapshotDir)).load).toMatchObject({ fromSnapshot: 3, analysed: 0 });
    rewrite(snapshotDir, (f) => ((f[4] = Date.now() + 60_000), (f[1] += 1), (f[5] = lie)));
    expect((await load(knowledge, snapshotDir)).load).toMatchObject({ fromSnapshot: 3, analysed: 0 });
    // Same size, other bytes: a new modification time.
    writeFileSync(path.join(knowledge, 'doc-2.md'), readFileSync(path.join(knowledge, 'doc-2.md'), 'utf8').replace('room 14', 'room 15'));
    const changed = await load(knowledge, snapshotDir);
    expect(changed.load).toMatchObject({ fromSnapshot: 2, analysed: 1 });
    expect(changed.kb.passages().some((p) => p.text.includes('room 15'))).toBe(true);
  });

  it('are hashed as before when what was saved is damaged or is another folder', async () => {
    const knowledge = knowledgeFolder();
    const snapshotDir = path.join(tempDir(), 'index');
    const cold = await load(knowledge, snapshotDir);
    rewrite(snapshotDir, (f) => ((f[4] = Date.now() + 60_000), (f[5] = lie)));
    const saved = JSON.parse(readFileSync(seenFile(snapshotDir), 'utf8')) as Saved;
    writeFileSync(seenFile(snapshotDir), JSON.stringify({ ...saved, dir: '/elsewhere' }));
    expect((await load(knowledge, snapshotDir)).hashes).toEqual(cold.hashes);
    writeFileSync(seenFile(snapshotDir), '{"dir": 3, "files": [[1, 2');
    const warm = await load(knowledge, snapshotDir);
    expect(warm.hashes).toEqual(cold.hashes);
    expect(warm.load).toMatchObject({ fromSnapshot: 3 });
  });
});

describe('passages prepared in the background', () => {
  it('decodes every passage between requests, so that questions after decode none, with the same replies', async () => {
    const knowledge = knowledgeFolder();
    const snapshotDir = path.join(tempDir(), 'index');
    const cold = await start(knowledge, snapshotDir);
    const kb = await KnowledgeBase.load(knowledge, { snapshotDir, workers: 0 });
    const engine = new AnswerEngine(kb);
    // Other work gets its turn while it runs.
    let turns = 0;
    const other = setInterval(() => turns++, 0);
    const done = await engine.prepare(undefined, 0);
    clearInterval(other);
    expect(turns).toBeGreaterThan(0);
    expect(done).toMatchObject({ stopped: false });
    expect(done.ms).toBeGreaterThan(0);
    const deserialized = vi.spyOn(v8, 'deserialize');
    syncBuiltinESMExports();
    try {
      expect(QUESTIONS.map((q) => JSON.stringify(engine.answer(q)))).toEqual(cold.replies);
      expect(deserialized).not.toHaveBeenCalled();
    } finally {
      deserialized.mockRestore();
      syncBuiltinESMExports();
    }
  });

  it('stops when told to, or when the files change, and the engine answers as before', async () => {
    const knowledge = knowledgeFolder();
    const snapshotDir = path.join(tempDir(), 'index');
    const cold = await start(knowledge, snapshotDir);
    const kb = await KnowledgeBase.load(knowledge, { snapshotDir, workers: 0 });
    const engine = new AnswerEngine(kb);
    const stop = new AbortController();
    const stopped = engine.prepare(stop.signal, 0);
    stop.abort();
    expect(await stopped).toMatchObject({ stopped: true });
    const deserialized = vi.spyOn(v8, 'deserialize');
    syncBuiltinESMExports();
    try {
      expect(QUESTIONS.map((q) => JSON.stringify(engine.answer(q)))).toEqual(cold.replies);
      expect(deserialized).toHaveBeenCalled();
    } finally {
      deserialized.mockRestore();
      syncBuiltinESMExports();
    }
    const preparing = engine.prepare(undefined, 0);
    writeFileSync(path.join(knowledge, 'doc-1.md'), '# Changed\n\nThe ferry leaves for Osaka at noon.\n');
    await kb.refresh();
    await engine.syncGradually();
    await preparing;
    expect(JSON.stringify(engine.answer('When does the ferry leave for Osaka?'))).toContain('doc-1.md');
  });
});
