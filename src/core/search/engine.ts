/**
 * The answer engine: question → cited snippets, deterministic and explainable.
 * minisearch finds candidate sentences; they are re-ranked at sentence level; the best one
 * becomes the snippet, or the engine abstains when the knowledge does not cover the question.
 */
import { taggedWords, type AcronymDefinition } from '../text/index.js';
import type { KnowledgeFile, SavedIndexStore } from '../knowledge/index.js';
import { analyzeQuestion, specificity, unknownNames, type AnalyzedQuestion } from './analyze-question.js';
import { defaultRankWeights, featuresOf, scoreCandidate, scoringFor, type Ranked, type RankWeights } from './rank.js';
import { SearchIndex, savedIndexKey } from './search-index.js';
import {
  confidenceInputs,
  confidenceOf,
  defaultConfidenceModel,
  defaultShortAnswerModel,
  type ConfidenceModel,
  type ShortAnswerModel,
} from './confidence.js';
import { withContext } from './follow-up.js';
import { missingSubject } from './missing.js';
import { describingSentence, shortAnswerFor } from './short-answer.js';
import { buildSnippet, snippetParts } from './snippet.js';
import { MAX_QUESTION_LENGTH, type AbstainCode, type AbstainedReply, type AnswerReply, type Explanation, type Snippet } from './types.js';

/** What the engine reads its knowledge from (a `KnowledgeBase`, or anything shaped like it). */
export interface KnowledgeSource {
  files(): KnowledgeFile[];
  acronyms(): AcronymDefinition[];
  synonyms(): string[][];
  /** Where the built index is kept between starts; absent or null: built at every start. */
  savedIndex?(): SavedIndexStore | null;
}

export interface EngineOptions {
  /** Candidates taken from minisearch for re-ranking (default 30: fewer lose hit@1 and hit@5, more rank the same; docs/ranking.md). */
  candidates: number;
  /** The neighbours of this many of minisearch's best are re-ranked too (default 10): the answer often stands next to the sentence that matches (docs/ranking.md). */
  neighbourCandidates: number;
  /** Snippets in a reply: the best and supporting ones (default 3). */
  maxSnippets: number;
  /** A supporting snippet must score at least this share of the best (default 0.5). */
  minSupportRatio: number;
  /**
   * Abstain when the answerability (the estimated probability that the knowledge answers the
   * question) of each of the best-ranked sentences is below this (default 0.24) …
   */
  abstainBelow: number;
  /**
   * … unless one of them with its neighbours covers at least this share of the question's
   * key-term weight (default 0.6). Both calibrated on SQuAD 2.0 and the dev questions: see README.
   */
  answerWhenCovered: number;
  /** How many of the best-ranked sentences are weighed for answerability (default 4): the knowledge answers when one of them does (docs/ranking.md). */
  weighedSentences: number;
  /**
   * Abstain when the question names a thing no passage mentions (`unknownNames`) and the best
   * sentences with their neighbours cover less than this share of its key-term weight (default
   * 0.55, chosen on the even-numbered docs-dev questions: scripts/bench-docs.ts).
   */
  unknownNameCovered: number;
  weights: RankWeights;
  /** The answerability model: logistic coefficients over a sentence's features. */
  answerability: AnswerabilityModel;
  /** Abstain, naming it, when the question is about a name, number or rare word no passage has (default true; missing.ts). */
  abstainOnMissing: boolean;
  /** The confidence model: the probability that the first snippet answers (confidence.ts). */
  confidence: ConfidenceModel;
  /** Per asked kind, when a short answer is shown (confidence.ts). */
  shortAnswers: ShortAnswerModel;
}

/**
 * Logistic coefficients: answerability = σ(bias + Σ coefficient × feature), over a sentence's
 * coverage, neighbour and paragraph coverage, title match, proximity, the share of the
 * question's key-term weight that no passage has (`unknown`), the number of key terms (`terms`,
 * divided by 10, at most 1), how much the candidates gather in the sentence's file (`focus`)
 * and how strongly minisearch matched it (`strength`: its score per unit of the question's
 * key-term IDF); key terms weigh their IDF times their `specificity`. Fitted on SQuAD 2.0
 * (scripts/calibrate.ts; README).
 */
