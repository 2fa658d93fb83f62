/**
 * The passage index: minisearch over the terms of each sentence, plus what re-ranking needs per
 * sentence, computed once at indexing: its terms in order, the neighbours', the paragraph's and
 * the title's terms, and the vocabulary for spelling. (Indexing the neighbours and titles in
 * minisearch too found no better candidates on SQuAD and made each search 2× slower.)
 */
import MiniSearch, { type SearchOptions } from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import type { Passage } from '../knowledge/types.js';
import { fold } from '../text/fold.js';
import { indexTerms, tokenize, type Token } from '../text/terms.js';

export interface IndexedPassage {
  passage: Passage;
  /** Index terms of the sentence, in order (stop words left out). */
  terms: string[];
  /** The same, with their offsets in the sentence (for highlighting). */
  tokens: Token[];
  termSet: Set<string>;
  /** The sentence's words as written (folded, before stemming): for exact-form matches. */
  words: Set<string>;
  /** Terms of the sentences before and after it in the paragraph. */
  contextSet: Set<string>;
  /** Terms of the whole paragraph (one set shared by its sentences). */
  paragraphSet: Set<string>;
  /** Terms of the title and headings. */
  titleSet: Set<string>;
  /** The sentence folded (lower case, plain quotes): for pattern checks. */
  folded: string;
  /** Entity kinds present in the sentence. */
  kinds: Set<string>;
  /** The words of each of the sentence's entities, lower case (to tell entities a question names). */
  entityWords: string[][];
}

/** A sentence as minisearch sees it: its index terms, already processed, joined by spaces. */
interface Doc {
  id: string;
  terms: string;
}

/** A sentence minisearch retrieved for a question, with its score. */
export interface Hit {
  id: string;
  score: number;
}

/**
 * What `MiniSearch.search` is made of (minisearch 7): `executeQuery` scores the matching
 * documents by their internal short ids; `search` then decorates every one of them (matched
 * terms, stored fields) and sorts them all. `SearchIndex.search` takes the scores from
 * `executeQuery` and keeps only the best few (tests/core/search-index.test.ts checks it ranks
 * exactly as `search` does), or falls back to `search` should a later minisearch lack them.
 */
interface MiniSearchInternals {
  executeQuery?(query: string, options: SearchOptions): Map<number, { score: number; terms: string[] }>;
  _documentIds?: Map<number, string>;
}

const identity = (t: string) => t;
const split = (text: string) => text.split(' ');

export class SearchIndex {
  readonly mini: MiniSearch<Doc>;
  private readonly entries = new Map<string, IndexedPassage>();
  private readonly byFile = new Map<string, string[]>();
  /** Document frequency of each term over sentences; searchable by prefix (for derived forms). */
  private readonly df = new SearchableMap<number>();
  /** `derivedTerms` found so far (forgotten when the knowledge changes). */
  private readonly derived = new Map<string, string[]>();
  /** Normalized words (before stemming) → how often they occur; for spelling correction. */
  readonly vocabulary = new SearchableMap<number>();

