/**
 * Question analysis: what kind of answer is asked for, and the question's key terms, each
 * with the alternatives that count as a match — the term itself, a spelling correction
 * against the index vocabulary (only for words the vocabulary lacks), an acronym's
 * expansion (or the acronym of an expansion), a team synonym.
 */
import type SearchableMap from 'minisearch/SearchableMap';
import { nounsOf, taggedWords, type AcronymDefinition } from '../text/index.js';
import spokenWords from '../text/spoken-words.json' with { type: 'json' };
import { fold } from '../text/index.js';
import { indexOfWords, stem, tokenize, type Token } from '../text/index.js';
import type { AnswerKind } from './types.js';
import type { SearchIndex } from './search-index.js';

/** One way of matching a key term: a single term, or a phrase whose terms must all be present. */
export interface Alternative {
  terms: string[];
  /** 1 for the word itself; less for corrections, expansions and derived forms. */
  weight: number;
  label: string;
  /** Another form of the word found by its beginning (`religion` for `religious`): re-ranking only, not searched. */
  derived?: boolean;
}

export interface TermGroup {
  /** The words of the question this group stands for. */
  from: string;
  /** Best (highest weight) first; never empty. */
  alternatives: [Alternative, ...Alternative[]];
  idf: number;
  corrected: boolean;
  /** No alternative occurs in the index. */
  unknown: boolean;
  /** Taken from the conversation's earlier question, not this one (follow-up.ts). */
  fromContext?: boolean;
}

export interface AnalyzedQuestion {
  type: AnswerKind | null;
  /** What a developer's question asks for beyond an entity: a way to do it, a default, an option, a reason, a yes or no. */
  cues: DocsCue[];
  /** For `what is X` questions: tells a sentence that says what X is (`X is a …`, `called X a …`). */
  definition: DefinitionPattern | null;
  groups: TermGroup[];
  /** Folded words of the question (to keep answers that merely repeat it out). */
  words: Set<string>;
  /** Every index term that counts as a match: the terms of all alternatives of all groups. */
  terms: Set<string>;
  /** The terms minisearch is asked for: every alternative's, but derived forms only where no other form of the word is in the index. */
  searchTerms: string[];
}

const TYPE_RULES: [RegExp, AnswerKind][] = [
  [/\b(when|what (year|date|day|month|time|decade|century|period|era)|which (year|date|day|month|decade|century))\b/, 'date'],
  [
    /\b(how (many|much|large|big|long|far|old|tall|high|often|fast|heavy|deep|wide)|what (number|percentage|percent|amount|size|proportion|share|population|distance|length|temperature|speed)|how many)\b/,
    'number',
  ],
  [
    /\b(where|(what|which) (country|countries|city|cities|place|island|islands|region|state|location|town|continent|sea|river|area|nation))\b/,
    'place',
  ],
  [
    /\b(which|what) (newspaper|department|organization|organisation|company|agency|ministry|paper|group|university|party|team|network|institution|body|outlet)\b/,
    'organization',
  ],
  [
    /^(who|whom|whose)\b|\b(who|whom|whose)\b|\b(which|what) (person|man|woman|leader|minister|secretary|president|official|general|king|queen|emperor|scientist|author)\b/,
    'person',
  ],
];

/**
 * What a developer's question asks for, which an answering sentence shows by its wording: a way
 * to do something (`To …, use …`, `you can …`), a default (`by default`, `defaults to`), the name of an
 * option, flag or method (an identifier, `--flag`), a reason or an error's cause (`because`, `throws`),
 * a yes or no (`not`, `only`, `supports`). Rank's `cue` feature reads them.
 */
export type DocsCue = 'howto' | 'default' | 'option' | 'why' | 'yesno';