export interface AnswerabilityModel {
  bias: number;
  coverage: number;
  context: number;
  paragraph: number;
  title: number;
  proximity: number;
  unknown: number;
  terms: number;
  focus: number;
  strength: number;
}

export const defaultAnswerabilityModel: AnswerabilityModel = {
  bias: -7.49,
  coverage: 3.88,
  context: 3.92,
  paragraph: 3.3,
  title: 10.15,
  proximity: 0.92,
  unknown: -2.4,
  terms: 1.31,
  focus: 2.7,
  strength: 0.66,
};

export const defaultEngineOptions: EngineOptions = {
  candidates: 30,
  neighbourCandidates: 10,
  maxSnippets: 3,
  minSupportRatio: 0.5,
  abstainBelow: 0.24,
  answerWhenCovered: 0.6,
  weighedSentences: 4,
  unknownNameCovered: 0.55,
  weights: defaultRankWeights,
  answerability: defaultAnswerabilityModel,
  abstainOnMissing: true,
  confidence: defaultConfidenceModel,
  shortAnswers: defaultShortAnswerModel,
};

/** Longest stretch `syncGradually` works without letting requests in: well inside an acknowledgement's budget. */
export const SYNC_SLICE_MS = 20;
/** Longest stretch `prepare` works without letting requests in: what a question arriving meanwhile waits at most (the p99 target is 10 ms). */
export const PREPARE_SLICE_MS = 2;

/**
 * Runs `steps` to the end, letting the event loop in whenever a slice has worked `sliceMs`
 * (stopping early when `signal` aborts): its value (undefined when stopped) and its longest slice.
 */
async function inSlices<T>(
  steps: Generator<void, T, void>,
  sliceMs: number,
  signal?: AbortSignal,
): Promise<{ value: T | undefined; longestSliceMs: number }> {
  let longestSliceMs = 0;
  let sliceStart = performance.now();
  for (let step = steps.next(); ; step = steps.next()) {
    const worked = performance.now() - sliceStart;
    if (step.done) return { value: step.value, longestSliceMs: Math.max(longestSliceMs, worked) };
    if (worked < sliceMs) continue;
    longestSliceMs = Math.max(longestSliceMs, worked);
    await new Promise((resolve) => setImmediate(resolve));
    if (signal?.aborted) return { value: undefined, longestSliceMs };
    sliceStart = performance.now();
  }
}

export class AnswerEngine {
  readonly options: EngineOptions;
  readonly index = new SearchIndex();
  private hashes = new Map<string, string>();
  /** Files the last syncs could not index, and why (they are answered from again once they change). */
  readonly notIndexed = new Map<string, string>();

