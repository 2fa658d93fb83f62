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
   * Sentence i is `data[start[i] .. start[i + 1])`: its number of terms, its number of identifier
   * parts, its terms in order (stop words left out), its parts (`partTerms`), then the word (folded,
   * before stemming) of each of its terms' tokens.
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
}

/**
 * The terms of the parts of a sentence's identifiers that are not already terms of it
 * (`allErrors` → all, error; `WS_NO_BUFFER_UTIL` → buffer, util): a developer asks in words for an
 * option named by joining them. Searched and matched like the sentence's own terms, but not in its
 * word order (proximity) nor highlighted.
 */
export function partTerms(tokens: Token[]): string[] {
  const out = new Set<string>();
  for (const t of tokens) {
    if (!/\p{Ll}\p{Lu}|_/u.test(t.surface)) continue;
    for (const term of indexTerms(identifierParts(t.surface).join(' '))) if (term !== t.term) out.add(term);
  }
  return [...out];
}

/** The terms of every sentence of a file, in the sentences' order. */
export function fileTerms(sentences: readonly SentenceText[]): FileTerms {
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
  sentences.forEach((p, i) => {
    start[i] = data.length;
    const tokens = tokenize(p.text).filter((t) => !t.stop);
    const parts = partTerms(tokens);
    data.push(tokens.length, parts.length);
    for (const t of tokens) data.push(id(t.term));
    for (const t of parts) data.push(id(t));
    for (const t of tokens) data.push(id(t.word));
    const key = p.headings.join('\u0000');
    let s = sections.get(key);
    if (s === undefined) {
      sections.set(key, (s = sections.size));
      for (const t of indexTerms(p.headings.join(' '))) sectionData.push(id(t));
      sectionStart.push(sectionData.length);
    }
    section[i] = s;
  });
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
