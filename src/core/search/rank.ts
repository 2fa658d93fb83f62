/**
 * Sentence-level re-ranking of minisearch's candidates: weighted coverage of the question's
 * key terms, how close together they stand, whether the sentence holds the kind of answer
 * asked for, and matches in the neighbouring sentences and in the title and headings.
 */
import { ANSWER_KINDS } from './types.js';
import type { AnalyzedQuestion, DocsCue, TermGroup } from './analyze-question.js';
import type { IndexedPassage, TermLookup } from './search-index.js';

/** Weights fitted on SQuAD 2.0 dev by scripts/calibrate.ts (README, "How answers are chosen"). */
export const defaultRankWeights: RankWeights = {
  coverage: 1,
  context: 0.65,
  paragraph: 0.4,
  title: 1,
  proximity: 0.05,
  typeMatch: 0.05,
  retrieval: 0.2,
  exact: 0.65,
  cue: 0.2,
  section: 0.8,
};

export interface Features {
  coverage: number;
  context: number;
  /** Coverage of the key terms by the whole paragraph. */
  paragraph: number;
  title: number;
  proximity: number;
  typeMatch: number;
  retrieval: number;
  /** Key-term weight matched by the very word of the question, not only its stem or another form. */
  exact: number;
  /** 1 when the sentence is worded as an answer to one of the question's `cues` (a how-to, a default, …). */
  cue: number;
  /** Coverage of the key terms by the sentence's section (heading path and the sentences under it); 0 under no heading. */
  section: number;
}

/** A weight per feature: a candidate's score is the weighted sum of its features. */
export type RankWeights = Record<keyof Features, number>;

export interface Ranked {
  entry: IndexedPassage;
  score: number;
  features: Features;
  /** Per key term: the weight it matched with in the sentence (0 when it did not). */
  matched: number[];
  /**
   * minisearch's score for the sentence: BM25 over the key terms, times how many it matched
   * (0 for a neighbour of a retrieved sentence that minisearch did not retrieve).
   */
  searchScore: number;
}

/** The weight of the group's best alternative that the set holds (alternatives come best first), or 0. */
export function matchIn(set: TermLookup, g: TermGroup): number {
  for (const a of g.alternatives) if (holdsAll(set, a.terms)) return a.weight;
  return 0;
}

function holdsAll(set: TermLookup, terms: string[]): boolean {
  for (const t of terms) if (!set.has(t)) return false;
  return true;
}

/** Scores one candidate sentence, from minisearch's score for it and for the best candidate. */
export function scoreCandidate(
  scoring: QuestionScoring,
  entry: IndexedPassage,
  searchScore: number,
  topScore: number,
  weights: RankWeights,
): Ranked {
  const { features, matched } = featuresOf(scoring, entry, searchScore / topScore);
  const score = (Object.keys(features) as (keyof Features)[]).reduce((s, k) => s + weights[k] * features[k], 0);
  return { entry, score, features, matched, searchScore };
}

/** A candidate sentence's features, and the weight each key term matched with in it; `retrieval` is its minisearch score divided by the best one's. */
export function featuresOf(scoring: QuestionScoring, entry: IndexedPassage, retrieval: number): { features: Features; matched: number[] } {
  const { q } = scoring;
  const { groups } = q;
  let total = 0;
  for (const g of groups) total += g.idf;
  total ||= 1;
  let coverage = 0;
  let context = 0;
  let title = 0;
  let paragraph = 0;
  let exact = 0;
  const inTitle = sharedMatches(scoring, entry.titleSet);
  const inParagraph = sharedMatches(scoring, entry.paragraphSet);
  const inSection = sharedMatches(scoring, entry.sectionSet);
  let section = 0;
  const matched = new Array<number>(groups.length);
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i]!;
    const m = matchIn(entry.termSet, g);
    if (m > 0) {
      coverage += (m * g.idf) / total;
      if (entry.words.has(g.alternatives[0].label)) exact += g.idf / total;
    } else {
      const c = matchIn(entry.contextSet, g);
      if (c > 0) context += (c * g.idf) / total;
    }
    if (inTitle[i]! > 0) title += g.idf / total;
    paragraph += (Math.max(m, inParagraph[i]!) * g.idf) / total;
    section += (inSection[i]! * g.idf) / total;
    matched[i] = m;
  }
  const proximity = proximityOf(scoring, matched, entry.terms);
  const typeMatch = q.type ? typeMatchOf(q, entry) : q.definition?.test(entry.folded) ? 1 : 0;
  const cue = q.cues.some((c) => CUE_SENTENCE[c].test(entry.passage.text)) ? 1 : 0;
  return { features: { coverage, context, paragraph, title, proximity, typeMatch, retrieval, exact, cue, section }, matched };
}

