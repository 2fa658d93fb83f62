/**
 * Text analysis done once, when a file is loaded: sentence splitting and key phrases
 * (people, organisations, places, dates, numbers with units, quotes, acronyms) with wink-nlp
 * and its English model. Sentence splitting respects abbreviations (`U.S.`, `Gen.`, `Dr.`),
 * quotes and ellipses.
 */
import { fold } from './fold.js';
import { forgetNewWords, its as winkIts, readDoc } from './wink.js';
import { longRuns } from './terms.js';
import { DEMONYMS, KNOWN_PLACES, ORGANIZATION_WORDS, PLACE_PREPOSITIONS, PLACE_WORDS, TITLE_WORDS, COUNTRY_NAMES } from './lexicon.js';

export type EntityKind = 'person' | 'organization' | 'place' | 'date' | 'number' | 'quote' | 'acronym';

/** A key phrase found in a sentence. `start`/`end` are offsets into `Passage.text`. */
export interface Entity {
  kind: EntityKind;
  text: string;
  start: number;
  end: number;
  /** For numbers: the value (`50,000` → 50000), when it has one. */
  value?: number;
  /** For numbers: the unit or counted noun that follows (`troops`), when there is one. */
  unit?: string;
  /** Found by a weak rule, awaiting confirmation from the rest of the file (analysis only). */
  weak?: boolean;
}

export interface AnalyzedSentence {
  /** Offsets in the paragraph. */
  start: number;
  end: number;
  text: string;
  /** Offsets relative to the sentence. */
  entities: Entity[];
}

/** An acronym defined in the text: `medium-range air to air missiles (MRAAM)`. */
export interface AcronymDefinition {
  short: string;
  long: string;
}

export interface AnalyzedParagraph {
  sentences: AnalyzedSentence[];
  acronyms: AcronymDefinition[];
}

interface Tok {
  value: string;
  start: number;
  end: number;
  pos: string;
  type: string;
}

const CONNECTORS = new Set(['of', 'the', 'and', 'for', 'de', 'la', 'du', 'von', 'van', 'del', '&']);
const NUMBER_MODIFIERS = [
  'more than',
  'less than',
  'fewer than',
  'at least',
  'at most',
  'up to',
  'about',
  'around',
  'nearly',
  'almost',
  'over',
  'under',
  'some',
  'roughly',
  'approximately',
  'an estimated',
  'as many as',
];
const DATE_PREFIX = /^(?:by|on|in|since|until|till|from|during|before|after|of)\s+/i;
const NUMBER_WORDS = new Set([
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'twenty',
  'thirty',
  'forty',
  'fifty',
  'hundred',
  'thousand',
  'million',
  'billion',
  'dozen',
]);

/** The words (folded) that wink's tagger reads as nouns or proper nouns in a short text, such as a question. */
export function nounsOf(text: string): Set<string> {
  return wordsTagged(text, ['NOUN', 'PROPN']);
}

/** The words of a text tagged as verbs (folded): `silences` in `which flag silences it`. */
export function verbsOf(text: string): Set<string> {
  return wordsTagged(text, ['VERB']);
}

function wordsTagged(text: string, tags: string[]): Set<string> {
  return new Set(
    taggedWords(text)
      .filter((t) => tags.includes(t.pos))
      .map((t) => fold(t.value)),
  );
}

/** The words of a short text with wink's part-of-speech tags (`VERB`, `NOUN`, `DET`…), as written. */
export function taggedWords(text: string): { value: string; pos: string }[] {
  const its = winkIts();
  forgetNewWords();
  const items = readDoc(text).tokens();
  const values = items.out(its.value) as string[];
  const pos = items.out(its.pos) as string[];
  return values.map((value, i) => ({ value, pos: pos[i]! }));
}

/**
 * Text the sentence splitter reads in one go: a longer paragraph is cut at a sentence end or a
 * space before it, so work stays linear (wink takes ~12 µs a character of prose; SQuAD's
 * paragraphs are under 4,000 characters, so they are read whole).
 */
const MAX_ANALYZED = 5000;
const READABLE = /[\p{L}\p{N}\p{S}\p{P}]/u;

/** A span of a paragraph that is one unbroken token: inline code, a dotted name. `[start, end)`. */
export type Atom = readonly [number, number];

/**
 * Splits a paragraph into sentences and finds their key phrases. `atoms` are spans that are
 * never split into sentences nor taken as key phrases (inline code: `process.nextTick()`,
 * `Promise<void>`). Text with nothing to read gives no sentences.
 */
