/**
 * The knowledge folder, loaded: every readable `.md`/`.txt` file (recursively) as passages
 * with provenance, what was skipped and why, acronyms defined in the text, and the team's synonyms.
 * `refresh()` re-reads only files whose bytes changed; `watch()` calls it when the folder changes.
 */
import { EventEmitter } from 'node:events';
import { createHash } from 'node:crypto';
import { statSync, watch as fsWatch, type FSWatcher } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { silentLogger, type Logger } from '../logger.js';
import type { AcronymDefinition } from '../text/index.js';
import { availableParallelism } from 'node:os';
import type { AnalyzeResult } from './analyze-worker.js';
import type { Analyzer } from './analyze-pool.js';
import { AnalysisSnapshot, SeenFiles, decodeAnalysis } from './snapshot.js';
import type { KnowledgeFile, Passage, SavedIndexStore, SkippedFile } from './types.js';

/** How far loading has got: files done (read from the snapshot or analysed) of those to load. */
export interface LoadProgress {
  done: number;
  total: number;
  elapsedMs: number;
}

/** How the last load or refresh went: files read from the snapshot, analysed, and how long it took. */
export interface LoadStats {
  fromSnapshot: number;
  analysed: number;
  /** Where files were analysed; `none` when none was. */
  analysis: 'workers' | 'in-thread' | 'none';
  ms: number;
}

export interface KnowledgeOptions {
  /** Files larger than this are skipped (default 5 MiB). */
  maxFileBytes: number;
  /** Quiet period after a change before re-reading (default 150 ms). */
  debounceMs: number;
  logger: Logger;
  /** Where the analysis snapshot is kept (`DATA_DIR/index`); null keeps none (default). */
  snapshotDir: string | null;
  /** Discard the snapshot and analyse everything again on the first load (default false). */
  rebuild: boolean;
  /** Worker threads that analyse files (default one a core, at most 4); 0 analyses in the main thread. */
  workers: number;
  /**
   * Workers start when at least this many characters are to be analysed (default 32 Ki: about
   * 0.1 s of analysis, less than a worker takes to start; more would block the event loop longer).
   */
  workerMinChars: number;
  /** A file whose analysis in a worker takes longer is skipped (default 10 min; a 5 MiB file takes ≈20 s alone, minutes on a loaded machine). */
  analyzeTimeoutMs: number;
  /** Told after each file loaded (progress on a terminal); null for none. */
  onProgress: ((progress: LoadProgress) => void) | null;
}

/**
 * Analysis workers by default: one a core, no more than 4 (each holds the language model, ≈60 MB).
 * Here rather than taken from the pool, whose module (piscina, the parser) is loaded only when a file is to be analysed.
 */
const DEFAULT_WORKERS = Math.max(1, Math.min(4, availableParallelism()));

export const defaultKnowledgeOptions: KnowledgeOptions = {
  maxFileBytes: 5 * 1024 * 1024,
  debounceMs: 150,
  logger: silentLogger,
  snapshotDir: null,
  rebuild: false,
  workers: DEFAULT_WORKERS,
  workerMinChars: 32 * 1024,
  analyzeTimeoutMs: 600_000,
  onProgress: null,
};

/** While the watched folder is gone (deleted, unmounted), how often to look for it again. */
const MISSING_FOLDER_RETRY_MS = 1000;

/** Why a file of another kind in the folder is not read. */
const NOT_KNOWLEDGE = 'not a .md or .txt file';

/** The knowledge folder is missing, unreadable or holds nothing to answer from. */
export class KnowledgeError extends Error {}

/** Team synonyms: `synonyms.yaml` in the knowledge folder, a list of groups of words or phrases that mean the same. */
export const SYNONYMS_FILE = 'synonyms.yaml';
const synonymsSchema = z.array(z.array(z.string().trim().min(1)).min(2, 'a group needs at least two phrases'));

export interface KnowledgeChange {
  added: string[];
  changed: string[];
  removed: string[];
}

type LoadedFile = KnowledgeFile & { acronyms: AcronymDefinition[] };

/** A file to (re)load: its content hash, and its text (null when its unchanged stat gave the hash: read if it is to be analysed). */
interface Work {
  file: string;
  text: string | null;
  hash: string;
}

