/**
 * The passage index: BM25 postings over the terms of each sentence and its heading path, scored as
 * minisearch scores its own index (tests/core/search-index.test.ts checks it ranks exactly as
 * minisearch does), plus what re-ranking needs per sentence: its terms in order, the neighbours',
 * the paragraph's, the section's and the title's terms, and the vocabulary for spelling.
 * (Indexing the neighbours and titles too found no better candidates on SQuAD and made each
 * search 2× slower.)
 *
 * Built from each file's `FileTerms` (worked out with its analysis, in a worker, and saved in the
 * snapshot), so neither a cold nor a warm start tokenizes a sentence in the main thread. The
 * postings are flat typed arrays built again from those terms whenever the files change (about
 * 0.1 s for 100,000 sentences) rather than minisearch's nested maps (which took 3.9 kB a
 * sentence and 20 s to build on /usr/share/doc); the per-sentence sets are made when a sentence
 * is a candidate, and the last few thousand kept; a paragraph's, section's and title's terms are
 * made when one of its sentences first is, and kept with the file (sorted term numbers).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import SearchableMap from 'minisearch/SearchableMap';
import type { Passage, PassageList } from '../knowledge/index.js';
import { fold } from '../text/index.js';
import { fileTermsSteps, type FileTerms } from '../text/index.js';
import { indexTerms, tokenize, type Token } from '../text/index.js';

/** A set of index terms, as re-ranking asks of it: whether it holds a term. */
export interface TermLookup extends Iterable<string> {
  has(term: string): boolean;
}

export interface IndexedPassage {
  passage: Passage;
  /** Index terms of the sentence, in order (stop words left out). */
  terms: string[];
  /** The same, with their offsets in the sentence; worked out again when asked for. */
  readonly tokens: Token[];
  /** Where each of `terms` stands in the sentence: start and end offsets, two per term (for highlighting); worked out when first asked for. */
  readonly spans: Uint32Array;
  termSet: Set<string>;
  /** The sentence's words as written (folded, before stemming): for exact-form matches. */
  words: Set<string>;
  /** Terms of the sentences before and after it in the paragraph. */
  contextSet: Set<string>;
  /** Terms of the whole paragraph (one set shared by its sentences). */
  paragraphSet: TermLookup;
  /** Terms of the title and headings. */
  titleSet: Set<string>;
  /** Terms of the sentence's section: its heading path and every sentence under that same path (empty for a sentence under no heading). */
  sectionSet: TermLookup;
  /** Terms of the parts of its identifiers (`partTerms`), indexed after `terms`. */
  parts: string[];
  /**
   * Terms of the code it introduces (`codeTerms`) that it does not have itself, indexed after
   * `parts`: searched and matched, but not counted as words the knowledge uses (a word only in
   * code is no evidence that the docs cover a question's subject).
   */
  code: string[];
  /** Index terms of the heading path, joined by spaces, as minisearch's heading field holds them. */
  headingTerms: string;
  /** The sentence folded (lower case, plain quotes): for pattern checks. */
  folded: string;
  /**
   * The ids of the sentences before and after it in its section, or null: its paragraph's
   * neighbours, else — under a heading — the last and first sentence of the paragraphs around it
   * under the same heading path (in docs an answer often stands in the next short paragraph).
   */
  before: string | null;
  after: string | null;
  /** The words of each of the sentence's entities, lower case (to tell entities a question names). */
  entityWords: string[][];
}

/**
 * How much a key term in the heading path counts against one in the sentence itself, in retrieval:
 * a developer asks in the words of the section (`exclude a namespace`) more often than in the
 * sentence's. (Only the headings: the file title alone would put every sentence of a file in the
 * postings of its words, which made search on SQuAD twice as slow for no better candidates.)
 * On the even docs-dev questions 0.1 to 0.3 do alike; 0.5 answers 1 of their 13 out-of-scope
 * questions more, 1 another 1.
 */
export const HEADING_BOOST = 0.3;
/** Words put in the vocabulary between two of `prepareSteps`' pauses (a few hundred microseconds; the whole takes 0.3 s on /usr/share/doc). */
const VOCABULARY_STEP = 1000;
/** Passages whose terms are worked out between two of `fileSteps`' pauses: a few milliseconds of work. */
export const STEP_PASSAGES = 200;

/** A sentence minisearch retrieved for a question, with its score. */
export interface Hit {
  id: string;
  score: number;
}

/**
 * minisearch's default BM25 parameters (term-frequency saturation, length normalization and the
 * floor a matching term adds), as the index was scored with when minisearch held it.
 */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };

/** Sentences whose term sets are kept once made (the oldest dropped first): a question looks at a hundred or so, often the same ones again. */
export const ENTRY_CACHE = 4096;

/**
 * An indexed sentence. Its tokens are worked out again when a snippet asks for them rather than
 * kept: only the few sentences shown need them; their offsets (`spans`) are kept once worked out,
 * with the entry (highlighting asks for them again on every answer that shows the sentence).
 */
