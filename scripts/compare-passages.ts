/**
 * Proves a change to Markdown reading keeps the passages: `npx tsx scripts/compare-passages.ts
 * --save before.json <folder|file.md>…` on the old code, then `--against before.json` with the
 * same folders on the new. Compares, per passage of every `.md` file, its text, section path,
 * lines, attached code, table-row lead-in, atoms and the file's title, and prints each difference.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseKnowledgeFile } from '../src/core/knowledge/parse.js';

const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args.splice(at, 2)[1] : undefined;
};
const save = option('--save');
const against = option('--against');
/** Differences printed at most per file. */
const SHOWN = Number(option('--show') ?? 3);

const files = args.flatMap((arg) =>
  statSync(arg).isDirectory()
    ? readdirSync(arg, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && /\.(md|markdown)$/i.test(e.name))
        .map((e) => path.join(e.parentPath, e.name))
        .sort()
    : [arg],
);

type Summary = Record<string, string>;
const summaries: Record<string, Summary[]> = {};
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  let parsed;
  try {
    parsed = parseKnowledgeFile(file, text);
  } catch (err) {
    summaries[file] = [{ error: (err as Error).message }];
    continue;
  }
  summaries[file] = parsed.passages.map((p) => ({
    title: p.title,
    id: p.id,
    text: p.text,
    headings: p.headings.join(' > '),
    lines: p.lines.join('-'),
    code: JSON.stringify(p.code ?? []),
    lead: p.lead ?? '',
    atoms: JSON.stringify(p.atoms ?? []),
    entities: JSON.stringify(p.entities),
  }));
}

if (save) {
  writeFileSync(save, JSON.stringify(summaries));
  console.log(`saved the passages of ${files.length} files to ${save}`);
}
if (against) {
  const before = JSON.parse(readFileSync(against, 'utf8')) as Record<string, Summary[]>;
  const fields = new Map<string, number>();
  let same = 0;
  let differ = 0;
  let passages = 0;
  let changed = 0;
  for (const file of files) {
    const a = before[file] ?? [];
    const b = summaries[file] ?? [];
    passages += a.length;
    const n = Math.max(a.length, b.length);
    let shown = 0;
    let fileChanged = 0;
    for (let i = 0; i < n; i++) {
      const x = a[i];
      const y = b[i];
      const keys = x && y ? Object.keys(x).filter((k) => x[k] !== y[k]) : ['missing'];
      if (keys.length === 0) continue;
      fileChanged++;
      for (const k of keys) fields.set(k, (fields.get(k) ?? 0) + 1);
      if (shown++ < SHOWN) {
        console.log(`--- ${file} passage ${i}: ${keys.join(', ')}`);
        for (const k of keys) console.log(`  before ${k}: ${JSON.stringify(x?.[k])}\n  after  ${k}: ${JSON.stringify(y?.[k])}`);
      }
    }
    changed += fileChanged;
    if (fileChanged) differ++;
    else same++;
  }
  console.log(JSON.stringify({ files: files.length, same, differ, passages, changed, fields: Object.fromEntries(fields) }));
}