export class KnowledgeBase extends EventEmitter<{ change: [KnowledgeChange] }> {
  readonly dir: string;
  readonly options: KnowledgeOptions;
  private loaded = new Map<string, LoadedFile>();
  private skippedFiles: SkippedFile[] = [];
  private synonymGroups: string[][] = [];
  private acronymList: AcronymDefinition[] | null = null;
  private watcher: FSWatcher | null = null;
  private refreshing: Promise<KnowledgeChange> | null = null;
  private again = false;
  /** Set while watching: a refresh that failed (the folder vanished) is tried again until it works. */
  private retry: NodeJS.Timeout | undefined;
  private rebuilt = false;
  private pruned = false;
  /** Each file's stat when it was last hashed, with the hash (read from the snapshot folder at the first load). */
  private seen: SeenFiles | null = null;
  /** The search index saved by the last start, until the index takes it. */
  private savedIndexBytes: Uint8Array | null = null;
  /** How the last load or refresh went. */
  lastLoad: LoadStats = { fromSnapshot: 0, analysed: 0, analysis: 'none', ms: 0 };

  private constructor(dir: string, options: Partial<KnowledgeOptions>) {
    super();
    this.dir = path.resolve(dir);
    this.options = { ...defaultKnowledgeOptions, ...options };
  }

  /** Loads the folder. Throws `KnowledgeError` when it is missing or has no readable file. */
  static async load(dir: string, options: Partial<KnowledgeOptions> = {}): Promise<KnowledgeBase> {
    const kb = new KnowledgeBase(dir, options);
    const info = await stat(kb.dir).catch(() => null);
    if (!info)
      throw new KnowledgeError(`The knowledge folder ${kb.dir} does not exist. Create it and add .md or .txt files, or set KNOWLEDGE_DIR.`);
    if (!info.isDirectory()) throw new KnowledgeError(`KNOWLEDGE_DIR ${kb.dir} is not a folder.`);
    await kb.refresh();
    const { snapshotDir, logger } = kb.options;
    if (snapshotDir) {
      const saved = await new AnalysisSnapshot(snapshotDir).readIndex();
      if (saved === 'corrupt') logger.warn({ dir: snapshotDir }, 'saved search index damaged; building it again');
      else if (saved !== 'missing') kb.savedIndexBytes = saved;
    }
    if (kb.loaded.size === 0) {
      const why = kb.skippedFiles.length
        ? ` (${kb.skippedFiles.length} skipped: ${kb.skippedFiles.map((s) => `${s.file}: ${s.reason}`).join('; ')})`
        : '';
      throw new KnowledgeError(`The knowledge folder ${kb.dir} has no readable .md or .txt file${why}.`);
    }
    return kb;
  }

  /** Where the search index is saved between starts (beside the analysis snapshot); null without a snapshot folder. */
  savedIndex(): SavedIndexStore | null {
    const { snapshotDir, logger } = this.options;
    if (!snapshotDir) return null;
    return {
      take: () => {
        const bytes = this.savedIndexBytes;
        this.savedIndexBytes = null;
        return bytes;
      },
      save: async (bytes) => {
        const done = await new AnalysisSnapshot(snapshotDir).writeIndex(bytes);
        if (!done)
          logger.warn({ dir: snapshotDir }, 'cannot save the search index (is DATA_DIR writable?); it is built again at the next start');
        return done;
      },
    };
  }

  files(): KnowledgeFile[] {
    return [...this.loaded.values()];
  }

  passages(): Passage[] {
    return [...this.loaded.values()].flatMap((f) => f.passages);
  }

  /** The passage with this id: looked up in the file its id names (`file#p1s0`), decoding only what holds it. */
  passage(id: string): Passage | undefined {
    const f = this.loaded.get(id.slice(0, Math.max(0, id.lastIndexOf('#'))));
    if (!f) return undefined;
    const list = f.passageList;
    if (!list) return f.passages.find((p) => p.id === id);
    const i = list.position(id);
    return i < 0 ? undefined : list.at(i);
  }

  skipped(): SkippedFile[] {
    return [...this.skippedFiles];
  }

  /** Acronyms defined anywhere in the knowledge (`MRAAM` → `medium range air to air missiles`). */
  acronyms(): AcronymDefinition[] {
    // Kept until the knowledge changes: the engine asks on every question (0.9 ms a time over 721 files).
    return (this.acronymList ??= [...this.loaded.values()].flatMap((f) => f.acronyms));
  }

  synonyms(): string[][] {
    return this.synonymGroups;
  }

  /** Re-reads the folder: new and changed files are parsed, removed ones dropped. Emits `change` when anything moved. */
  refresh(): Promise<KnowledgeChange> {
    if (this.refreshing) {
      this.again = true;
      return this.refreshing;
    }
    this.refreshing = this.scan().finally(() => {
      this.refreshing = null;
      if (this.again) {
        this.again = false;
        this.refreshInBackground();
      }
    });
    return this.refreshing;
  }

