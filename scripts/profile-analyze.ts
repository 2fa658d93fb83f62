/**
 * CPU time of a cold build's analysis, per MB of text, in this thread (no workers, so a busy
 * machine does not skew it): `npx tsx scripts/profile-analyze.ts [folder] [--every N]`. Times the
 * Markdown reading (markdownBlocks) alone, then the whole analysis of each file as a worker does it
 * (parse, wink-nlp, terms, snapshot encoding). Run with `node --cpu-prof` for the split by function.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { analyzeFile } from '../src/core/knowledge/analyze-worker.js';
import { markdownBlocks } from '../src/core/knowledge/markdown.js';

const args = process.argv.slice(2);
const everyAt = args.indexOf('--every');
const every = everyAt >= 0 ? Number(args.splice(everyAt, 2)[1]) : 1;
const [folder = '/usr/share/doc'] = args;
const MB = 1024 * 1024;

const files = readdirSync(folder, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && /\.(md|markdown|txt)$/i.test(e.name))
  .map((e) => path.join(e.parentPath, e.name))
  .sort()
  .filter((_, i) => i % every === 0);
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
t = cpu();
for (const { file, text } of texts) analyzeFile({ file, text, hash: '' });
const analyzeMs = cpu() - t;
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
