import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { UnansweredLog } from '../bot/ports.js';
import { silentLogger, type Logger } from '../logger.js';
import type { AnswerReply } from '../search/types.js';

/** Whether a reply is a question the knowledge could not answer (not an empty or overlong one): worth logging. */
export function isUnanswered(reply: AnswerReply): boolean {
  return reply.abstained && reply.reasonCode !== 'empty' && reply.reasonCode !== 'too-long';
}

/** Questions the bot could not answer, one JSON line each in `DATA_DIR/unanswered.jsonl`: what to add to the knowledge next. */
export class FileUnansweredLog implements UnansweredLog {
  readonly path: string;

  constructor(
    dataDir: string,
    private readonly logger: Logger = silentLogger,
  ) {
    this.path = path.join(path.resolve(dataDir), 'unanswered.jsonl');
  }

  record(entry: { question: string; reason: string; at: number; platform: string }): void {
    try {
      mkdirSync(path.dirname(this.path), { recursive: true });
      appendFileSync(this.path, `${JSON.stringify({ ...entry, at: new Date(entry.at).toISOString() })}\n`);
    } catch (err) {
      // Losing a log line must not lose the answer.
      this.logger.warn({ err, path: this.path }, 'could not write the unanswered log');
    }
  }
}