  private readonly store: SavedIndexStore | null;
  private saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly source: KnowledgeSource,
    options: Partial<EngineOptions> = {},
  ) {
    this.options = { ...defaultEngineOptions, ...options };
    this.store = source.savedIndex?.() ?? null;
    this.sync();
  }

  /** Resolves once the index built last is saved (so that a short command leaves it for the next start). */
  saved(): Promise<void> {
    return this.saving;
  }

  /** The index saved by an earlier start, when it was built from exactly these files (no term numbered, no posting built). */
  private restore(files: KnowledgeFile[]): boolean {
    const bytes = this.store?.take();
    if (!bytes) return false;
    const key = savedIndexKey(files.map((f) => [f.file, f.hash]));
    if (!this.index.restore(bytes, key, new Map(files.map((f) => [f.file, f.passageList ?? f.passages])))) return false;
    for (const f of files) this.hashes.set(f.file, f.hash);
    return true;
  }

  /** Saves the index once the event loop is free, unless the files changed again meanwhile (that sync saves it). */
  private save(): void {
    const store = this.store;
    if (!store) return;
    const key = savedIndexKey(this.hashes);
    this.saving = this.saving.then(async () => {
      await new Promise((resolve) => setImmediate(resolve));
      if (savedIndexKey(this.hashes) !== key || this.notIndexed.size > 0) return;
      const bytes = this.index.save(key);
      if (bytes) await store.save(bytes);
    });
    // Not saved (a bug in saving): the next start builds the index from the saved terms, as before.
    this.saving = this.saving.catch(() => undefined);
  }

  /** Brings the index in line with the source: re-indexes only files whose hash changed. */
  sync(): { indexed: number; removed: number } {
    const steps = this.syncSteps();
    for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
  }

  /**
   * `sync` a slice at a time: pauses whenever it has worked `sliceMs` (a turn of the event loop
   * for the requests waiting), so a big file is indexed without stopping the answers. Syncs run one
   * after the other. A new or changed file is answered from once its last slice is in.
   */
  syncGradually(sliceMs = SYNC_SLICE_MS): Promise<{ indexed: number; removed: number }> {
    // Without a signal it runs to the end: there is a value.
    const run = async () => (await inSlices(this.syncSteps(), sliceMs)).value!;
    const next = this.syncing.then(run, run);
    this.syncing = next.catch(() => undefined);
    return next;
  }

  /**
   * Works out ahead, `sliceMs` at a time between requests, what the first questions would
   * otherwise pay for: the language model loaded, every passage decoded from the snapshot, every
   * paragraph's, section's, title's and lead-in's terms and the vocabulary (`SearchIndex.prepareSteps`).
   * Resolves when done (or stopped by `signal`, or by a change of the files), with how long it
   * took, its longest slice and whether `signal` stopped it.
   */
  async prepare(signal?: AbortSignal, sliceMs = PREPARE_SLICE_MS): Promise<{ ms: number; longestSliceMs: number; stopped: boolean }> {
    const started = performance.now();
    const index = this.index;
    const steps = (function* () {
      // The language model the question analysis tags words with, loaded now (one step of ≈0.2 s) rather than by a question.
      taggedWords('Load the model.');
      yield;
      yield* index.prepareSteps();
    })();
    const { longestSliceMs } = await inSlices(steps, sliceMs, signal);
    return { ms: performance.now() - started, longestSliceMs, stopped: signal?.aborted === true };
  }

  private syncing: Promise<unknown> = Promise.resolve();

  private *syncSteps(): Generator<void, { indexed: number; removed: number }, void> {
    const files = this.source.files();
    if (this.hashes.size === 0 && this.restore(files)) return { indexed: files.length, removed: 0 };
    let indexed = 0;
    let removed = 0;
    const present = new Set<string>();
    for (const f of files) {
      present.add(f.file);
      if (this.hashes.get(f.file) === f.hash) continue;
      this.hashes.set(f.file, f.hash);
      try {
        yield* this.index.fileSteps(f.file, f.passageList ?? f.passages, f.terms);
        this.notIndexed.delete(f.file);
        indexed++;
      } catch (err) {
        // A file that cannot be indexed is left out (until it changes); the others are answered from.
        this.index.removeFile(f.file);
        this.notIndexed.set(f.file, err instanceof Error ? err.message : String(err));
      }
    }
    for (const file of [...this.hashes.keys()]) {
      if (present.has(file)) continue;
      this.index.removeFile(file);
      this.hashes.delete(file);
      this.notIndexed.delete(file);
      removed++;
    }
    if (indexed > 0 || removed > 0) this.save();
    return { indexed, removed };
  }

  /**
   * Answers a question from the knowledge, or abstains saying why. `context`: what the
   * conversation asked before, for a follow-up (`and when was that?`); its key terms join the
   * question's own, weighing less.
   */
  answer(
    question: string,
    opts: { explain?: boolean; maxSnippets?: number; minSupportRatio?: number; context?: string } = {},
  ): AnswerReply {
    const started = performance.now();
    const text = question.trim();
    if (text === '') return abstain(question, 'empty', 'the question is empty');
    if (text.length > MAX_QUESTION_LENGTH)
      return abstain(question, 'too-long', `the question is longer than ${MAX_QUESTION_LENGTH} characters`);
    if (this.index.size === 0) return abstain(question, 'no-knowledge', 'no knowledge is loaded');
    const ctx = { index: this.index, acronyms: this.source.acronyms(), synonyms: this.source.synonyms() };
    const own = analyzeQuestion(text, ctx);
    const q = opts.context ? withContext(own, analyzeQuestion(opts.context, ctx)) : own;
    const fromContext = q.groups.filter((g) => g.fromContext).map((g) => g.alternatives[0].label);
    const followUp = opts.context && fromContext.length ? { followUp: { context: opts.context, words: fromContext } } : {};
    if (q.groups.length === 0) return abstain(question, 'no-terms', 'the question has no words to look for');
    const ranked = this.rank(q);
    const { answerability, covered, focus, firstAnswerability, mostAnswerableAt } = this.weigh(q, ranked);
    // When the best-ranked sentence alone would not be answered but another of the first few
    // would, that one leads: the reply opens with the sentence it answers from.
    if (mostAnswerableAt > 0 && firstAnswerability < this.options.abstainBelow) ranked.unshift(...ranked.splice(mostAnswerableAt, 1));
    // `Who is X?`: the sentence that says who X is leads, so the short answer stands in it.
    const described = describingSentence(text, q, ranked);
    if (described > 0) ranked.unshift(...ranked.splice(described, 1));
    const best = ranked[0];
    const unknown = q.groups
      .filter((g) => g.unknown)
      .sort((a, b) => b.idf - a.idf)
      .map((g) => g.from);
    const inputs = confidenceInputs(q, ranked, { answerability, covered, focus });
    const confidence = confidenceOf(inputs, this.options.confidence);
    const explain = opts.explain ? explanation(q, ranked, { answerability, covered, focus, options: this.options }, started) : undefined;
    if (explain) explain.confidence = { value: round(confidence), inputs };
    // A name, number or rare word the question is about that no passage has: say so rather than answer from the rest.
    const missing = this.options.abstainOnMissing ? missingSubject(text, q, this.index) : null;
    if (missing)
      return {
        ...abstain(question, 'missing-term', `nothing in the knowledge mentions ${missing}`),
        confidence: round(confidence),
        explain,
        ...followUp,
      };
    const weak = !best || (answerability < this.options.abstainBelow && covered < this.options.answerWhenCovered);
    if (weak || (covered < this.options.unknownNameCovered && unknownNames(q, text).length > 0)) {
      const reason = unknown.length
        ? `no passage mentions ${unknown
            .slice(0, 3)
            .map((w) => `"${w}"`)
            .join(', ')}`
        : best
          ? `the closest passage covers only ${best.matched.filter((m) => m > 0).length} of ${q.groups.length} key words (${q.groups.map((g) => `"${g.from}"`).join(', ')})`
          : `no passage matches ${q.groups.map((g) => `"${g.from}"`).join(', ')}`;
      return { ...abstain(question, best ? 'weak-match' : 'no-match', reason), confidence: round(confidence), explain, ...followUp };
    }
    const max = opts.maxSnippets ?? this.options.maxSnippets;
    const ratio = opts.minSupportRatio ?? this.options.minSupportRatio;
    // The best snippet, then supporting ones from sentences no earlier snippet already shows
    // (nor their neighbours: a supporting snippet does not show the best sentence again).
    // The sentences the best snippet shows, where the short answer is taken from.
    const bestParts = snippetParts(best, q, this.index);
    const shown = new Set(bestParts.map((p) => p.passage.id));
    const snippets: [Snippet, ...Snippet[]] = [buildSnippet(best, q, this.index, bestParts)];
    const paragraphs = new Set([paragraphOf(best)]);
    for (const r of ranked.slice(1)) {
      if (snippets.length >= max || r.score < best.score * ratio) break;
      if (shown.has(r.entry.passage.id)) continue;
      // In sectioned docs a paragraph is short and says one thing: its other sentences are
      // another way to show the same answer, where another paragraph may hold the right one.
      const paragraph = paragraphOf(r);
      if (paragraph !== null && paragraphs.has(paragraph)) continue;
      paragraphs.add(paragraph);
      const parts = snippetParts(r, q, this.index).filter((p) => !shown.has(p.passage.id));
      for (const p of parts) shown.add(p.passage.id);
      snippets.push(buildSnippet(r, q, this.index, parts));
    }
    const short = shortAnswerFor(text, best, q, bestParts, confidence, this.options.shortAnswers);
    if (explain)
      explain.shortAnswer = short && {
        text: short.text,
        kind: short.kind,
        probability: short.probability === null ? null : round(short.probability),
        shown: short.shown,
        inputs: short.inputs,
      };
    return {
      question,
      abstained: false,
      reason: null,
      reasonCode: null,
      answer: short?.shown ? short.text : null,
      answerKind: q.type,
      confidence: round(confidence),
      snippets,
      explain,
      ...followUp,
    };
  }

  /**
   * Answerability over the first `weighedSentences` sentences: the highest, where in the ranking
   * it is (`mostAnswerableAt`), the first sentence's, and the highest share of key-term weight covered.
   */
  private weigh(
    q: AnalyzedQuestion,
    ranked: Ranked[],
  ): { answerability: number; covered: number; focus: number; firstAnswerability: number; mostAnswerableAt: number } {
    const out = { answerability: 0, covered: 0, focus: 0, firstAnswerability: 0, mostAnswerableAt: 0 };
    answerabilityInputs(q, ranked.slice(0, this.options.weighedSentences), ranked, this.index).forEach((inputs, i) => {
      const a = answerabilityOf(inputs, this.options.answerability);
      if (i === 0) out.firstAnswerability = a;
      if (a > out.answerability) Object.assign(out, { answerability: a, focus: inputs.focus, mostAnswerableAt: i });
      out.covered = Math.max(out.covered, coveredShare(inputs));
    });
    return out;
  }

  private rank(q: AnalyzedQuestion): Ranked[] {
    const weightOf = new Map<string, number>();
    for (const g of q.groups)
      for (const a of g.alternatives) for (const t of a.terms) weightOf.set(t, Math.max(weightOf.get(t) ?? 0, a.weight));
    const hits = this.index.search(q.searchTerms, (t) => weightOf.get(t) ?? 1, this.options.candidates);
    const top = hits[0]?.score ?? 1;
    const ranked: Ranked[] = [];
    const seen = new Set(hits.map((h) => h.id));
    const scoring = scoringFor(q);
    hits.forEach((h, i) => {
      const entry = this.index.get(h.id);
      if (!entry) return;
      ranked.push(scoreCandidate(scoring, entry, h.score, top, this.options.weights));
      if (i >= this.options.neighbourCandidates) return;
      for (const id of [entry.before, entry.after]) {
        const neighbour = id && !seen.has(id) ? this.index.get(id) : undefined;
        if (!neighbour) continue;
        seen.add(id!);
        ranked.push(scoreCandidate(scoring, neighbour, 0, top, this.options.weights));
      }
    });
    // Ties broken by position in the knowledge, so the same question always gets the same answer.
    return ranked.sort((a, b) => b.score - a.score || (a.entry.passage.id < b.entry.passage.id ? -1 : 1));
  }
}

