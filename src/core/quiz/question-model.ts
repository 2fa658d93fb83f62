/** A quiz question, written or generated, with its answer key and where it comes from. */
import type { Citation } from '../search/index.js';

/** What a question asks for; numbers and dates are checked by value. */
export type QuestionKind = 'number' | 'date' | 'person' | 'organization' | 'place' | 'quote' | 'acronym' | 'term' | 'other';

export const QUESTION_KINDS: readonly QuestionKind[] = [
  'number',
  'date',
  'person',
  'organization',
  'place',
  'quote',
  'acronym',
  'term',
  'other',
];

/** What `checkAnswer` needs to judge a typed answer. */
export interface AnswerKey {
  answer: string;
  /** Other answers to accept as they are (`AP` for `The Associated Press`). */
  accepted: string[];
  kind: QuestionKind;
  /** Same-kind phrases from the knowledge that are not the answer: a message naming one of them lists several candidates. */
  rivals: string[];
  /** The prompt: its words may surround an answer (`Defense Minister Nakatani`). */
  prompt: string;
}

export interface Question extends AnswerKey {
  /** Stable: the same knowledge gives the same ids. */
  id: string;
  origin: 'written' | 'generated';
  /** Exactly three wrong choices of the same kind, or null when the question is free text only. */
  wrong: string[] | null;
  explanation: string | null;
  citation: Citation;
  /** The source passage text (the sentence), or the written question's explanation. */
  source: string;
  /** The passage the question was made from, and its hash then; null for written questions without a source. */
  passageId: string | null;
  sourceHash: string | null;
  /** Knowledge file (for topic filters) and tags. */
  file: string;
  tags: string[];
  /** Two questions with the same fact are never asked in one session. */
  fact: string;
  /** A generated question's sentence with the answer blanked (its prompt may be a question form of it). */
  cloze?: string;
  /** Asked only with its choices (`Which of these options is true by default?`): a free-text quiz leaves it out. */
  choicesOnly?: boolean;
}
