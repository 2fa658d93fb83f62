/**
 * Quiz events: what a quiz session tells the people playing. Platform-neutral;
 * adapters render them, `citebot quiz --json` prints them one a line.
 */
import type { Citation } from '../search/index.js';

export type QuizMode = 'mc' | 'text';

export interface QuizSettings {
  /** Number of questions (default 10). */
  count: number;
  /** Seconds per question (default 30). */
  seconds: number;
  mode: QuizMode;
  /** Team names; empty for individual play. */
  teams: string[];
  hints: boolean;
  /** Only questions from this file or tag. */
  topic: string | null;
  /** Seed for the question draw; null for a random one. */
  seed: string | null;
}

export interface PlayerScore {
  id: string;
  name: string;
  team: string | null;
  score: number;
  correct: number;
}

export interface TeamScore {
  name: string;
  score: number;
  players: string[];
}

export type QuizEvent =
  | { type: 'start'; sessionId: string; starter: string; settings: QuizSettings; rules: string[] }
  | { type: 'joined'; player: string; playerId: string; team: string | null }
  | {
      type: 'question';
      sessionId: string;
      questionId: string;
      number: number;
      total: number;
      prompt: string;
      /** Null for free-text questions. */
      choices: string[] | null;
      kind: string;
      seconds: number;
      points: number;
    }
  | { type: 'hint'; number: number; hint: string; points: number }
  | { type: 'answer'; number: number; player: string; playerId: string; text: string; correct: boolean }
  | {
      type: 'choice';
      number: number;
      player: string;
      playerId: string;
      choice: number;
      accepted: boolean;
      /** Whether the choice was right (the player is told privately; the channel sees the reveal). */
      correct?: boolean;
    }
  | {
      type: 'reveal';
      number: number;
      answer: string;
      /** Why the question ended. */
      reason: 'answered' | 'timeout' | 'skipped';
      /** The first player to answer right, or null. */
      winner: { player: string; playerId: string; team: string | null; points: number } | null;
      /** Multiple choice: every player who answered right, fastest first, with their points. */
      scorers?: { player: string; playerId: string; team: string | null; points: number }[];
      citation: Citation;
      /** The source passage text. */
      source: string;
    }
  | { type: 'scores'; teams: TeamScore[]; players: PlayerScore[] }
  | { type: 'end'; reason: 'finished' | 'stopped'; teams: TeamScore[]; players: PlayerScore[] }
  | { type: 'leaderboard'; workspace: string; entries: { playerId: string; name: string; score: number; wins: number; games: number }[] };