export function analyzeParagraph(text: string, atoms: readonly Atom[] = []): AnalyzedParagraph {
  const sentences: AnalyzedSentence[] = [];
  for (const [start, end, long] of pieces(text)) {
    if (long) {
      sentences.push({ start, end, text: text.slice(start, end), entities: [] });
      continue;
    }
    const inside = atoms.length ? atoms.filter(([s, e]) => s >= start && e <= end).map(([s, e]) => [s - start, e - start] as const) : atoms;
    for (const s of analyzePiece(text.slice(start, end), inside)) {
      s.start += start;
      s.end += start;
      sentences.push(s);
    }
  }
  return { sentences, acronyms: findAcronyms(text) };
}

/**
 * The paragraph cut into spans wink reads (at most `MAX_ANALYZED` long) and runs of over `MAX_RUN`
 * characters without a space (`true`): such a run is a sentence of its own, not read by wink
 * (20,000 letters took it 1.7 s; `ab.` × 7,000, 7.5 s).
 */
function pieces(text: string): [number, number, boolean][] {
  const out: [number, number, boolean][] = [];
  const prose = (from: number, to: number) => {
    while (to - from > MAX_ANALYZED) {
      const window = text.slice(from, from + MAX_ANALYZED);
      let cut = Math.max(window.lastIndexOf('. '), window.lastIndexOf('? '), window.lastIndexOf('! ')) + 2;
      if (cut < 2) cut = window.lastIndexOf(' ') + 1;
      if (cut < 1) cut = MAX_ANALYZED;
      out.push([from, from + cut, false]);
      from += cut;
    }
    if (READABLE.test(text.slice(from, to))) out.push([from, to, false]);
  };
  let at = 0;
  const runs = longRuns(text);
  for (let r = 0; r < runs.length; r += 2) {
    prose(at, runs[r]!);
    out.push([runs[r]!, runs[r + 1]!, true]);
    at = runs[r + 1]!;
  }
  prose(at, text.length);
  return out;
}

/** Sentences and key phrases of a piece of text wink reads at once; atoms are read as one plain word. */
function analyzePiece(original: string, atoms: readonly Atom[]): AnalyzedSentence[] {
  let text = original;
  for (const [s, e] of atoms) text = text.slice(0, s) + 'x'.repeat(e - s) + text.slice(e);
  const its = winkIts();
  const doc = readDoc(text);
  const items = doc.tokens();
  const values = items.out(its.value) as string[];
  const spaces = items.out(its.precedingSpaces) as string[];
  const pos = items.out(its.pos) as string[];
  const types = items.out(its.type) as string[];
  const toks: Tok[] = [];
  let offset = 0;
  for (let i = 0; i < values.length; i++) {
    offset += spaces[i]!.length;
    // wink is lossless; should a token not line up, find it in the text.
    let start = text.startsWith(values[i]!, offset) ? offset : text.indexOf(values[i]!, offset);
    if (start < 0) start = offset;
    toks.push({ value: values[i]!, start, end: start + values[i]!.length, pos: pos[i]!, type: types[i]! });
    offset = start + values[i]!.length;
  }
  const entitySpans = doc.entities().out(its.span) as [number, number][];
  const winkEntities = (doc.entities().out(its.detail) as { value: string; type: string }[]).map((d, i) => ({
    ...d,
    span: entitySpans[i]!,
  }));
  const sentences: AnalyzedSentence[] = [];
  for (const [first, last] of doc.sentences().out(its.span) as [number, number][]) {
    const start = toks[first]!.start;
    const end = toks[last]!.end;
    const sentenceToks = toks.slice(first, last + 1);
    const found = [
      ...numericEntities(
        text,
        toks,
        first,
        last,
        winkEntities.filter((e) => e.span[0] >= first && e.span[1] <= last),
      ),
      ...properEntities(sentenceToks, toks, first),
      ...quoteEntities(text, start, end),
    ];
    const kept = atoms.length ? found.filter((e) => !atoms.some(([s, t]) => e.start < t && e.end > s)) : found;
    sentences.push({
      start,
      end,
      text: original.slice(start, end),
      // The entities are this sentence's own (made above): moved to its offsets in place.
      entities: dedupe(kept).map((e) => {
        e.start -= start;
        e.end -= start;
        return e;
      }),
    });
  }
  return sentences;
}

