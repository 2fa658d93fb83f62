/**
 * `npm run bench [-- path/to/squad-dev-v2.0.json] [--every N]`: quality and speed, side by side with
 * plain minisearch (default options, the same sentences) measured in the same run.
 *  1. Dev questions (../shared/seed/dev-qa.json) on the bundled knowledge.
 *  2. SQuAD 2.0 dev, all 35 articles as one knowledge base: hit@1 / hit@5 of snippets, p50/p99 latency,
 *     index build time and heap.
 *  3. Out-of-corpus abstention: first 18 articles indexed, questions on the other 17.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import MiniSearch from 'minisearch';
import { KnowledgeBase } from '../src/core/knowledge/knowledge-base.js';
import { AnswerEngine } from '../src/core/search/engine.js';
import { readSquad, squadQuestions, squadSource } from './squad.js';
import { docsBench } from './bench-docs.js';
import { benchLoad } from './bench-load.js';
import { benchLoadDocs } from './bench-load-docs.js';
import { benchConfidence } from './bench-confidence.js';
import { benchScale } from './bench-scale.js';

const args = process.argv.slice(2);
const every = Number(args[args.indexOf('--every') + 1] ?? 1) || 1;
const squadPath = args.find((a) => a.endsWith('.json')) ?? path.resolve('..', 'shared', 'bench', 'squad-dev-v2.0.json');
const devPath =
  [path.resolve('..', 'shared', 'seed', 'dev-qa.json'), path.resolve('tests', 'fixtures', 'dev-qa.json')].find((p) => existsSync(p)) ??
  'dev-qa.json';
const norm = (s: string) => s.toLowerCase().replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/[–—]/g, '-').replace(/\s+/g, ' ');
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;
const f3 = (x: number) => x.toFixed(3);

async function devQuestions(): Promise<void> {
  if (!existsSync(devPath)) return void console.log(`Dev questions: ${devPath} not found; skipped.`);
  const qa = JSON.parse(readFileSync(devPath, 'utf8')) as { answerable: { q: string; expect: string[] }[]; out_of_scope: string[] };
  const engine = new AnswerEngine(await KnowledgeBase.load('knowledge'));
  const answered = qa.answerable.filter(({ q, expect }) => {
    const r = engine.answer(q);
    return !r.abstained && expect.some((x) => norm(r.snippets[0]!.text).includes(norm(x)));
  }).length;
  const abstained = qa.out_of_scope.filter((q) => engine.answer(q).abstained).length;
  console.log(
    `Dev questions (bundled knowledge): answered ${answered}/${qa.answerable.length}, out of scope abstained ${abstained}/${qa.out_of_scope.length}`,
  );
}

async function squad(): Promise<void> {
  if (!existsSync(squadPath)) {
    console.log(`SQuAD: ${squadPath} not found. Pass the path of squad-dev-v2.0.json: npm run bench -- /path/to/squad-dev-v2.0.json`);
    return;
  }
  const data = readSquad(squadPath);
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let t0 = performance.now();
  const source = squadSource(data);
  const analyzeMs = performance.now() - t0;
  t0 = performance.now();
  const engine = new AnswerEngine(source);
  const indexMs = performance.now() - t0;
  global.gc?.();
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
  const sentences = source.files().flatMap((f) => f.passages);

  // Plain minisearch baseline: default options, the same sentences.
  t0 = performance.now();
  const plain = new MiniSearch<{ id: string; text: string }>({ fields: ['text'], storeFields: ['text'] });
  plain.addAll(sentences.map((p) => ({ id: p.id, text: p.text })));
  const plainIndexMs = performance.now() - t0;

  const qs = squadQuestions(data, every);
  const ours = { h1: 0, h5: 0, times: [] as number[] };
  const base = { h1: 0, h5: 0, times: [] as number[] };
  const hitAt = (texts: string[], answers: string[]) => texts.findIndex((t) => answers.some((a) => t.toLowerCase().includes(a)));
  // Each engine warms up on the first 200 questions (untimed), then answers all of them, one engine at a time.
  for (const { q } of qs.slice(0, 200)) {
    engine.answer(q, { maxSnippets: 5, minSupportRatio: 0 });
    plain.search(q);
  }
  for (const { q, answers } of qs) {
    const s = performance.now();
    const r = engine.answer(q, { maxSnippets: 5, minSupportRatio: 0 });
    ours.times.push(performance.now() - s);
    const k = hitAt(
      r.snippets.map((x) => x.text),
      answers,
    );
    if (k === 0) ours.h1++;
    if (k >= 0 && k < 5) ours.h5++;
  }
  for (const { q, answers } of qs) {
    const s = performance.now();
    const hits = plain.search(q).slice(0, 5);
    base.times.push(performance.now() - s);
    const b = hitAt(
      hits.map((h) => String(h.text).slice(0, 400)),
      answers,
    );
    if (b === 0) base.h1++;
    if (b >= 0) base.h5++;
  }
  // The same ranking with abstention turned off: how often the right snippet is found at all.
  const ranking = { h1: 0, h5: 0 };
  Object.assign(engine.options, { abstainBelow: 0, answerWhenCovered: 0 });
  for (const { q, answers } of qs) {
    const k = hitAt(
      engine.answer(q, { maxSnippets: 5, minSupportRatio: 0 }).snippets.map((x) => x.text),
      answers,
    );
    if (k === 0) ranking.h1++;
    if (k >= 0) ranking.h5++;
  }
  const n = qs.length;
  console.log(
    `\nSQuAD 2.0 dev, all ${data.length} articles (${sentences.length} sentences), ${n} answerable questions${every > 1 ? ` (every ${every}th)` : ''}:`,
  );
  console.log('| engine | hit@1 | hit@5 | p50 ms | p99 ms | index build ms |');
  console.log('|---|---:|---:|---:|---:|---:|');
  console.log(
    `| citebot | ${f3(ours.h1 / n)} | ${f3(ours.h5 / n)} | ${f3(pct(ours.times, 50))} | ${f3(pct(ours.times, 99))} | ${indexMs.toFixed(0)} (+${analyzeMs.toFixed(0)} analysis) |`,
  );
  console.log(`| citebot, never abstaining | ${f3(ranking.h1 / n)} | ${f3(ranking.h5 / n)} | | | |`);
  console.log(
    `| plain minisearch | ${f3(base.h1 / n)} | ${f3(base.h5 / n)} | ${f3(pct(base.times, 50))} | ${f3(pct(base.times, 99))} | ${plainIndexMs.toFixed(0)} |`,
  );
  console.log(`Heap for the citebot index: ${heapMb.toFixed(0)} MB. (An abstention counts as a miss in the first row.)`);

  // Out-of-corpus abstention.
  const inside = data.slice(0, 18);
  const outside = data.slice(18);
  const small = new AnswerEngine(squadSource(inside));
  const inQs = squadQuestions(inside, every);
  const outQs = squadQuestions(outside, every);
  const inAbstain = inQs.filter(({ q }) => small.answer(q).abstained).length / inQs.length;
  const outAbstain = outQs.filter(({ q }) => small.answer(q).abstained).length / outQs.length;
  console.log(
    `\nOut-of-corpus (first 18 articles indexed): abstained on ${f3(outAbstain)} of ${outQs.length} outside questions, ${f3(inAbstain)} of ${inQs.length} inside answerable ones (threshold ${small.options.abstainBelow}).`,
  );
}

const started = performance.now();
const kb = await KnowledgeBase.load('knowledge');
new AnswerEngine(kb);
console.log(`Start-up on the bundled knowledge (load + analyse + index): ${(performance.now() - started).toFixed(0)} ms`);
await devQuestions();
await squad();
await docsBench();
if (args.includes('--load')) await benchLoad();
await benchLoadDocs(args);
await benchConfidence(existsSync(squadPath) ? readSquad(squadPath) : null, every);
await benchScale();
