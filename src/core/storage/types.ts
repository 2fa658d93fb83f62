/**
 * Stores behind small interfaces, so a shared server database can replace the embedded one:
 * quiz scores (`ScoreStore`) and answer votes (`FeedbackStore`).
 */
import type { FeedbackStore } from '../bot/ports.js';
import type { ActivitySource } from '../gaps/report.js';

/** Points a player was awarded for one question. */
export interface Award {
  /** Leaderboard scope: `${platform}:${workspace}` (a Discord server, a Slack workspace, the terminal). */
  workspace: string;
  sessionId: string;
  /** 1-based question number in the session. */
  question: number;
  playerId: string;
  /** Display name at the time (the leaderboard shows the latest). */
  name: string;
  team: string | null;
  points: number;
  at: number;
}

/** A session that ended: every player in it played one game; `won` marks the winners. */
export interface GameResult {
  workspace: string;
  sessionId: string;
  at: number;
  players: { playerId: string; name: string; score: number; won: boolean }[];
}

export interface LeaderboardEntry {
  playerId: string;
  name: string;
  /** All-time points in the workspace. */
  score: number;
  games: number;
  wins: number;
}

/** All-time quiz scores. Writes are immediate: a crash loses at most the question in play. */
export interface ScoreStore {
  /** Records one question's points as they are awarded. The same session question recorded twice counts once. */
  recordAward(award: Award): void;
  /** Records a finished (or stopped) session. The same session recorded twice counts once. */
  recordGame(game: GameResult): void;
  /** Players by all-time points, best first (ties: more wins, then name). */
  leaderboard(workspace: string, limit?: number): LeaderboardEntry[];
}

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
  return b.score - a.score || b.wins - a.wins || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) || (a.playerId < b.playerId ? -1 : a.playerId > b.playerId ? 1 : 0);
}
