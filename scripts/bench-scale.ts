/**
 * The scale row of `npm run bench [-- --scale <folder>]`: every `.md` and `.txt` file under a folder
 * (default /usr/share/doc) as one knowledge base, measured with the built code as `npm start` runs
 * it, each phase in a fresh process: cold build (no saved analysis), warm start (unchanged files) to
 * the first answer, `citebot ask` on the warm snapshot, heap and RSS after load, MB of heap per MB
 * of text, p50/p99 per question over 500+ questions made from the corpus, the event loop while a
 * large file is re-indexed, and plain minisearch (default options, the same sentences) beside it.
 * Run alone: `npx tsx scripts/bench-scale.ts [folder]`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import MiniSearch from 'minisearch';
import { KnowledgeBase } from '../src/core/knowledge/knowledge-base.js';
import { AnswerEngine } from '../src/core/search/engine.js';
import type { Passage } from '../src/core/knowledge/types.js';

/** Questions asked (the issue asks for at least 500). */
const QUESTIONS = 500;
/** The question `citebot ask` is timed on. */
const ASK = 'What does the license say about copies of the documentation?';
/** Untimed questions first, so the timings are of a warmed-up engine. */
const WARM_UP = 50;
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BUILT = path.join(ROOT, 'dist', 'scripts', 'bench-scale.js');

const MB = 1024 * 1024;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;

