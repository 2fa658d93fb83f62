import { existsSync, readFileSync } from 'node:fs';
import { appendFile, mkdir, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import type { AskedQuestion, UnansweredLog } from '../bot/index.js';
import type { GapsFilter, LoggedQuestion, QuestionSource } from '../gaps/index.js';
import { silentLogger, type Logger } from '../logger.js';

/** The log files in the data folder: questions not answered (what to add next), and answered ones (what is asked). */
const UNANSWERED_FILE = 'unanswered.jsonl';
const ANSWERED_FILE = 'answered.jsonl';
/** Past this size a log is rotated: the file becomes `<name>.1` (replacing the one before), so it never grows without limit. */
const MAX_LOG_BYTES = 5 * 1024 * 1024;
/** Lines waiting for a slow disk are capped; past this, new ones are counted and dropped, so a stalled disk cannot fill memory. */
const MAX_PENDING_LINES = 10_000;
/** Lines are gathered this long before a write: under load that is one append a file per batch instead of one per question. */
const WRITE_EVERY_MS = 100;

/**
 * Questions asked, one JSON line each: unanswered ones in `DATA_DIR/unanswered.jsonl` (what to add to
 * the knowledge next), answered ones in `DATA_DIR/answered.jsonl` (what is asked). Lines are appended
 * off the request path (asynchronously, in order, batched), and a failed write never loses the answer.
 * It also reads them back for the gaps report, lines written by older versions (question, reason, at,
 * platform) included.
 */
export class FileUnansweredLog implements UnansweredLog, QuestionSource {
  readonly path: string;
  readonly answeredPath: string;
  /** Lines recorded and not yet on disk (`written` once appended, until the batch is done): read back with the files. */
  private pending: { file: string; line: string; written: boolean }[] = [];
  private writing: Promise<void> | null = null;
  /** Bytes in each file, once known. */
  private sizes = new Map<string, number>();
  private dropped = 0;
  /** Whether the data folder is known to exist (made once, not before every write). */
  private dirMade = false;

  constructor(
    dataDir: string,
    private readonly logger: Logger = silentLogger,
    private readonly maxBytes = MAX_LOG_BYTES,
  ) {
    this.path = path.join(path.resolve(dataDir), UNANSWERED_FILE);
    this.answeredPath = path.join(path.resolve(dataDir), ANSWERED_FILE);
  }

  record(entry: AskedQuestion): void {
    if (this.pending.length >= MAX_PENDING_LINES) {
      this.dropped++;
      return;
    }
    const { answered, ...line } = entry;
    this.pending.push({
      file: answered ? this.answeredPath : this.path,
      line: `${JSON.stringify({ ...line, at: new Date(entry.at).toISOString() })}\n`,
      written: false,
    });
    this.writing ??= this.drain();
  }

  /** Resolves once every recorded line is written (or its failure logged). */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async drain(): Promise<void> {
    try {
      // Lines recorded meanwhile go out in one write: one open/append/close per file per batch, not per question.
      await new Promise((resolve) => setTimeout(resolve, WRITE_EVERY_MS));
      while (this.pending.length > 0) {
        const batch = this.pending.slice();
        for (const file of new Set(batch.map((b) => b.file))) {
          const lines = batch.filter((b) => b.file === file);
          await this.append(
            file,
            lines.map((b) => b.line),
          );
          for (const b of lines) b.written = true;
        }
        this.pending.splice(0, batch.length);
      }
      if (this.dropped > 0) {
        this.logger.warn({ dropped: this.dropped, path: this.path }, 'question log lines dropped: the disk is too slow');
        this.dropped = 0;
      }
    } finally {
      this.writing = null;
    }
  }

  /** Appends `lines` to `file`, rotating it first whenever the next line would take it past `maxBytes`. */
  private async append(file: string, lines: string[]): Promise<void> {
    try {
      if (!this.dirMade) await mkdir(path.dirname(file), { recursive: true });
      this.dirMade = true;
      let size =
        this.sizes.get(file) ??
        (await stat(file).then(
          (s) => s.size,
          () => 0,
        ));
      let chunk = '';
      for (const line of lines) {
        const bytes = Buffer.byteLength(line);
        if (size > 0 && size + bytes > this.maxBytes) {
          if (chunk !== '') await appendFile(file, chunk);
          chunk = '';
          await rename(file, `${file}.1`);
          this.logger.info({ path: file, bytes: size }, 'question log rotated');
          size = 0;
        }
        chunk += line;
        size += bytes;
      }
      if (chunk !== '') await appendFile(file, chunk);
      this.sizes.set(file, size);
    } catch (err) {
      // Losing a log line must not lose the answer.
      this.sizes.delete(file);
      this.dirMade = false;
      this.logger.warn({ err, path: file }, 'could not write the question log');
    }
  }

  /** The logged questions in the filter's dates and platform, oldest first per file; unreadable lines are skipped. */
  questions(filter: GapsFilter = {}): LoggedQuestion[] {
    return [...this.read(this.path, false, filter), ...this.read(this.answeredPath, true, filter)];
  }

  private read(file: string, answered: boolean, filter: GapsFilter): LoggedQuestion[] {
    const onDisk = existsSync(file)
      ? readFileSync(file, 'utf8')
          .split('\n')
          .filter((l) => l !== '')
      : [];
    const waiting = this.pending.filter((p) => p.file === file && !p.written).map((p) => p.line.trimEnd());
    // Lines being appended may already be on disk (the write done, its promise not yet seen): not twice.
    let shown = Math.min(waiting.length, onDisk.length);
    while (shown > 0 && onDisk.slice(onDisk.length - shown).some((l, i) => l !== waiting[i])) shown--;
    const out: LoggedQuestion[] = [];
    for (const text of [...onDisk, ...waiting.slice(shown)]) {
      const q = parseLine(text, answered);
      if (q && inFilter(q, filter)) out.push(q);
    }
    return out;
  }
}

/** One log line as a question, or null when it is blank or not one (a torn last line, a hand edit). */
function parseLine(text: string, answered: boolean): LoggedQuestion | null {
  if (text.trim() === '') return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  const at = typeof r.at === 'string' ? Date.parse(r.at) : typeof r.at === 'number' ? r.at : NaN;
  if (typeof r.question !== 'string' || Number.isNaN(at)) return null;
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  return {
    question: r.question,
    at,
    answered,
    platform: str(r.platform) ?? 'unknown',
    reason: str(r.reason) ?? '',
    workspace: str(r.workspace),
    user: str(r.user),
    dm: r.dm === true,
    topic: str(r.topic),
    passageId: str(r.passageId),
  };
}

/** Whether a record falls in the filter's time range (`from` inclusive, `to` exclusive) and platform. */
export function inFilter(q: { at: number; platform: string }, filter: GapsFilter): boolean {
  return (
    (filter.from === undefined || q.at >= filter.from) &&
    (filter.to === undefined || q.at < filter.to) &&
    (filter.platform === undefined || q.platform === filter.platform)
  );
}
