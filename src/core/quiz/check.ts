/**
 * Answer checking as a fair quizmaster does it: case, punctuation, accents, spacing, leading
 * articles, surrounding words, numbers in any spelling, a person's last name, and small typos
 * scaled to the answer's length are accepted; a different number, a word that merely contains
 * the answer, and a message listing several candidates are not.
 */
import { answerKey, answerWords, editDistance, indexOfWords } from './normalize.js';
import { wordTable } from '../text/index.js';
import { parseNumbers } from './numbers.js';
import type { AnswerKey } from './question-model.js';

export type VerdictReason = 'exact' | 'contained' | 'number' | 'date' | 'typo' | 'empty' | 'too-long' | 'several' | 'negated' | 'wrong';

export interface Verdict {
  correct: boolean;
  reason: VerdictReason;
}

/** Longest typed answer considered; longer messages are chatter, not answers. */
export const MAX_ANSWER_LENGTH = 200;

/** Words that may surround an answer without changing it (`I think it's 2027`). */
const FILLER = new Set(
  `i im ive id think thought its it is was s be would will say said guess guessing my our answer final maybe probably perhaps possibly
  believe pretty sure quite surely definitely certainly obviously clearly must could should might that this the a an in at on by of to
  from near around about for with um uh umm hmm hm er err ok okay so well like yes yeah yep oh ah or and called named lol
  he she they we you going gonna`
    .split(/\s+/)
    .filter(Boolean),
);
const NEGATIONS = new Set(['not', 'no', 'isnt', 'wasnt', 'never', 'nor', 'neither']);
const MONTHS = wordTable<number>(
  Object.fromEntries(
    ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'].flatMap(
      (m, i) => [[m, i], [m.slice(0, 3), i], ...(m === 'september' ? [['sept', i]] : [])],
    ),
  ),
);

/** Judges one typed answer against a question's answer key. */
export function checkAnswer(key: AnswerKey, given: string): Verdict {
  const text = given.trim();
  if (text === '' || answerWords(text).length === 0) return { correct: false, reason: 'empty' };
  if (text.length > MAX_ANSWER_LENGTH) return { correct: false, reason: 'too-long' };
  const words = answerWords(text);
  if (words.some((w) => NEGATIONS.has(w))) return { correct: false, reason: 'negated' };
  if (key.kind === 'date') {
    const verdict = checkDate(key, text);
    if (verdict) return verdict;
  }
  if (key.kind === 'number' || (key.kind !== 'date' && isNumeric(key.answer))) {
    const verdict = checkNumber(key, text);
    if (verdict) return verdict;
  }
  return checkText(key, words);
}

/** The answer is a number (`50,000`, `fifty thousand`) and nothing else. */
function isNumeric(answer: string): boolean {
  const words = answerWords(answer);
  return parseNumbers(answer).length === 1 && words.every((w) => /^\d/.test(w) || parseNumbers(w).length === 1 || w === 'and');
}

function checkNumber(key: AnswerKey, text: string): Verdict | null {
  const expected = new Set(parseNumbers(key.answer));
  if (expected.size !== 1) return null;
  const given = new Set(parseNumbers(text));
  const [value] = expected;
  if (!given.has(value!)) return { correct: false, reason: 'wrong' };
  if (given.size > 1) return { correct: false, reason: 'several' };
  return { correct: true, reason: 'number' };
}

interface DateParts {
  years: Set<number>;
  months: Set<number>;
  days: Set<number>;
}

function dateParts(text: string): DateParts {
  const words = answerWords(text);
  const parts: DateParts = { years: new Set(), months: new Set(), days: new Set() };
  words.forEach((w, i) => {
    if (/^\d{4}$/.test(w)) parts.years.add(Number(w));
    else if (/^\d{1,2}(st|nd|rd|th)?$/.test(w)) parts.days.add(parseInt(w, 10));
    else {
      const month = MONTHS[w];
      // `may` is a month only next to a number (`May 2025`, `3 May`).
      const nearNumber = /^\d/.test(words[i - 1] ?? '') || /^\d/.test(words[i + 1] ?? '');
      if (month !== undefined && (w !== 'may' || nearNumber)) parts.months.add(month);
    }
  });
  return parts;
}

const sameSet = (a: Set<number>, b: Set<number>) => a.size === b.size && [...a].every((x) => b.has(x));