/** A full garbage collection, so heap figures count what is kept, not garbage. */
function collect(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/**
 * Questions made from the corpus, the same every run: from evenly spaced sentences of eight words
 * or more, six of their longer words, as someone who half-remembers the sentence would ask.
 */
export function corpusQuestions(passages: Passage[], count = QUESTIONS + WARM_UP): string[] {
  const long = passages.filter((p) => p.text.split(/\s+/).length >= 8);
  const step = Math.max(1, long.length / count);
  const out: string[] = [];
  for (let i = 0; out.length < count && Math.floor(i) < long.length; i += step) {
    const words = long[Math.floor(i)]!.text.match(/\p{L}{4,}/gu) ?? [];
    if (words.length >= 3) out.push(`What does it say about ${words.slice(0, 6).join(' ')}?`);
  }
  return out;
}

interface PhaseResult {
  loadMs: number;
  indexMs: number;
  firstAnswerMs: number;
  sinceStartMs: number;
  /** CPU time of the process (all its threads) from its start to the first answer: what a busy machine does not inflate. */
  cpuMs: number;
  files: number;
  passages: number;
  textMb: number;
  /** Bytes of the files loaded (with their markup, code and tables). */
  fileMb: number;
  heapMb: number;
  /** With every passage decoded (as after a quiz over all the knowledge), the index and the questions' state. */
  allHeapMb: number;
  rssMb: number;
  analysis: string;
  fromSnapshot: number;
  p50: number;
  p99: number;
  /** The same, in CPU time of the process (what a loaded machine inflates less). */
  cpuP50: number;
  cpuP99: number;
  /** With `--prepare` (the warm phase, as a running bot does): passages decoded and term sets made in the background before the questions. */
  prepared?: { ms: number; longestSliceMs: number };
  repliesHash: string;
  questions: number;
  plain?: { buildMs: number; heapMb: number; p50: number; p99: number };
  refresh?: { mb: number; ms: number; maxLoopDelayMs: number; indexMs: number };
}

/** One phase, in this (child) process: load, index, answer; with `plain`, minisearch too; with `refresh`, a big file added. */
async function phase(folder: string, dataDir: string, opts: { plain: boolean; refresh: boolean; prepare: boolean }): Promise<PhaseResult> {
  collect();
  const heap0 = process.memoryUsage().heapUsed;
  let t = performance.now();
  const kb = await KnowledgeBase.load(folder, { snapshotDir: path.join(dataDir, 'index') });
  const loadMs = performance.now() - t;
  t = performance.now();
  const engine = new AnswerEngine(kb);
  const indexMs = performance.now() - t;
  t = performance.now();
  engine.answer(ASK);
  const firstAnswerMs = performance.now() - t;
  const sinceStartMs = performance.now();
  const cpu = process.cpuUsage();
  const cpuMs = (cpu.user + cpu.system) / 1000;
  collect();
  const heapMb = (process.memoryUsage().heapUsed - heap0) / MB;
  const rssMb = process.memoryUsage().rss / MB;
  // The questions are made by the first (cold) phase and kept: a warm start decodes passages only
  // as questions need them, so its timings include that decoding.
  const saved = path.join(dataDir, 'questions.json');
  let questions: string[];
  try {
    questions = JSON.parse(readFileSync(saved, 'utf8')) as string[];
  } catch {
    questions = corpusQuestions(kb.passages());
    writeFileSync(saved, JSON.stringify(questions));
  }
  const prepared = opts.prepare ? await engine.prepare() : undefined;
  const hash = createHash('sha256');
  const times: number[] = [];
  const cpuTimes: number[] = [];
  questions.forEach((q, i) => {
    const s = performance.now();
    const c = process.cpuUsage();
    const reply = engine.answer(q);
    const used = process.cpuUsage(c);
    if (i >= WARM_UP) {
      times.push(performance.now() - s);
      cpuTimes.push((used.user + used.system) / 1000);
    }
    hash.update(JSON.stringify(reply));
  });
  const passages = kb.passages();
  collect();
  const allHeapMb = (process.memoryUsage().heapUsed - heap0) / MB;
  const textMb = passages.reduce((n, p) => n + p.text.length, 0) / MB;
  const fileMb = kb.files().reduce((s, f) => s + statSync(path.join(kb.dir, f.file)).size, 0) / MB;
  const out: PhaseResult = {
    loadMs,
    indexMs,
    firstAnswerMs,
    sinceStartMs,
    cpuMs,
    files: kb.files().length,
    passages: passages.length,
    textMb,
    fileMb,
    heapMb,
    allHeapMb,
    rssMb,
    analysis: kb.lastLoad.analysis,
    fromSnapshot: kb.lastLoad.fromSnapshot,
    p50: pct(times, 50),
    p99: pct(times, 99),
    cpuP50: pct(cpuTimes, 50),
    cpuP99: pct(cpuTimes, 99),
    prepared,
    repliesHash: hash.digest('hex').slice(0, 16),
    questions: times.length,
  };
  if (opts.plain) {
    collect();
    const before = process.memoryUsage().heapUsed;
    t = performance.now();
    const plain = new MiniSearch<{ id: string; text: string }>({ fields: ['text'], storeFields: ['text'] });
    plain.addAll(passages.map((p) => ({ id: p.id, text: p.text })));
    const buildMs = performance.now() - t;
    collect();
    const plainHeap = (process.memoryUsage().heapUsed - before) / MB;
    const plainTimes = questions.slice(WARM_UP).map((q) => {
      const s = performance.now();
      plain.search(q);
      return performance.now() - s;
    });
    out.plain = { buildMs, heapMb: plainHeap, p50: pct(plainTimes, 50), p99: pct(plainTimes, 99) };
  }
  if (opts.refresh) {
    // A bot on a small folder, then a large file (the corpus's sentences, 4 MiB) added while the
    // event loop is watched: what a chat front end answering meanwhile would feel.
    const small = mkdtempSync(path.join(tmpdir(), 'citebot-bench-refresh-'));
    try {
      writeFileSync(path.join(small, 'a.txt'), `${passages[0]!.text}\n`);
      const live = await KnowledgeBase.load(small);
      const liveEngine = new AnswerEngine(live);
      let text = '';
      for (const p of passages) {
        if (text.length > 4 * MB) break;
        text += `${p.text}\n\n`;
      }
      writeFileSync(path.join(small, 'big.txt'), text);
      const loop = monitorEventLoopDelay({ resolution: 10 });
      loop.enable();
      t = performance.now();
      await live.refresh();
      const ms = performance.now() - t;
      loop.disable();
      t = performance.now();
      liveEngine.sync();
      out.refresh = { mb: text.length / MB, ms, maxLoopDelayMs: loop.max / 1e6, indexMs: performance.now() - t };
    } finally {
      rmSync(small, { recursive: true, force: true });
    }
  }
  return out;
}

function runPhase(folder: string, dataDir: string, flags: string[]): PhaseResult {
  const run = spawnSync(process.execPath, [BUILT, '--phase', folder, dataDir, ...flags], { encoding: 'utf8', maxBuffer: 64 * MB });
  if (run.status !== 0) throw new Error(`bench-scale phase failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as PhaseResult;
}

/** Wall time of `citebot ask "…"` (a fresh process, the built code) on the folder with `dataDir`. */
function askWall(folder: string, dataDir: string, question: string): number {
  const t = performance.now();
  const run = spawnSync(
    process.execPath,
    [path.join(ROOT, 'bin', 'citebot.js'), '--knowledge', folder, '--data', dataDir, 'ask', question],
    {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'error' },
    },
  );
  if (run.status !== 0) throw new Error(`citebot ask failed: ${run.stderr}`);
  return performance.now() - t;
}

/** The scale row: builds, then runs each phase in its own process and prints the figures. */
export async function benchScale(folder = scaleFolder()): Promise<void> {
  execFileSync(
    process.execPath,
    [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(ROOT, 'tsconfig.build.json')],
    { stdio: 'inherit' },
  );
  const dataDir = mkdtempSync(path.join(tmpdir(), 'citebot-bench-scale-'));
  try {
    const cold = runPhase(folder, dataDir, ['--plain']);
    const warm = runPhase(folder, dataDir, ['--prepare']);
    const ask = askWall(folder, dataDir, ASK);
    const refresh = runPhase(folder, dataDir, ['--refresh']).refresh!;
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    const f = (x: number, d = 1) => x.toFixed(d);
    console.log(
      `\nScale: ${folder}, ${cold.files} files (${f(cold.fileMb)} MB; ${f(cold.textMb)} MB of sentence text), ${cold.passages} sentences (built code, each phase a fresh process):`,
    );
    console.log('| | citebot | plain minisearch |');
    console.log('|---|---:|---:|');
    console.log(
      `| cold build (analysis ${cold.analysis} + index) | ${s(cold.loadMs + cold.indexMs)} (${s(cold.loadMs)} + ${s(cold.indexMs)}); process CPU to first answer ${s(cold.cpuMs)} | ${s(cold.plain!.buildMs)} (index only) |`,
    );
    console.log(
      `| warm start to first answer (process start → answer) | ${s(warm.sinceStartMs)} (load ${s(warm.loadMs)}, index ${s(warm.indexMs)}; ${warm.fromSnapshot} files from the snapshot); process CPU ${s(warm.cpuMs)} | |`,
    );
    console.log(`| \`citebot ask\` wall, warm snapshot | ${s(ask)} | |`);
    console.log(`| load average (1 min) during the run | ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores | |`);
    console.log(
      `| heap after load | ${f(warm.heapMb, 0)} MB (${f(warm.heapMb / warm.fileMb)} MB per MB of files, ${f(warm.heapMb / warm.textMb)} per MB of sentence text; ${f(warm.heapMb / cold.plain!.heapMb)}× plain) | ${f(cold.plain!.heapMb, 0)} MB |`,
    );
    console.log(
      `| heap with every passage decoded, after the questions | ${f(warm.allHeapMb, 0)} MB (${f(warm.allHeapMb / warm.fileMb)} MB per MB of files; ${f(warm.allHeapMb / cold.plain!.heapMb)}× plain) | |`,
    );
    console.log(`| RSS after load | ${f(warm.rssMb, 0)} MB | |`);
    console.log(
      `| passages decoded and term sets made in the background after start (warm) | ${s(warm.prepared!.ms)}, longest slice ${f(warm.prepared!.longestSliceMs, 0)} ms | |`,
    );
    console.log(
      `| p50 / p99 per question (${warm.questions} questions, warm, after that) | ${f(warm.p50, 2)} / ${f(warm.p99, 2)} ms (CPU ${f(warm.cpuP50, 2)} / ${f(warm.cpuP99, 2)} ms) | ${f(cold.plain!.p50, 2)} / ${f(cold.plain!.p99, 2)} ms |`,
    );
    console.log(`| same replies cold and warm | ${cold.repliesHash === warm.repliesHash ? 'yes' : 'NO'} (${warm.repliesHash}) | |`);
    console.log(
      `| a ${f(refresh.mb)} MB file added: refresh / re-index, longest event-loop stall during refresh | ${s(refresh.ms)} / ${s(refresh.indexMs)}, ${f(refresh.maxLoopDelayMs, 0)} ms | |`,
    );
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The folder: `--scale <folder>` on the command line, or /usr/share/doc. */
function scaleFolder(): string {
  const at = process.argv.indexOf('--scale');
  return at > 0 && process.argv[at + 1] ? process.argv[at + 1]! : '/usr/share/doc';
}

const args = process.argv.slice(2);
if (args[0] === '--phase') {
  const [, folder, dataDir, ...flags] = args;
  const result = await phase(folder!, dataDir!, {
    plain: flags.includes('--plain'),
    refresh: flags.includes('--refresh'),
    prepare: flags.includes('--prepare'),
  });
  process.stdout.write(JSON.stringify(result));
} else if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await benchScale(args.find((a) => !a.startsWith('--')));
}
