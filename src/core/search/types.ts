/**
 * The answer value: what `ask` returns, platform-neutral. Adapters render it;
 * `citebot ask --json` prints it as it is.
 */
import type { EntityKind } from '../text/index.js';
import type { ConfidenceInputs, ShortAnswerInputs } from './confidence.js';

/** Where a snippet comes from. `lines` are 1-based and inclusive. */
export interface Citation {
  /** Path relative to the knowledge folder, with `/` separators. */
  file: string;
  title: string;
  /** Heading path joined with " › ", or null when the file has no headings. */
  section: string | null;
  /** 1-based paragraph number within the file. */
  paragraph: number;
  lines: [number, number];
  /** The file's `url` front matter, when it has one. */
  url: string | null;
}

/** A span of `Snippet.text` to emphasise: `text.slice(start, end)`. */
export interface Highlight {
  start: number;
  end: number;
}

/** A code block a snippet's sentence introduces, trimmed for a chat reply. */
export interface SnippetCode {
  /** The fence's language (`js`, `sh`), or null. */
  lang: string | null;
  /** The code, at most `MAX_CODE_LINES` lines and `MAX_CODE_CHARS` characters; a last line `…` marks a cut. */
  text: string;
  /** Where the whole block is in the file (1-based, inclusive). */
  lines: [number, number];
}

export interface Snippet {
  /** The answering sentence, with a neighbour only where needed; at most 400 characters. */
  text: string;
  highlights: Highlight[];
  citation: Citation;
  /** Stable id of the passage (sentence) the snippet is built around. */
  passageId: string;
  score: number;
  /** Code the snippet's sentences introduce (`To enable WAL:` and its code), to show after the text; absent when none. */
  code?: SnippetCode[];
}

/** Stable codes for why the bot did not answer. Adapters may word them; `reason` is the default wording. */
/** Longer questions are refused (characters, after trimming): the engine abstains with `too-long`, the bot asks for a shorter one. */
export const MAX_QUESTION_LENGTH = 1000;

export type AbstainCode = 'empty' | 'too-long' | 'no-terms' | 'no-match' | 'weak-match' | 'missing-term' | 'no-knowledge';

export type AnswerKind = 'person' | 'organization' | 'place' | 'date' | 'number' | 'other';

/** Entity kinds that answer each kind of question, the kind itself first. */
export const ANSWER_KINDS: Record<AnswerKind, readonly EntityKind[]> = {
  person: ['person', 'organization'],
  organization: ['organization', 'acronym'],
  place: ['place'],
  date: ['date'],
  number: ['number'],
  other: [],
};

/** Why the bot answered (or did not): for `--explain`. */
export interface Explanation {
  questionType: AnswerKind | null;
  /** `derived`: other forms of the word that count for less in re-ranking (`religion` for `religious`). */
  /** `fromContext`: taken from the conversation's earlier question (a follow-up), not this one. */
  terms: { term: string; from: string; corrected: boolean; expansions: string[]; derived: string[]; fromContext: boolean }[];
  unknownTerms: string[];
  candidates: {
    passageId: string;
    score: number;
    retrieval: number;
    coverage: number;
    proximity: number;
    typeMatch: number;
    text: string;
  }[];
  /** Estimated probability that the knowledge answers the question (the highest of the first `weighed` sentences'), and the level below which it abstains… */
  answerability: number;
  weighed: number;
  threshold: number;
  /** …unless one of them with its neighbours covers this share of the key-term weight (at least `coveredEnough`). */
  covered: number;
  coveredEnough: number;
  /** How much the candidates gather in the file of the sentence with that answerability (0 spread as by chance, 1 all there). */
  focus: number;
  /** The reply's confidence and the model inputs it came from (confidence.ts). */
  confidence?: { value: number; inputs: ConfidenceInputs };
  /** The short answer the engine would give, its estimated probability of being right, and whether it clears its kind's bar. */
  shortAnswer?: { text: string; kind: AnswerKind; probability: number | null; shown: boolean; inputs: ShortAnswerInputs | null } | null;
  timings: { totalMs: number };
}

/** What every reply carries, answered or not. */
interface ReplyCommon {
  question: string;
  /**
   * The estimated probability (0..1) that the first snippet answers the question, fitted on
   * SQuAD (scripts/fit-confidence.ts); replies word it (`likely`, `possibly`…).
   */
  confidence: number;
  /** A follow-up answered in the context of the conversation: what was asked before, and the key words taken from it. */
  followUp?: { context: string; words: string[] };
  explain?: Explanation;
}

/** An answer: at least one snippet, best first. `reason`/`reasonCode` stay (null) so `--json` has one shape. */
export interface AnsweredReply extends ReplyCommon {
  abstained: false;
  reason: null;
  reasonCode: null;
  /** A short direct answer (`more than 50,000`, `2027`, `Gen Nakatani`), or null. */
  answer: string | null;
  answerKind: AnswerKind | null;
  snippets: [Snippet, ...Snippet[]];
}

/** No answer, and why: `reason` in words (the default wording), `reasonCode` for adapters and logs. */
export interface AbstainedReply extends ReplyCommon {
  abstained: true;
  reason: string;
  reasonCode: AbstainCode;
  answer: null;
  answerKind: null;
  snippets: [];
}

export type AnswerReply = AnsweredReply | AbstainedReply;
