/**
 * Term processing shared by indexing and questions, so both see the same terms:
 * case and accent folding, British → American spelling, country names and demonyms
 * made one term (`Japanese` → `japan`, `U.S.` → `unitedstates`), Porter2 stemming,
 * stop words, and punctuation inside tokens (`U.S.`, `SM-6`, `50,000`, `late-March`).
 */
import { createRequire } from 'node:module';
import { fold } from './fold.js';
import { BRITISH_TO_AMERICAN, CASE_SENSITIVE_COUNTRY_CODES, COUNTRY_NAMES, STOP_WORDS } from './lexicon.js';

const require = createRequire(import.meta.url);
const porter2: (word: string) => string = require('wink-porter2-stemmer');

export interface Token {
  /** The word as written. */
  surface: string;
  /** Folded and normalized, before stemming (`defence` → `defense`, `Japanese` → `japan`). */
  word: string;
  /** The index term: `word` stemmed, unless it is a number or a country. */
  term: string;
  /** Offsets of the surface in the text. */
  start: number;
  end: number;
  stop: boolean;
  /** Part of a hyphenated or dotted compound, also indexed whole. */
  part?: boolean;
  /** The whole of a hyphenated compound (`war-fighting` → `warfight`), after its parts. */
  compound?: boolean;
}

/** What a word is (the tokens' scanner, `tokenSpans`, finds exactly its matches). */
export const TOKEN_RE = /[\p{L}\p{N}]+(?:[.'\u2019\u2018,&/\u2010\u2011-][\p{L}\p{N}]+)*/gu;
const DOTTED_ACRONYM = /^(?:\p{L}\.)+\p{L}$/u;
const NUMBER_WITH_COMMAS = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const DECIMAL = /^\d+\.\d+$/;
/** A version number of three parts or more, maybe with a prerelease tag (`1.2.3`, `v20.11.0`, `1.3.0-beta.1`, `1.2.x`). */
const VERSION = /^v?\d+(?:\.(?:\d+|[xX*])){2,}(?:-[\p{L}\p{N}]+(?:\.[\p{L}\p{N}]+)*)?$/u;
/** Range operators written before a version (`^1.2.0`, `~1.2.3`, `>=1.2.3`): part of what it means. */
const VERSION_OPERATOR = /(?:\^|~|[<>]=?|=)$/;

/**
 * A word longer than this (a hash, a base64 blob, a minified line) is indexed as it is: never
 * split, normalized or stemmed (stemming is quadratic in the word's length: 16 s for 20,000 letters).
 */
export const MAX_WORD = 64;

const stemCache = new Map<string, string>();

/** Porter2 stem, memoized. Numbers and canonical country terms are returned as they are. */
export function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = /\d/.test(word) ? word : porter2(word);
    if (stemCache.size < 200_000) stemCache.set(word, s);
  }
  return s;
}

/** Normalizes one folded word: British → American spelling, possessives and apostrophes dropped. */
function normalizeWord(folded: string): string {
  const w = folded.replace(/'s$/, '').replace(/'/g, '');
  // Prototype-safe: `constructor` in a README is a word, not Object's constructor.
  return Object.hasOwn(BRITISH_TO_AMERICAN, w) ? BRITISH_TO_AMERICAN[w]! : w;
}

function makeToken(surface: string, word: string, start: number, part = false): Token {
  const country = countryOf(surface, word);
  if (country) return { surface, word: country, term: country, start, end: start + surface.length, stop: false, part };
  const stop = STOP_WORDS.has(word);
  return { surface, word, term: stem(word), start, end: start + surface.length, stop, part };
}

function countryOf(surface: string, word: string): string | undefined {
  if (CASE_SENSITIVE_COUNTRY_CODES.has(word) && surface.replace(/\./g, '') !== surface.replace(/\./g, '').toUpperCase()) return undefined;
  return COUNTRY_NAMES.get(word)?.term;
}

/**
 * The tokens of a word, worked out once (at offset 0) and copied at each offset it is met again:
 * a file repeats its words, and folding, splitting and stemming each occurrence was a fifth of
 * analysing it. `null`: a version, whose tokens depend on the text before it (its range operator).
 */
const wordTokens = new Map<string, { tokens: Token[]; acronym: boolean } | null>();
/** Words whose tokens are kept (a file's vocabulary is a few thousand words; past this, a new word is worked out each time). */
const WORD_CACHE = 100_000;