  constructor() {
    this.mini = new MiniSearch<Doc>({
      fields: ['terms'],
      idField: 'id',
      tokenize: split,
      processTerm: identity,
      searchOptions: { tokenize: split, processTerm: identity },
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
   * The `limit` sentences minisearch scores best for the terms (each boosted by `boost`), best
   * first, ties in minisearch's order: the same as `mini.search(terms.join(' '), { boostTerm: boost })
   * .slice(0, limit)`, without decorating and sorting every sentence that matches.
   */
  search(terms: string[], boost: (term: string) => number, limit: number): Hit[] {
    if (limit < 1) return [];
    const query = terms.join(' ');
    const { executeQuery, _documentIds: ids } = this.mini as unknown as MiniSearchInternals;
    if (!executeQuery || !ids) return this.mini.search(query, { boostTerm: boost }).slice(0, limit).map((r) => ({ id: r.id as string, score: r.score }));
    const best: { doc: number; score: number }[] = [];
    for (const [doc, { score, terms: matched }] of executeQuery.call(this.mini, query, { boostTerm: boost })) {
      // As `search` scores: the sum over the terms, times the number of query terms matched.
      const total = score * (matched.length || 1);
      if (best.length === limit && !(total > best[limit - 1]!.score)) continue;
      // After every sentence that scores as much or more (`search`'s sort is stable).
      let at = best.length;
      while (at > 0 && best[at - 1]!.score < total) at--;
      best.splice(at, 0, { doc, score: total });
      if (best.length > limit) best.pop();
    }
    return best.map(({ doc, score }) => ({ id: ids.get(doc)!, score }));
  }

  has(term: string): boolean {
    return (this.df.get(term) ?? 0) > 0;
  }

  /**
   * Index terms that look like another form of `term` by a long shared beginning
   * (`religi` ~ `religion`, `rule` ~ `ruler`): Porter stemming keeps inflections together
   * but not such derivations. The shared part must be at least 4 letters and all but the
   * last two of the shorter term, and the lengths differ by at most 4 (a suffix).
   */
  derivedTerms(term: string): string[] {
    if (term.length < 4 || /\d/.test(term)) return [];
    let out = this.derived.get(term);
    if (out) return out;
    out = [];
    this.derived.set(term, out);
    for (const [u] of this.df.atPrefix(term.slice(0, 4))) {
      if (u === term || /\d/.test(u)) continue;
      let k = 4;
      while (k < term.length && k < u.length && term[k] === u[k]) k++;
      if (k >= Math.min(term.length, u.length) - 2 && Math.abs(u.length - term.length) <= 4) out.push(u);
    }
    return out;
  }

  /** Replaces the passages of one file (an empty list removes the file). */
  setFile(file: string, passages: Passage[]): void {
    this.removeFile(file);
    this.derived.clear();
    if (passages.length === 0) return;
    const paragraphs = new Map<number, Set<string>>();
    const tokensOf = new Map(passages.map((p) => [p.id, tokenize(p.text).filter((t) => !t.stop)]));
    const termsOf = new Map([...tokensOf].map(([id, tokens]) => [id, tokens.map((t) => t.term)]));
    for (const p of passages) {
      let set = paragraphs.get(p.paragraph);
      if (!set) paragraphs.set(p.paragraph, (set = new Set()));
      for (const t of termsOf.get(p.id)!) set.add(t);
    }
    const titles = new Map<string, Set<string>>();
    const docs: Doc[] = [];
    for (const p of passages) {
      const tokens = tokensOf.get(p.id)!;
      const terms = termsOf.get(p.id)!;
      const title = [p.title, ...p.headings].join(' ');
      if (!titles.has(title)) titles.set(title, new Set(indexTerms(title)));
      const termSet = new Set(terms);
      this.entries.set(p.id, {
        passage: p,
        terms,
        tokens,
        termSet,
        words: new Set(tokens.map((t) => t.word)),
        contextSet: new Set([p.prev, p.next].flatMap((id) => (id ? (termsOf.get(id) ?? []) : []))),
        paragraphSet: paragraphs.get(p.paragraph)!,
        titleSet: titles.get(title)!,
        kinds: new Set(p.entities.map((e) => e.kind)),
        entityWords: p.entities.map((e) => e.text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean)),
        folded: fold(p.text),
      });
      for (const t of termSet) this.df.update(t, (n) => (n ?? 0) + 1);
      for (const t of tokens) {
        if (/\d/.test(t.word)) continue;
        this.vocabulary.update(t.word, (n) => (n ?? 0) + 1);
      }
      docs.push({ id: p.id, terms: terms.join(' ') });
    }
    this.mini.addAll(docs);
    this.byFile.set(file, passages.map((p) => p.id));
  }

  removeFile(file: string): void {
    const ids = this.byFile.get(file);
    if (!ids) return;
    this.derived.clear();
    for (const id of ids) {
      const e = this.entries.get(id);
      if (!e) continue;
      for (const t of e.termSet) {
        const n = (this.df.get(t) ?? 1) - 1;
        if (n > 0) this.df.set(t, n);
        else this.df.delete(t);
      }
      for (const t of e.tokens) {
        if (/\d/.test(t.word)) continue;
        const n = (this.vocabulary.get(t.word) ?? 1) - 1;
        if (n > 0) this.vocabulary.set(t.word, n);
        else this.vocabulary.delete(t.word);
      }
      this.entries.delete(id);
      this.mini.discard(id);
    }
    this.byFile.delete(file);
  }
}