/**
 * The paragraph a sentence of sectioned docs (under a heading) stands in, or null for prose
 * without headings: there a paragraph is long, and SQuAD's hit@5 fell 0.908 → 0.875 when a reply
 * showed one sentence of each.
 */
function paragraphOf(r: Ranked): string | null {
  const p = r.entry.passage;
  return p.headings.length > 0 ? `${p.file}#${p.paragraph}` : null;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** What the answerability model reads: every coefficient but the bias has an input of the same name. */
export type AnswerabilityInputs = Omit<AnswerabilityModel, 'bias'>;

/** `focus` for knowledge in one file: every candidate comes from the file that answers (its SQuAD mean answered less; docs/ranking.md). */
export const ONE_FILE_FOCUS = 1;

/**
 * How much the sentences minisearch retrieved gather in the sentence's file beyond what its size
 * gives by chance: 0 when they are spread like the sentences, 1 when all come from that file. A
 * question the knowledge answers tends to find one article; one it does not, scattered words
 * everywhere. (Neighbours added for re-ranking come from the same files, and are left out.)
 */
export function focusOf(sentence: Ranked, retrieved: Ranked[], index: SearchIndex): number {
  const file = sentence.entry.passage.file;
  const share = index.fileShare(file);
  if (share >= 1) return ONE_FILE_FOCUS;
  const inFile = retrieved.filter((r) => r.entry.passage.file === file).length / (retrieved.length || 1);
  return Math.max(0, (inFile - share) / (1 - share));
}

/**
 * The model's inputs for a question and each of some of its candidate sentences
 * (scripts/calibrate.ts fits on the best one's): the sentence's features again, with the key
 * terms the knowledge has weighed also by their `specificity`, since everyday words of a question
 * say little about whether the knowledge covers it. (Terms it lacks keep their weight: they are
 * what the question asks about.)
 */
export function answerabilityInputs(
  q: AnalyzedQuestion,
  candidates: Ranked[],
  ranked: Ranked[],
  index: SearchIndex,
): AnswerabilityInputs[] {
  const weighed = { ...q, groups: q.groups.map((g) => (g.unknown ? g : { ...g, idf: g.idf * specificity(g) })) };
  const total = weighed.groups.reduce((s, g) => s + g.idf, 0) || 1;
  const unknown = weighed.groups.reduce((s, g) => s + (g.unknown ? g.idf : 0), 0) / total;
  const idf = q.groups.reduce((s, g) => s + g.idf, 0) || 1;
  const retrieved = ranked.filter((r) => r.searchScore > 0);
  const scoring = scoringFor(weighed);
  return candidates.map((r) => {
    const f = featuresOf(scoring, r.entry, r.features.retrieval).features;
    return {
      coverage: f.coverage,
      context: f.context,
      paragraph: f.paragraph,
      title: f.title,
      proximity: f.proximity,
      unknown,
      terms: Math.min(q.groups.length, 10) / 10,
      focus: focusOf(r, retrieved, index),
      strength: r.searchScore / idf,
    };
  });
}

/** The estimated probability that the knowledge answers the question, from the model's inputs. */
export function answerabilityOf(x: AnswerabilityInputs, m: AnswerabilityModel): number {
  const z = (Object.keys(x) as (keyof AnswerabilityInputs)[]).reduce((s, k) => s + m[k] * x[k], m.bias);
  return 1 / (1 + Math.exp(-z));
}

/** The share of the question's key-term weight (in the answerability's inputs: weighed by specificity) the best sentence and (half-counted) its neighbours cover. */
export function coveredShare(f: { coverage: number; context: number }): number {
  return f.coverage + 0.5 * f.context;
}

function abstain(question: string, code: AbstainCode, reason: string): AbstainedReply {
  return { question, abstained: true, reason, reasonCode: code, answer: null, answerKind: null, confidence: 0, snippets: [] };
}

function explanation(
  q: AnalyzedQuestion,
  ranked: Ranked[],
  a: { answerability: number; covered: number; focus: number; options: EngineOptions },
  started: number,
): Explanation {
  return {
    questionType: q.type,
    terms: q.groups.map((g) => ({
      term: g.alternatives[0].label,
      from: g.from,
      corrected: g.corrected,
      expansions: g.alternatives
        .slice(1)
        .filter((a) => !a.derived)
        .map((a) => a.label),
      derived: g.alternatives.filter((a) => a.derived).map((a) => a.label),
      fromContext: g.fromContext === true,
    })),
    unknownTerms: q.groups.filter((g) => g.unknown).map((g) => g.from),
    candidates: ranked.slice(0, 5).map((r) => ({
      passageId: r.entry.passage.id,
      score: round(r.score),
      retrieval: round(r.features.retrieval),
      coverage: round(r.features.coverage),
      proximity: round(r.features.proximity),
      typeMatch: r.features.typeMatch,
      text: r.entry.passage.text.slice(0, 160),
    })),
    answerability: round(a.answerability),
    weighed: a.options.weighedSentences,
    threshold: a.options.abstainBelow,
    covered: round(a.covered),
    focus: round(a.focus),
    coveredEnough: a.options.answerWhenCovered,
    timings: { totalMs: round(performance.now() - started) },
  };
}
