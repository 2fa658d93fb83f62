/**
 * `npx tsx scripts/calibrate.ts [path/to/squad-dev-v2.0.json] [--every N]`: fits the ranking
 * weights and the answerability model on SQuAD 2.0 dev, and prints the abstention trade-off.
 *  1. Ranking: coordinate ascent on `RankWeights` (hit@1 + ½ hit@5 over all 35 articles).
 *  2. Answerability: logistic regression separating questions about the first 18 articles
 *     (answerable, indexed) from questions about the other 17 (not indexed), fitted on even
 *     questions and checked on odd ones, then refitted on all. Fitted on the best sentence's
 *     inputs; the engine weighs the first `weighedSentences` sentences, and so do the checks.
 *  3. Thresholds: outside / inside abstention for a grid of `abstainBelow` × `answerWhenCovered`.
 * The numbers it prints are what `defaultRankWeights`, `defaultAnswerabilityModel` and the
 * defaults of `EngineOptions` hold (see README, "How answers are chosen").
 */
import path from 'node:path';
import {
  AnswerEngine,
  answerabilityInputs,
  coveredShare,
  defaultEngineOptions,
  type AnswerabilityInputs,
  type AnswerabilityModel,
} from '../src/core/search/engine.js';
import { analyzeQuestion } from '../src/core/search/analyze-question.js';
import { defaultRankWeights, type Features, type Ranked, type RankWeights } from '../src/core/search/rank.js';
import { buildSnippet, snippetParts } from '../src/core/search/snippet.js';
import { fitLogistic } from './logistic.js';
import { readSquad, squadQuestions, squadSource, type SquadArticle } from './squad.js';

const args = process.argv.slice(2);
const every = Number(args[args.indexOf('--every') + 1] ?? 4) || 4;
const data = readSquad(args.find((a) => a.endsWith('.json')) ?? path.resolve('..', 'shared', 'bench', 'squad-dev-v2.0.json'));

interface Candidate {
  id: string;
  /** The sentences its snippet shows (a later candidate among them is not shown again). */
  shows: string[];
  f: Features;
  /** The answerability model's inputs, were this the best sentence. */
  x: AnswerabilityInputs;
  hit: boolean;
}
interface Item {
  candidates: Candidate[];
}

/** Every question's candidates with their features (and whether the snippet holds the answer). */
function collect(articles: SquadArticle[], questions: { q: string; answers: string[] }[]): Item[] {
  const source = squadSource(articles);
  const engine = new AnswerEngine(source);
  const rank = (engine as unknown as { rank(q: ReturnType<typeof analyzeQuestion>): Ranked[] }).rank.bind(engine);
  return questions.map(({ q, answers }) => {
    const aq = analyzeQuestion(q, { index: engine.index, acronyms: source.acronyms(), synonyms: [] });
    const ranked = aq.groups.length ? rank(aq) : [];
    const inputs = answerabilityInputs(aq, ranked, ranked, engine.index);
    return {
      candidates: ranked.map((r, i) => ({
        id: r.entry.passage.id,
        shows: snippetParts(r, aq, engine.index).map((p) => p.passage.id),
        f: r.features,
        x: inputs[i]!,
        hit: answers.some((a) => buildSnippet(r, aq, engine.index).text.toLowerCase().includes(a)),
      })),
    };
  });
}

const FEATURES: (keyof RankWeights)[] = [
  'coverage',
  'context',
  'paragraph',
  'title',
  'proximity',
  'typeMatch',
  'retrieval',
  'exact',
  'cue',
  'section',
];
const scoreOf = (f: Features, w: RankWeights) => FEATURES.reduce((s, k) => s + w[k] * f[k], 0);
const ranked = (it: Item, w: RankWeights) => [...it.candidates].sort((a, b) => scoreOf(b.f, w) - scoreOf(a.f, w) || (a.id < b.id ? -1 : 1));

function hits(items: Item[], w: RankWeights): { h1: number; h5: number } {
  let h1 = 0;
  let h5 = 0;
  for (const it of items) {
    const chosen: Candidate[] = [];
    const used = new Set<string>();
    for (const c of ranked(it, w)) {
      if (chosen.length === 5) break;
      if (used.has(c.id)) continue;
      chosen.push(c);
      c.shows.forEach((x) => used.add(x));
    }
    const k = chosen.findIndex((c) => c.hit);
    if (k === 0) h1++;
    if (k >= 0) h5++;
  }
  return { h1: h1 / items.length, h5: h5 / items.length };
}

