/**
 * Times the phases of loading a large knowledge folder in this process (for issue #16's profile):
 * `npx tsx scripts/profile-scale.ts [folder] [dataDir] [--prepare]`. Prints load (snapshot or
 * analysis), the index build, the first answer (and the process CPU time to it), and the heap the
 * knowledge and the index keep, then with every passage decoded. When `dataDir/questions.json`
 * holds questions (bench-scale keeps its own there), they are asked twice after the first answer —
 * with `--prepare` after `AnswerEngine.prepare` — and the CPU p50 / p99 of each pass printed.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { KnowledgeBase } from '../src/core/knowledge/knowledge-base.js';
import { AnswerEngine } from '../src/core/search/engine.js';

const MB = 1024 * 1024;
function collect(): number {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed;
}
const args = process.argv.slice(2);
const [folder = '/usr/share/doc', dataDir = '/tmp/citebot-profile'] = args.filter((a) => !a.startsWith('--'));
/** Questions not timed first (as bench-scale). */
const WARM_UP = 50;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;
const h0 = collect();
let t = performance.now();
const kb = await KnowledgeBase.load(folder, { snapshotDir: path.join(dataDir, 'index') });
const loadMs = performance.now() - t;
const h1 = collect();
t = performance.now();
const engine = new AnswerEngine(kb);
const indexMs = performance.now() - t;
t = performance.now();
engine.answer('What does the license say about copies of the documentation?');
const firstMs = performance.now() - t;
const sinceStartMs = performance.now();
const cpu = process.cpuUsage();
const h2 = collect();
let questions: string[] = [];
try {
  questions = JSON.parse(readFileSync(path.join(dataDir, 'questions.json'), 'utf8')) as string[];
} catch {
  // No questions saved: only the load is profiled.
}
const prepared = args.includes('--prepare') && questions.length > 0 ? await engine.prepare() : undefined;
const passes = [1, 2].map(() => {
  const times: number[] = [];
  questions.forEach((q, i) => {
    const c = process.cpuUsage();
    engine.answer(q);
    const used = process.cpuUsage(c);
    if (i >= WARM_UP) times.push((used.user + used.system) / 1000);
  });
  return { cpuP50Ms: +pct(times, 50).toFixed(2), cpuP99Ms: +pct(times, 99).toFixed(2) };
});
// Every passage decoded (as a quiz over all the knowledge does): the most the knowledge can hold.
const passages = kb.passages();
const h3 = collect();
const text = passages.reduce((s, p) => s + p.text.length, 0) / MB;
console.log(
  JSON.stringify(
    {
      ...kb.lastLoad,
      loadMs: Math.round(loadMs),
      indexMs: Math.round(indexMs),
      firstMs: Math.round(firstMs),
      sinceStartMs: Math.round(sinceStartMs),
      cpuToFirstAnswerMs: Math.round((cpu.user + cpu.system) / 1000),
      ...(questions.length > 0 ? { questions: questions.length - WARM_UP, firstPass: passes[0], secondPass: passes[1] } : {}),
      ...(prepared ? { prepareMs: Math.round(prepared.ms), longestSliceMs: Math.round(prepared.longestSliceMs) } : {}),
      passages: passages.length,
      textMb: +text.toFixed(1),
      kbHeapMb: Math.round((h1 - h0) / MB),
      indexHeapMb: Math.round((h2 - h1) / MB),
      allPassagesHeapMb: Math.round((h3 - h0) / MB),
      load: +loadavg()[0]!.toFixed(1),
    },
    null,
    1,
  ),
);