function numericEntities(
  text: string,
  toks: Tok[],
  first: number,
  last: number,
  found: { value: string; type: string; span: [number, number] }[],
): Entity[] {
  const out: Entity[] = [];
  const covered = new Set<number>();
  for (const e of found) {
    if (
      e.type === 'ORDINAL' ||
      e.type === 'HASHTAG' ||
      e.type === 'EMOJI' ||
      e.type === 'EMOTICON' ||
      e.type === 'URL' ||
      e.type === 'EMAIL'
    )
      continue;
    for (let i = e.span[0]; i <= e.span[1]; i++) covered.add(i);
    let start = toks[e.span[0]]!.start;
    const end = toks[e.span[1]]!.end;
    if (e.type === 'DATE' || e.type === 'TIME' || e.type === 'DURATION') {
      const prefix = DATE_PREFIX.exec(text.slice(start, end));
      if (prefix) start += prefix[0].length;
      if (e.type === 'DATE') out.push({ kind: 'date', text: text.slice(start, end), start, end });
      else out.push(withUnit({ kind: 'number', text: text.slice(start, end), start, end }, text, toks, e.span[1]));
      continue;
    }
    // CARDINAL, MONEY, PERCENT: a number, with what it counts and how it is qualified.
    const before = text.slice(Math.max(0, start - 20), start).toLowerCase();
    const modifier = NUMBER_MODIFIERS.find((m) => before.endsWith(`${m} `));
    if (modifier) start -= modifier.length + 1;
    const entity: Entity = { kind: 'number', text: text.slice(start, end), start, end };
    const value = Number(toks[e.span[1]]!.value.replace(/,/g, ''));
    if (Number.isFinite(value)) entity.value = value;
    if (e.type === 'CARDINAL' && /^(1[5-9]|20)\d\d$/.test(e.value) && !toks[e.span[1] + 1]?.pos.startsWith('NOUN')) {
      out.push({ kind: 'date', text: e.value, start: toks[e.span[0]]!.start, end });
      continue;
    }
    out.push(withUnit(entity, text, toks, e.span[1]));
  }
  // Numbers wink did not mark (e.g. `SM-6` is a name, not a number: skip those joined to letters).
  for (let i = first; i <= last; i++) {
    const t = toks[i]!;
    if (covered.has(i) || t.pos !== 'NUM' || !/^\d/.test(t.value)) continue;
    if (text[t.start - 1] === '-' || text[t.start - 1] === '/') continue;
    if (/^(1[5-9]|20)\d\d$/.test(t.value)) out.push({ kind: 'date', text: t.value, start: t.start, end: t.end });
  }
  return out;
}

function withUnit(entity: Entity, text: string, toks: Tok[], lastIndex: number): Entity {
  for (let j = lastIndex + 1; j <= lastIndex + 3 && j < toks.length; j++) {
    const t = toks[j]!;
    if (t.pos === 'NOUN') {
      return { ...entity, unit: t.value };
    }
    if (t.pos !== 'PROPN' && t.pos !== 'ADJ' && t.pos !== 'PUNCT') break;
    if (t.pos === 'PUNCT' && t.value !== '.') break;
  }
  void text;
  return entity;
}

function isCapitalized(t: Tok): boolean {
  if (t.type !== 'word') return false;
  const c = t.value.charCodeAt(0);
  // ASCII answered without the expression (most words).
  return c < 128 ? c >= 65 && c <= 90 : /^\p{Lu}/u.test(t.value);
}

/** Runs of capitalised words (with `of`, `the`, `and` inside), classified as person, organisation or place. */
function properEntities(sentence: Tok[], all: Tok[], firstIndex: number): Entity[] {
  const out: Entity[] = [];
  let i = 0;
  while (i < sentence.length) {
    const t = sentence[i]!;
    const sentenceStart = i === 0 || (i === 1 && sentence[0]!.type === 'punctuation');
    if (!isCapitalized(t) || (sentenceStart && t.pos !== 'PROPN')) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < sentence.length) {
      const next = sentence[j + 1]!;
      if (isCapitalized(next) || (next.value === '.' && /^\p{Lu}$/u.test(sentence[j]!.value))) {
        j++;
        continue;
      }
      const after = sentence[j + 2];
      if (CONNECTORS.has(next.value.toLowerCase()) && after && isCapitalized(after) && next.value !== 'and') {
        j += 2;
        continue;
      }
      break;
    }
    let run = sentence.slice(i, j + 1);
    // `The` at the front of a name is not part of it.
    while (run.length > 1 && /^(the|a|an)$/i.test(run[0]!.value)) run = run.slice(1);
    const entity = classify(run, all[firstIndex + i - 1]);
    if (entity) out.push(entity);
    i = j + 1;
  }
  return out;
}

