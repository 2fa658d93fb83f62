import { appendFile, mkdir, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import type { UnansweredLog } from '../bot/ports.js';
import { silentLogger, type Logger } from '../logger.js';
import type { AnswerReply } from '../search/types.js';

/** Whether a reply is a question the knowledge could not answer (not an empty or overlong one): worth logging. */
export function isUnanswered(reply: AnswerReply): boolean {
  return reply.abstained && reply.reasonCode !== 'empty' && reply.reasonCode !== 'too-long';
}

/** Past this size the log is rotated: the file becomes `unanswered.jsonl.1` (replacing the one before), so it never grows without limit. */
export const MAX_LOG_BYTES = 5 * 1024 * 1024;
/** Lines waiting for a slow disk are capped; past this, new ones are counted and dropped, so a stalled disk cannot fill memory. */
const MAX_PENDING_LINES = 10_000;

/**
 * Questions the bot could not answer, one JSON line each in `DATA_DIR/unanswered.jsonl`: what to add
 * to the knowledge next. Lines are appended off the request path (asynchronously, in order, batched),
 * and a failed write never loses the answer.
 */
export class FileUnansweredLog implements UnansweredLog {
  readonly path: string;
  private pending: string[] = [];
  private writing: Promise<void> | null = null;
  /** Bytes in the current file, once known. */
  private size: number | null = null;
  private dropped = 0;

  constructor(
    dataDir: string,
    private readonly logger: Logger = silentLogger,
    private readonly maxBytes = MAX_LOG_BYTES,
  ) {
    this.path = path.join(path.resolve(dataDir), 'unanswered.jsonl');
  }

  record(entry: { question: string; reason: string; at: number; platform: string }): void {
    if (this.pending.length >= MAX_PENDING_LINES) {
      this.dropped++;
      return;
    }
    this.pending.push(`${JSON.stringify({ ...entry, at: new Date(entry.at).toISOString() })}\n`);
    this.writing ??= this.drain();
  }

  /** Resolves once every recorded line is written (or its failure logged). */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length > 0) await this.append(this.pending.splice(0).join(''));
      if (this.dropped > 0) {
        this.logger.warn({ dropped: this.dropped, path: this.path }, 'unanswered log lines dropped: the disk is too slow');
        this.dropped = 0;
      }
    } finally {
      this.writing = null;
    }
  }

  private async append(text: string): Promise<void> {
    const bytes = Buffer.byteLength(text);
    try {
      await mkdir(path.dirname(this.path), { recursive: true });
      this.size ??= await stat(this.path).then((s) => s.size, () => 0);
      if (this.size > 0 && this.size + bytes > this.maxBytes) {
        await rename(this.path, `${this.path}.1`);
        this.logger.info({ path: this.path, bytes: this.size }, 'unanswered log rotated');
        this.size = 0;
      }
      await appendFile(this.path, text);
      this.size += bytes;
    } catch (err) {
      // Losing a log line must not lose the answer.
      this.size = null;
      this.logger.warn({ err, path: this.path }, 'could not write the unanswered log');
    }
  }
}