class Entry implements IndexedPassage {
  constructor(
    readonly passage: Passage,
    readonly terms: string[],
    readonly termSet: Set<string>,
    readonly words: Set<string>,
    readonly contextSet: Set<string>,
    readonly paragraphSet: TermLookup,
    readonly titleSet: Set<string>,
    readonly parts: string[],
    readonly code: string[],
    readonly sectionSet: TermLookup,
    readonly headingTerms: string,
    readonly entityWords: string[][],
    readonly folded: string,
    readonly before: string | null,
    readonly after: string | null,
  ) {}

  private offsets?: Uint32Array;

  get tokens(): Token[] {
    return tokenize(this.passage.text).filter((t) => !t.stop);
  }

  get spans(): Uint32Array {
    return (this.offsets ??= Uint32Array.from(this.tokens.flatMap((t) => [t.start, t.end])));
  }
}

/** A file's terms laid out as `FileTerms` lays them out, numbered index-wide (positions in the index's strings). */
type SegmentTerms = Omit<FileTerms, 'strings'>;

/** One indexed file: its passages and their terms. */
interface Segment {
  file: string;
  passages: PassageList;
  terms: SegmentTerms;
  /** Term sets of its paragraphs and sections, made when a sentence of one is first a candidate and kept with the file. */
  paragraphs: Map<number, SortedTerms>;
  sections: Map<number, SortedTerms>;
  /** Terms of its titles with heading paths, and of the lead-ins of its lists and tables, worked out when first met. */
  titles: Map<string, Set<string>>;
  leads: Map<string, string[]>;
  /** Its sentences grouped by section, made when first needed. */
  members?: { order: Uint32Array; start: Uint32Array };
}

/** A file's sentence positions grouped by section (in file order within each): section i's are `order[start[i] .. start[i + 1])`. */
function sectionMembers(t: SegmentTerms): { order: Uint32Array; start: Uint32Array } {
  const start = new Uint32Array(t.sectionStart.length);
  for (const section of t.section) start[section + 1]!++;
  for (let i = 1; i < start.length; i++) start[i]! += start[i - 1]!;
  const fill = start.slice();
  const order = new Uint32Array(t.section.length);
  t.section.forEach((section, k) => (order[fill[section]!++] = k));
  return { order, start };
}

/**
 * A paragraph's or a section's terms as their index-wide numbers, sorted: a few bytes a term
 * and made without hashing a string (a `Set` of a changelog section's terms took milliseconds
 * to make on each question that met it once the set cache had dropped it).
 */
class SortedTerms implements TermLookup {
  constructor(
    private readonly ids: Uint32Array,
    private readonly stringIds: ReadonlyMap<string, number>,
    private readonly strings: readonly string[],
  ) {}

  *[Symbol.iterator](): Iterator<string> {
    for (const id of this.ids) yield this.strings[id]!;
  }

  has(term: string): boolean {
    const id = this.stringIds.get(term);
    if (id === undefined) return false;
    const ids = this.ids;
    let lo = 0;
    let hi = ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ids[mid]! < id) lo = mid + 1;
      else hi = mid;
    }
    return lo < ids.length && ids[lo] === id;
  }
}

/** Passages in an array as a `PassageList` (ids numbered when first looked up). */
function listOf(passages: Passage[]): PassageList {
  let byId: Map<string, number> | undefined;
  return {
    length: passages.length,
    at: (i) => passages[i]!,
    id: (i) => passages[i]!.id,
    position: (id) => (byId ??= new Map(passages.map((p, i) => [p.id, i]))).get(id) ?? -1,
  };
}

/** One field's postings: the sentences (ascending) and term frequencies of string id s at `[start[s], start[s + 1])`. */
interface Postings {
  start: Uint32Array;
  doc: Uint32Array;
  tf: Uint16Array;
}

/** The postings and per-sentence numbers, built from the segments when first needed after a change. */
interface Built {
  segments: Segment[];
  /** Sentence number → its segment; and the first sentence number of each segment. */
  docSegment: Uint32Array;
  segmentStart: Uint32Array;
  /** Segment number by file. */
  segmentOf: Map<string, number>;
  /** Field 0: the sentence's terms, parts and code terms; field 1: its heading path's terms. */
  postings: [Postings, Postings];
  /** By string number: how many sentences have it among their code terms only (counted in field 0 but not as a word the knowledge uses). */
  codeCount: Uint32Array;
  /** BM25's length normalization of each sentence, per field. */
  norms: [Float64Array, Float64Array];
}

const NO_TERMS: Set<string> = new Set();

/** The value kept under `key`, made the first time. */
function kept<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = make()));
  return value;
}
const DIGIT = /\d/;

/** The terms of a passage's title with its heading path (made once a path, kept with its file). */
function titleSet(s: Segment, p: Passage): Set<string> {
  const title = [p.title, ...p.headings].join(' ');
  return kept(s.titles, title, () => new Set(indexTerms(title)));
}

/** The terms of the lead-in of a passage's list or table, none when it has none (made once a lead-in, kept with its file). */
function leadTerms(s: Segment, p: Passage): string[] {
  return p.lead ? kept(s.leads, p.lead, () => indexTerms(p.lead!)) : [];
}

