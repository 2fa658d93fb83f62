/**
 * What every front end does around a request, in one place: the error boundary (a failure is
 * logged once, with one redaction, and the asker told politely), the count of work in flight (a
 * shutdown drains it, with a deadline) and admission control (past a limit, new requests are turned
 * away as busy at once). Front ends only translate their events to requests and replies.
 */
import { errorFields, type Logger } from '../logger.js';
import type { BotReply, ReplyChannels } from './types.js';

/**
 * Requests worked on at once per front end. Answers cost CPU on one event loop: past this the bot
 * is behind, and a request taken anyway would only push every acknowledgement (Slack's 3-second
 * window, Discord's) further back.
 */
export const MAX_CONCURRENT_REQUESTS = 200;
/** Turned-away requests are logged as one line at most this often, not one line each. */
const LOG_BUSY_EVERY_MS = 5000;

/** What a request turned away is told (privately). */
export const BUSY_TEXT = 'I am answering many questions right now. Please ask again in a few seconds.';

/** What the asker of a request that failed is told (privately); the cause is in the log. */
export const INTERNAL_ERROR = {
  type: 'notice',
  visibility: 'private',
  code: 'internal-error',
  text: 'Sorry, something went wrong on my side. Please try again.',
} as const satisfies BotReply;

/**
 * Runs one request inside the error boundary: a failure is logged with its cause and `context`
 * (who, what) and answered with `INTERNAL_ERROR` through `io`; nothing is rethrown, so one bad
 * request never ends the others.
 */
export async function withBoundary(
  work: () => Promise<void>,
  io: Pick<ReplyChannels, 'reply'>,
  logger: Logger,
  context: Record<string, unknown> = {},
): Promise<void> {
  try {
    await work();
  } catch (err) {
    logger.error({ ...context, err: errorFields(err) }, 'request failed');
    await io
      .reply(INTERNAL_ERROR)
      .catch((replyErr: unknown) => logger.error({ err: errorFields(replyErr) }, 'could not tell the user about a failure'));
  }
}

/** A front end's work in flight: requests admitted (at most `max` at once) and anything else tracked (replies, posts). */
export class InFlight {
  private readonly work = new Set<Promise<unknown>>();
  private running = 0;
  private turnedAway = 0;
  private loggedAt = -Infinity;

  constructor(
    private readonly logger: Logger,
    private readonly max = MAX_CONCURRENT_REQUESTS,
  ) {}

  /** Counts `work` until it settles (a shutdown waits for it); returns it. */
  track<T>(work: Promise<T>): Promise<T> {
    this.work.add(work);
    const done = () => this.work.delete(work);
    work.then(done, done);
    return work;
  }

  /** Takes a place for a request, or returns false when all are taken (turn it away with `BUSY_TEXT`). */
  enter(): boolean {
    if (this.running < this.max) {
      this.running++;
      return true;
    }
    this.turnedAway++;
    const now = Date.now();
    if (now - this.loggedAt >= LOG_BUSY_EVERY_MS) {
      this.logger.warn({ turnedAway: this.turnedAway, working: this.running }, 'busy: requests turned away');
      this.loggedAt = now;
      this.turnedAway = 0;
    }
    return false;
  }

  /** Gives back the place `enter()` took. */
  leave(): void {
    this.running = Math.max(0, this.running - 1);
  }

  /** Runs an admitted request (`enter()` returned true) and gives its place back when it settles. */
  async admitted(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } finally {
      this.leave();
    }
  }

  /** Work tracked and not settled yet (what a shutdown deadline abandons). */
  pending(): number {
    return this.work.size;
  }

  /**
   * Waits until nothing is in flight, work started meanwhile included, for at most `deadlineMs`.
   * True when everything settled; false when the deadline came first (the work is left running).
   */
  async drain(deadlineMs = Infinity): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    let late = false;
    const deadline = new Promise<void>((resolve) => {
      if (deadlineMs !== Infinity) timer = setTimeout(() => resolve(void (late = true)), deadlineMs);
    });
    try {
      while (this.work.size > 0 && !late) await Promise.race([Promise.allSettled([...this.work]), deadline]);
      return this.work.size === 0;
    } finally {
      clearTimeout(timer);
    }
  }
}