  /**
   * A refresh nobody awaits (a change seen by the watcher): a failure is logged and the knowledge
   * loaded last keeps being served; while watching, the folder is looked for again until it is back.
   */
  private refreshInBackground(): void {
    this.refresh().then(
      () => {
        if (this.watcher === null && this.retry !== undefined) {
          this.retry = undefined;
          this.startWatcher();
          this.options.logger.info({ dir: this.dir }, 'knowledge folder is back');
        }
      },
      (err: unknown) => {
        this.options.logger.error({ err, dir: this.dir }, 'knowledge refresh failed; still answering from the knowledge loaded before');
        if (this.retry === undefined && this.watcher === null) return; // not watching
        this.watcher?.close();
        this.watcher = null; // a watcher on a deleted folder sees nothing when it comes back
        this.retry = setTimeout(() => this.refreshInBackground(), MISSING_FOLDER_RETRY_MS);
        this.retry.unref();
      },
    );
  }

  /** Watches the folder and refreshes on changes. Returns a function that stops watching. */
  watch(): () => void {
    if (!this.watcher) this.startWatcher();
    return () => this.unwatch();
  }

  private debounce: NodeJS.Timeout | undefined;

  private startWatcher(): void {
    const schedule = () => {
      clearTimeout(this.debounce);
      this.debounce = setTimeout(() => this.refreshInBackground(), this.options.debounceMs);
    };
    this.watcher = fsWatch(this.dir, { recursive: true }, schedule);
    this.watcher.on('error', (err) => {
      this.options.logger.warn({ err }, 'knowledge folder watch failed');
      schedule(); // the refresh finds out whether the folder is gone
    });
    this.watcher.unref();
  }

  private unwatch(): void {
    clearTimeout(this.debounce);
    clearTimeout(this.retry);
    this.retry = undefined;
    this.watcher?.close();
    this.watcher = null;
  }

  private async scan(): Promise<KnowledgeChange> {
    const { logger } = this.options;
    const started = performance.now();
    const { files: found, links } = await this.list(this.dir);
    const snapshot = this.options.snapshotDir ? new AnalysisSnapshot(this.options.snapshotDir) : null;
    this.seen ??= new SeenFiles(this.dir, snapshot && !this.options.rebuild ? await snapshot.readSeen() : null);
    const skipped: SkippedFile[] = links.map((file) => ({
      file,
      reason: 'symbolic link (not followed: it may point outside the knowledge folder)',
    }));
    const change: KnowledgeChange = { added: [], changed: [], removed: [] };
    const seen = new Set<string>();
    const work: Work[] = [];
    // The workers load their language model while the rest of the folder is read (a cold start reads 15 MB in ≈0.4 s).
    let toAnalyse = 0;
    let workers: Promise<Analyzer> | null = null;
    let synonyms: string[][] = [];
    for (const rel of found) {
      const abs = path.join(this.dir, rel);
      if (rel === SYNONYMS_FILE) {
        try {
          synonyms = synonymsSchema.parse(parseYaml(await readFile(abs, 'utf8')) ?? []);
        } catch (err) {
          skipped.push({
            file: rel,
            reason: `synonyms not loaded: ${err instanceof z.ZodError ? err.issues[0]?.message : (err as Error).message.split('\n')[0]}`,
          });
        }
        continue;
      }
      if (rel.startsWith('quizzes/') || !/\.(md|markdown|txt)$/i.test(rel)) {
        if (!rel.startsWith('quizzes/')) skipped.push({ file: rel, reason: NOT_KNOWLEDGE });
        continue;
      }
      const result = await this.readOne(abs, rel);
      if ('reason' in result) {
        skipped.push(result);
        continue;
      }
      seen.add(rel);
      if (this.loaded.get(rel)?.hash === result.hash) continue;
      work.push({ file: rel, ...result });
      toAnalyse += result.text?.length ?? 0;
      if (!workers && toAnalyse >= this.options.workerMinChars) workers = this.startWorkers();
    }
    const { results, ...stats } = await this.analyzeAll(work, workers).catch(async (err: unknown) => {
      await workers?.then((w) => w.close()).catch(() => {}); // a pool left running would keep the process alive
      throw err;
    });
    this.seen.keepOnly(seen);
    if (snapshot && this.seen.changed) {
      this.seen.changed = false;
      await snapshot.writeSeen(this.seen.saved());
    }
    this.lastLoad = { ...stats, ms: Math.round(performance.now() - started) };
    for (const [i, w] of work.entries()) {
      const parsed = results[i]!;
      if ('reason' in parsed || passageCount(parsed) === 0) {
        skipped.push('reason' in parsed ? parsed : { file: w.file, reason: 'no text' });
        seen.delete(w.file);
        continue;
      }
      (this.loaded.has(w.file) ? change.changed : change.added).push(w.file);
      this.loaded.set(w.file, parsed);
    }
    for (const rel of this.loaded.keys()) {
      if (!seen.has(rel)) {
        this.loaded.delete(rel);
        change.removed.push(rel);
      }
    }
    if (this.options.snapshotDir && (change.changed.length || change.removed.length || !this.pruned)) {
      this.pruned = true;
      await new AnalysisSnapshot(this.options.snapshotDir).keepOnly(
        new Set([...this.loaded.values()].map((f) => AnalysisSnapshot.key(f.file, f.hash))),
      );
    }
    for (const s of skipped) {
      if (this.skippedFiles.some((o) => o.file === s.file && o.reason === s.reason)) continue;
      // A LICENSE or an image beside the docs is expected there: listed by `citebot index`, not warned about.
      if (s.reason === NOT_KNOWLEDGE) logger.debug({ file: s.file }, 'not a knowledge file');
      else logger.warn({ file: s.file, reason: s.reason }, 'knowledge file skipped');
    }
    this.skippedFiles = skipped;
    const synonymsChanged = JSON.stringify(synonyms) !== JSON.stringify(this.synonymGroups);
    this.synonymGroups = synonyms;
    if (change.added.length || change.changed.length || change.removed.length || synonymsChanged) {
      this.acronymList = null;
      logger.info(
        {
          added: change.added.length,
          changed: change.changed.length,
          removed: change.removed.length,
          files: this.loaded.size,
          passages: [...this.loaded.values()].reduce((n, f) => n + passageCount(f), 0),
          ...this.lastLoad,
        },
        'knowledge loaded',
      );
      this.emit('change', change);
    }
    return change;
  }

