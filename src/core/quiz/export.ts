/** A drawn quiz as data, for an organiser to review (`citebot quiz export`), with the rules each question breaks (`--check`). */
import type { QuestionBank } from './bank.js';
import { choicesFor } from './choices.js';
import type { QuizMode } from './events.js';
import { questionRules, type QuizRule } from './rules.js';

export interface ExportedQuestion {
  id: string;
  prompt: string;
  answer: string;
  accepted: string[];
  /** Null for a free-text question. */
  choices: string[] | null;
  kind: string;
  citation: { file: string; title: string; paragraph: number; lines: [number, number] };
  /** The source passage text. */
  source: string;
  /** With `check`: the rules the question breaks, alone or after the questions before it (empty when it keeps them all). */
  problems?: QuizRule[];
}

export interface ExportOptions {
  seed: string;
  count: number;
  topic?: string | null;
  /** The quiz's mode: multiple choice (the default, as `citebot quiz`) asks only questions with choices. */
  mode?: QuizMode;
  /** List the rules each question breaks. */
  check?: boolean;
  /** Every question of the bank (each checked alone), not a seed's draw. */
  all?: boolean;
}

/**
 * The questions a session with this seed and mode asks, in the same order and with the same
 * choices (the same seed gives the same quiz), or with `all` every question of the bank.
 */
export function exportQuiz(bank: QuestionBank, options: ExportOptions): { seed: string; questions: ExportedQuestion[] } {
  const mode = options.mode ?? 'mc';
  const drawn = options.all
    ? bank.filter(options.topic)
    : bank.draw({ seed: options.seed, count: options.count, topic: options.topic, choicesOnly: mode === 'mc' });
  const questions = drawn.map((q, i) => ({
    id: q.id,
    prompt: q.prompt,
    answer: q.answer,
    accepted: q.accepted,
    choices: choicesFor(q, options.seed),
    kind: q.kind,
    citation: { file: q.citation.file, title: q.citation.title, paragraph: q.citation.paragraph, lines: q.citation.lines },
    source: q.source,
    ...(options.check ? { problems: questionRules(q, options.all ? [] : drawn.slice(0, i)) } : {}),
  }));
  return { seed: options.seed, questions };
}
