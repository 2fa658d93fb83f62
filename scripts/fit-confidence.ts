/**
 * `npx tsx scripts/fit-confidence.ts [path/to/squad-dev-v2.0.json] [--every N] [--write]`: fits
 * the confidence model (the probability that the first snippet answers) and, per asked kind,
 * the short-answer model and the bar a short answer must clear, on the even SQuAD 2.0 articles;
 * prints how they do on the odd ones and on docs-dev. `--write` saves them to
 * src/core/search/confidence-model.json, which the engine reads. Refit after the ranking or
 * the answerability model changes (the inputs move with them).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ConfidenceInputs, ConfidenceModel, ShortAnswerInputs, ShortAnswerModel } from '../src/core/search/confidence.js';
import type { AnswerKind } from '../src/core/search/types.js';
import { docsReplies, squadReplies, type Scored } from './confidence-data.js';
import { fitLogistic, reliability } from './logistic.js';
import { readSquad } from './squad.js';

/** The precision a kind's bar is set for on the fitting half: 5 points over the 0.90 target (at 2 points the odd half fell to 0.85), as a margin for the held-out half. */
const TARGET_PRECISION = Number(process.env.TARGET_PRECISION ?? 0.95);
/** A bar needs at least this many short answers above it on the fitting half to be trusted. */
const MIN_SHOWN = 20;
/** How many times each docs-dev question counts in the confidence fit (about 50 questions beside SQuAD's 2,900): docs read otherwise than encyclopaedia articles. */
const DOCS_WEIGHT = Number(process.env.DOCS_WEIGHT ?? 10);

const args = process.argv.slice(2);
const every = Number(args[args.indexOf('--every') + 1] ?? 1) || 1;
const data = readSquad(args.find((a) => a.endsWith('.json')) ?? path.resolve('..', 'shared', 'bench', 'squad-dev-v2.0.json'));
const round = (x: number) => Math.round(x * 1000) / 1000;

const started = performance.now();
const replies = squadReplies(data, every);
console.log(`${replies.length} SQuAD questions answered in ${((performance.now() - started) / 1000).toFixed(0)} s`);
const answered = replies.filter((r) => !r.abstained);

// 1. Confidence.
const C_INPUTS = Object.keys(answered[0]!.inputs) as (keyof ConfidenceInputs)[];
const cRows = (rs: Scored[]) => rs.map((r) => ({ x: [1, ...C_INPUTS.map((k) => r.inputs[k])], y: r.right ? 1 : 0 }));
const docs = docsReplies();
const docsAnswered = docs?.replies.filter((r) => !r.abstained) ?? [];
// docs-dev's even questions join the fit, each counted DOCS_WEIGHT times: a few dozen beside SQuAD's thousands.
const docsFit = docsAnswered.filter((r) => r.half === 0);
const cb = fitLogistic([
  ...cRows(answered.filter((r) => r.half === 0)),
  ...cRows(Array.from({ length: DOCS_WEIGHT }, () => docsFit).flat()),
]);
const confidence = Object.fromEntries([['bias', round(cb[0]!)], ...C_INPUTS.map((k, i) => [k, round(cb[i + 1]!)])]) as ConfidenceModel;
const predict = (r: Scored) => 1 / (1 + Math.exp(-(confidence.bias + C_INPUTS.reduce((s, k) => s + confidence[k] * r.inputs[k], 0))));
console.log(`Confidence model ${JSON.stringify(confidence)}`);
const report = (name: string, rs: Scored[]) => {
  const { buckets, ece } = reliability(rs.map((r) => ({ p: predict(r), y: r.right ? 1 : 0 })));
  console.log(`${name}: ${rs.length} answered, ${rs.filter((r) => r.right).length} right; ECE ${ece.toFixed(3)}`);
  console.log(
    buckets
      .filter((b) => b.n)
      .map((b) => `  ${b.from.toFixed(1)}–${(b.from + 0.1).toFixed(1)}: ${b.n} mean ${b.mean.toFixed(2)} right ${b.right.toFixed(2)}`)
      .join('\n'),
  );
};
report(
  'SQuAD even articles (fitted)',
  answered.filter((r) => r.half === 0),
);
report(
  'SQuAD odd articles (held out)',
  answered.filter((r) => r.half === 1),
);
if (docs) {
  const what = `${docs.files} READMEs${docs.failed ? `; ${docs.failed} the parser could not read left out` : ''}`;
  report(`docs-dev even questions (fitted; ${what})`, docsFit);
  report(
    'docs-dev odd questions (held out)',
    docsAnswered.filter((r) => r.half === 1),
  );
}

