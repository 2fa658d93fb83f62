import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { syncBuiltinESMExports } from 'node:module';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { describe, expect, it, vi } from 'vitest';
import { KnowledgeBase } from '../../src/core/knowledge/knowledge-base.js';
import {
  AnalysisSnapshot,
  PASSAGES_PER_PIECE,
  STALE_TMP_MS,
  analysisFingerprint,
  decodeAnalysis,
  encodeAnalysis,
} from '../../src/core/knowledge/snapshot.js';
import { parseKnowledgeFile } from '../../src/core/knowledge/parse.js';
import type { Logger } from '../../src/core/logger.js';
import { fileTerms } from '../../src/core/text/sentence-terms.js';
import { tempDir, until } from '../helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SEED = readFileSync(path.join(ROOT, 'tests', 'fixtures', 'us-japan-defense-2025.txt'), 'utf8');

/** A knowledge folder of `files` Markdown files, each the seed article under its own heading. */
function knowledgeFolder(files: number): string {
  const dir = tempDir();
  for (let i = 0; i < files; i++)
    writeFileSync(
      path.join(dir, `doc-${String(i).padStart(3, '0')}.md`),
      `# Report ${i}\n\nReport ${i} was filed in room ${i * 7}.\n\n${SEED}`,
    );
  return dir;
}