function classify(run: Tok[], before: Tok | undefined): Entity | null {
  const words = run.map((t) => fold(t.value).replace(/\.$/, ''));
  const first = run[0]!;
  const last = run[run.length - 1]!;
  const text = run.map((t, k) => (k === 0 ? t.value : ' '.repeat(Math.max(0, t.start - run[k - 1]!.end)) + t.value)).join('');
  const base = { text, start: first.start, end: last.end };
  const phrase = words.join(' ');
  if (run.length === 1 && (DEMONYMS.has(phrase) || TITLE_WORDS.has(phrase))) return null;
  if (/^\p{Lu}{2,}$/u.test(first.value) && run.length === 1 && !COUNTRY_NAMES.has(phrase)) return { kind: 'acronym', ...base };
  if (words.some((w) => ORGANIZATION_WORDS.has(w))) return { kind: 'organization', ...base };
  if (KNOWN_PLACES.has(phrase) || (COUNTRY_NAMES.has(phrase.replace(/\./g, '')) && !DEMONYMS.has(phrase)))
    return { kind: 'place', ...base };
  if (PLACE_WORDS.has(words[words.length - 1]!)) return { kind: 'place', ...base };
  const titleAt = run.map((t, k) => isTitle(t, words[k]!)).lastIndexOf(true);
  if (titleAt >= 0 && titleAt < run.length - 1) {
    const name = run.slice(titleAt + 1);
    return { kind: 'person', text: name.map((t) => t.value).join(' '), start: name[0]!.start, end: name[name.length - 1]!.end };
  }
  if (run.length === 1 && before && PLACE_PREPOSITIONS.has(before.value.toLowerCase())) return { kind: 'place', ...base };
  if (run.some((t) => /\d/.test(t.value))) return null;
  if (run.length >= 2 && run.length <= 4 && run.every((t) => t.pos === 'PROPN')) return { kind: 'person', ...base };
  // A lone name is a person only if the file names that person in full somewhere (`resolveNames`).
  if (run.length === 1 && first.pos === 'PROPN') return { kind: 'person', weak: true, ...base };
  return null;
}

/** Abbreviated titles (`Gen.`, `Dr.`) count only with their dot: `Gen Nakatani` is a name. */
const ABBREVIATED_TITLES = new Set(['gen', 'col', 'capt', 'lt', 'sgt', 'adm', 'sen', 'rep', 'st', 'dr', 'mr', 'mrs', 'ms', 'prof', 'rev']);
function isTitle(t: Tok, word: string): boolean {
  if (!TITLE_WORDS.has(word)) return false;
  return !ABBREVIATED_TITLES.has(word) || t.value.endsWith('.') || /^\p{Lu}[a-z]*$/u.test(t.value) === false;
}

/**
 * Keeps a lone capitalised word as a person only when the same file names someone in full
 * with it (`Hegseth` after `Pete Hegseth`); drops the others (`Partner`, `Ally`).
 */
export function resolveNames(sentences: { entities: Entity[] }[]): void {
  const parts = new Set<string>();
  for (const s of sentences)
    for (const e of s.entities) if (e.kind === 'person' && !e.weak) for (const w of e.text.split(/\s+/)) parts.add(w);
  for (const s of sentences) {
    s.entities = s.entities.filter((e) => !e.weak || parts.has(e.text));
    for (const e of s.entities) delete e.weak;
  }
}

const QUOTE_RE = /[“"]([^“”"]{3,80})[”"]/g;

/** Short quoted phrases (`“war-fighting headquarters”`), not whole quoted sentences. */
function quoteEntities(text: string, start: number, end: number): Entity[] {
  const out: Entity[] = [];
  for (const m of text.slice(start, end).matchAll(QUOTE_RE)) {
    const inner = m[1]!.trim();
    const words = inner.split(/\s+/).length;
    if (words < 1 || words > 6 || /[.!?]$/.test(inner)) continue;
    const s = start + m.index + m[0].indexOf(inner);
    out.push({ kind: 'quote', text: inner, start: s, end: s + inner.length });
  }
  return out;
}

/** `medium-range air to air missiles (MRAAM)`: the words before the parentheses whose initials spell it. */
export function findAcronyms(text: string): AcronymDefinition[] {
  const out: AcronymDefinition[] = [];
  for (const m of text.matchAll(/\(([A-Z][A-Za-z0-9-]{1,9})\)/g)) {
    const short = m[1]!;
    const letters = short.replace(/[^A-Za-z]/g, '').toLowerCase();
    if (letters.length < 2) continue;
    const words = text
      .slice(Math.max(0, m.index - 200), m.index)
      .trim()
      .split(/[\s\u2010\u2011-]+/);
    // Walk back word by word while initials match the end of the acronym (small words may be skipped).
    let k = letters.length - 1;
    let used = 0;
    for (let w = words.length - 1; w >= 0 && k >= 0; w--) {
      const word = words[w]!.toLowerCase().replace(/[^a-z0-9]/g, '');
      if (!word) break;
      if (word[0] === letters[k]) {
        k--;
        used = words.length - w;
      } else if (!['of', 'and', 'the', 'for', 'to', 'in', 'on'].includes(word)) break;
    }
    if (k < 0) out.push({ short, long: words.slice(words.length - used).join(' ') });
  }
  return out;
}

function dedupe(entities: Entity[]): Entity[] {
  const sorted = entities.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Entity[] = [];
  for (const e of sorted) {
    if (out.some((o) => o.start <= e.start && o.end >= e.end && o.kind !== 'quote' && e.kind !== 'quote')) continue;
    out.push(e);
  }
  return out;
}

export { NUMBER_WORDS };