/** How a sentence that answers each kind of developer's question is worded (read on the sentence as written). */
const CUE_SENTENCE: Record<DocsCue, RegExp> = {
  howto:
    /\b[Tt]o [a-z-]+\b[^.]*?, (?:use|call|pass|set|add|run|specify|provide|install)\b|\b[Yy]ou (?:can|may|should|need to|must)\b|^(?:Use|Call|Pass|Set|Add|Run|Specify|Install|Provide)\b|\bby (?:passing|setting|calling|adding|using|prefixing|specifying)\b|\b[Ii]n order to\b|\ballows? you to\b|\blets? you\b|:$/,
  default: /\b(?:[Bb]y default|[Dd]efaults? (?:to|is|are)|[Dd]efault (?:value|is|option|flags?)|\(default\)|out of the box)\b/,
  option: /`|(?:^|\s)--?[a-z][\w-]*|\b[a-z]+[A-Z]\w*|\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b|\w\(\)|\b(?:option|flag|setting)s?\b/,
  why: /\b(?:because|since|so that|due to|error|errors|throws?|fails?|otherwise|will not|never|cannot|can't|won't|unless|only)\b/i,
  yesno:
    /\b(?:not|no|never|only|supports?|both|yes|cannot|can't|doesn't|don't|isn't|aren't|won't|requires?|optional(?:ly)?|enabled|disabled)\b/i,
};

/**
 * What scoring works out once per question, shared by all its candidates: make one with
 * `scoringFor` per question and pass it to each `scoreCandidate` / `featuresOf`.
 */
export interface QuestionScoring {
  readonly q: AnalyzedQuestion;
  /** Per term set several sentences share (a paragraph's, a title's), each key term's match in it. */
  readonly shared: Map<TermLookup, number[]>;
  /** For each term of the question's alternatives, the key terms (groups) it stands for. */
  readonly groups: Map<string, number[]>;
}

/** The per-question state of scoring (docs/ranking.md: why it is not a WeakMap). */
export function scoringFor(q: AnalyzedQuestion): QuestionScoring {
  const groups = new Map<string, number[]>();
  q.groups.forEach((g, i) => {
    for (const t of new Set(g.alternatives.flatMap((a) => a.terms))) groups.set(t, [...(groups.get(t) ?? []), i]);
  });
  return { q, shared: new Map(), groups };
}

/** Per key term, its match in a term set that several sentences share, once per question: candidates often come from the same paragraphs and files. */
function sharedMatches({ q, shared }: QuestionScoring, set: TermLookup): number[] {
  let matches = shared.get(set);
  if (!matches) shared.set(set, (matches = q.groups.map((g) => matchIn(set, g))));
  return matches;
}

/** 1 when the matched terms stand side by side, falling as they spread out. */
function proximityOf({ groups }: QuestionScoring, matched: number[], terms: string[]): number {
  let wanted = 0;
  for (let g = 0; g < matched.length; g++) if (matched[g]! > 0) wanted++;
  if (wanted < 2) return wanted === 1 ? 0.5 : 0;
  // Positions of the matched key terms, in order, and the key term (group) at each.
  const positions: number[] = [];
  const groupAt: number[] = [];
  for (let i = 0; i < terms.length; i++) {
    const standsFor = groups.get(terms[i]!);
    if (!standsFor) continue;
    for (let j = 0; j < standsFor.length; j++) {
      const g = standsFor[j]!;
      if (!(matched[g]! > 0)) continue;
      positions.push(i);
      groupAt.push(g);
    }
  }
  // Smallest window holding one position of each matched term.
  const count = new Array<number>(matched.length).fill(0);
  let have = 0;
  let best = Infinity;
  let lo = 0;
  for (let hi = 0; hi < positions.length; hi++) {
    const g = groupAt[hi]!;
    count[g] = count[g]! + 1;
    if (count[g] === 1) have++;
    while (have === wanted) {
      best = Math.min(best, positions[hi]! - positions[lo]! + 1);
      const l = groupAt[lo]!;
      count[l] = count[l]! - 1;
      if (count[l] === 0) have--;
      lo++;
    }
  }
  return Number.isFinite(best) ? Math.min(1, wanted / best) : 0;
}

/** 1 when the sentence has an entity of the asked kind that the question does not already name. */
function typeMatchOf(q: AnalyzedQuestion, entry: IndexedPassage): number {
  const kinds: readonly string[] = ANSWER_KINDS[q.type!];
  const { entities } = entry.passage;
  for (let i = 0; i < entities.length; i++) {
    if (!kinds.includes(entities[i]!.kind)) continue;
    if (entry.entityWords[i]!.some((w) => !q.words.has(w))) return 1;
  }
  return 0;
}
