/** A drawn quiz as data, for an organiser to review (`citebot quiz export`). */
import type { QuestionBank } from './bank.js';
import { choicesFor } from './choices.js';

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
}

/**
 * The questions a session with this seed asks, in the same order and with the same choices.
 * The same seed gives the same quiz.
 */
export function exportQuiz(bank: QuestionBank, options: { seed: string; count: number; topic?: string | null }): { seed: string; questions: ExportedQuestion[] } {
  const questions = bank.draw(options).map((q) => ({
    id: q.id,
    prompt: q.prompt,
    answer: q.answer,
    accepted: q.accepted,
    choices: choicesFor(q, options.seed),
    kind: q.kind,
    citation: { file: q.citation.file, title: q.citation.title, paragraph: q.citation.paragraph, lines: q.citation.lines },
    source: q.source,
  }));
  return { seed: options.seed, questions };
}
