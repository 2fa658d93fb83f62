/**
 * CPU time of a cold build's analysis, per MB of text, in this thread (no workers, so a busy
 * machine does not skew it): `npx tsx scripts/profile-analyze.ts [folder] [--every N] [--split]`.
 * Times the Markdown reading (markdownBlocks) alone, then the whole analysis of each file as a
 * worker does it (parse, wink-nlp, terms, snapshot encoding). `--split` samples the analysis with
 * the V8 profiler and prints where its CPU time goes, by part (a frame outside them, such as a
 * regular expression or a Node built-in, counts for the part that called it).
 */
import { readFileSync } from 'node:fs';
import { Session, type Profiler } from 'node:inspector/promises';
import path from 'node:path';
import { analyzeFile } from '../src/core/knowledge/analyze-worker.js';
import { markdownBlocks } from '../src/core/knowledge/markdown.js';
import { knowledgeFiles } from './knowledge-files.js';

const args = process.argv.slice(2);
const everyAt = args.indexOf('--every');
const every = everyAt >= 0 ? Number(args.splice(everyAt, 2)[1]) : 1;
const splitAt = args.indexOf('--split');
if (splitAt >= 0) args.splice(splitAt, 1);
const [folder = '/usr/share/doc'] = args;
const MB = 1024 * 1024;

/** The parts of the analysis, by the script a frame runs in (first match). */
const PARTS: [string, RegExp][] = [
  ['wink-nlp (sentences, tags, entities)', /node_modules\/wink-(?:nlp|eng-lite-web-model)\//],
  ['tokenizing, stemming, index terms', /node_modules\/wink-porter2-stemmer\/|src\/core\/text\/(?:terms|sentence-terms|fold|lexicon)\.ts/],
  ['entities, acronyms, sentences (analyze.ts)', /src\/core\/text\/analyze\.ts/],
  [
    'Markdown (markdown-it, markdown.ts)',
    /node_modules\/(?:markdown-it|mdurl|uc\.micro|linkify-it|entities|punycode)\/|src\/core\/knowledge\/markdown\.ts/,
  ],
  ['parse.ts (passages, hashes)', /src\/core\/knowledge\/parse\.ts/],
  ['snapshot encoding', /src\/core\/knowledge\/(?:snapshot|analyze-worker)\.ts/],
];

/** CPU time (ms) of a profile by part: each sample counts for the part of its nearest frame that has one. */
function split(profile: Profiler.Profile): Map<string, number> {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const partOf = (id: number): string => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const { functionName, url } = byId.get(at)!.callFrame;
      if (functionName === '(garbage collector)') return 'garbage collection';
      if (functionName === '(idle)' || functionName === '(program)') return functionName;
      const part = PARTS.find(([, re]) => re.test(url));
      if (part) return part[0];
    }
    return 'other';
  };
  const out = new Map<string, number>();
  profile.samples!.forEach((id, i) => {
    const part = partOf(id);
    out.set(part, (out.get(part) ?? 0) + profile.timeDeltas![i]! / 1000);
  });
  out.delete('(idle)');
  return out;
}

const files = knowledgeFiles(folder, every);
const texts = files.map((f) => ({ file: path.relative(folder, f), text: readFileSync(f, 'utf8') }));
const mb = texts.reduce((s, t) => s + Buffer.byteLength(t.text), 0) / MB;

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
// The language model loads once per worker: timed apart from the files.
let t = cpu();
analyzeFile({ file: 'warm-up.md', text: '# Warm up\n\nLoads the model.\n', hash: '' });
const modelMs = cpu() - t;
t = cpu();
for (const { file, text } of texts) if (/\.(md|markdown)$/i.test(file)) markdownBlocks(text, 1);
const markdownMs = cpu() - t;
const session = splitAt >= 0 ? new Session() : null;
if (session) {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
}
t = cpu();
for (const { file, text } of texts) analyzeFile({ file, text, hash: '' });
const analyzeMs = cpu() - t;
const profile = session ? (await session.post('Profiler.stop')).profile : null;
console.log(
  JSON.stringify({
    files: texts.length,
    mb: +mb.toFixed(2),
    modelMs: Math.round(modelMs),
    markdownMs: Math.round(markdownMs),
    analyzeMs: Math.round(analyzeMs),
    markdownMsPerMb: Math.round(markdownMs / mb),
    analyzeMsPerMb: Math.round(analyzeMs / mb),
  }),
);
if (profile) {
  const parts = [...split(profile)].sort((a, b) => b[1] - a[1]);
  const total = parts.reduce((s, [, ms]) => s + ms, 0);
  for (const [part, ms] of parts)
    console.log(
      `${((100 * ms) / total).toFixed(1).padStart(5)} %  ${Math.round(ms / mb)
        .toString()
        .padStart(5)} ms/MB  ${part}`,
    );
}
