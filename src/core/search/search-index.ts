/**
 * The passage index: minisearch over the terms of each sentence, plus what re-ranking needs per
 * sentence, computed once at indexing: its terms in order, the neighbours', the paragraph's and
 * the title's terms, and the vocabulary for spelling. (Indexing the neighbours and titles in
 * minisearch too found no better candidates on SQuAD and made each search 2× slower.)
 */
import MiniSearch from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import type { Passage } from '../knowledge/index.js';
import { fold } from '../text/index.js';
import { identifierParts, indexTerms, tokenize, type Token } from '../text/index.js';

export interface IndexedPassage {
  passage: Passage;
  /** Index terms of the sentence, in order (stop words left out). */
  terms: string[];
  /** The same, with their offsets in the sentence; worked out again when asked for. */
  readonly tokens: Token[];
  /** Where each of `terms` stands in the sentence: start and end offsets, two per term (for highlighting). */
  spans: Uint32Array;
  termSet: Set<string>;
  /** The sentence's words as written (folded, before stemming): for exact-form matches. */
  words: Set<string>;
  /** Terms of the sentences before and after it in the paragraph. */
  contextSet: Set<string>;
  /** Terms of the whole paragraph (one set shared by its sentences). */
  paragraphSet: Set<string>;
  /** Terms of the title and headings. */
  titleSet: Set<string>;
  /** Terms of the sentence's section: its heading path and every sentence under that same path (empty for a sentence under no heading). */
  sectionSet: Set<string>;
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
 * An indexed sentence. Its tokens are worked out again when asked for rather than kept (keeping
 * them took a fifth of the index's heap: 4.1 → 3.3 kB a sentence on the docs-dev corpus); only
 * their offsets are kept (`spans`), for highlighting: tokenizing the shown sentences again made
 * 45 % of the time of an answer (SQuAD p50 2.0 → 0.8 ms; index heap 38.8 → 39.9 MB).
 */
class Entry implements IndexedPassage {
  constructor(
    readonly passage: Passage,
    readonly terms: string[],
    readonly termSet: Set<string>,
    readonly words: Set<string>,
    readonly contextSet: Set<string>,
    readonly paragraphSet: Set<string>,
    readonly titleSet: Set<string>,
    readonly parts: string[],
    readonly code: string[],
    readonly sectionSet: Set<string>,
    readonly headingTerms: string,
    readonly entityWords: string[][],
    readonly folded: string,
    readonly before: string | null,
    readonly after: string | null,
    readonly spans: Uint32Array,
  ) {}

  get tokens(): Token[] {
    return tokenize(this.passage.text).filter((t) => !t.stop);
  }
}

/** A sentence as minisearch sees it: its index terms, already processed, joined by spaces, and its heading path's. */
interface Doc {
  id: string;
  terms: string;
  heading: string;
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
/** Passages indexed between two of `fileSteps`' pauses: a few milliseconds of work. */
export const STEP_PASSAGES = 200;

/** A sentence minisearch retrieved for a question, with its score. */
export interface Hit {
  id: string;
  score: number;
}

/**
 * minisearch's index as `MiniSearch.search` reads it (minisearch 7): term → field id →
 * (short document id → term frequency), field lengths and BM25 parameters. `SearchIndex.search`
 * scores the same postings with the same BM25 into flat arrays and keeps only the best few,
 * instead of building a result object for every matching sentence and sorting them all
 * (tests/core/search-index.test.ts checks it ranks exactly as `search` does); it falls back to
 * `search` should a later minisearch keep its index otherwise.
 */
interface MiniSearchInternals {
  _index?: { get(term: string): Map<number, Map<number, number>> | undefined };
  _documentIds?: Map<number, string>;
  _fieldLength?: Map<number, number[]>;
  _fieldIds?: Record<string, number>;
  _avgFieldLength?: number[];
  _documentCount?: number;
  _nextId?: number;
  _options?: { searchOptions?: { bm25?: { k: number; b: number; d: number } } };
}

/**
 * The terms of the parts of a sentence's identifiers that are not already terms of it
 * (`allErrors` → all, error; `WS_NO_BUFFER_UTIL` → buffer, util): a developer asks in words for an
 * option named by joining them. Searched and matched like the sentence's own terms, but not in its
 * word order (proximity) nor highlighted.
 */
function partTerms(tokens: Token[]): string[] {
  const out = new Set<string>();
  for (const t of tokens) {
    if (!/\p{Ll}\p{Lu}|_/u.test(t.surface)) continue;
    for (const term of indexTerms(identifierParts(t.surface).join(' '))) if (term !== t.term) out.add(term);
  }
  return [...out];
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
function codeTerms(p: Passage): string[] {
  if (!p.code) return [];
  const tokens = p.code.flatMap((block) =>
    tokenize(block.text.slice(0, CODE_SCAN).replace(CODE_COMMENT, ' ')).filter(
      (t) => !t.stop && !CODE_NOISE.has(t.word) && !/^\d+$/.test(t.term),
    ),
  );
  return [...new Set([...tokens.map((t) => t.term), ...partTerms(tokens)])].slice(0, CODE_TERMS);
}

const identity = (t: string) => t;
const NO_TERMS: Set<string> = new Set();
const split = (text: string) => text.split(' ');

export class SearchIndex {
  readonly mini: MiniSearch<Doc>;
  private readonly entries = new Map<string, IndexedPassage>();
  private readonly byFile = new Map<string, string[]>();
  /** Document frequency of each term over sentences. */
  private readonly df = new Map<string, number>();
  /** How many sentences introduce code with each term that they do not have themselves (`code`). */
  private readonly codeDf = new Map<string, number>();
  /** How many sentences have each term in their heading path (a term only there is not unknown to the knowledge). */
  private readonly headingDf = new Map<string, number>();
  /** Terms of four letters or more, without digits, by their first four letters (for derived forms). */
  private readonly byPrefix = new Map<string, Set<string>>();
  /** `derivedTerms` found so far (forgotten when the knowledge changes). */
  private readonly derived = new Map<string, string[]>();
  /** Normalized words (before stemming) → how often they occur; for spelling correction. */
  readonly vocabulary = new SearchableMap<number>();
  /** `search`'s scratch space, by minisearch's short document id (zero between searches). */
  private scores = new Float64Array(0);
  private matchedTerms = new Uint16Array(0);
  /** The position in `search`'s terms of the last term that matched each sentence (-1 between searches). */
  private lastTerm = new Int32Array(0);
  private touched = new Int32Array(0);
  /** BM25's length normalization of each sentence, per field (NaN: not computed since the index last changed). */
  private norms = [new Float64Array(0), new Float64Array(0)];
  private normsAvgLength = [NaN, NaN];

  constructor() {
    this.mini = new MiniSearch<Doc>({
      fields: ['terms', 'heading'],
      idField: 'id',
      tokenize: split,
      processTerm: identity,
      searchOptions: { tokenize: split, processTerm: identity, boost: { heading: HEADING_BOOST } },
    });
  }

  get size(): number {
    return this.entries.size;
  }

  get(id: string): IndexedPassage | undefined {
    return this.entries.get(id);
  }

  /** Inverse document frequency of a term; unseen terms get the highest. */
  idf(term: string): number {
    const n = this.entries.size;
    const df = this.df.get(term) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** The share of all sentences that one file holds (0 for a file not indexed). */
  fileShare(file: string): number {
    return (this.byFile.get(file)?.length ?? 0) / (this.entries.size || 1);
  }

  /**
   * The `limit` sentences minisearch scores best for the (distinct) terms, each boosted by
   * `boost`, best first, ties in minisearch's order: the same as
   * `mini.search(terms.join(' '), { boostTerm: boost }).slice(0, limit)`, without decorating and
   * sorting every sentence that matches.
   */
  search(terms: string[], boost: (term: string) => number, limit: number): Hit[] {
    if (limit < 1) return [];
    const m = this.mini as unknown as MiniSearchInternals;
    const bm25 = m._options?.searchOptions?.bm25;
    const {
      _index: index,
      _documentIds: ids,
      _fieldLength: lengths,
      _avgFieldLength: avg,
      _documentCount: n,
      _nextId: size,
      _fieldIds: fieldIds,
    } = m;
    if (
      !index ||
      !ids ||
      !lengths ||
      !avg ||
      n === undefined ||
      size === undefined ||
      !bm25 ||
      fieldIds?.terms !== 0 ||
      fieldIds.heading !== 1
    ) {
      return this.mini
        .search(terms.join(' '), { boostTerm: boost })
        .slice(0, limit)
        .map((r) => ({ id: r.id as string, score: r.score }));
    }
    const { k, b, d } = bm25;
    const avgLengths = [avg[0]!, avg[1] ?? 0];
    if (this.scores.length < size) {
      this.scores = new Float64Array(size * 2);
      this.matchedTerms = new Uint16Array(size * 2);
      this.lastTerm = new Int32Array(size * 2).fill(-1);
      this.touched = new Int32Array(size * 2);
      this.norms = [new Float64Array(size * 2).fill(NaN), new Float64Array(size * 2).fill(NaN)];
    } else {
      for (const f of [0, 1]) if (avgLengths[f] !== this.normsAvgLength[f]) this.norms[f]!.fill(NaN);
    }
    this.normsAvgLength = avgLengths;
    const { scores, matchedTerms, lastTerm, touched } = this;
    // Sentences in the order minisearch first meets them (its ties keep that order).
    let count = 0;
    for (let j = 0; j < terms.length; j++) {
      const term = terms[j]!;
      const fields = index.get(term);
      if (!fields) continue;
      for (const field of [0, 1]) {
        const postings = fields.get(field);
        if (!postings) continue;
        const idf = Math.log(1 + (n - postings.size + 0.5) / (postings.size + 0.5));
        // minisearch multiplies the term's boost by the field's, then by the BM25 score.
        const weight = field === 0 ? boost(term) : boost(term) * HEADING_BOOST;
        const norms = this.norms[field]!;
        const avgLength = avgLengths[field]!;
        // (`forEach`, not `for … of`: no entry array per posting, so less garbage to collect.)
        postings.forEach((tf, doc) => {
          let norm = norms[doc]!;
          if (Number.isNaN(norm)) norms[doc] = norm = k * (1 - b + (b * lengths.get(doc)![field]!) / avgLength);
          // minisearch's calcBM25Score and weighting, operation for operation (same floats).
          const raw = idf * (d + (tf * (k + 1)) / (tf + norm));
          if (matchedTerms[doc] === 0) touched[count++] = doc;
          scores[doc] = scores[doc]! + weight * raw;
          // A term counts once however many fields it matches in.
          if (lastTerm[doc] !== j) {
            lastTerm[doc] = j;
            matchedTerms[doc] = matchedTerms[doc]! + 1;
          }
        });
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
    return best.map(({ doc, score }) => ({ id: ids.get(doc)!, score }));
  }

  /** Whether only code of the knowledge has the term (a name it shows but never writes about). */
  inCode(term: string): boolean {
    return !this.has(term) && (this.codeDf.get(term) ?? 0) > 0;
  }

  /** Whether a sentence or a heading of the knowledge has the term. */
  has(term: string): boolean {
    return (this.df.get(term) ?? 0) > 0 || (this.headingDf.get(term) ?? 0) > 0;
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
    if (term.length < 4 || /\d/.test(term)) return [];
    let out = this.derived.get(term);
    if (out) return out;
    out = [];
    this.derived.set(term, out);
    for (const u of this.byPrefix.get(term.slice(0, 4)) ?? []) {
      if (u === term) continue;
      let k = 4;
      while (k < term.length && k < u.length && term[k] === u[k]) k++;
      if (k >= Math.ceil(0.75 * Math.min(term.length, u.length)) && Math.abs(u.length - term.length) <= 4) out.push(u);
    }
    return out.sort();
  }

  private prefixBucket(term: string): Set<string> {
    const prefix = term.slice(0, 4);
    let bucket = this.byPrefix.get(prefix);
    if (!bucket) this.byPrefix.set(prefix, (bucket = new Set()));
    return bucket;
  }

  /** Replaces the passages of one file (an empty list removes the file). */
  setFile(file: string, passages: Passage[]): void {
    for (const _ of this.fileSteps(file, passages));
  }

  /**
   * `setFile` in steps of at most `STEP_PASSAGES` passages, so a big file can be indexed between
   * requests (engine.syncGradually). The file's sentences become searchable in the last steps.
   */
  *fileSteps(file: string, passages: Passage[]): Generator<void, void, void> {
    this.removeFile(file);
    this.derived.clear();
    if (passages.length === 0) return;
    const paragraphs = new Map<number, Set<string>>();
    const tokensOf = new Map<string, Token[]>();
    const termsOf = new Map<string, string[]>();
    for (const [i, p] of passages.entries()) {
      const tokens = tokenize(p.text).filter((t) => !t.stop);
      tokensOf.set(p.id, tokens);
      termsOf.set(
        p.id,
        tokens.map((t) => t.term),
      );
      if (i % STEP_PASSAGES === STEP_PASSAGES - 1) yield;
    }
    for (const [i, p] of passages.entries()) {
      let set = paragraphs.get(p.paragraph);
      if (!set) paragraphs.set(p.paragraph, (set = new Set()));
      for (const t of termsOf.get(p.id)!) set.add(t);
      if (i % STEP_PASSAGES === STEP_PASSAGES - 1) yield;
    }
    const titles = new Map<string, Set<string>>();
    const sections = new Map<string, Set<string>>();
    const sectionOf = (p: Passage) => p.headings.join('\u0000');
    for (const [i, p] of passages.entries()) {
      if (i % STEP_PASSAGES === STEP_PASSAGES - 1) yield;
      if (p.headings.length === 0) continue;
      let set = sections.get(sectionOf(p));
      if (!set) sections.set(sectionOf(p), (set = new Set(indexTerms(p.headings.join(' ')))));
      for (const t of termsOf.get(p.id)!) set.add(t);
    }
    const docs: Doc[] = [];
    const inSection = (a: Passage | undefined, b: Passage) =>
      a && (a.paragraph === b.paragraph || (b.headings.length > 0 && sectionOf(a) === sectionOf(b))) ? a.id : null;
    for (const [i, p] of passages.entries()) {
      if (i % STEP_PASSAGES === STEP_PASSAGES - 1) yield;
      const before = p.prev ?? inSection(passages[i - 1], p);
      const after = p.next ?? inSection(passages[i + 1], p);
      const tokens = tokensOf.get(p.id)!;
      const terms = termsOf.get(p.id)!;
      const title = [p.title, ...p.headings].join(' ');
      if (!titles.has(title)) titles.set(title, new Set(indexTerms(title)));
      const headingTerms = indexTerms(p.headings.join(' ')).join(' ');
      const parts = partTerms(tokens);
      const own = new Set([...terms, ...parts]);
      const code = codeTerms(p).filter((t) => !own.has(t));
      const termSet = new Set([...own, ...code]);
      this.entries.set(
        p.id,
        new Entry(
          p,
          terms,
          termSet,
          new Set(tokens.map((t) => t.word)),
          new Set([...[before, after].flatMap((id) => (id ? (termsOf.get(id) ?? []) : [])), ...(p.lead ? indexTerms(p.lead) : [])]),
          paragraphs.get(p.paragraph)!,
          titles.get(title)!,
          parts,
          code,
          sections.get(sectionOf(p)) ?? NO_TERMS,
          headingTerms,
          p.entities.map((e) =>
            e.text
              .toLowerCase()
              .split(/[^\p{L}\p{N}]+/u)
              .filter(Boolean),
          ),
          fold(p.text),
          before,
          after,
          Uint32Array.from(tokens.flatMap((t) => [t.start, t.end])),
        ),
      );
      for (const t of own) {
        const n = (this.df.get(t) ?? 0) + 1;
        this.df.set(t, n);
        if (n === 1 && t.length >= 4 && !/\d/.test(t)) this.prefixBucket(t).add(t);
      }
      for (const t of code) this.codeDf.set(t, (this.codeDf.get(t) ?? 0) + 1);
      for (const t of tokens) {
        if (/\d/.test(t.word)) continue;
        this.vocabulary.update(t.word, (n) => (n ?? 0) + 1);
      }
      for (const t of new Set(headingTerms.split(' ').filter(Boolean))) this.headingDf.set(t, (this.headingDf.get(t) ?? 0) + 1);
      docs.push({ id: p.id, terms: [...terms, ...parts, ...code].join(' '), heading: headingTerms });
    }
    for (let i = 0; i < docs.length; i += STEP_PASSAGES) {
      this.mini.addAll(docs.slice(i, i + STEP_PASSAGES));
      if (i + STEP_PASSAGES < docs.length) yield;
    }
    this.byFile.set(
      file,
      passages.map((p) => p.id),
    );
  }

  removeFile(file: string): void {
    const ids = this.byFile.get(file);
    if (!ids) return;
    this.derived.clear();
    for (const id of ids) {
      const e = this.entries.get(id);
      if (!e) continue;
      for (const t of new Set([...e.terms, ...e.parts])) {
        const n = (this.df.get(t) ?? 1) - 1;
        if (n > 0) this.df.set(t, n);
        else {
          this.df.delete(t);
          this.byPrefix.get(t.slice(0, 4))?.delete(t);
        }
      }
      for (const t of e.code) {
        const n = (this.codeDf.get(t) ?? 1) - 1;
        if (n > 0) this.codeDf.set(t, n);
        else this.codeDf.delete(t);
      }
      for (const t of new Set(e.headingTerms.split(' ').filter(Boolean))) {
        const n = (this.headingDf.get(t) ?? 1) - 1;
        if (n > 0) this.headingDf.set(t, n);
        else this.headingDf.delete(t);
      }
      for (const t of e.tokens) {
        if (/\d/.test(t.word)) continue;
        const n = (this.vocabulary.get(t.word) ?? 1) - 1;
        if (n > 0) this.vocabulary.set(t.word, n);
        else this.vocabulary.delete(t.word);
      }
      this.entries.delete(id);
      // Removed from the postings at once (`discard` leaves them until a vacuum), so that
      // `search` reads only live sentences.
      this.mini.remove({ id, terms: [...e.terms, ...e.parts, ...e.code].join(' '), heading: e.headingTerms });
    }
    this.byFile.delete(file);
  }
}