/** Splits text into tokens with their offsets. Stop words are kept, flagged. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const spans = wordSpans(text);
  for (let k = 0; k < spans.length; k += 2) {
    const start = spans[k]!;
    const surface = text.slice(start, spans[k + 1]);
    let cached = wordTokens.get(surface);
    if (cached === undefined) {
      cached = surface.length <= MAX_WORD && VERSION.test(surface) ? null : wordTokensAt0(surface);
      if (wordTokens.size < WORD_CACHE) wordTokens.set(surface, cached);
    }
    if (cached === null) {
      out.push(...versionTokens(text, surface, fold(surface), start));
      continue;
    }
    for (const t of cached.tokens) {
      // Built field by field: a spread copy took most of tokenizing.
      const token: Token = { surface: t.surface, word: t.word, term: t.term, start: t.start + start, end: t.end + start, stop: t.stop };
      if (t.part !== undefined) token.part = t.part;
      if (t.compound !== undefined) token.compound = t.compound;
      out.push(token);
    }
    // `U.S.`: the closing dot belongs to the acronym (for highlighting), not to the sentence.
    if (cached.acronym && text[start + surface.length] === '.') out[out.length - 1]!.end++;
  }
  return joinCountryPhrases(out);
}

/** The tokens of one word (not a version) written at offset 0, and whether it is a dotted acronym (`U.S`). */
function wordTokensAt0(surface: string): { tokens: Token[]; acronym: boolean } {
  const one = (token: Token) => ({ tokens: [token], acronym: false });
  if (surface.length > MAX_WORD) {
    const word = surface.toLowerCase();
    return one({ surface, word, term: word, start: 0, end: surface.length, stop: false });
  }
  const folded = fold(surface);
  if (NUMBER_WITH_COMMAS.test(folded)) return one(makeToken(surface, folded.replace(/,/g, ''), 0));
  if (DECIMAL.test(folded)) return one(makeToken(surface, folded, 0));
  if (DOTTED_ACRONYM.test(surface)) return { tokens: [makeToken(surface, folded.replace(/\./g, ''), 0)], acronym: true };
  // Split on inner punctuation; hyphenated and dotted compounds are also kept whole.
  const parts = [...surface.matchAll(/[\p{L}\p{N}]+(?:['\u2019][\p{L}]+)?/gu)];
  if (parts.length === 1) return one(makeToken(surface, normalizeWord(folded), 0));
  const joinable = /^[\p{L}\p{N}'\u2019]+(?:[\u2010\u2011-][\p{L}\p{N}'\u2019]+)+$/u.test(surface);
  const tokens = parts.map((p) => makeToken(p[0], normalizeWord(fold(p[0])), p.index, joinable));
  if (joinable) {
    const whole = normalizeWord(folded.replace(/[-']/g, ''));
    tokens.push({ ...makeToken(surface, whole, 0), stop: false, compound: true });
  }
  return { tokens, acronym: false };
}

/**
 * A version is one term, not its numbers one by one (`1`, `2`, `3` stand in most sentences of a
 * changelog): with its range operator when it has one (`^1.2.0` is not `~1.2.0`), and the bare
 * version (without operator or prerelease tag) also indexed whole, so that `1.2.3` finds `~1.2.3`.
 */
function versionTokens(text: string, surface: string, folded: string, start: number): Token[] {
  const operator = VERSION_OPERATOR.exec(text.slice(Math.max(0, start - 2), start))?.[0] ?? '';
  const version = folded.replace(/^v/, '');
  const word = operator + version;
  const out: Token[] = [
    { surface: operator + surface, word, term: word, start: start - operator.length, end: start + surface.length, stop: false },
  ];
  const bare = version.replace(/-.*$/, '');
  if (bare !== word) out.push({ surface, word: bare, term: bare, start, end: start + surface.length, stop: false, compound: true });
  return out;
}

/**
 * A run without spaces longer than this (a minified line, a data blob) is one token as it is, not
 * read word by word: no word, path or URL written by hand is this long, and a 1 MB line of `x.y(`
 * took 3 s to index piece by piece.
 */
export const MAX_RUN = 1000;

/** Whether UTF-16 unit `c` is white space as `\s` reads it (WhiteSpace and LineTerminator). */
function isSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * The runs of more than `MAX_RUN` characters without white space in a text, as `[start, end)`
 * pairs in one flat array: what the regular expression `\S{1001,}` finds, in one pass (it
 * rescanned each word from every position of it: 1.5 % of analysing /usr/share/doc).
 */
export function longRuns(text: string): number[] {
  const out: number[] = [];
  if (text.length <= MAX_RUN) return out;
  let from = -1;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || isSpace(text.charCodeAt(i))) {
      if (from >= 0 && i - from > MAX_RUN) out.push(from, i);
      from = -1;
    } else if (from < 0) from = i;
  }
  return out;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** Per UTF-16 unit (not a surrogate) past ASCII: 1 a letter or digit, 2 not, 0 not looked up yet. */
const letterOrDigitBmp = new Uint8Array(0x10000);

/** The length (1, or 2 for a surrogate pair) of the letter or digit (`[\p{L}\p{N}]`) at `i` of a text, or 0. */
function letterOrDigitAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : 0;
  if (c >= 0xd800 && c <= 0xdfff) {
    const d = text.charCodeAt(i + 1);
    return c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff && LETTER_OR_DIGIT.test(text.slice(i, i + 2)) ? 2 : 0;
  }
  let known = letterOrDigitBmp[c]!;
  if (known === 0) letterOrDigitBmp[c] = known = LETTER_OR_DIGIT.test(String.fromCharCode(c)) ? 1 : 2;
  return known === 1 ? 1 : 0;
}

/** Whether UTF-16 unit `c` joins two runs of letters and digits into one word (`TOKEN_RE`'s `[.'\u2019\u2018,&/\u2010\u2011-]`). */
function isJoiner(c: number): boolean {
  return (
    c === 46 || c === 39 || c === 44 || c === 38 || c === 47 || c === 45 || c === 0x2019 || c === 0x2018 || c === 0x2010 || c === 0x2011
  );
}

/** Appends the `[start, end)` of each `TOKEN_RE` match in `text[from, to)` to `out`, scanned by hand (no match objects). */
function tokenSpans(text: string, from: number, to: number, out: number[]): void {
  let i = from;
  while (i < to) {
    let n = letterOrDigitAt(text, i);
    if (n === 0) {
      i++;
      continue;
    }
    const start = i;
    for (;;) {
      while (n > 0 && i + n <= to) {
        i += n;
        n = i < to ? letterOrDigitAt(text, i) : 0;
      }
      if (i + 1 < to && isJoiner(text.charCodeAt(i)) && (n = letterOrDigitAt(text, i + 1)) > 0 && i + 1 + n <= to) i++;
      else break;
    }
    out.push(start, i);
  }
}

/** The words of a text (`TOKEN_RE` matches) as `[start, end)` pairs, with runs longer than `MAX_RUN` as one word each (none without a letter or digit). */
export function wordSpans(text: string): number[] {
  const out: number[] = [];
  let at = 0;
  const runs = longRuns(text);
  for (let r = 0; r < runs.length; r += 2) {
    tokenSpans(text, at, runs[r]!, out);
    if (LETTER_OR_DIGIT.test(text.slice(runs[r], runs[r + 1]))) out.push(runs[r]!, runs[r + 1]!);
    at = runs[r + 1]!;
  }
  tokenSpans(text, at, text.length, out);
  return out;
}

/** First words of multi-word country names → the longest such name in words. */
const PHRASE_STARTS = new Map<string, number>();
for (const key of COUNTRY_NAMES.keys()) {
  const words = key.split(' ');
  if (words.length > 1) PHRASE_STARTS.set(words[0]!, Math.max(PHRASE_STARTS.get(words[0]!) ?? 0, words.length));
}
/** ASCII characters that begin one of those first words, in either case: a word beginning with another ASCII character is looked up no further. */
const PHRASE_FIRST = new Uint8Array(128);
for (const word of PHRASE_STARTS.keys()) {
  const c = word.charCodeAt(0);
  if (c < 128) PHRASE_FIRST[c] = PHRASE_FIRST[word[0]!.toUpperCase().charCodeAt(0) & 127] = 1;
}

/** The most words of a country name that can begin with this token (0: none). */
function phraseStart(token: Token): number {
  if (token.part) return 0;
  const c = token.surface.charCodeAt(0);
  if (c < 128 && PHRASE_FIRST[c] === 0) return 0;
  return PHRASE_STARTS.get(token.surface.toLowerCase()) ?? 0;
}

/** `United States`, `New Zealand`, `South Korea`: several tokens that name one country become one. */
function joinCountryPhrases(tokens: Token[]): Token[] {
  /** A copy, made at the first name joined (most texts have none). */
  let out: Token[] | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const longest = phraseStart(tokens[i]!);
    let joined = false;
    for (let n = Math.min(longest, tokens.length - i); n >= 2 && !joined; n--) {
      const run = tokens.slice(i, i + n);
      if (run.some((t) => t.part)) continue;
      const country = COUNTRY_NAMES.get(run.map((t) => fold(t.surface)).join(' '));
      if (!country) continue;
      const last = run[n - 1]!;
      out ??= tokens.slice(0, i);
      out.push({
        surface: run.map((t) => t.surface).join(' '),
        word: country.term,
        term: country.term,
        start: run[0]!.start,
        end: last.end,
        stop: false,
      });
      i += n - 1;
      joined = true;
    }
    if (!joined) out?.push(tokens[i]!);
  }
  return out ?? tokens;
}

/** The terms of a text as the index stores them: no stop words. */
export function indexTerms(text: string): string[] {
  const terms: string[] = [];
  for (const t of tokenize(text)) if (!t.stop) terms.push(t.term);
  return terms;
}

/**
 * The words an identifier is made of, lower case, for indexing code names by their parts:
 * `mkdirSync` → mkdir, sync; `process.env` → process, env; `--env-file` → env, file;
 * `XMLHttpRequest` → xml, http, request; `snake_case` → snake, case. A plain word gives itself.
 */
export function identifierParts(identifier: string): string[] {
  if (identifier.length > MAX_WORD) return [];
  return identifier
    .replace(/(\p{Ll}|\p{N})(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu}+)(\p{Lu}\p{Ll})/gu, '$1 $2')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** Index of `needle` as a run of whole words (or terms) in `haystack`, or -1 (also for an empty needle). */
export function indexOfWords(haystack: readonly string[], needle: readonly string[]): number {
  if (needle.length === 0) return -1;
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
