/** A question's multiple-choice options: the answer and three wrong choices, in a seeded order. */
import { normalizeAnswer } from './normalize.js';
import type { Question } from './question-model.js';
import { createRandom, shuffle } from './random.js';

/** Letters naming the choices. */
export const LETTERS = ['A', 'B', 'C', 'D'];

/** The answer and three wrong choices shuffled by the seed (the same seed, the same order), or null for a free-text question. */
export function choicesFor(q: Question, seed: string): string[] | null {
  if (!q.wrong || q.wrong.length < 3) return null;
  return shuffle([q.answer, ...q.wrong.slice(0, 3)], createRandom(`choices:${seed}:${q.id}`));
}

/** The choice a typed answer names: its letter (`b`, `B)`) or its exact text; null when it names none. */
export function choiceNamed(choices: readonly string[], text: string): number | null {
  const letter = /^\(?([a-z])[).:]?$/i.exec(text.trim());
  if (letter) {
    const index = LETTERS.indexOf(letter[1]!.toUpperCase());
    return index >= 0 && index < choices.length ? index : null;
  }
  const typed = normalizeAnswer(text);
  const index = choices.findIndex((c) => normalizeAnswer(c) === typed);
  return typed !== '' && index >= 0 ? index : null;
}
