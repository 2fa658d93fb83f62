/**
 * Load check: every `.md`/`.txt` file under a folder is parsed, analysed and indexed one at a time,
 * as `KnowledgeBase` and the engine do. Counts files loaded, skipped with a reason (front matter,
 * no text, not UTF-8, too large), and crashed (an exception: must be 0). Folders: /usr/share/doc
 * (when present, or `--docs <folder>`), the docs-dev READMEs, and the READMEs in node_modules.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { defaultKnowledgeOptions, errorText } from '../src/core/knowledge/knowledge-base.js';
import { KnowledgeFileError, parseKnowledgeFile } from '../src/core/knowledge/parse.js';
import { SearchIndex } from '../src/core/search/search-index.js';

interface LoadCount {
  loaded: number;
  skipped: Map<string, number>;
  crashed: { file: string; error: string }[];
  ms: number;
}

/** Loads each file on its own (outside the KnowledgeBase boundary, so that an exception is seen). */
function loadEach(files: string[]): LoadCount {
  const count: LoadCount = { loaded: 0, skipped: new Map(), crashed: [], ms: 0 };
  const skip = (why: string) => count.skipped.set(why, (count.skipped.get(why) ?? 0) + 1);
  const started = performance.now();
  for (const file of files) {
    let bytes: Buffer;
    try {
      if (statSync(file).size > defaultKnowledgeOptions.maxFileBytes) {
        skip('larger than the size limit');
        continue;
      }
      bytes = readFileSync(file);
    } catch {
      skip('cannot be read');
      continue;
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      skip('not UTF-8 text');
      continue;
    }
    try {
      const parsed = parseKnowledgeFile(path.basename(file), text);
      if (parsed.passages.length === 0) {
        skip('no text');
        continue;
      }
      new SearchIndex().setFile(parsed.file, parsed.passages);
      count.loaded++;
    } catch (err) {
      if (err instanceof KnowledgeFileError) skip(err.message.replace(/\(.*$|".*$/, '').trim());
      else count.crashed.push({ file, error: errorText(err) });
    }
  }
  count.ms = performance.now() - started;
  return count;
}

/** `.md`/`.markdown`/`.txt` files below `dir` (symbolic links to files included), sorted. */
function docsUnder(dir: string, only?: (rel: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  const isFile = (e: { isFile(): boolean; isSymbolicLink(): boolean; parentPath: string; name: string }) =>
    e.isFile() || (e.isSymbolicLink() && (statSync(path.join(e.parentPath, e.name), { throwIfNoEntry: false })?.isFile() ?? false));
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => /\.(md|markdown|txt)$/i.test(e.name) && isFile(e))
    .map((e) => path.join(e.parentPath, e.name))
    .filter((f) => !only || only(path.relative(dir, f)))
    .sort();
}

function report(name: string, files: string[]): number {
  if (files.length === 0) return (void console.log(`  ${name}: no files found; skipped.`), 0);
  const c = loadEach(files);
  const skipped = [...c.skipped].map(([why, n]) => `${n} ${why}`).join(', ');
  console.log(
    `  ${name}: ${files.length} files — loaded ${c.loaded}, skipped ${files.length - c.loaded - c.crashed.length}${skipped ? ` (${skipped})` : ''}, crashed ${c.crashed.length} (${(c.ms / 1000).toFixed(1)} s)`,
  );
  for (const x of c.crashed.slice(0, 10)) console.log(`    CRASHED ${x.file}: ${x.error}`);
  return c.crashed.length;
}

/** Prints the load check; returns the number of files that crashed. */
export async function benchLoadDocs(args: string[] = []): Promise<number> {
  const docsArg = args.indexOf('--docs');
  const docs = docsArg >= 0 && args[docsArg + 1] ? args[docsArg + 1]! : '/usr/share/doc';
  console.log('\nLoad check (parse + analyse + index each file; crashed must be 0):');
  let crashed = report(docs, docsUnder(docs));
  crashed += report('docs-dev corpus', docsUnder(path.resolve('..', 'shared', 'bench', 'docs-dev', 'corpus')));
  crashed += report(
    'node_modules READMEs',
    docsUnder('node_modules', (rel) => /(^|\/)readme\.md$/i.test(rel)),
  );
  return crashed;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = (await benchLoadDocs(process.argv.slice(2))) > 0 ? 1 : 0;
