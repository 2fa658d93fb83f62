import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { AskedQuestion, UnansweredLog } from '../bot/ports.js';
import type { GapsFilter, LoggedQuestion, QuestionSource } from '../gaps/report.js';
import { silentLogger, type Logger } from '../logger.js';
import type { AnswerReply } from '../search/types.js';

/** Whether a reply is a question the knowledge could not answer (not an empty or overlong one): worth logging. */
export function isUnanswered(reply: AnswerReply): boolean {
  return reply.abstained && reply.reasonCode !== 'empty' && reply.reasonCode !== 'too-long';
}

/** The log files in the data folder: questions not answered (what to add next), and answered ones (what is asked). */
export const UNANSWERED_FILE = 'unanswered.jsonl';
export const ANSWERED_FILE = 'answered.jsonl';

/**
 * Questions asked, one JSON line each: unanswered ones in `DATA_DIR/unanswered.jsonl` (what to add to
 * the knowledge next), answered ones in `DATA_DIR/answered.jsonl` (what is asked). It also reads them
 * back for the gaps report, lines written by older versions (question, reason, at, platform) included.
 */
export class FileUnansweredLog implements UnansweredLog, QuestionSource {
  readonly path: string;
  readonly answeredPath: string;

  constructor(
    dataDir: string,
    private readonly logger: Logger = silentLogger,
  ) {
    this.path = path.join(path.resolve(dataDir), UNANSWERED_FILE);
    this.answeredPath = path.join(path.resolve(dataDir), ANSWERED_FILE);
  }

  record(entry: AskedQuestion): void {
    const { answered, ...line } = entry;
    const file = answered ? this.answeredPath : this.path;
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      appendFileSync(file, `${JSON.stringify({ ...line, at: new Date(entry.at).toISOString() })}\n`);
    } catch (err) {
      // Losing a log line must not lose the answer.
      this.logger.warn({ err, path: file }, 'could not write the question log');
    }
  }

  /** The logged questions in the filter's dates and platform, oldest first per file; unreadable lines are skipped. */
  questions(filter: GapsFilter = {}): LoggedQuestion[] {
    return [...this.read(this.path, false, filter), ...this.read(this.answeredPath, true, filter)];
  }

  private read(file: string, answered: boolean, filter: GapsFilter): LoggedQuestion[] {
    if (!existsSync(file)) return [];
    const out: LoggedQuestion[] = [];
    for (const text of readFileSync(file, 'utf8').split('\n')) {
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
  return (filter.from === undefined || q.at >= filter.from) && (filter.to === undefined || q.at < filter.to) && (filter.platform === undefined || q.platform === filter.platform);
}