/** The numbers of sentence i's terms (and parts, code terms and words) in `t.data`. */
function record(t: SegmentTerms, i: number): { at: number; terms: number; parts: number; code: number; end: number } {
  const at = t.start[i]! + 3;
  return { at, terms: t.data[at - 3]!, parts: t.data[at - 2]!, code: t.data[at - 1]!, end: t.start[i + 1]! };
}

/** Whether saved terms fit the passages: a damaged or foreign snapshot's are worked out again rather than read out of bounds. */
function fits(t: FileTerms | undefined, passages: PassageList): t is FileTerms {
  if (
    !t ||
    !Array.isArray(t.strings) ||
    !(t.start instanceof Uint32Array && t.data instanceof Uint32Array && t.section instanceof Uint32Array) ||
    !(t.sectionStart instanceof Uint32Array && t.sectionData instanceof Uint32Array) ||
    t.start.length !== passages.length + 1 ||
    t.section.length !== passages.length ||
    t.start[passages.length] !== t.data.length ||
    t.sectionStart.at(-1) !== t.sectionData.length
  )
    return false;
  for (let i = 0; i < passages.length; i++) {
    const r = record(t, i);
    if (r.end < r.at || r.at + r.terms + r.parts + r.code > r.end || t.section[i]! + 1 >= t.sectionStart.length) return false;
    for (let j = r.at; j < r.end; j++) if (t.data[j]! >= t.strings.length) return false;
  }
  return t.sectionData.every((id) => id < t.strings.length);
}

let format: string | undefined;

/**
 * The key a saved index is kept under: this module's source (how the index is laid out and
 * scored) and the files it was built from, by path and content hash.
 */
export function savedIndexKey(files: Iterable<[file: string, hash: string]>): string {
  format ??= createHash('sha256')
    .update(readFileSync(fileURLToPath(import.meta.url)))
    .digest('hex');
  return createHash('sha256')
    .update(format)
    .update(JSON.stringify([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))))
    .digest('hex');
}

/** A term that is not well-formed UTF-16 (half a surrogate pair): UTF-8 would not keep it. */
const LONE_SURROGATE = /\p{Cs}/u;

/** The JSON head of a saved index: its key, its files with their sentence counts, and the byte length of each array after it. */
interface SavedHead {
  key: string;
  segments: [string, number][];
  lengths: number[];
}

/** Arrays per segment in a saved index (`SegmentTerms`' five), and per field (postings' three and the norms). */
const SEGMENT_ARRAYS = 5;
const FIELD_ARRAYS = 4;

/** A saved index read back (views of its bytes), or null when it was saved under another key, from other files or is not whole. */
function readSaved(
  given: Uint8Array,
  key: string,
  lists: ReadonlyMap<string, PassageList>,
): (Pick<Built, 'postings' | 'codeCount' | 'norms'> & { strings: string[]; segments: Segment[] }) | null {
  // Typed arrays view the bytes in place, which needs them on an 8-byte boundary.
  const bytes = given.byteOffset % 8 === 0 ? given : given.slice();
  if (bytes.byteLength < 4) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headLength = view.getUint32(0, true);
  if (4 + headLength > bytes.byteLength) return null;
  const head = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + headLength))) as SavedHead;
  if (head.key !== key || head.segments.length !== lists.size) return null;
  if (head.lengths.length !== 2 + SEGMENT_ARRAYS * head.segments.length + 2 * FIELD_ARRAYS + 1) return null;
  const at = (n: number) => Math.ceil(n / 8) * 8;
  let offset = at(4 + headLength);
  let next = 0;
  const take = <T>(make: (buffer: ArrayBufferLike, byteOffset: number, length: number) => T, size: number): T => {
    const length = head.lengths[next++]!;
    if (length % size !== 0 || offset + length > bytes.byteLength) throw new RangeError('saved index cut short');
    const out = make(bytes.buffer, bytes.byteOffset + offset, length / size);
    offset = at(offset + length);
    return out;
  };
  const u32 = () => take((b, o, n) => new Uint32Array(b, o, n), 4);
  const text = new TextDecoder().decode(take((b, o, n) => new Uint8Array(b, o, n), 1));
  const ends = u32();
  const strings: string[] = new Array(ends.length);
  let from = 0;
  for (let i = 0; i < ends.length; i++) strings[i] = text.slice(from, (from = ends[i]!));
  if (from !== text.length) return null;
  const segments: Segment[] = [];
  for (const [file, count] of head.segments) {
    const passages = lists.get(file);
    if (!passages || passages.length !== count) return null;
    const terms: SegmentTerms = { start: u32(), data: u32(), section: u32(), sectionStart: u32(), sectionData: u32() };
    if (terms.start.length !== count + 1 || terms.section.length !== count || terms.start[count] !== terms.data.length) return null;
    segments.push({ file, passages, terms, paragraphs: new Map(), sections: new Map(), titles: new Map(), leads: new Map() });
  }
  const field = (): { postings: Postings; norms: Float64Array } => ({
    postings: { start: u32(), doc: u32(), tf: take((b, o, n) => new Uint16Array(b, o, n), 2) },
    norms: take((b, o, n) => new Float64Array(b, o, n), 8),
  });
  const [terms, headings] = [field(), field()];
  const codeCount = u32();
  const sentences = segments.reduce((n, seg) => n + seg.passages.length, 0);
  for (const f of [terms, headings])
    if (
      f.postings.start.length !== strings.length + 1 ||
      f.norms.length !== sentences ||
      f.postings.doc.length !== f.postings.start[strings.length]
    )
      return null;
  if (codeCount.length !== strings.length) return null;
  return { strings, segments, postings: [terms.postings, headings.postings], norms: [terms.norms, headings.norms], codeCount };
}

