/**
 * What the quiz needs from the code around it, declared here where it is used: who plays and where
 * (`Actor`, `Place`), the replies it sends and the channels they go to, and the score store.
 * The bot's request and reply types build on these; `src/core/storage` implements `ScoreStore`.
 */
import type { QuizEvent, QuizMode } from './events.js';

export type Platform = 'discord' | 'slack' | 'cli';

/** Who sent the request. */
export interface Actor {
  id: string;
  /** Display name, as the platform shows it (never used to ping). */
  name: string;
  /** Server/workspace admin: may stop someone else's quiz. */
  isAdmin?: boolean;
}

/** Where the request came from; quiz sessions and leaderboards are keyed on it. */
export interface Place {
  platform: Platform;
  /** Discord guild id, Slack team id, or "local" for the terminal. */
  workspace: string;
  channel: string;
  /** Slack thread ts, when the message is in a thread. */
  thread?: string;
  /** A direct message with the bot. */
  dm?: boolean;
}

/**
 * The `/quiz` subcommands' options, typed and in range: the bot reads them from the command data
 * (bot/commands.ts); `seed` (the same seed, the same questions) comes only from the terminal and tests.
 */
export interface QuizOptions {
  questions?: number;
  seconds?: number;
  mode?: QuizMode;
  teams?: string;
  topic?: string;
  hints?: boolean;
  team?: string;
  text?: string;
  seed?: string;
}

export type Visibility = 'public' | 'private';

/** Stable codes of the quiz's expected refusals. */
export type QuizNoticeCode = `quiz.${string}`;

/** A quiz event for the channel (or the player). */
export type QuizEventReply = { type: 'quiz'; visibility: Visibility; event: QuizEvent };

/** What the quiz replies: an event, or a short notice (an expected refusal, help). */
export type QuizReply = QuizEventReply | { type: 'notice'; visibility: Visibility; code: QuizNoticeCode; text: string };

/**
 * Where quiz replies go. `reply` answers the request; `post` sends to the channel later (questions
 * and reveals driven by timers) and must keep working after the request is gone.
 */
export interface QuizChannels {
  reply(reply: QuizReply): Promise<void>;
  post(reply: QuizReply): Promise<void>;
}

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