const CUE_RULES: [RegExp, DocsCue][] = [
  [
    /^(?:is there a way|what'?s the (?:best |right )?way|can (?:i|we)|i (?:want|need) to)\b|\bhow (?:do|can|should|would|to)\b|^(?:make|load|read|get|set|turn|use|strip|validate|import|keep|stop|run|force|add|remove|exclude|enable|disable|allow|prevent|convert|show|hide|print|build|install|configure)\b/,
    'howto',
  ],
  [/\bdefault|\bout of the box\b/, 'default'],
  [
    /\b(?:option|flag|setting|method|function|env var|environment variable|field|property|parameter|argument|pragma|variable)s?\b/,
    'option',
  ],
  [
    /^why\b|\bwhy (?:does|do|is|are|did|doesn'?t|isn'?t)\b|\berrors?\b|\bfails?\b|\bcrash|\bthrows?\b|\bblows? up\b|\bbreaks?\b|\bmalformed\b|\b(?:doesn'?t|does not|isn'?t|is not|not) work|\bnever (?:sees|gets|shows)\b|\bloses\b|\bdon'?t show/,
    'why',
  ],
  [/^(?:does|do|is|are|can|will|should|did|has|have)\b/, 'yesno'],
];

/** The cues of a question (none for most questions about prose). */
export function docsCues(question: string): DocsCue[] {
  const q = fold(question).trim();
  return CUE_RULES.filter(([re]) => re.test(q)).map(([, cue]) => cue);
}

/** The kind of answer a question asks for, when it is clear. */
export function questionType(question: string): AnswerKind | null {
  const q = fold(question);
  for (const [re, kind] of TYPE_RULES) if (re.test(q)) return kind;
  return null;
}

/** Question words and fillers that say what is asked, not what it is about. */
const QUESTION_FILLER = new Set([
  'happen',
  'happened',
  'mean',
  'meant',
  'use',
  'used',
  'go',
  'get',
  'got',
  'make',
  'made',
  'give',
  'given',
  'happens',
]);
/** `how large`, `what year`: words that only say which kind of answer is wanted. */
const TYPE_PHRASE =
  /\b(?:how (?:many|much|large|big|long|far|old|tall|high|often|fast|heavy|deep|wide)|(?:what|which) (?:year|date|day|month|time|decade|century|number|percentage|percent|amount|size|country|city|place|location|person|newspaper|department|organization|organisation|company|agency))\b/g;

/** Words of spoken English ranked by frequency beyond this count fully (scripts/spoken-words.ts keeps these). */
export const SPOKEN_WORDS_KEPT = 20_000;
let spokenRank: Map<string, number> | undefined;
/** A word's rank among the most frequent words of spoken English (SUBTLEX-US), or undefined. */
function spokenRankOf(word: string): number | undefined {
  spokenRank ??= new Map(spokenWords.map((w, i) => [w, i]));
  return spokenRank.get(word);
}

/**
 * How much a word the knowledge never uses should count against answering: a rare word
 * (`Everest`) fully, an everyday one (`presence`, `target`) less, by its rank in SUBTLEX-US
 * spoken-English word frequencies.
 */
export function unknownWeight(word: string): number {
  const rank = spokenRankOf(word);
  return rank === undefined ? 1 : Math.min(1, Math.sqrt(rank / SPOKEN_WORDS_KEPT));
}

/** The weight of the most common words of spoken English in `specificity` (0.15 to 0.5 tried on SQuAD; 0.2 to 0.4 do alike). */
const COMMON_WORD_WEIGHT = 0.3;
/**
 * How much a key term says what the question is about, from 1 for a rare word or a phrase down
 * to 0.3 for the most common words of spoken English (`known`, `type`, `stand`), on the
 * `unknownWeight` scale. Answerability weighs key terms by it; ranking does not.
 */
export function specificity(g: TermGroup): number {
  const [first] = g.alternatives;
  return first.terms.length === 1 ? COMMON_WORD_WEIGHT + (1 - COMMON_WORD_WEIGHT) * unknownWeight(first.label) : 1;
}

/**
 * Abbreviations developers type for words docs spell out (`env var` → environment variable,
 * `args`, `config`, `repo`, `async`): a question's abbreviation also matches the full form (at
 * `ABBREVIATION_WEIGHT`), never the other way round (a question that says `development` is not
 * about `dev`). Only abbreviations with one common meaning in software and none whose full form
 * shares its stem with an everyday word (`spec`: specific, `prod`: product), nor a package's or a
 * tool's name (`ws`, `ms`).
 */
export const DEVELOPER_ABBREVIATIONS: readonly (readonly [string, string])[] = [
  ['env', 'environment'],
  ['var', 'variable'],
  ['config', 'configuration'],
  ['auth', 'authentication'],
  ['repo', 'repository'],
  ['arg', 'argument'],
  ['param', 'parameter'],
  ['dir', 'directory'],
  ['dep', 'dependency'],
  ['pkg', 'package'],
  ['msg', 'message'],
  ['err', 'error'],
  ['db', 'database'],
  ['async', 'asynchronous'],
  ['sync', 'synchronous'],
  ['ts', 'typescript'],
  ['js', 'javascript'],
  ['docs', 'documentation'],
  ['info', 'information'],
  ['dev', 'development'],
  ['lib', 'library'],
  ['func', 'function'],
  ['impl', 'implementation'],
  ['init', 'initialize'],
  ['perf', 'performance'],
  ['regex', 'regular expression'],
  ['cli', 'command line'],
  ['tmp', 'temporary'],
  ['attr', 'attribute'],
  ['obj', 'object'],
  ['str', 'string'],
  ['bool', 'boolean'],
];

export interface QuestionContext {
  index: SearchIndex;
  acronyms: AcronymDefinition[];
  synonyms: string[][];
}

/** A version's term (`1.4.2`, `^1.2.0`): three numbers or more. */
const VERSION_TERM = /\d\.\d+\./;

/** Analyses a question against the index. */
export function analyzeQuestion(question: string, ctx: QuestionContext): AnalyzedQuestion {
  const typeWords = new Set<number>();
  for (const m of fold(question).matchAll(TYPE_PHRASE))
    for (let i = m.index + m[0].indexOf(' ') + 1; i < m.index + m[0].length; i++) typeWords.add(i);
  const all = tokenize(question);
  const tokens = all.filter((t) => !t.stop && !t.compound && !QUESTION_FILLER.has(t.word) && !typeWords.has(t.start));
  const words = new Set(all.map((t) => t.word));
  let groups: TermGroup[] = tokens.map((t) => groupFor(t, ctx.index));
  groups = mergePhrases(groups, tokens, ctx);
  // A version no passage has (`1.4.2`) is the asker's example, not what the question is about: left out when other words remain.
  const examples = groups.filter((g) => g.unknown && VERSION_TERM.test(g.alternatives[0]!.label));
  if (examples.length < groups.length) groups = groups.filter((g) => !examples.includes(g));
  // The same term twice counts once.
  const seen = new Set<string>();
  groups = groups.filter((g) => {
    const key = g.alternatives[0].terms.join(' ');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  // A corrected word names the same thing as the word typed (`Senkaku` → `Senkanku`).
  for (const g of groups) if (g.corrected) words.add(g.alternatives[0].label);
  const terms = new Set(groups.flatMap((g) => g.alternatives.flatMap((a) => a.terms)));
  // Derived forms are searched for only when no other form of the word is in the index.
  const searched = (g: TermGroup) =>
    g.alternatives.some((b) => !b.derived && b.terms.every((t) => ctx.index.has(t)))
      ? g.alternatives.filter((a) => !a.derived)
      : g.alternatives;
  const searchTerms = [...new Set(groups.flatMap((g) => searched(g).flatMap((a) => a.terms)))];
  return {
    type: questionType(question),
    cues: docsCues(question),
    definition: definitionPattern(question),
    groups,
    words,
    terms,
    searchTerms,
  };
}

/** How rare in everyday speech (`unknownWeight`) a word must be to count as a name in `unknownNames` (`role`, `phone` are 0.38 and 0.14; `prices` 0.52, `webhook` 1). */
const NAME_RARITY = 0.5;

/**
 * The key terms no passage has that the question uses as nouns and that are not everyday words
 * (`kubernetes`, `webhook`): things it asks about that the knowledge never names. (Unknown verbs and
 * adjectives mostly describe the asker's situation: `kills my test runner`, `too noisy`; an everyday
 * noun such as `role` is often the question's own wording.) Tagging costs a tenth of a millisecond
 * and makes garbage, so the engine asks only when the answer turns on it.
 */
export function unknownNames(q: AnalyzedQuestion, question: string): string[] {
  const unknown = q.groups.filter((g) => g.unknown && !/\d/.test(g.from) && unknownWeight(fold(g.from)) >= NAME_RARITY);
  if (unknown.length === 0) return [];
  const nouns = nounsOf(question);
  return unknown.filter((g) => nouns.has(fold(g.from)) && !headOfKnownCompound(q, question, g.from)).map((g) => g.from);
}

const NOUN_TAGS = new Set(['NOUN', 'PROPN']);

/**
 * Whether the question uses the word as the head of a noun compound whose modifier the knowledge
 * has (`test runner`, `clock skew`, `chrome devtools`): a part or kind of something the docs
 * cover, which they may word otherwise. A name the docs lack modifies a noun (`kafka topics`,
 * `toml file`) or stands alone (`logs to datadog`).
 */
export function headOfKnownCompound(q: AnalyzedQuestion, question: string, word: string): boolean {
  const tagged = taggedWords(question);
  const at = tagged.findIndex((t) => t.value === word);
  if (at < 1) return false;
  const modifier = tagged[at - 1]!;
  if (!NOUN_TAGS.has(modifier.pos) || NOUN_TAGS.has(tagged[at + 1]?.pos ?? '')) return false;
  return q.groups.some((g) => !g.unknown && g.from === modifier.value);
}

/** Tests folded sentence text. */
export interface DefinitionPattern {
  test(folded: string): boolean;
}

const DETERMINER = '(?:a|an|the|our|their|its|his|her|one)';
/** What follows the subject in `X is a …`, `X's are the …`. */
const DEFINED_AS = new RegExp(`^(?:'s)? (?:is|are|was|were|remains|as) ${DETERMINER}\\b`);
/** What stands before the subject in `called X a …` (then a determiner follows it). */
const NAMED = /\b(?:called|named|calls|call|as) $/;
const THEN_DETERMINER = new RegExp(`^ ${DETERMINER}\\b`);

/**
 * `What is Japan's role …?` (or `what's zod`, `what is eslint for`) → a pattern for `japan('s)? (is|are|…) (a|our|…)` or
 * `(called|named|as) japan (a|our|…)` in folded text. The subject is found with `indexOf` and
 * the words around it with fixed expressions: a regular expression made for each question costs
 * milliseconds to compile on first use.
 */
function definitionPattern(question: string): DefinitionPattern | null {
  const m =
    /^what(?:'s| is| are| was| were) (?:the |a |an )?([a-z][a-z .-]{1,40}?)(?:'s)?(?: (?:role|position|status|job|place|function|purpose))?(?: according to .*| in .*| for .*| for)?\?*$/.exec(
      fold(question).trim(),
    );
  if (!m) return null;
  const subject = m[1]!.trim();
  return {
    test(folded) {
      for (let at = folded.indexOf(subject); at >= 0; at = folded.indexOf(subject, at + 1)) {
        if (at > 0 && /\w/.test(folded[at - 1]!)) continue;
        const after = folded.slice(at + subject.length, at + subject.length + 24);
        if (DEFINED_AS.test(after) || (NAMED.test(folded.slice(Math.max(0, at - 10), at)) && THEN_DETERMINER.test(after))) return true;
      }
      return false;
    },
  };
}

/** How much a derived form (`religion` for `religious`) counts against the word itself (tried 0.3, 0.5, 0.7 on SQuAD). */
const DERIVED_WEIGHT = 0.5;

/** How much the full form of an abbreviation counts against the word typed (as an acronym's expansion). */
const ABBREVIATION_WEIGHT = 0.9;
let abbreviations: Map<string, Alternative> | undefined;
/** The full form of an abbreviation the question typed, by the abbreviation's term. */
function fullForm(term: string): Alternative | undefined {
  abbreviations ??= new Map(
    DEVELOPER_ABBREVIATIONS.map(([short, long]) => [stem(short), { terms: phraseTerms(long), weight: ABBREVIATION_WEIGHT, label: long }]),
  );
  return abbreviations.get(term);
}

function groupFor(t: Token, index: SearchIndex): TermGroup {
  const word: Alternative = { terms: [t.term], weight: 1, label: t.word };
  const known = index.has(t.term);
  const full = fullForm(t.term);
  if (full && full.terms.every((x) => index.has(x))) {
    const idf = Math.max(...full.terms.map((x) => index.idf(x)));
    return { from: t.surface, alternatives: [word, full], idf: known ? index.idf(t.term) : idf, corrected: false, unknown: false };
  }
  // A word typed in capitals is an acronym or a name (`TOML`, `CSP`), not a misspelling of a word.
  // Nor is a name the knowledge's code uses (`usefaketimers`).
  if (!known && !/^\p{Lu}[\p{Lu}\d]+$/u.test(t.surface) && !index.inCode(t.term)) {
    const fix = correct(t.word, index);
    if (fix && index.has(stem(fix))) {
      return {
        from: t.surface,
        alternatives: [{ terms: [stem(fix)], weight: 0.85, label: fix }],
        idf: index.idf(stem(fix)),
        corrected: true,
        unknown: false,
      };
    }
  }
  const derived = index.derivedTerms(t.term);
  const alternatives: TermGroup['alternatives'] = [
    word,
    ...derived.map((d): Alternative => ({ terms: [d], weight: DERIVED_WEIGHT, label: d, derived: true })),
  ];
  if (known) return { from: t.surface, alternatives, idf: index.idf(t.term), corrected: false, unknown: false };
  if (derived.length > 0)
    return { from: t.surface, alternatives, idf: Math.max(...derived.map((d) => index.idf(d))), corrected: false, unknown: false };
  return { from: t.surface, alternatives, idf: index.idf(t.term) * unknownWeight(t.word), corrected: false, unknown: true };
}

/** A JavaScript package's name (`dayjs`, `nextjs`): the name of a thing, not a misspelt word (`dayjs` is not `days`). */
const PACKAGE_NAME = /\p{L}js$/u;

/**
 * The closest word of the vocabulary within an edit distance scaled to the word's length
 * (none under 4 letters, 1 up to 7, 2 from 8 — at 2 only words with the same first letter;
 * swapping two neighbouring letters counts 1), the most frequent on a tie.
 */
export function correct(word: string, index: SearchIndex): string | null {
  // A word of everyday English is not a misspelling (`Nobel` is not `novel`, nor `killer` `killed`).
  if (word.length < 4 || /\d/.test(word) || spokenRankOf(word) !== undefined || PACKAGE_NAME.test(word)) return null;
  // Any word at distance 1 beats every word at distance 2, so the wider search runs only when there is none.
  const near = closest([...index.vocabulary.fuzzyGet(word, 1), ...transpositions(index.vocabulary, word)]);
  return near ?? (word.length >= 8 ? closest(sameInitialMatches(index.vocabulary, word, 2)) : null);
}

/**
 * Words of the vocabulary that are `word` with two neighbouring letters swapped (`srevice` →
 * `service`, `vBSN` → `vBNS`), the commonest typing slip: one edit, where Levenshtein distance counts two.
 */
function* transpositions(vocabulary: SearchableMap<number>, word: string): Generator<[string, [number, number]]> {
  for (let i = 0; i + 1 < word.length; i++) {
    if (word[i] === word[i + 1]) continue;
    const swapped = word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    const count = vocabulary.get(swapped);
    if (count !== undefined) yield [swapped, [count, 1]];
  }
}

/** The match at the smallest distance, the most frequent on a tie, the first on a full tie. */
function closest(matches: Iterable<[string, [count: number, distance: number]]>): string | null {
  let best: { word: string; distance: number; count: number } | null = null;
  for (const [candidate, [count, distance]] of matches) {
    if (!best || distance < best.distance || (distance === best.distance && count > best.count))
      best = { word: candidate, distance, count };
  }
  return best?.word ?? null;
}

/**
 * Words within `distance` of `word` that start with its letter, in the vocabulary's order:
 * searched in that letter's branch of the vocabulary only, with the letter dropped (it does not
 * change the edit distance), which is several times faster than searching the whole vocabulary.
 */
function* sameInitialMatches(vocabulary: SearchableMap<number>, word: string, distance: number): Generator<[string, [number, number]]> {
  const initial = word[0]!;
  // A view of the branch: its keys, and so `fuzzyGet`'s, go without the prefix.
  for (const [rest, match] of vocabulary.atPrefix(initial).fuzzyGet(word.slice(1), distance)) yield [initial + rest, match];
}

/**
 * Acronyms and team synonyms: where the question holds a phrase of a group (`MRAAM`, or
 * `medium-range air to air missiles`), its terms become one key term whose alternatives are every form.
 */
function mergePhrases(groups: TermGroup[], tokens: Token[], ctx: QuestionContext): TermGroup[] {
  const { sets, byFirstTerm } = phraseIndex(ctx);
  const qTerms = groups.map((g) => g.alternatives[0].terms[0]!);
  // Only a group with a phrase that starts with a term of the question can match: those, in order.
  const candidates = [...new Set(qTerms.flatMap((t) => byFirstTerm.get(t) ?? []))].sort((a, b) => a - b);
  for (const phrases of candidates.map((i) => sets[i]!)) {
    const forms = phrases.map((f) => f.terms);
    for (const form of forms) {
      const at = indexOfWords(qTerms, form);
      if (at < 0) continue;
      // The form the question used first, then the others.
      const [best, ...others] = phrases
        .map((f) => ({ terms: f.terms, weight: f.terms === form ? 1 : 0.9, label: f.label }))
        .sort((a, b) => b.weight - a.weight);
      if (!best) continue;
      const merged: TermGroup = {
        from: tokens
          .slice(at, at + form.length)
          .map((t) => t.surface)
          .join(' '),
        alternatives: [best, ...others],
        idf: Math.max(
          ...groups.slice(at, at + form.length).map((g) => g.idf),
          ...forms.flatMap((f) => f.map((t) => ctx.index.idf(t))).filter((x) => x < 50),
        ),
        corrected: false,
        unknown: !forms.some((f) => f.every((t) => ctx.index.has(t))),
      };
      merged.idf =
        Math.max(...forms.filter((f) => f.every((t) => ctx.index.has(t))).map((f) => Math.max(...f.map((t) => ctx.index.idf(t)))), 0) ||
        merged.idf;
      groups = [...groups.slice(0, at), merged, ...groups.slice(at + form.length)];
      qTerms.splice(at, form.length, '\u0000');
      break;
    }
  }
  return groups;
}

/** A form of an acronym or synonym group: its words, and their key terms. */
interface Phrase {
  label: string;
  terms: string[];
}

/** The acronym and synonym groups as phrases, and which groups have a phrase starting with each term. */
interface PhraseIndex {
  /** The lists it was built from. */
  acronyms: AcronymDefinition[];
  synonyms: string[][];
  sets: Phrase[][];
  byFirstTerm: Map<string, number[]>;
}

/** For each search index, the phrase index of the acronyms and synonyms its last question came with. */
const phraseIndexes = new WeakMap<SearchIndex, PhraseIndex>();
/**
 * The phrase index of the context's acronyms and synonyms, built again only when they change
 * (lists of the same items count as the same: a knowledge base makes new lists of its old items).
 */
function phraseIndex(ctx: QuestionContext): PhraseIndex {
  const { acronyms, synonyms } = ctx;
  const last = phraseIndexes.get(ctx.index);
  if (last && sameItems(last.acronyms, acronyms) && sameItems(last.synonyms, synonyms)) return last;
  const sets = [...acronyms.map((a) => [a.short, a.long]), ...synonyms].map((set) =>
    set.map((label) => ({ label, terms: phraseTerms(label) })).filter((f) => f.terms.length > 0),
  );
  const byFirstTerm = new Map<string, number[]>();
  sets.forEach((phrases, i) => {
    for (const first of new Set(phrases.map((f) => f.terms[0]!))) {
      const list = byFirstTerm.get(first);
      if (list) list.push(i);
      else byFirstTerm.set(first, [i]);
    }
  });
  const index = { acronyms, synonyms, sets, byFirstTerm };
  phraseIndexes.set(ctx.index, index);
  return index;
}

function sameItems<T>(a: T[], b: T[]): boolean {
  return a === b || (a.length === b.length && a.every((x, i) => x === b[i]));
}

const phraseCache = new Map<string, string[]>();
/** The key terms of a synonym or acronym phrase, memoized (the same phrases come back whenever the knowledge changes). */
function phraseTerms(label: string): string[] {
  let terms = phraseCache.get(label);
  if (!terms) {
    terms = tokenize(label)
      .filter((t) => !t.stop && !t.compound)
      .map((t) => t.term);
    if (phraseCache.size > 50_000) phraseCache.clear();
    phraseCache.set(label, terms);
  }
  return terms;
}