  /** The analysis worker pool, starting (its module, piscina and the parser, loaded only now). */
  private async startWorkers(): Promise<Analyzer> {
    const { startAnalyzer } = await import('./analyze-pool.js');
    return startAnalyzer(this.options.workers, this.options.logger);
  }

  /**
   * The analysis of each file to (re)load, in order: read from the snapshot when it holds the
   * file's bytes, otherwise analysed (in worker threads when there is enough to do) and saved.
   * `workers`: the pool, if it was started while the files were read (closed here when there is too little to analyse).
   */
  private async analyzeAll(
    work: Work[],
    workers: Promise<Analyzer> | null,
  ): Promise<{ results: (LoadedFile | SkippedFile)[] } & Omit<LoadStats, 'ms'>> {
    const { logger, snapshotDir, onProgress } = this.options;
    const results: (LoadedFile | SkippedFile)[] = new Array(work.length);
    const started = performance.now();
    let done = 0;
    const progress = () => onProgress?.({ done: ++done, total: work.length, elapsedMs: performance.now() - started });
    const snapshot = snapshotDir ? new AnalysisSnapshot(snapshotDir) : null;
    if (snapshot && this.options.rebuild && !this.rebuilt) {
      this.rebuilt = true;
      await snapshot.clear();
    }
    const misses = { missing: 0, corrupt: 0 };
    const strings = new Map<string, string>();
    let todo: number[] = [];
    let fromSnapshot = 0;
    await Promise.all(
      work.map(async (w, i) => {
        const saved = snapshot ? await snapshot.read(AnalysisSnapshot.key(w.file, w.hash), strings) : 'missing';
        if (typeof saved === 'string') {
          misses[saved]++;
          todo.push(i);
          return;
        }
        results[i] = saved;
        fromSnapshot++;
        progress();
      }),
    );
    // A file known by its stat whose entry is not saved is read now (and skipped if it went meanwhile).
    await Promise.all(
      todo.map(async (i) => {
        const w = work[i]!;
        if (w.text !== null) return;
        const read = await this.readOne(path.join(this.dir, w.file), w.file, false);
        if ('reason' in read) {
          results[i] = read;
          progress();
        } else Object.assign(w, read);
      }),
    );
    todo = todo.filter((i) => work[i]!.text !== null);
    const text = (i: number) => work[i]!.text!;
    // Longest first, so that no big file starts last while the other workers have nothing left to do.
    todo.sort((a, b) => text(b).length - text(a).length || a - b);
    if (snapshot && misses.corrupt > 0)
      logger.warn({ dir: snapshot.dir, entries: misses.corrupt }, 'index snapshot damaged; analysing those files again');
    if (snapshot && misses.missing > 0 && (await snapshot.hasStale())) {
      logger.warn({ dir: snapshotDir }, 'index snapshot made by another citebot version or analysis; building a new one');
      await snapshot.prune();
    }
    const chars = todo.reduce((sum, i) => sum + text(i).length, 0);
    const enough = todo.length > 0 && chars >= this.options.workerMinChars;
    if (workers && !enough) await (await workers).close(); // the files were in the snapshot after all
    if (todo.length === 0) return { results, fromSnapshot, analysed: 0, analysis: 'none' };
    let unsaved = 0;
    const { AnalyzeTimeoutError, startAnalyzer } = await import('./analyze-pool.js');
    const analyzer = enough ? await (workers ?? this.startWorkers()) : await startAnalyzer(0, logger);
    try {
      await Promise.all(
        todo.map(async (i) => {
          const w = work[i]!;
          let result: AnalyzeResult;
          try {
            result = await analyzer.analyze({ file: w.file, text: text(i), hash: w.hash }, this.options.analyzeTimeoutMs);
          } catch (err) {
            // Any failure skips this file only: the rest loads, and a later fix is picked up. A bug is logged with its stack.
            if (!(err instanceof AnalyzeTimeoutError)) logger.error({ err, file: w.file }, 'knowledge file could not be indexed (a bug)');
            result = { reason: err instanceof AnalyzeTimeoutError ? err.message : `could not be parsed (${errorText(err)})` };
          }
          if ('reason' in result) results[i] = { file: w.file, reason: result.reason };
          else {
            const decoded = decodeAnalysis(result.bytes, strings);
            if (!decoded) throw new Error(`analysis of ${w.file} came back damaged`);
            results[i] = decoded;
            if (snapshot && !(await snapshot.write(AnalysisSnapshot.key(w.file, w.hash), result.bytes))) unsaved++;
          }
          progress();
        }),
      );
    } finally {
      await analyzer.close();
    }
    if (unsaved > 0)
      logger.warn(
        { dir: snapshot?.dir, files: unsaved },
        'cannot save the index snapshot (is DATA_DIR writable?); those files will be analysed again at the next start',
      );
    return { results, fromSnapshot, analysed: todo.length, analysis: analyzer.mode };
  }