export class SearchIndex {
  private readonly segments = new Map<string, Segment>();
  /** Every string of every file indexed so far, numbered (strings of removed files stay, unused). */
  private readonly strings: string[] = [];
  private readonly stringIds = new Map<string, number>();
  private passages = 0;
  private built: Built | null = null;
  /** Counts the changes of the files (what was made from an earlier version is not kept). */
  private version = 0;
  private vocab: SearchableMap<number> | null = null;
  /** Terms of four letters or more, without digits, by their first four letters (for derived forms). */
  private byPrefix: Map<string, string[]> | null = null;
  /** `derivedTerms` found so far (forgotten when the knowledge changes). */
  private readonly derived = new Map<string, string[]>();
  private readonly entries = new Map<string, IndexedPassage>();
  /** `union`'s marks, by string number: the terms taken so far carry the current stamp. */
  private mark = new Uint32Array(0);
  private stamp = 0;
  /** `search`'s scratch space, by sentence number (zero between searches). */
  private scores = new Float64Array(0);
  private matchedTerms = new Uint16Array(0);
  /** The position in `search`'s terms of the last term that matched each sentence (-1 between searches). */
  private lastTerm = new Int32Array(0);
  private touched = new Int32Array(0);

  get size(): number {
    return this.passages;
  }

  get(id: string): IndexedPassage | undefined {
    let entry = this.entries.get(id);
    if (entry) return entry;
    const b = this.build();
    const found = this.locate(b, id);
    if (!found) return undefined;
    entry = this.entry(found.segment, found.i);
    this.entries.set(id, entry);
    if (this.entries.size > ENTRY_CACHE) this.entries.delete(this.entries.keys().next().value!);
    return entry;
  }

