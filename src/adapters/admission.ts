/**
 * Admission control for a front end: at most `max` requests are worked on at once. Past that the
 * bot is behind (answers cost CPU on one event loop), and a request taken anyway would only push
 * every acknowledgement — Slack's 3-second window, Discord's — further back; so it is turned away
 * at once with a polite "busy" reply instead.
 */
import type { Logger } from '../core/logger.js';

/** Requests worked on at once per front end; past this, new ones are told the bot is busy. */
export const MAX_CONCURRENT_REQUESTS = 200;
/** Turned-away requests are logged as one line at most this often, not one line each. */
const LOG_EVERY_MS = 5000;

/** What a request turned away is told (privately). */
export const BUSY_TEXT = 'I am answering many questions right now. Please ask again in a few seconds.';

export class Admission {
  private running = 0;
  private turnedAway = 0;
  private loggedAt = -Infinity;

  constructor(
    private readonly logger: Logger,
    private readonly max = MAX_CONCURRENT_REQUESTS,
  ) {}

  /** Takes a place, or returns false when all are taken (the request is to be turned away as busy). */
  enter(): boolean {
    if (this.running < this.max) {
      this.running++;
      return true;
    }
    this.turnedAway++;
    const now = Date.now();
    if (now - this.loggedAt >= LOG_EVERY_MS) {
      this.logger.warn({ turnedAway: this.turnedAway, working: this.running }, 'busy: requests turned away');
      this.loggedAt = now;
      this.turnedAway = 0;
    }
    return false;
  }

  leave(): void {
    this.running = Math.max(0, this.running - 1);
  }
}
