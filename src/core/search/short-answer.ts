/**
 * The short direct answer above the snippet (`more than 50,000`, `2027`, `Gen Nakatani`): an
 * entity of the asked kind that the question does not name, from the sentences the snippet
 * shows, so it always stands in the quoted passage — and shown only when the short-answer model
 * (confidence.ts) puts its probability of being right above its kind's bar. A wrong answer in
 * bold above a right snippet is worse than none.
 */
import type { Entity } from '../knowledge/index.js';
import { fold } from '../text/index.js';
import { tokenize, type Token } from '../text/index.js';
import { defaultShortAnswerModel, logistic, logOdds, type ShortAnswerInputs, type ShortAnswerModel } from './confidence.js';
import type { AnalyzedQuestion } from './analyze-question.js';
import type { Ranked } from './rank.js';
import type { IndexedPassage } from './search-index.js';
import { ANSWER_KINDS, type AnswerKind } from './types.js';

/**
 * A `who is X?` answer (the title or description the knowledge gives X) is shown only at least
 * this confident: it is read from the wording around the name, not fitted.
 */
const DESCRIBE_MIN_CONFIDENCE = 0.5;
/** Words a title before a name may hold besides capitalised ones (`Minister of Defense`). */
/** Characters after an entity read for a word of the question (`troops` in `50,000 U.S. troops`). */
const FOLLOWING = 24;
const TITLE_JOINERS = new Set(['of', 'for', 'and', 'the']);

export interface ShortAnswer {
  text: string;
  kind: AnswerKind;
  /** Estimated probability that it is right (the model's), or null for a description read from the wording. */
  probability: number | null;
  /** Whether it clears its kind's bar and is shown. */
  shown: boolean;
  inputs: ShortAnswerInputs | null;
}

/**
 * The short answer the reply would give, with the model's estimate that it is right and whether
 * it is shown. `confidence` is the reply's.
 */
export function shortAnswerFor(
  question: string,
  r: Ranked,
  q: AnalyzedQuestion,
  parts: IndexedPassage[],
  confidence: number,
  model: ShortAnswerModel = defaultShortAnswerModel,
): ShortAnswer | null {
  if (!q.type || q.type === 'other' || !asksFor(question, q.type)) return null;
  const described = q.type === 'person' ? describe(question, q, [r.entry, ...parts.filter((x) => x !== r.entry)]) : null;
  if (described) return { text: described, kind: q.type, probability: null, shown: confidence >= DESCRIBE_MIN_CONFIDENCE, inputs: null };
  const kinds = ANSWER_KINDS[q.type];
  const candidates = [r.entry, ...parts.filter((x) => x !== r.entry)];
  for (const { passage: p, tokens } of candidates) {
    const anchor = matchedCentre(tokens, q.terms);
    const unnamed = p.entities
      .filter((e) => kinds.includes(e.kind))
      .filter((e) => tokenize(e.text).some((t) => !t.stop && !q.words.has(t.word)));
    const found = [...unnamed].sort(
      (a, b) => kinds.indexOf(a.kind) - kinds.indexOf(b.kind) || Math.abs(centre(a) - anchor) - Math.abs(centre(b) - anchor),
    );
    const e = found[0];
    if (!e) continue;
    const inputs: ShortAnswerInputs = {
      confidence: logOdds(confidence),
      inBest: p === r.entry.passage ? 1 : 0,
      exactKind: e.kind === kinds[0] ? 1 : 0,
      distance: Math.min(1, Math.abs(centre(e) - anchor) / Math.max(1, p.text.length)),
      rivals: Math.min(3, unnamed.length - 1) / 3,
      partlyNamed: tokenize(e.text).some((t) => !t.stop && q.words.has(t.word)) ? 1 : 0,
      precise: /\d/.test(e.text) ? 1 : 0,
      follows: tokenize(p.text.slice(e.end, e.end + FOLLOWING)).some((t) => !t.stop && q.terms.has(t.term)) ? 1 : 0,
    };
    const m = model[q.type];
    const probability = m ? logistic(inputs, m.coefficients) : 0;
    return { text: e.text, kind: q.type, probability, shown: m !== undefined && probability >= m.showAbove, inputs };
  }
  return null;
}

/** How many of the best-ranked sentences a `who is X?` question looks through for one that says who X is. */
const DESCRIBE_WITHIN = 10;

/**
 * For a `who is X?` question, the position among the first `DESCRIBE_WITHIN` ranked sentences of
 * the first one that gives X a title or description, so that it leads the reply; -1 when none does.
 */
export function describingSentence(question: string, q: AnalyzedQuestion, ranked: Ranked[]): number {
  if (q.type !== 'person') return -1;
  return ranked.slice(0, DESCRIBE_WITHIN).findIndex((r) => describe(question, q, [r.entry]) !== null);
}

/**
 * For `who is X?` where the question names only X: the title the knowledge puts before X's name
 * (`Defense Minister Gen Nakatani` → `Defense Minister`) or the description after it
 * (`Nakatani, the defense minister,` → `the defense minister`); null otherwise.
 */
function describe(question: string, q: AnalyzedQuestion, sentences: IndexedPassage[]): string | null {
  if (!/^\s*(who|who['’]s|whos)\b(\s+(is|was|are|were))?\s/i.test(question) || q.groups.length === 0) return null;
  const named = new Set(q.groups.map((g) => g.from.toLowerCase()));
  for (const { passage: p } of sentences) {
    for (const e of p.entities) {
      if (e.kind !== 'person') continue;
      const words = tokenize(e.text)
        .filter((t) => !t.stop)
        .map((t) => t.word);
      if (![...named].every((w) => words.includes(w))) continue;
      const title = titleBefore(p.text.slice(0, e.start));
      if (title) return title;
      const after = /^,\s+((?:the|a|an)\s[^,.;]{3,60}),/i.exec(p.text.slice(e.end));
      if (after) return after[1]!;
    }
  }
  return null;
}

/** The run of capitalised words (and joiners inside it) that ends right before a name. */
function titleBefore(text: string): string | null {
  const words = text.trimEnd().split(/\s+/);
  if (!/\s$/.test(text) && text !== '') return null;
  const run: string[] = [];
  for (let i = words.length - 1; i >= 0; i--) {
    const w = words[i]!;
    if (/^\p{Lu}[\p{L}.’'-]*$/u.test(w)) run.unshift(w);
    else if (run.length && TITLE_JOINERS.has(w) && i > 0 && /^\p{Lu}/u.test(words[i - 1]!)) run.unshift(w);
    else break;
  }
  // A sentence opening with the name has nothing before it; a lone capitalised word opening the sentence is no title.
  if (run.length === 0 || (run.length === words.length && run.length === 1)) return null;
  return run.join(' ');
}

/**
 * Whether the question's own wording asks for the kind, not only a clause of it: `Who was the
 * chief executive when the service began?` asks for a person, not a date (its type reads `when`).
 */
function asksFor(question: string, kind: AnswerKind): boolean {
  const q = fold(question).trim();
  if (kind !== 'date') return true;
  return (
    /^((and|so|but|by|until|since|from|till) )?when\b/.test(q) || /\b(what|which) (year|date|day|month|decade|century|period|era)\b/.test(q)
  );
}

const centre = (e: Entity) => (e.start + e.end) / 2;

function matchedCentre(tokens: Token[], terms: Set<string>): number {
  const hits = tokens.filter((t) => terms.has(t.term));
  return hits.length ? hits.reduce((s, t) => s + t.start, 0) / hits.length : 0;
}