  /** Inverse document frequency of a term; unseen terms get the highest. */
  idf(term: string): number {
    const n = this.passages;
    const df = this.count(term, 0);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** The share of all sentences that one file holds (0 for a file not indexed). */
  fileShare(file: string): number {
    return (this.segments.get(file)?.passages.length ?? 0) / (this.passages || 1);
  }

  /** Normalized words (before stemming) → how often they occur; for spelling correction. */
  get vocabulary(): SearchableMap<number> {
    if (this.vocab) return this.vocab;
    const steps = this.vocabularySteps();
    for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
  }

  /** `vocabulary` made a file (then a thousand words) a step, so that `prepareSteps` can make it between requests. */
  private *vocabularySteps(): Generator<void, SearchableMap<number>, void> {
    const version = this.version;
    const counts = new Map<number, number>();
    for (const s of this.segments.values()) {
      for (let i = 0; i < s.passages.length; i++) {
        const r = record(s.terms, i);
        for (let j = r.at + r.terms + r.parts + r.code; j < r.end; j++) {
          const id = s.terms.data[j]!;
          counts.set(id, (counts.get(id) ?? 0) + 1);
        }
      }
      yield;
    }
    // In the order the words first occur, as the index always added them.
    const vocab = new SearchableMap<number>();
    let n = 0;
    for (const [id, count] of counts) {
      if (!DIGIT.test(this.strings[id]!)) vocab.set(this.strings[id]!, count);
      if (++n % VOCABULARY_STEP === 0) yield;
    }
    // Made from files that changed meanwhile: used by its caller, not kept.
    if (version === this.version) this.vocab = vocab;
    return vocab;
  }

  /**
   * The `limit` sentences minisearch would score best for the (distinct) terms, each boosted by
   * `boost`, best first, ties in minisearch's order: the same as minisearch's
   * `search(terms.join(' '), { boostTerm: boost, boost: { heading: HEADING_BOOST } }).slice(0, limit)`
   * over the sentences' terms and heading paths, without decorating and sorting every sentence that matches.
   */
  search(terms: string[], boost: (term: string) => number, limit: number): Hit[] {
    if (limit < 1 || this.passages === 0) return [];
    const b = this.build();
    const n = this.passages;
    if (this.scores.length < n) {
      this.scores = new Float64Array(n);
      this.matchedTerms = new Uint16Array(n);
      this.lastTerm = new Int32Array(n).fill(-1);
      this.touched = new Int32Array(n);
    }
    const { scores, matchedTerms, lastTerm, touched } = this;
    const { k, d } = BM25;
    // Sentences in the order minisearch first meets them (its ties keep that order).
    let count = 0;
    for (let j = 0; j < terms.length; j++) {
      const term = terms[j]!;
      const id = this.stringIds.get(term);
      if (id === undefined) continue;
      for (const field of [0, 1] as const) {
        const { start, doc: docs, tf: tfs } = b.postings[field];
        const from = start[id]!;
        const to = start[id + 1]!;
        if (from === to) continue;
        const size = to - from;
        const idf = Math.log(1 + (n - size + 0.5) / (size + 0.5));
        // minisearch multiplies the term's boost by the field's, then by the BM25 score.
        const weight = field === 0 ? boost(term) : boost(term) * HEADING_BOOST;
        const norms = b.norms[field];
        for (let p = from; p < to; p++) {
          const doc = docs[p]!;
          const tf = tfs[p]!;
          // minisearch's calcBM25Score and weighting, operation for operation (same floats).
          const raw = idf * (d + (tf * (k + 1)) / (tf + norms[doc]!));
          if (matchedTerms[doc] === 0) touched[count++] = doc;
          scores[doc] = scores[doc]! + weight * raw;
          // A term counts once however many fields it matches in.
          if (lastTerm[doc] !== j) {
            lastTerm[doc] = j;
            matchedTerms[doc] = matchedTerms[doc]! + 1;
          }
        }
      }
    }
    const best: { doc: number; score: number }[] = [];
    for (let i = 0; i < count; i++) {
      const doc = touched[i]!;
      // As `search` scores: the sum over the terms, times the number of query terms matched.
      const total = scores[doc]! * matchedTerms[doc]!;
      scores[doc] = 0;
      matchedTerms[doc] = 0;
      lastTerm[doc] = -1;
      if (best.length === limit && !(total > best[limit - 1]!.score)) continue;
      // After every sentence that scores as much or more (`search`'s sort is stable).
      let at = best.length;
      while (at > 0 && best[at - 1]!.score < total) at--;
      best.splice(at, 0, { doc, score: total });
      if (best.length > limit) best.pop();
    }
    return best.map(({ doc, score }) => {
      const s = b.segments[b.docSegment[doc]!]!;
      return { id: s.passages.id(doc - b.segmentStart[b.docSegment[doc]!]!), score };
    });
  }

  /** Whether only code of the knowledge has the term (a name it shows but never writes about). */
  inCode(term: string): boolean {
    const id = this.stringIds.get(term);
    return id !== undefined && this.passages > 0 && !this.has(term) && (this.build().codeCount[id] ?? 0) > 0;
  }

  /** Whether a sentence or a heading of the knowledge has the term. */
  has(term: string): boolean {
    return this.count(term, 0) > 0 || this.count(term, 1) > 0;
  }

  /** How many sentences have the term in a field (0: the sentence itself, not only its code; 1: its heading path). */
  private count(term: string, field: 0 | 1): number {
    const id = this.stringIds.get(term);
    if (id === undefined || this.passages === 0) return 0;
    const b = this.build();
    const { start } = b.postings[field];
    if (id + 1 >= start.length) return 0;
    return start[id + 1]! - start[id]! - (field === 0 ? (b.codeCount[id] ?? 0) : 0);
  }

  /**
   * Index terms that look like another form of `term` by a long shared beginning
   * (`religi` ~ `religion`, `rule` ~ `ruler`): Porter stemming keeps inflections together
   * but not such derivations. The shared part must be at least 4 letters and three quarters
   * of the shorter term, and the lengths differ by at most 4 (a suffix). (All but the last two
   * letters also took `compact` and `complex` for `compos`(ed): on SQuAD, 0.5 point more of
   * the questions about articles not indexed were answered.)
   */
  derivedTerms(term: string): string[] {
    if (term.length < 4 || DIGIT.test(term)) return [];
    let out = this.derived.get(term);
    if (out) return out;
    out = [];
    this.derived.set(term, out);
    for (const u of this.prefixes().get(term.slice(0, 4)) ?? []) {
      if (u === term) continue;
      let k = 4;
      while (k < term.length && k < u.length && term[k] === u[k]) k++;
      if (k >= Math.ceil(0.75 * Math.min(term.length, u.length)) && Math.abs(u.length - term.length) <= 4) out.push(u);
    }
    return out.sort();
  }

  private prefixes(): Map<string, string[]> {
    if (this.byPrefix) return this.byPrefix;
    const b = this.build();
    const { start } = b.postings[0];
    const byPrefix = new Map<string, string[]>();
    for (let id = 0; id + 1 < start.length; id++) {
      const t = this.strings[id]!;
      if (start[id + 1]! - start[id]! === b.codeCount[id] || t.length < 4 || DIGIT.test(t)) continue;
      const bucket = byPrefix.get(t.slice(0, 4));
      if (bucket) bucket.push(t);
      else byPrefix.set(t.slice(0, 4), [t]);
    }
    return (this.byPrefix = byPrefix);
  }

  /**
   * Replaces the passages of one file (an empty list removes the file). `terms`: their terms as
   * `fileTerms` gives them (saved with the analysis); worked out here when absent or not fitting.
   */
  setFile(file: string, passages: Passage[] | PassageList, terms?: FileTerms): void {
    for (const _ of this.fileSteps(file, passages, terms));
  }

  /**
   * `setFile` in steps, pausing after every `STEP_PASSAGES` sentences whose terms it works out, so
   * a big file whose terms were not saved can be indexed between requests (engine.syncGradually).
   * The file becomes searchable in the last step. Saved terms index a `PassageList` without decoding a passage.
   */
  *fileSteps(file: string, given: Passage[] | PassageList, terms?: FileTerms): Generator<void, void, void> {
    const passages = Array.isArray(given) ? listOf(given) : given;
    const t = fits(terms, passages)
      ? terms
      : yield* fileTermsSteps(
          Array.from({ length: passages.length }, (_, i) => passages.at(i)),
          STEP_PASSAGES,
        );
    this.removeFile(file);
    if (passages.length === 0) return;
    const ids = new Uint32Array(t.strings.length);
    t.strings.forEach((s, i) => {
      let id = this.stringIds.get(s);
      if (id === undefined) this.stringIds.set(s, (id = this.strings.push(s) - 1));
      ids[i] = id;
      // One copy of each term for the whole index: the file's list (kept with its analysis) points to it.
      t.strings[i] = this.strings[id]!;
    });
    // Numbered index-wide once here (each sentence's three counts kept), so that nothing after looks a term up through its file.
    const data = t.data.slice();
    for (let i = 0; i < passages.length; i++) for (let j = t.start[i]! + 3; j < t.start[i + 1]!; j++) data[j] = ids[data[j]!]!;
    this.segments.set(file, {
      file,
      passages,
      terms: { start: t.start, data, section: t.section, sectionStart: t.sectionStart, sectionData: t.sectionData.map((x) => ids[x]!) },
      paragraphs: new Map(),
      sections: new Map(),
      titles: new Map(),
      leads: new Map(),
    });
    this.passages += passages.length;
    this.changed();
  }

  /**
   * The built index as one block of bytes (`restore` reads it back): the strings, each file's
   * terms, the postings and norms of both fields, as typed arrays laid end to end behind a JSON
   * head that names the files and the arrays' lengths. `key` says what it was built from (the
   * engine's `savedIndexKey`). Null when it cannot be saved faithfully (a term that is not
   * well-formed Unicode would not come back the same).
   */
  save(key: string): Uint8Array | null {
    const b = this.build();
    const text = this.strings.join('');
    if (LONE_SURROGATE.test(text)) return null;
    const ends = new Uint32Array(this.strings.length);
    let end = 0;
    this.strings.forEach((t, i) => (ends[i] = end += t.length));
    const arrays: ArrayBufferView[] = [new TextEncoder().encode(text), ends];
    for (const seg of b.segments) {
      const t = seg.terms;
      arrays.push(t.start, t.data, t.section, t.sectionStart, t.sectionData);
    }
    for (const f of [0, 1] as const) arrays.push(b.postings[f].start, b.postings[f].doc, b.postings[f].tf, b.norms[f]);
    arrays.push(b.codeCount);
    const head = new TextEncoder().encode(
      JSON.stringify({
        key,
        segments: b.segments.map((seg) => [seg.file, seg.passages.length]),
        lengths: arrays.map((a) => a.byteLength),
      } satisfies SavedHead),
    );
    const at = (n: number) => Math.ceil(n / 8) * 8;
    let size = at(4 + head.length);
    for (const a of arrays) size = at(size + a.byteLength);
    const out = new Uint8Array(size);
    new DataView(out.buffer).setUint32(0, head.length, true);
    out.set(head, 4);
    let offset = at(4 + head.length);
    for (const a of arrays) {
      out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), offset);
      offset = at(offset + a.byteLength);
    }
    return out;
  }

  /**
   * Replaces the whole index with one `save` made (views of `bytes`, not copies), when it was
   * saved under `key` from exactly these files (`lists`: each file's passages): no term is
   * numbered and no posting built. False, leaving the index as it was, when it does not fit.
   */
  restore(bytes: Uint8Array, key: string, given: ReadonlyMap<string, Passage[] | PassageList>): boolean {
    try {
      const lists = new Map([...given].map(([file, p]) => [file, Array.isArray(p) ? listOf(p) : p]));
      const saved = readSaved(bytes, key, lists);
      if (!saved) return false;
      const { strings, segments, postings, norms, codeCount } = saved;
      for (const file of [...this.segments.keys()]) this.removeFile(file);
      this.strings.length = 0;
      this.stringIds.clear();
      for (const [i, t] of strings.entries()) {
        this.strings.push(t);
        this.stringIds.set(t, i);
      }
      for (const seg of segments) this.segments.set(seg.file, seg);
      this.passages = segments.reduce((n, seg) => n + seg.passages.length, 0);
      this.changed();
      this.built = { ...this.placing([...this.segments.values()]), postings, codeCount, norms };
      return true;
    } catch {
      return false;
    }
  }

  removeFile(file: string): void {
    const s = this.segments.get(file);
    if (!s) return;
    this.segments.delete(file);
    this.passages -= s.passages.length;
    this.changed();
  }

  /** Forgets what was built from the files: built again when next needed. */
  private changed(): void {
    this.version++;
    this.built = null;
    this.vocab = null;
    this.byPrefix = null;
    this.derived.clear();
    this.entries.clear();
  }

  /** Where each segment's sentences are numbered, in this order. */
  private placing(segments: Segment[]): Pick<Built, 'segments' | 'docSegment' | 'segmentStart' | 'segmentOf'> {
    const docSegment = new Uint32Array(this.passages);
    const segmentStart = new Uint32Array(segments.length);
    const segmentOf = new Map<string, number>();
    let doc = 0;
    segments.forEach((s, i) => {
      segmentOf.set(s.file, i);
      segmentStart[i] = doc;
      docSegment.fill(i, doc, (doc += s.passages.length));
    });
    return { segments, docSegment, segmentStart, segmentOf };
  }

  /**
   * The postings of both fields, in one pass per field over every sentence's terms: counted, then
   * filled in sentence order (so each list is ascending, as minisearch keeps its own). Field
   * lengths and their running average are worked out as minisearch does when sentences are added
   * in this order (the same floats).
   */
  private build(): Built {
    if (this.built) return this.built;
    const segments = [...this.segments.values()];
    const n = this.passages;
    const { docSegment, segmentStart, segmentOf } = this.placing(segments);
    const strings = this.strings.length;
    const empty = this.stringIds.get('');
    // Each sentence's tokens in a field, as index-wide string numbers.
    const fieldTokens = (field: 0 | 1, visit: (doc: number, data: Uint32Array, from: number, to: number) => void) => {
      let d = 0;
      for (const s of segments) {
        const t = s.terms;
        for (let i = 0; i < s.passages.length; i++, d++) {
          if (field === 0) {
            const r = record(t, i);
            visit(d, t.data, r.at, r.at + r.terms + r.parts + r.code);
          } else {
            const section = t.section[i]!;
            visit(d, t.sectionData, t.sectionStart[section]!, t.sectionStart[section + 1]!);
          }
        }
      }
    };
    const lastDoc = new Int32Array(strings);
    const lastAt = new Uint32Array(strings);
    const postingsOf = (field: 0 | 1): { postings: Postings; norms: Float64Array } => {
      const counts = new Uint32Array(strings + 1);
      const lengths = new Uint32Array(n);
      let avg = 0;
      lastDoc.fill(-1);
      fieldTokens(field, (d, data, from, to) => {
        let unique = 0;
        for (let j = from; j < to; j++) {
          const id = data[j]!;
          if (lastDoc[id] === d) continue;
          lastDoc[id] = d;
          unique++;
          if (id !== empty) counts[id + 1]!++;
        }
        // minisearch splits the field's text on spaces: no terms is one empty token.
        lengths[d] = Math.max(unique, 1);
        avg = (avg * d + lengths[d]!) / (d + 1);
      });
      for (let id = 0; id < strings; id++) counts[id + 1]! += counts[id]!;
      const start = counts;
      const fill = start.slice(0, strings);
      const docs = new Uint32Array(start[strings]!);
      const tf = new Uint16Array(start[strings]!);
      lastDoc.fill(-1);
      fieldTokens(field, (d, data, from, to) => {
        for (let j = from; j < to; j++) {
          const id = data[j]!;
          if (id === empty) continue;
          if (lastDoc[id] === d) {
            if (tf[lastAt[id]!]! < 0xffff) tf[lastAt[id]!]!++;
            continue;
          }
          lastDoc[id] = d;
          const at = fill[id]!++;
          lastAt[id] = at;
          docs[at] = d;
          tf[at] = 1;
        }
      });
      const norms = new Float64Array(n);
      for (let i = 0; i < n; i++) norms[i] = BM25.k * (1 - BM25.b + (BM25.b * lengths[i]!) / avg);
      return { postings: { start, doc: docs, tf }, norms };
    };
    const terms = postingsOf(0);
    const headings = postingsOf(1);
    // A sentence's code terms are distinct and none of its own terms (`codeTerms`).
    const codeCount = new Uint32Array(strings);
    for (const s of segments) {
      for (let i = 0; i < s.passages.length; i++) {
        const r = record(s.terms, i);
        for (let j = r.at + r.terms + r.parts; j < r.at + r.terms + r.parts + r.code; j++) codeCount[s.terms.data[j]!]!++;
      }
    }
    return (this.built = {
      segments,
      docSegment,
      segmentStart,
      segmentOf,
      postings: [terms.postings, headings.postings],
      codeCount,
      norms: [terms.norms, headings.norms],
    });
  }

  /**
   * Where a sentence is: in the file its id names (`file#p1s0`), found through that file's ids
   * (numbered when first asked for: a map of every sentence's id took 0.6 s to build at start-up
   * on /usr/share/doc), else in any file.
   */
  private locate(b: Built, id: string): { segment: Segment; i: number } | undefined {
    const hash = id.lastIndexOf('#');
    const named = hash > 0 ? b.segmentOf.get(id.slice(0, hash)) : undefined;
    for (const k of named === undefined ? b.segments.keys() : [named]) {
      const segment = b.segments[k]!;
      const i = segment.passages.position(id);
      if (i >= 0) return { segment, i };
    }
    return undefined;
  }

  /** A sentence's terms and term sets, made from its file's terms. */
  private entry(s: Segment, i: number): Entry {
    const t = s.terms;
    const p = s.passages.at(i);
    const strings = (data: Uint32Array, from: number, to: number) => {
      const out: string[] = new Array(to - from);
      for (let j = from; j < to; j++) out[j - from] = this.strings[data[j]!]!;
      return out;
    };
    const termsOf = (k: number) => {
      const r = record(t, k);
      return strings(t.data, r.at, r.at + r.terms);
    };
    const r = record(t, i);
    const terms = termsOf(i);
    const parts = strings(t.data, r.at + r.terms, r.at + r.terms + r.parts);
    const code = strings(t.data, r.at + r.terms + r.parts, r.at + r.terms + r.parts + r.code);
    const section = t.section[i]!;
    // Its paragraph's neighbour, else one under the same heading path.
    const inSection = (k: number) =>
      k >= 0 && k < s.passages.length && (s.passages.at(k).paragraph === p.paragraph || (p.headings.length > 0 && t.section[k] === section))
        ? s.passages.id(k)
        : null;
    const before = p.prev ?? inSection(i - 1);
    const after = p.next ?? inSection(i + 1);
    const headingTerms = strings(t.sectionData, t.sectionStart[section]!, t.sectionStart[section + 1]!);
    const near = (id: string | null) => {
      if (!id) return [];
      const k =
        i > 0 && s.passages.id(i - 1) === id
          ? i - 1
          : i + 1 < s.passages.length && s.passages.id(i + 1) === id
            ? i + 1
            : s.passages.position(id);
      return k < 0 ? [] : termsOf(k);
    };
    return new Entry(
      p,
      terms,
      new Set([...terms, ...parts, ...code]),
      new Set(strings(t.data, r.at + r.terms + r.parts + r.code, r.end)),
      new Set([...near(before), ...near(after), ...leadTerms(s, p)]),
      this.paragraphSet(s, i, p),
      titleSet(s, p),
      parts,
      code,
      p.headings.length === 0 ? NO_TERMS : this.sectionSet(s, i),
      headingTerms.join(' '),
      p.entities.map((e) =>
        e.text
          .toLowerCase()
          .split(/[^\p{L}\p{N}]+/u)
          .filter(Boolean),
      ),
      fold(p.text),
      before,
      after,
    );
  }

  /** The terms of sentence i's paragraph (made once a paragraph, kept with the file). */
  private paragraphSet(s: Segment, i: number, p = s.passages.at(i)): SortedTerms {
    return kept(s.paragraphs, p.paragraph, () => {
      // A paragraph's sentences stand together in its file's list.
      let first = i;
      while (first > 0 && s.passages.at(first - 1).paragraph === p.paragraph) first--;
      let last = i;
      while (last + 1 < s.passages.length && s.passages.at(last + 1).paragraph === p.paragraph) last++;
      return this.union(
        s,
        Array.from({ length: last - first + 1 }, (_, j) => first + j),
        s.terms.sectionData,
        0,
        0,
      );
    });
  }

  /** The terms of sentence i's section: its heading path's and its sentences' (made once a section, kept with the file). */
  private sectionSet(s: Segment, i: number): SortedTerms {
    const t = s.terms;
    const section = t.section[i]!;
    return kept(s.sections, section, () => {
      const { order, start } = (s.members ??= sectionMembers(t));
      return this.union(
        s,
        order.subarray(start[section], start[section + 1]),
        t.sectionData,
        t.sectionStart[section]!,
        t.sectionStart[section + 1]!,
      );
    });
  }

  /**
   * What ranking reads of every sentence, made ahead a sentence a step: its passage decoded (with
   * the others of its piece), its paragraph's, section's, title's and lead-in's terms, so that the first questions
   * do not pay for them (`AnswerEngine.prepare` runs it between requests), then the vocabulary
   * for spelling. Stops when the files change.
   */
  *prepareSteps(): Generator<void, void, void> {
    const b = this.build();
    for (const s of b.segments) {
      // Every passage of the file first, so that no step decodes a whole long paragraph (a changelog's list).
      for (let i = 0; i < s.passages.length; i++) {
        if (this.built !== b) return;
        s.passages.at(i);
        yield;
      }
      for (let i = 0; i < s.passages.length; i++) {
        if (this.built !== b) return;
        const p = s.passages.at(i);
        this.paragraphSet(s, i, p);
        if (p.headings.length > 0) this.sectionSet(s, i);
        titleSet(s, p);
        leadTerms(s, p);
        yield;
      }
    }
    if (!this.vocab && this.built === b) yield* this.vocabularySteps();
  }

  /**
   * The terms of `seed[from .. to)` and of the file's sentences at `positions`, each once (told
   * apart by its number), sorted by number.
   */
  private union(s: Segment, positions: ArrayLike<number>, seed: Uint32Array, from: number, to: number): SortedTerms {
    if (this.mark.length < this.strings.length) this.mark = new Uint32Array(this.strings.length * 2);
    const mark = this.mark;
    const stamp = ++this.stamp;
    const t = s.terms;
    const ids: number[] = [];
    const add = (id: number) => {
      if (mark[id] === stamp) return;
      mark[id] = stamp;
      ids.push(id);
    };
    for (let j = from; j < to; j++) add(seed[j]!);
    for (let n = 0; n < positions.length; n++) {
      const r = record(t, positions[n]!);
      for (let j = r.at; j < r.at + r.terms; j++) add(t.data[j]!);
    }
    return new SortedTerms(Uint32Array.from(ids).sort(), this.stringIds, this.strings);
  }
}