// 2. Short answers, per kind: fitted on the even half with the confidence the new model gives.
const S_INPUTS: (keyof ShortAnswerInputs)[] = [
  'confidence',
  'inBest',
  'exactKind',
  'distance',
  'rivals',
  'partlyNamed',
  'precise',
  'follows',
];
const logit = (p: number) => Math.max(-8, Math.min(8, Math.log(p / (1 - p))));
const sx = (r: Scored) => [1, ...S_INPUTS.map((k) => (k === 'confidence' ? logit(predict(r)) : r.short!.inputs![k]))];
const shortAnswers: ShortAnswerModel = {};
console.log('\n| kind | bar | even: precision (shown / candidates) | odd: precision | odd: coverage |\n|---|---:|---:|---:|---:|');
for (const kind of ['person', 'organization', 'place', 'date', 'number'] as AnswerKind[]) {
  const of = (half: 0 | 1) => answered.filter((r) => r.half === half && r.short?.kind === kind && r.short.inputs);
  const fitRows = of(0);
  if (fitRows.length < MIN_SHOWN) continue;
  const b = fitLogistic(fitRows.map((r) => ({ x: sx(r), y: r.short!.right ? 1 : 0 })));
  const p = (r: Scored) => 1 / (1 + Math.exp(-sx(r).reduce((s, v, i) => s + v * b[i]!, 0)));
  // The lowest bar down to which the short answers above it, from the MIN_SHOWN most likely on,
  // stay right at least TARGET_PRECISION of the time on the fitting half.
  const sorted = fitRows.map((r) => ({ p: p(r), y: r.short!.right })).sort((u, v) => v.p - u.p);
  let bar = Infinity;
  let right = 0;
  for (const [i, s] of sorted.entries()) {
    if (s.y) right++;
    if (i + 1 < MIN_SHOWN) continue;
    if (right / (i + 1) < TARGET_PRECISION) break;
    if ((sorted[i + 1]?.p ?? -1) < s.p) bar = s.p;
  }
  const evenShown = sorted.filter((s) => s.p >= bar);
  const odd = of(1);
  const oddShown = odd.filter((r) => p(r) >= bar);
  const oddAnswered = answered.filter((r) => r.half === 1 && r.short?.kind === kind).length;
  const prec = (xs: boolean[]) => (xs.length ? (xs.filter(Boolean).length / xs.length).toFixed(3) : '—');
  console.log(
    `| ${kind} | ${Number.isFinite(bar) ? bar.toFixed(3) : 'never'} | ${prec(evenShown.map((s) => s.y))} (${evenShown.length} / ${sorted.length}) | ${prec(oddShown.map((r) => r.short!.right))} (${oddShown.length}) | ${(oddShown.length / (oddAnswered || 1)).toFixed(3)} of ${oddAnswered} |`,
  );
  if (!Number.isFinite(bar)) continue;
  shortAnswers[kind] = {
    coefficients: Object.fromEntries([['bias', round(b[0]!)], ...S_INPUTS.map((k, i) => [k, round(b[i + 1]!)])]) as never,
    showAbove: round(bar),
  };
}

if (args.includes('--write')) {
  const file = path.resolve('src', 'core', 'search', 'confidence-model.json');
  writeFileSync(file, `${JSON.stringify({ confidence, shortAnswers }, null, 2)}\n`);
  console.log(`\nWrote ${file}`);
}
