/**
 * A hash of everything a cold build's analysis yields for a folder: every passage (all its fields,
 * entities included), every acronym and every file's index terms, as `analyzeFile` works them out
 * (in this thread). Proves that a speed-up of the analysis changes none of its output:
 * `npx tsx scripts/analysis-hash.ts [folder] [--every N] [--files]` (`--files`: one hash a file, to
 * find which file differs).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { analyzeText } from '../src/core/knowledge/analyze-worker.js';
import { knowledgeFiles } from './knowledge-files.js';

const args = process.argv.slice(2);
const everyAt = args.indexOf('--every');
const every = everyAt >= 0 ? Number(args.splice(everyAt, 2)[1]) : 1;
const filesAt = args.indexOf('--files');
if (filesAt >= 0) args.splice(filesAt, 1);
const [folder = '/usr/share/doc'] = args;

/** JSON with keys sorted, typed arrays as arrays and undefined values kept: the same value always gives the same text. */
function canonical(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}[${Array.from(value as unknown as ArrayLike<number>).join(',')}]`;
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.keys(value)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

const files = knowledgeFiles(folder, every);
const all = createHash('sha256');
let passages = 0;
for (const f of files) {
  const file = path.relative(folder, f);
  const result = analyzeText({ file, text: readFileSync(f, 'utf8'), hash: '' });
  const text = canonical(result);
  const hash = createHash('sha256').update(text).digest('hex');
  if ('passages' in result) passages += result.passages.length;
  if (filesAt >= 0) console.log(`${hash.slice(0, 16)} ${file}`);
  all.update(`${file}\n${hash}\n`);
}
console.log(`${all.digest('hex').slice(0, 16)} ${files.length} files, ${passages} passages (${folder})`);
