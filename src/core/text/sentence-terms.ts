/**
 * The index terms of a file's sentences, worked out once with the file's analysis (in the worker
 * that analyses it) and saved with it in the snapshot: a warm start reads them instead of
 * tokenizing and stemming every sentence again, and the search index builds its postings and each
 * sentence's term sets from them. Compact: the file's distinct strings once, and per sentence
 * their positions in one typed array (a few bytes a term instead of a string and a Set entry).
 */
import { identifierParts, indexTerms, tokenize, type Token } from './terms.js';

export interface FileTerms {
  /** The file's distinct terms and words; the numbers below are positions in it. */
  strings: string[];
  /**
   * Sentence i is `data[start[i] .. start[i + 1])`: its number of terms, of identifier parts and of
   * code terms, its terms in order (stop words left out), its parts (`partTerms`), the terms of the
   * code it introduces that it does not have itself (`codeTerms`), then the word (folded, before
   * stemming) of each of its terms' tokens.
   */
  start: Uint32Array;
  data: Uint32Array;
  /** Sentence i's section (its heading path): `section[i]`, whose heading terms are `sectionData[sectionStart[s] .. sectionStart[s + 1])`. */
  section: Uint32Array;
  sectionStart: Uint32Array;
  sectionData: Uint32Array;
}

/** What a sentence's terms are worked out from. */
export interface SentenceText {
  text: string;
  headings: readonly string[];
  /** The code blocks it introduces. */
  code?: readonly { text: string }[];
}

/**
 * The terms of the parts of a sentence's identifiers that are not already terms of it
 * (`allErrors` → all, error; `WS_NO_BUFFER_UTIL` → buffer, util): a developer asks in words for an
 * option named by joining them. Searched and matched like the sentence's own terms, but not in its
 * word order (proximity) nor highlighted.
 */
export function partTerms(tokens: Token[]): string[] {
  let out: Set<string> | undefined;
  for (const t of tokens) {
    if (!IDENTIFIER.test(t.surface)) continue;
    for (const term of identifierTerms(t.surface)) if (term !== t.term) (out ??= new Set()).add(term);
  }
  return out ? [...out] : [];
}

/** A name joined from words: camelCase or snake_case. */
const IDENTIFIER = /\p{Ll}\p{Lu}|_/u;
/** Identifiers whose parts' terms are kept (a folder names a few thousand; past this, they are worked out each time). */
const IDENTIFIER_CACHE = 50_000;
const identifierCache = new Map<string, string[]>();
/** The index terms of an identifier's parts, worked out once per identifier. */
function identifierTerms(identifier: string): string[] {
  let terms = identifierCache.get(identifier);
  if (terms === undefined) {
    terms = indexTerms(identifierParts(identifier).join(' '));
    if (identifierCache.size < IDENTIFIER_CACHE) identifierCache.set(identifier, terms);
  }
  return terms;
}

/** Code terms that say nothing about what a block does (keywords of the languages READMEs show most). */
const CODE_NOISE = new Set(
  'const let var function return require import export from new await async true false null undefined this console log npm install yarn pnpm'.split(
    ' ',
  ),
);
/** Code terms kept per sentence: a usage example's names, not a whole listing's (on the even docs-dev questions 15 did worse, 60 the same). */
const CODE_TERMS = 30;
/** Characters of a code block read for its terms: its first lines name what it shows (a block can be a whole file). */
const CODE_SCAN = 2000;
/** Comments in code (`// …`, `/* … *\/`, `# …` after a space or at a line start): prose about the code, not its names. */
const CODE_COMMENT = /\/\*[\s\S]*?\*\/|(?:^|\s)(?:\/\/|#)[^\n]*/g;
/** Terms of the code blocks a sentence introduces, at most `CODE_TERMS`: the names the code uses say what the sentence is about. */
export function codeTerms(p: SentenceText): string[] {
  if (!p.code) return [];
  const tokens = p.code.flatMap((block) =>
    tokenize(block.text.slice(0, CODE_SCAN).replace(CODE_COMMENT, ' ')).filter(
      (t) => !t.stop && !CODE_NOISE.has(t.word) && !/^\d+$/.test(t.term),
    ),
  );
  return [...new Set([...tokens.map((t) => t.term), ...partTerms(tokens)])].slice(0, CODE_TERMS);
}

/** The terms of every sentence of a file, in the sentences' order. */
export function fileTerms(sentences: readonly SentenceText[]): FileTerms {
  const steps = fileTermsSteps(sentences, Infinity);
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/** `fileTerms`, pausing after every `every` sentences (so a big file's terms can be worked out between requests). */
export function* fileTermsSteps(sentences: readonly SentenceText[], every: number): Generator<void, FileTerms, void> {
  const strings: string[] = [];
  const ids = new Map<string, number>();
  const id = (s: string) => {
    let n = ids.get(s);
    if (n === undefined) ids.set(s, (n = strings.push(s) - 1));
    return n;
  };
  const start = new Uint32Array(sentences.length + 1);
  const data: number[] = [];
  const section = new Uint32Array(sentences.length);
  const sections = new Map<string, number>();
  const sectionStart: number[] = [0];
  const sectionData: number[] = [];
  let headings: readonly string[] | null = null;
  let current = 0;
  for (const [i, p] of sentences.entries()) {
    if (i % every === every - 1) yield;
    start[i] = data.length;
    const tokens = tokenize(p.text).filter((t) => !t.stop);
    const parts = partTerms(tokens);
    let code: string[] = [];
    if (p.code) {
      const own = new Set(parts);
      for (const t of tokens) own.add(t.term);
      code = codeTerms(p).filter((t) => !own.has(t));
    }
    data.push(tokens.length, parts.length, code.length);
    for (const t of tokens) data.push(id(t.term));
    for (const t of parts) data.push(id(t));
    for (const t of code) data.push(id(t));
    for (const t of tokens) data.push(id(t.word));
    // The sentences of a block share its heading path: looked up again only when it changes.
    if (p.headings !== headings) {
      headings = p.headings;
      const key = headings.join('\u0000');
      let s = sections.get(key);
      if (s === undefined) {
        sections.set(key, (s = sections.size));
        for (const t of indexTerms(headings.join(' '))) sectionData.push(id(t));
        sectionStart.push(sectionData.length);
      }
      current = s;
    }
    section[i] = current;
  }
  start[sentences.length] = data.length;
  return {
    strings,
    start,
    data: Uint32Array.from(data),
    section,
    sectionStart: Uint32Array.from(sectionStart),
    sectionData: Uint32Array.from(sectionData),
  };
}