/** A logger that keeps what was logged. */
function recordingLogger(): Logger & { lines: { level: string; msg?: string; obj: Record<string, unknown> }[] } {
  const lines: { level: string; msg?: string; obj: Record<string, unknown> }[] = [];
  const at = (level: string) => (obj: object, msg?: string) => void lines.push({ level, msg, obj: obj as Record<string, unknown> });
  const logger = { lines, error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug'), child: () => logger };
  return logger;
}

const digest = (kb: KnowledgeBase) =>
  createHash('sha256')
    .update(JSON.stringify([kb.files(), kb.acronyms()]))
    .digest('hex');
const loaded = (logger: ReturnType<typeof recordingLogger>) => logger.lines.find((l) => l.msg === 'knowledge loaded')!.obj;
const warnings = (logger: ReturnType<typeof recordingLogger>) => logger.lines.filter((l) => l.level === 'warn').map((l) => l.msg);

/**
 * Loads `knowledge` with the snapshot in `snapshotDir` in a child process running the built code
 * (as `npm start` does; `npm test` builds first), so that its worker threads can start.
 */
function loadInChild(knowledge: string, snapshotDir: string, options: Record<string, unknown> = {}) {
  const kb = new URL('../../dist/src/core/knowledge/knowledge-base.js', import.meta.url).href;
  const log = new URL('../../dist/src/core/logger.js', import.meta.url).href;
  const script = `
    const { KnowledgeBase } = await import(${JSON.stringify(kb)});
    const { createLogger } = await import(${JSON.stringify(log)});
    const { createHash } = await import('node:crypto');
    const kb = await KnowledgeBase.load(${JSON.stringify(knowledge)}, { snapshotDir: ${JSON.stringify(snapshotDir)}, logger: createLogger('info'), ...${JSON.stringify(options)} });
    process.stdout.write(createHash('sha256').update(JSON.stringify([kb.files(), kb.acronyms()])).digest('hex'));`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exit = once(child, 'exit').then(([code]) => ({ code: code as number | null, stdout, stderr }));
  return { child, exit };
}

describe('the analysis snapshot', () => {
  it('loads unchanged files from the snapshot with the same passages as analysing them', async () => {
    const knowledge = knowledgeFolder(3);
    const snapshotDir = path.join(tempDir(), 'index');
    const coldLog = recordingLogger();
    const cold = await KnowledgeBase.load(knowledge, { snapshotDir, logger: coldLog });
    expect(loaded(coldLog)).toMatchObject({ files: 3, fromSnapshot: 0, analysed: 3 });
    const warmLog = recordingLogger();
    const warm = await KnowledgeBase.load(knowledge, { snapshotDir, logger: warmLog });
    expect(loaded(warmLog)).toMatchObject({ files: 3, fromSnapshot: 3, analysed: 0 });
    expect(digest(warm)).toBe(digest(cold));
    expect(warnings(warmLog)).toEqual([]);
  });

  it('analyses again only the file whose bytes changed', async () => {
    const knowledge = knowledgeFolder(3);
    const snapshotDir = path.join(tempDir(), 'index');
    await KnowledgeBase.load(knowledge, { snapshotDir });
    writeFileSync(path.join(knowledge, 'doc-001.md'), '# Changed\n\nThe ferry leaves at noon.\n');
    const log = recordingLogger();
    const kb = await KnowledgeBase.load(knowledge, { snapshotDir, logger: log });
    expect(loaded(log)).toMatchObject({ fromSnapshot: 2, analysed: 1 });
    expect(kb.passages().find((p) => p.file === 'doc-001.md')!.text).toBe('The ferry leaves at noon.');
  });

  it('deletes the entries of changed and removed files, and temporary files a killed writer left', async () => {
    const knowledge = knowledgeFolder(3);
    const snapshotDir = path.join(tempDir(), 'index');
    await KnowledgeBase.load(knowledge, { snapshotDir });
    const dir = new AnalysisSnapshot(snapshotDir).dir;
    const old = path.join(dir, '.abc.123.tmp');
    const fresh = path.join(dir, '.def.456.tmp');
    writeFileSync(old, 'partial');
    utimesSync(old, new Date(Date.now() - STALE_TMP_MS - 1000), new Date(Date.now() - STALE_TMP_MS - 1000));
    writeFileSync(fresh, 'being written');
    writeFileSync(path.join(knowledge, 'doc-001.md'), '# Changed\n\nThe ferry leaves at noon.\n');
    rmSync(path.join(knowledge, 'doc-002.md'));
    const kb = await KnowledgeBase.load(knowledge, { snapshotDir });
    const expected = kb.files().map((f) => `${AnalysisSnapshot.key(f.file, f.hash)}.v8`);
    expect(readdirSync(dir).sort()).toEqual([path.basename(fresh), 'files.json', ...expected].sort());
  });

  it('analyses a damaged entry again, with one warning, and repairs it', async () => {
    const knowledge = knowledgeFolder(2);
    const snapshotDir = path.join(tempDir(), 'index');
    const cold = await KnowledgeBase.load(knowledge, { snapshotDir });
    const dir = new AnalysisSnapshot(snapshotDir).dir;
    const entries = readdirSync(dir).map((n) => path.join(dir, n));
    const bytes = readFileSync(entries[0]!);
    writeFileSync(entries[0]!, bytes.subarray(0, bytes.length >> 1)); // truncated
    const flipped = readFileSync(entries[1]!);
    flipped[flipped.length - 10] = flipped[flipped.length - 10]! ^ 0xff; // one byte changed
    writeFileSync(entries[1]!, flipped);
    const log = recordingLogger();
    const kb = await KnowledgeBase.load(knowledge, { snapshotDir, logger: log });
    expect(warnings(log)).toEqual(['index snapshot damaged; analysing those files again']);
    expect(loaded(log)).toMatchObject({ fromSnapshot: 0, analysed: 2 });
    expect(digest(kb)).toBe(digest(cold));
    const again = recordingLogger();
    await KnowledgeBase.load(knowledge, { snapshotDir, logger: again });
    expect(loaded(again)).toMatchObject({ fromSnapshot: 2 });
  });

  it('never reads a snapshot of another version or analysis, and removes it', async () => {
    const knowledge = knowledgeFolder(1);
    const snapshotDir = path.join(tempDir(), 'index');
    await KnowledgeBase.load(knowledge, { snapshotDir });
    const current = new AnalysisSnapshot(snapshotDir).dir;
    const old = path.join(snapshotDir, '0123456789abcdef');
    mkdirSync(old);
    // An entry of the old version, under the key of the file as it is now: it must not be read.
    for (const name of readdirSync(current))
      writeFileSync(path.join(old, name), encodeAnalysis(parseKnowledgeFile('doc-000.md', 'Something else entirely.')));
    rmSync(current, { recursive: true });
    const log = recordingLogger();
    const kb = await KnowledgeBase.load(knowledge, { snapshotDir, logger: log });
    expect(warnings(log)).toEqual(['index snapshot made by another citebot version or analysis; building a new one']);
    expect(kb.passages().some((p) => p.text.includes('Something else'))).toBe(false);
    expect(existsSync(old)).toBe(false);
  });

  it('loads with one warning when the snapshot cannot be written', async () => {
    const knowledge = knowledgeFolder(2);
    const blocker = path.join(tempDir(), 'not-a-folder');
    writeFileSync(blocker, 'a file where the snapshot folder should be');
    const log = recordingLogger();
    const kb = await KnowledgeBase.load(knowledge, { snapshotDir: blocker, logger: log });
    expect(kb.files()).toHaveLength(2);
    expect(warnings(log)).toEqual([
      'cannot save the index snapshot (is DATA_DIR writable?); those files will be analysed again at the next start',
    ]);
  });

  it('rebuilds everything when asked to', async () => {
    const knowledge = knowledgeFolder(2);
    const snapshotDir = path.join(tempDir(), 'index');
    await KnowledgeBase.load(knowledge, { snapshotDir });
    const log = recordingLogger();
    await KnowledgeBase.load(knowledge, { snapshotDir, rebuild: true, logger: log });
    expect(loaded(log)).toMatchObject({ fromSnapshot: 0, analysed: 2 });
  });

  it('decodes no passage until one is asked for, then only the piece that holds it', async () => {
    const text = Array.from({ length: 3 * PASSAGES_PER_PIECE }, (_, i) => `Sentence number ${i} is here.`).join(' ');
    const analysis = parseKnowledgeFile('big.txt', text);
    const decoded = decodeAnalysis(encodeAnalysis(analysis))!;
    const list = decoded.passageList!;
    expect(list.length).toBe(analysis.passages.length);
    const deserialized = vi.spyOn(v8, 'deserialize');
    syncBuiltinESMExports();
    const last = analysis.passages.length - 1;
    // Ids and positions come without decoding.
    expect(list.id(last)).toBe(analysis.passages[last]!.id);
    expect(list.position(analysis.passages[PASSAGES_PER_PIECE + 1]!.id)).toBe(PASSAGES_PER_PIECE + 1);
    expect(list.position('big.txt#p9s999999')).toBe(-1);
    expect(list.position('other.txt#p1s0')).toBe(-1);
    expect(deserialized).not.toHaveBeenCalled();
    expect(list.at(last)).toEqual(analysis.passages[last]);
    expect(list.at(last - 1)).toEqual(analysis.passages[last - 1]);
    expect(deserialized).toHaveBeenCalledTimes(1);
    expect(decoded.passages).toEqual(analysis.passages);
    expect(decoded.passages).toBe(decoded.passages);
    expect(list.at(last)).toBe(decoded.passages[last]);
    deserialized.mockRestore();
    syncBuiltinESMExports();
  });

  it('keeps ids the parser did not make, decoding them when asked', async () => {
    const parsed = parseKnowledgeFile('a.md', 'One sentence here. Two sentences here.');
    const analysis = { ...parsed, passages: parsed.passages.map((p, i) => ({ ...p, id: `custom-${i}` })) };
    const list = decodeAnalysis(encodeAnalysis(analysis))!.passageList!;
    expect(list.id(1)).toBe('custom-1');
    expect(list.position('custom-1')).toBe(1);
    expect(list.position('a.md#p1s1')).toBe(-1);
  });

  it('reports progress file by file', async () => {
    const knowledge = knowledgeFolder(3);
    const seen: [number, number][] = [];
    await KnowledgeBase.load(knowledge, { onProgress: (p) => seen.push([p.done, p.total]) });
    expect(seen).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
  });

  it('saves what passages repeat from their file once, and decodes them sharing it', async () => {
    const parsed = parseKnowledgeFile('a.md', '---\ntags: [ops]\n---\n# Guide\n\n## Start\n\nOne sentence here. Two sentences here.\n');
    const analysis = { ...parsed, terms: fileTerms(parsed.passages) };
    const decoded = decodeAnalysis(encodeAnalysis(analysis))!;
    expect(decoded).toEqual(analysis);
    const [first, second] = decoded.passages;
    expect(first!.tags).toBe(decoded.tags);
    expect(second!.headings).toBe(first!.headings);
    expect(decoded.terms!.data).toBeInstanceOf(Uint32Array);
  });

  it('tells a damaged or foreign entry from a good one', async () => {
    const analysis = parseKnowledgeFile('a.md', 'The ferry leaves at noon.');
    const bytes = encodeAnalysis(analysis);
    expect(decodeAnalysis(bytes)).toEqual(analysis);
    expect(decodeAnalysis(bytes.subarray(0, 20))).toBeNull();
    expect(decodeAnalysis(new TextEncoder().encode('{"passages": []}'))).toBeNull();
    expect(analysisFingerprint()).toMatch(/^[0-9a-f]{16}$/);
  });
});

/** The summary a child logged on standard error as it loaded. */
const childLoaded = (stderr: string) =>
  JSON.parse(stderr.split('\n').find((l) => l.includes('"knowledge loaded"'))!) as Record<string, unknown>;

describe('the snapshot shared between processes', () => {
  it('is written whole by two processes loading at once, and read whole after', async () => {
    const knowledge = knowledgeFolder(12);
    const snapshotDir = path.join(tempDir(), 'index');
    // One analyses in worker threads, the other in its main thread.
    const [a, b] = await Promise.all([
      loadInChild(knowledge, snapshotDir, { workerMinChars: 0 }).exit,
      loadInChild(knowledge, snapshotDir, { workers: 0 }).exit,
    ]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(childLoaded(a.stderr)).toMatchObject({ analysis: 'workers' });
    const cold = digest(await KnowledgeBase.load(knowledge));
    expect([a.stdout, b.stdout]).toEqual([cold, cold]);
    const warm = await loadInChild(knowledge, snapshotDir).exit;
    expect(childLoaded(warm.stderr)).toMatchObject({ fromSnapshot: 12, analysed: 0 });
    expect(warm.stderr).not.toContain('"level":40');
    expect(warm.stdout).toBe(cold);
  }, 60_000);

  it('closes the workers it started while reading when every file turns out to be in the snapshot, and exits', async () => {
    const knowledge = knowledgeFolder(4);
    const snapshotDir = path.join(tempDir(), 'index');
    const cold = await loadInChild(knowledge, snapshotDir, { workerMinChars: 0 }).exit;
    expect(childLoaded(cold.stderr)).toMatchObject({ analysed: 4, analysis: 'workers' });
    // Written under 2 s ago, the files' stat is not trusted: each is read again, so the workers start while reading; the snapshot then holds them all.
    const warm = await loadInChild(knowledge, snapshotDir, { workerMinChars: 0 }).exit;
    expect(warm.code).toBe(0);
    expect(childLoaded(warm.stderr)).toMatchObject({ fromSnapshot: 4, analysed: 0, analysis: 'none' });
    expect(warm.stdout).toBe(cold.stdout);
  }, 60_000);

  it('skips a file whose analysis in a worker takes too long, and stops the worker', async () => {
    const knowledge = knowledgeFolder(1);
    const { code, stderr } = await loadInChild(knowledge, path.join(tempDir(), 'index'), { workerMinChars: 0, analyzeTimeoutMs: 1 }).exit;
    expect(code).toBe(1);
    expect(stderr).toContain('analysis took longer than 0 s');
  }, 60_000);

  it('leaves a start that works when the writer is killed mid-write', async () => {
    const knowledge = knowledgeFolder(20);
    const snapshotDir = path.join(tempDir(), 'index');
    const entries = () => (existsSync(snapshotDir) ? readdirSync(snapshotDir).flatMap((d) => readdirSync(path.join(snapshotDir, d))) : []);
    const writer = loadInChild(knowledge, snapshotDir, { workers: 0 });
    // Killed once some entries are written, before all are.
    await until(() => entries().length >= 2, 40_000, 'the first entries');
    writer.child.kill('SIGKILL');
    expect((await writer.exit).code).toBeNull();
    expect(entries().filter((n) => n.endsWith('.v8')).length).toBeLessThan(20);
    const next = await loadInChild(knowledge, snapshotDir).exit;
    expect(next.code).toBe(0);
    expect(next.stdout).toBe(digest(await KnowledgeBase.load(knowledge)));
    expect(childLoaded(next.stderr)).toMatchObject({ files: 20 });
    expect(entries().filter((n) => n.endsWith('.v8')).length).toBe(20);
  }, 60_000);
});