/** Dates compare by year, month and day: `March 2025` for `late-March 2025`, not `2025` alone. */
function checkDate(key: AnswerKey, text: string): Verdict | null {
  const expected = dateParts(key.answer);
  if (expected.years.size === 0 && expected.months.size === 0) return null;
  const given = dateParts(text);
  const several = given.years.size > Math.max(1, expected.years.size) || given.months.size > Math.max(1, expected.months.size);
  if (expected.years.size > 0 && !sameSet(expected.years, given.years)) {
    return { correct: false, reason: several && [...expected.years].every((y) => given.years.has(y)) ? 'several' : 'wrong' };
  }
  if (expected.months.size > 0 && !sameSet(expected.months, given.months)) {
    return { correct: false, reason: several && [...expected.months].every((m) => given.months.has(m)) ? 'several' : 'wrong' };
  }
  if (expected.days.size > 0 && !sameSet(expected.days, given.days)) return { correct: false, reason: 'wrong' };
  return { correct: true, reason: 'date' };
}

/** The answer and its accepted forms, as word lists; a person may be named by the last name alone, unless another person in the knowledge has it. */
function answerForms(key: AnswerKey): string[][] {
  const forms = [key.answer, ...key.accepted].map(answerKey).filter((f) => f.length > 0);
  if (key.kind === 'person') {
    const full = answerKey(key.answer);
    const last = full[full.length - 1];
    const shared = key.rivals.some((r) => answerKey(r).pop() === last);
    if (full.length >= 2 && last && last.length >= 3 && !shared) forms.push([last]);
  }
  return forms;
}

/** Typos allowed by answer length: none up to 3 letters (`cat`/`car` differ), one more per longer band, 3 beyond. */
const TYPO_ALLOWANCE: readonly { upTo: number; typos: number }[] = [
  { upTo: 3, typos: 0 },
  { upTo: 6, typos: 1 },
  { upTo: 12, typos: 2 },
];
const MAX_TYPOS = 3;

/** Typos allowed for an answer of this many letters. */
function allowedTypos(length: number): number {
  return TYPO_ALLOWANCE.find((b) => length <= b.upTo)?.typos ?? MAX_TYPOS;
}

function checkText(key: AnswerKey, words: string[]): Verdict {
  const forms = answerForms(key);
  const rivals = key.rivals
    .map(answerKey)
    .filter((r) => r.length > 0 && !forms.some((f) => indexOfWords(f, r) >= 0 || indexOfWords(r, f) >= 0));
  const context = new Set(answerWords(key.prompt));
  const given = words.length > 1 && (words[0] === 'the' || words[0] === 'a' || words[0] === 'an') ? words.slice(1) : words;
  // A rival named anywhere in the message: several candidates.
  const namesRival = rivals.some((r) => indexOfWords(given, r) >= 0);
  for (const form of forms) {
    if (form.length === given.length && form.every((w, i) => w === given[i])) return { correct: true, reason: 'exact' };
  }
  // An answer with other words around it lists several candidates, unless the whole is a typo of a longer form (`East China See`).
  let withOthers = false;
  for (const form of forms) {
    const at = indexOfWords(given, form);
    if (at < 0) continue;
    if (namesRival) return { correct: false, reason: 'several' };
    const rest = [...given.slice(0, at), ...given.slice(at + form.length)];
    const extra = rest.filter((w) => !FILLER.has(w) && !context.has(w));
    if (extra.length === 0) return { correct: true, reason: 'contained' };
    withOthers = true;
  }
  if (namesRival) return { correct: false, reason: 'several' };
  const otherwise: Verdict = { correct: false, reason: withOthers ? 'several' : 'wrong' };
  // Small typos: compare what is left once filler and prompt words are set aside.
  const core = given.filter((w) => !FILLER.has(w) && !context.has(w));
  if (core.length === 0) return otherwise;
  const typed = core.join(' ');
  let best = Infinity;
  for (const form of forms) {
    const target = form.join(' ');
    if (/\d/.test(target) || /\d/.test(typed)) continue;
    const max = allowedTypos(target.replace(/ /g, '').length);
    const d = Math.min(editDistance(typed, target, max), editDistance(typed.replace(/ /g, ''), target.replace(/ /g, ''), max));
    if (d <= max) best = Math.min(best, d);
  }
  if (best === Infinity) return otherwise;
  // A typo at least as close to a rival is not a typo of the answer.
  const rivalCloser = rivals.some((r) => editDistance(typed, r.join(' '), best) <= best);
  return rivalCloser ? otherwise : { correct: true, reason: 'typo' };
}
