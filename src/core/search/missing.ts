/**
 * Near misses: a question about something the knowledge never mentions — a name (`South Korea`),
 * a number or version (`2026`), a product (`graphql`) — is not answered from the rest of its
 * words. The engine abstains naming it: "nothing in the knowledge mentions South Korea".
 */
import { fold, stem } from '../text/index.js';
import { verbsOf } from '../text/index.js';
import { headOfKnownCompound, unknownWeight, type AnalyzedQuestion, type TermGroup } from './analyze-question.js';
import type { SearchIndex } from './search-index.js';

/** The weight of a name or number: above any rare word's. */
const NAME = 2;
/** Missing terms named in the reason, at most. */
const MAX_NAMED = 3;
/** A lowercase word counts as a name outside the 20,000 commonest of spoken English (`unknownWeight` 1; lower took words for names: docs/ranking.md). */
const RARE = 1;
/**
 * Endings of English verbs, adjectives, adverbs and abstract nouns (`criticized`, `unsurprisingly`,
 * `kinship`, `outermost`), and contractions (`couldn't`): words, not names.
 */
const WORD_ENDING =
  /(ed|ing|ly|ous|ive|ize|ise|ful|less|ness|tion|ments?|ship|work|most|ways|ward|hood|ity|ates?|ance|ence|['’](t|ve|ll|re|d|m))$/;

/** A word shorter than this is not taken for a product name on rarity alone (`ui`, `js`: abbreviations the knowledge spells out). */
const MIN_RARE_LENGTH = 4;
/** The shortest part of a closed compound that counts as a word of its own (`dev` + `tools`; two letters find words by chance: `my` + `sql`). */
const MIN_COMPOUND_PART = 3;

/**
 * The first thing the question is about that no passage mentions, as the question words it, or
 * null. A key term no passage has counts when it is a name (capitalised other than as the
 * question's first word, or written with capitals inside: `GraphQL`), holds a digit, or is a rare
 * word (not among the commonest words of spoken English: `kubernetes`, `protobuf`); spelling
 * corrections and other forms of a word the knowledge has are not missing. A name is given with
 * the capitalised words next to it (`Spratly Islands`).
 */
export function missingSubject(question: string, q: AnalyzedQuestion, index: SearchIndex): string | null {
  const weighed = q.groups.map((g) => ({ g, weight: subjectWeight(question, q, g, index) })).filter((x) => x.weight > 0);
  // Names and numbers when there are any, else the rare words; in the question's order.
  const top = weighed.some((x) => x.weight >= NAME) ? weighed.filter((x) => x.weight >= NAME) : weighed;
  const names = [...new Set(top.map((x) => nameAround(question, x.g.from)))].slice(0, MAX_NAMED);
  return names.length ? names.join(names.length === 2 ? ' or ' : ', ') : null;
}

/** How surely a key term no passage has is what the question is about (names and numbers 2, rare words their rarity); 0 when it is not missing or not a subject. */
function subjectWeight(question: string, q: AnalyzedQuestion, g: TermGroup, index: SearchIndex): number {
  const [first] = g.alternatives;
  if (g.corrected || g.fromContext || !missingWord(g, index)) return 0;
  const word = g.from;
  // A URL, path or option value the question quotes is the asker's own (`https://myapp.example.com/events`, `--port 3000`).
  if (inExample(question, word)) return 0;
  if (/\d/.test(word)) return NAME;
  const at = question.indexOf(word);
  const opening = question.slice(0, Math.max(0, at)).trim() === '';
  if ((/^\p{Lu}/u.test(word) && !opening) || /\p{Ll}\p{Lu}/u.test(word)) return NAME;
  const rarity = unknownWeight(first.label);
  if (first.label.length < MIN_RARE_LENGTH || rarity < RARE || WORD_ENDING.test(first.label)) return 0;
  if (joinsKnownWords(first.label, index) || headOfKnownCompound(q, question, word)) return 0;
  // A verb says what happens in the asker's case (`which flag silences it`), not what it is about.
  return verbsOf(question).has(fold(word)) ? 0 : rarity;
}

/**
 * Whether a word of letters joins two words the knowledge uses (`devtools`, `subprocess`): a
 * compound of what it writes about, not a product's name. (It still counts as a word no passage
 * has: the engine abstains when the rest of the question is not covered well enough.)
 */
function joinsKnownWords(word: string, index: SearchIndex): boolean {
  if (!/^\p{L}+$/u.test(word)) return false;
  for (let at = MIN_COMPOUND_PART; at <= word.length - MIN_COMPOUND_PART; at++)
    if (index.has(stem(word.slice(0, at))) && index.has(stem(word.slice(at)))) return true;
  return false;
}

/** Whether the word stands in a URL or a path of the question (a run of text without spaces holding `://` or starting with `/`), or is the value of a flag or variable. */
function inExample(question: string, word: string): boolean {
  const at = question.indexOf(word);
  if (at < 0) return false;
  const start = question.lastIndexOf(' ', at) + 1;
  const end = question.indexOf(' ', at);
  const run = question.slice(start, end < 0 ? undefined : end);
  // …or the value given to a flag or variable (`--port 3000`, `PORT=3000`).
  const before = question.slice(0, start).trimEnd();
  return run.includes('://') || run.startsWith('/') || run.includes('=') || /(?:^|\s)--?[\p{L}][\p{L}\p{N}-]*$/u.test(before);
}

/**
 * Whether no passage has the word: none at all, or — for a rare word — only shorter words it
 * begins like (`graphql` is not `graph`, nor `datadog` `data`; `parse` is `parser`, `religious` `religion`).
 */
function missingWord(g: TermGroup, index: SearchIndex): boolean {
  const [word, ...others] = g.alternatives;
  if (g.unknown) return !index.inCode(word.terms[0]!);
  if (index.has(word.terms[0]!) || unknownWeight(word.label) < 1) return false;
  return others.every((a) => a.derived && a.label.length < word.label.length - 1);
}

/** The word as the question writes it (`F-35`, `socket.io`), with the capitalised words right before and after it (a name's other words). */
function nameAround(question: string, word: string): string {
  const found = question.indexOf(word);
  if (found < 0) return word;
  // The whole token the word stands in: `F` of `F-35`.
  let at = found;
  let end = found + word.length;
  while (at > 0 && /[\p{L}\p{N}.\-/]/u.test(question[at - 1]!)) at--;
  while (end < question.length && /[\p{L}\p{N}.\-/]/u.test(question[end]!)) end++;
  while (end > at && /[.\-/]/.test(question[end - 1]!)) end--;
  const token = question.slice(at, end);
  if (!/^\p{Lu}/u.test(token)) return token;
  const before = /((?:\p{Lu}[\p{L}.'’-]*\s+)*)$/u.exec(question.slice(0, at))![1]!;
  const after = /^((?:\s+\p{Lu}[\p{L}.'’-]*)*)/u.exec(question.slice(end))![1]!;
  // The question's first word is its own (`What`, `Does`), not the name's.
  const lead = question.slice(0, at - before.length).trim() === '' ? before.replace(/^\S+\s+/, '') : before;
  return `${lead}${token}${after}`.trim();
}