const start = performance.now();
const all = collect(data, squadQuestions(data, every));
const inside = collect(data.slice(0, 18), squadQuestions(data.slice(0, 18), every));
const outside = collect(data.slice(0, 18), squadQuestions(data.slice(18), every));
console.log(
  `Collected ${all.length} + ${inside.length} + ${outside.length} questions in ${((performance.now() - start) / 1000).toFixed(0)} s`,
);

// 1. Ranking weights.
let w: RankWeights = {
  coverage: 1,
  context: 0.35,
  paragraph: 0.2,
  title: 0.2,
  proximity: 0.15,
  typeMatch: 0.25,
  retrieval: 0.3,
  exact: 0,
  cue: defaultRankWeights.cue,
  section: defaultRankWeights.section,
};
const objective = (r: { h1: number; h5: number }) => r.h1 + 0.5 * r.h5;
let best = hits(all, w);
for (let round = 0; round < 3; round++) {
  // (`cue` and `section` are fitted on developers' questions, scripts/bench-docs.ts: SQuAD has no sections and few such questions.)
  for (const k of FEATURES.filter((f) => !['coverage', 'cue', 'section'].includes(f))) {
    for (const d of [-0.1, -0.05, 0.05, 0.1, 0.2]) {
      const next = { ...w, [k]: Math.max(0, Math.round((w[k] + d) * 100) / 100) };
      const r = hits(all, next);
      if (objective(r) > objective(best) + 1e-9) [w, best] = [next, r];
    }
  }
}
console.log(`Ranking weights ${JSON.stringify(w)}: hit@1 ${best.h1.toFixed(3)}, hit@5 ${best.h5.toFixed(3)} (never abstaining)`);

// 2. Answerability model.
const INPUTS: (keyof AnswerabilityInputs)[] = [
  'coverage',
  'context',
  'paragraph',
  'title',
  'proximity',
  'unknown',
  'terms',
  'focus',
  'strength',
];
const NAMES = ['bias', ...INPUTS] as const;
// For the ranking the engine ships (step 1 only prints what a search finds).
const firsts = (it: Item) => ranked(it, defaultRankWeights).slice(0, defaultEngineOptions.weighedSentences);
const top = (it: Item) => firsts(it)[0];
// A question with no candidate has all inputs 0.
const x = (it: Item) => [1, ...INPUTS.map((k) => top(it)?.x[k] ?? 0)];
/** Logistic regression by Newton's method (maximum likelihood, no ridge; gradient descent stopped short of it on `strength`, whose values run to 15). */
const fit = (yes: Item[], no: Item[]): number[] =>
  fitLogistic([...yes.map((it) => ({ x: x(it), y: 1 })), ...no.map((it) => ({ x: x(it), y: 0 }))], { ridge: 0, floor: 1e-6 });
const probOf = (b: number[], c: Candidate) =>
  1 / (1 + Math.exp(-[1, ...INPUTS.map((k) => c.x[k])].reduce((s, vi, i) => s + vi * b[i]!, 0)));
const prob = (b: number[], it: Item) => Math.max(0, ...firsts(it).map((c) => probOf(b, c)));
const covered = (it: Item) => Math.max(0, ...firsts(it).map((c) => coveredShare(c.x)));
const rate = (items: Item[], b: number[], pt: number, ct: number) =>
  items.filter((it) => prob(b, it) < pt && covered(it) < ct).length / items.length;
const half = (items: Item[], k: number) => items.filter((_, i) => i % 2 === k);
const trial = fit(half(inside, 0), half(outside, 0));
console.log(
  `Held out (fit on even questions, checked on odd), abstain below 0.31: outside ${rate(half(outside, 1), trial, 0.31, Infinity).toFixed(3)}, inside ${rate(half(inside, 1), trial, 0.31, Infinity).toFixed(3)}`,
);
const b = fit(inside, outside);
const model = Object.fromEntries(NAMES.map((n, i) => [n, Math.round(b[i]! * 100) / 100])) as unknown as AnswerabilityModel;
console.log(`Answerability model ${JSON.stringify(model)}`);
const tops = [...inside, ...outside].map(top).filter((c) => c !== undefined);
console.log(`Mean focus: ${(tops.reduce((s, c) => s + c.x.focus, 0) / tops.length).toFixed(2)}`);

// 3. Thresholds.
console.log('\n| abstainBelow | answerWhenCovered | outside abstained | inside abstained |\n|---:|---:|---:|---:|');
for (const pt of [0.2, 0.22, 0.23, 0.24, 0.25, 0.26, 0.28, 0.31]) {
  for (const ct of [0.55, 0.6, Infinity]) {
    console.log(
      `| ${pt} | ${ct === Infinity ? 'off' : ct} | ${rate(outside, b, pt, ct).toFixed(3)} | ${rate(inside, b, pt, ct).toFixed(3)} |`,
    );
  }
}
