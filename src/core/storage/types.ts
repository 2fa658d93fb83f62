/**
 * Stores behind small interfaces, so a shared server database can replace the embedded one:
 * quiz scores (`ScoreStore`) and answer votes (`FeedbackStore`).
 */
import type { FeedbackStore } from '../bot/index.js';
import type { ActivitySource } from '../gaps/index.js';
import type { LeaderboardEntry, ScoreStore } from '../quiz/index.js';

/** The quiz's score store port and its records, declared in `src/core/quiz/ports.ts`. */
export type { Award, GameResult, LeaderboardEntry, ScoreStore } from '../quiz/index.js';

/** Every store the bot uses, and how to release them. */
export interface Store extends ScoreStore, FeedbackStore, ActivitySource {
  /** The database file, or null for a memory store. */
  readonly path: string | null;
  close(): void;
}

export type StoreErrorCode = 'store.not-writable' | 'store.corrupt' | 'store.unavailable';

/** The store could not be opened; the message names the path and what to do. */
export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    readonly path: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

/** Orders leaderboard entries: points, then wins, then name. */
export function compareEntries(a: LeaderboardEntry, b: LeaderboardEntry): number {
  return (
    b.score - a.score ||
    b.wins - a.wins ||
    (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) ||
    (a.playerId < b.playerId ? -1 : a.playerId > b.playerId ? 1 : 0)
  );
}
