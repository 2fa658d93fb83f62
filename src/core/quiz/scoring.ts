/** How a quiz scores, as one documented set of rules with defaults, and the rules in words. */
import type { QuizSettings } from './events.js';

export interface ScoringRules {
  /** Points for the first correct answer to a question (default 10). */
  points: number;
  /** Points each hint takes off the question (default 3); a question is always worth at least 1. */
  hintCost: number;
  /** Hints per question, revealed at equal steps of the time (default 2: at 1/3 and 2/3). */
  hintsPerQuestion: number;
  /** Bonus for an immediate answer, shrinking to 0 as the time runs out (default 5). */
  speedBonus: number;
  /** Bonus per question won in a row after the first (default 2)… */
  streakBonus: number;
  /** …up to this much (default 6). */
  streakCap: number;
  /** Wrong typed answers a player may give to one free-text question (default 3): listing every candidate does not pay. */
  guessesPerQuestion: number;
}

export const defaultScoringRules: ScoringRules = {
  points: 10,
  hintCost: 3,
  hintsPerQuestion: 2,
  speedBonus: 5,
  streakBonus: 2,
  streakCap: 6,
  guessesPerQuestion: 3,
};

/** What a question is worth after `hints` hints. */
export function basePoints(rules: ScoringRules, hints: number): number {
  return Math.max(1, rules.points - hints * rules.hintCost);
}

export interface Award {
  points: number;
  base: number;
  speed: number;
  streak: number;
}

/**
 * Points for a correct answer given `elapsedMs` into a question of `totalMs`, after `hints` hints,
 * by a player for whom this is the `streak`-th question won in a row (1 for the first).
 */
export function awardFor(rules: ScoringRules, input: { hints: number; elapsedMs: number; totalMs: number; streak: number }): Award {
  const base = basePoints(rules, input.hints);
  const left = Math.max(0, Math.min(1, 1 - input.elapsedMs / input.totalMs));
  const speed = Math.round(rules.speedBonus * left);
  const streak = Math.min(rules.streakCap, rules.streakBonus * Math.max(0, input.streak - 1));
  return { points: base + speed + streak, base, speed, streak };
}

/** The rules in words, for the start message. */
export function rulesText(rules: ScoringRules, settings: QuizSettings): string[] {
  const out = [
    settings.mode === 'mc'
      ? 'Answer by choice (a button, or its letter A–D); your first answer is locked in. The question closes when everyone playing has answered, or when time is up.'
      : `Type your answer in the channel; case, accents, small typos and a last name alone are fine. Up to ${rules.guessesPerQuestion} guesses per player per question.`,
    settings.mode === 'mc'
      ? `Every player who picks right scores ${rules.points} points, plus up to ${rules.speedBonus} for speed.`
      : `The first correct answer takes ${rules.points} points, plus up to ${rules.speedBonus} for speed.`,
    `Streak: +${rules.streakBonus} for each question won in a row (up to +${rules.streakCap}).`,
    settings.hints
      ? `Hints reveal ${settings.mode === 'mc' ? 'wrong choices' : 'letters'} as time runs (or on /quiz hint); each takes ${rules.hintCost} points off.`
      : 'No hints in this quiz.',
    settings.teams.length > 0
      ? `Teams ${settings.teams.join(', ')}: a team scores ${settings.mode === 'mc' ? "the average of its players' points, so covering every letter does not pay" : "the sum of its players' points"}. Join with /quiz join <team>, or just answer to be placed.`
      : 'Everyone plays for themselves.',
    'Skip: the starter, or a vote of more than half the players. Stop: the starter or an admin; points so far are kept.',
  ];
  return out;
}
