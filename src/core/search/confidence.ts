/**
 * Confidence: the estimated probability that the first snippet answers the question, and the
 * gate that shows a short answer only when it is likely right. Both are logistic models over
 * what the engine already worked out; their coefficients are fitted on SQuAD 2.0 by
 * `npx tsx scripts/fit-confidence.ts --write` (even articles fitted, odd ones checked; README,
 * "Confidence and short answers"), which writes `confidence-model.json`.
 */
import type { AnalyzedQuestion } from './analyze-question.js';
import type { Ranked } from './rank.js';
import type { AnswerKind } from './types.js';
import fitted from './confidence-model.json' with { type: 'json' };

/** What the confidence model reads about a reply's first snippet and the candidates behind it. */
export interface ConfidenceInputs {
  /** The answerability's log-odds (clamped to ±8: beyond it the model saw no difference). */
  answerability: number;
  /** The best sentence's re-ranking score. */
  score: number;
  /** How far the best sentence leads the second: (best − second) / best. */
  margin: number;
  /** Key-term weight the best sentence covers itself, and with its neighbours (half-counted). */
  coverage: number;
  covered: number;
  /** 1 when the question asks for a kind of answer and the sentence holds one it does not name. */
  typeMatch: number;
  /** 1 when the question asks for a kind of answer (who, when, how many…). */
  typed: number;
  /** Share of the question's key-term weight no passage has. */
  unknown: number;
  /** How close the matched words stand, and how much of the question the sentence matches in the very words asked. */
  proximity: number;
  exact: number;
  /** The answerability itself (not its log-odds): the model bends with it. */
  answerable: number;
  /** How much the candidates gather in the answering file (engine.ts `focusOf`), and minisearch's score for the sentence per unit of key-term IDF. */
  focus: number;
  strength: number;
}

/** confidence = σ(bias + Σ coefficient × input). */
export type ConfidenceModel = { bias: number } & ConfidenceInputs;

/** What the short-answer gate reads about the entity the engine would answer with. */
export interface ShortAnswerInputs {
  /** The reply's confidence, as log-odds (clamped to ±8). */
  confidence: number;
  /** 1 when the entity stands in the answering sentence, 0 when in a neighbour the snippet shows. */
  inBest: number;
  /** 1 when the entity is of the asked kind itself (a person for `who`), 0 for a stand-in (an organisation). */
  exactKind: number;
  /** How far the entity stands from the matched words, in sentence lengths (at most 1). */
  distance: number;
  /** Other entities of the asked kind in the sentence (at most 3, divided by 3). */
  rivals: number;
  /** 1 when the entity shares a word with the question (`Gen Nakatani` for `Nakatani`). */
  partlyNamed: number;
  /** 1 when the entity holds a digit (`1919`, not `20th century` … `the early years`). */
  precise: number;
  /** 1 when a word right after the entity is one the question asks about (`50,000 U.S. troops` for `how many troops`). */
  follows: number;
}

/** Per asked kind: the logistic coefficients and the probability a short answer must reach to be shown. */
export type ShortAnswerModel = Partial<Record<AnswerKind, { coefficients: { bias: number } & ShortAnswerInputs; showAbove: number }>>;

export const defaultConfidenceModel: ConfidenceModel = fitted.confidence;
export const defaultShortAnswerModel: ShortAnswerModel = fitted.shortAnswers as ShortAnswerModel;

/** Log-odds beyond this are clamped: answerability reaches 1.00 on right and wrong answers alike. */
const MAX_LOG_ODDS = 8;
const logOdds = (p: number) => Math.max(-MAX_LOG_ODDS, Math.min(MAX_LOG_ODDS, Math.log(p / (1 - p))));
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Applies logistic coefficients to inputs of the same names. */
export function logistic<T extends object>(inputs: T, model: { bias: number } & T): number {
  let z = model.bias;
  for (const k of Object.keys(inputs) as (keyof T)[]) z += (model[k] as number) * (inputs[k] as number);
  return sigmoid(z);
}

/** The confidence model's inputs for the sentence that leads the reply. */
export function confidenceInputs(
  q: AnalyzedQuestion,
  ranked: Ranked[],
  a: { answerability: number; covered: number; focus: number },
): ConfidenceInputs {
  const best = ranked[0];
  const second = ranked[1]?.score ?? 0;
  const total = q.groups.reduce((s, g) => s + g.idf, 0) || 1;
  return {
    answerability: logOdds(a.answerability),
    score: best?.score ?? 0,
    margin: best && best.score > 0 ? Math.max(0, (best.score - second) / best.score) : 0,
    coverage: best?.features.coverage ?? 0,
    covered: a.covered,
    typeMatch: q.type ? (best?.features.typeMatch ?? 0) : 0,
    typed: q.type && q.type !== 'other' ? 1 : 0,
    unknown: q.groups.reduce((s, g) => s + (g.unknown ? g.idf : 0), 0) / total,
    proximity: best?.features.proximity ?? 0,
    exact: best?.features.exact ?? 0,
    answerable: a.answerability,
    focus: a.focus,
    strength: (best?.searchScore ?? 0) / total,
  };
}

/** The estimated probability that the first snippet answers. */
export function confidenceOf(inputs: ConfidenceInputs, model: ConfidenceModel = defaultConfidenceModel): number {
  return logistic(inputs, model);
}

export { logOdds };

/** Confidence in words, from the top: at or above each bar, its phrase (a person reads `likely`, not `0.83`). */
const CONFIDENCE_WORDS: [number, string][] = [
  [0.9, 'very likely answers your question'],
  [0.7, 'likely answers your question'],
  [0.4, 'possibly answers your question'],
  [0, 'may not answer your question'],
];

/** How sure the bot is that the first passage answers, worded for people: `This passage likely answers your question.` */
export function confidenceWords(confidence: number): string {
  return `This passage ${CONFIDENCE_WORDS.find(([bar]) => confidence >= bar)![1]}.`;
}