  /** A file's content hash and text; with `byStat`, its hash alone (text null) when its stat is as when it was last hashed. */
  private async readOne(abs: string, rel: string, byStat = true): Promise<{ text: string | null; hash: string } | SkippedFile> {
    try {
      // Synchronous: a stat is microseconds, and a start makes one a file (asynchronous ones cost more CPU and waiting).
      const info = statSync(abs);
      if (info.size > this.options.maxFileBytes) {
        return {
          file: rel,
          reason: `larger than ${Math.round(this.options.maxFileBytes / 1024 / 1024)} MiB (${(info.size / 1024 / 1024).toFixed(1)} MiB)`,
        };
      }
      const known = byStat ? this.seen?.hash(rel, info) : undefined;
      if (known) return { text: null, hash: known };
      const at = Date.now();
      const bytes = await readFile(abs);
      if (bytes.subarray(0, 8192).includes(0)) return { file: rel, reason: 'binary file' };
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        return { file: rel, reason: 'not UTF-8 text' };
      }
      const hash = createHash('sha256').update(bytes).digest('hex');
      this.seen?.set(rel, info, at, hash);
      return { text, hash };
    } catch (err) {
      return { file: rel, reason: `cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` };
    }
  }

  /** Relative paths (with `/`) of the files and of the symbolic links below `dir`, sorted; dotfiles and dot-folders left out. */
  private async list(dir: string): Promise<{ files: string[]; links: string[] }> {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
      throw new KnowledgeError(`The knowledge folder ${dir} cannot be read (${err.code ?? err.message}).`);
    });
    const relative = (kept: typeof entries) =>
      kept
        .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
        .filter((rel) => !rel.split('/').some((part) => part.startsWith('.')))
        .sort();
    return { files: relative(entries.filter((e) => e.isFile())), links: relative(entries.filter((e) => e.isSymbolicLink())) };
  }
}

/** How many passages a file has (without decoding them). */
const passageCount = (f: KnowledgeFile) => f.passageList?.length ?? f.passages.length;

/** The first line of an error's message (or the thrown value), for a skipped file's reason. */
export function errorText(err: unknown): string {
  const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return message.split('\n')[0]!.slice(0, 200);
}
