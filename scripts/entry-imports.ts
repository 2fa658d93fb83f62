/**
 * Issue #14: every core folder has one entry, its index.ts. This script (idempotent; re-run it after a merge)
 * rewrites each static import in src/ that crosses into another core folder — or comes from an adapter, app.ts or
 * another top-level core file — so that it names that folder's index.js instead of a deep file, and adds to the
 * folder's index.ts any name that is imported across but not yet exported there. Imports within a folder stay deep,
 * type-only imports stay type-only, non-TypeScript files (JSON) and dynamic import() are left alone.
 *
 *   npx tsx scripts/entry-imports.ts           rewrite in place
 *   npx tsx scripts/entry-imports.ts --check   exit 1 (and list the files) if anything would change
 */
import { readFileSync, writeFileSync, readdirSync, existsSync } from 'node:fs';
import { join, relative, dirname, resolve, sep } from 'node:path';
import ts from 'typescript';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const srcDir = join(root, 'src');
const coreDir = join(srcDir, 'core');
/** Folders of the core that get an entry (storage implements ports; it is wired in by app.ts). */
const FOLDERS = ['bot', 'gaps', 'quiz', 'search', 'knowledge', 'text', 'storage'];

/** All .ts files under dir, recursively. */
function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return tsFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** The core folder a file belongs to, or undefined for adapters, app.ts and top-level core files. */
function folderOf(file: string): string | undefined {
  const rel = relative(coreDir, file).split(sep);
  return rel.length > 1 && FOLDERS.includes(rel[0]!) ? rel[0] : undefined;
}

/** The .ts file a relative '.js' specifier names, or undefined when it is not a TypeScript module. */
function resolveSpecifier(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.') || !spec.endsWith('.js')) return undefined;
  const target = resolve(dirname(from), spec.replace(/\.js$/, '.ts'));
  return existsSync(target) ? target : undefined;
}

/** How an index.ts exports names: key `${file}#${name}` → exported name. */
function indexExports(folder: string): Map<string, string> {
  const indexFile = join(coreDir, folder, 'index.ts');
  const map = new Map<string, string>();
  if (!existsSync(indexFile)) return map;
  const sf = ts.createSourceFile(indexFile, readFileSync(indexFile, 'utf8'), ts.ScriptTarget.Latest, true);
  for (const st of sf.statements) {
    if (!ts.isExportDeclaration(st) || !st.moduleSpecifier || !ts.isStringLiteral(st.moduleSpecifier)) continue;
    const target = resolveSpecifier(indexFile, st.moduleSpecifier.text);
    if (!target || !st.exportClause || !ts.isNamedExports(st.exportClause)) continue;
    for (const el of st.exportClause.elements) {
      map.set(`${target}#${(el.propertyName ?? el.name).text}`, el.name.text);
    }
  }
  return map;
}

interface Crossing {
  file: string;
  decl: ts.ImportDeclaration | ts.ExportDeclaration;
  folder: string;
  target: string;
}

const check = process.argv.includes('--check');
const files = tsFiles(srcDir);
const sources = new Map(files.map((f) => [f, ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, true)]));

// 1. Find the crossings and the names each folder's entry must export (value wins over type-only).
const crossings: Crossing[] = [];
const needed = new Map<string, Map<string, { target: string; name: string; typeOnly: boolean }>>();
for (const [file, sf] of sources) {
  const own = folderOf(file);
  for (const decl of sf.statements) {
    if (!(ts.isImportDeclaration(decl) || ts.isExportDeclaration(decl))) continue;
    if (!decl.moduleSpecifier || !ts.isStringLiteral(decl.moduleSpecifier)) continue;
    const target = resolveSpecifier(file, decl.moduleSpecifier.text);
    if (!target) continue;
    const folder = folderOf(target);
    if (!folder || folder === own || target === join(coreDir, folder, 'index.ts')) continue;
    const declTypeOnly = ts.isImportDeclaration(decl) ? !!decl.importClause?.isTypeOnly : decl.isTypeOnly;
    const elements = ts.isImportDeclaration(decl)
      ? decl.importClause?.namedBindings && ts.isNamedImports(decl.importClause.namedBindings)
        ? decl.importClause.namedBindings.elements
        : undefined
      : decl.exportClause && ts.isNamedExports(decl.exportClause)
        ? decl.exportClause.elements
        : undefined;
    const hasDefaultOrNamespace = ts.isImportDeclaration(decl)
      ? !!decl.importClause?.name || (!!decl.importClause?.namedBindings && !ts.isNamedImports(decl.importClause.namedBindings))
      : !decl.exportClause || !ts.isNamedExports(decl.exportClause);
    if (!elements || hasDefaultOrNamespace) {
      console.warn(`left deep (default, namespace or side-effect import): ${relative(root, file)} → ${decl.moduleSpecifier.text}`);
      continue;
    }
    crossings.push({ file, decl, folder, target });
    const want = needed.get(folder) ?? new Map();
    needed.set(folder, want);
    for (const el of elements) {
      const name = (el.propertyName ?? el.name).text;
      const key = `${target}#${name}`;
      const typeOnly = declTypeOnly || el.isTypeOnly;
      const prev = want.get(key);
      want.set(key, { target, name, typeOnly: (prev?.typeOnly ?? true) && typeOnly });
    }
  }
}

// 2. Add the missing names to each index.ts (one export line per deep file), refusing clashing names.
const changed: string[] = [];
for (const [folder, want] of needed) {
  const indexFile = join(coreDir, folder, 'index.ts');
  const have = indexExports(folder);
  const taken = new Set(have.values());
  const add = new Map<string, { values: string[]; types: string[] }>();
  for (const [key, { target, name, typeOnly }] of want) {
    if (have.has(key)) continue;
    if (taken.has(name)) throw new Error(`core/${folder}/index.ts already exports another '${name}'; alias one by hand`);
    taken.add(name);
    have.set(key, name);
    const spec = './' + relative(dirname(indexFile), target).split(sep).join('/').replace(/\.ts$/, '.js');
    const entry = add.get(spec) ?? { values: [], types: [] };
    add.set(spec, entry);
    (typeOnly ? entry.types : entry.values).push(name);
  }
  if (add.size === 0) continue;
  const lines = [...add].map(([spec, { values, types }]) => {
    const names = [...values.sort(), ...types.sort().map((t) => (values.length ? `type ${t}` : t))];
    return `export ${values.length ? '' : 'type '}{ ${names.join(', ')} } from '${spec}';`;
  });
  const before = existsSync(indexFile) ? readFileSync(indexFile, 'utf8') : `/** core/${folder}. */\n`;
  changed.push(relative(root, indexFile));
  if (!check) writeFileSync(indexFile, before.replace(/\n*$/, '\n') + lines.join('\n') + '\n');
}

// 3. Point each crossing at the folder's index.js, renaming to the entry's name where the entry aliases it.
const edits = new Map<string, { start: number; end: number; text: string }[]>();
for (const { file, decl, folder, target } of crossings) {
  const sf = sources.get(file)!;
  const have = indexExports(folder);
  const entrySpec = relative(dirname(file), join(coreDir, folder, 'index.js'))
    .split(sep)
    .join('/');
  const spec = entrySpec.startsWith('.') ? entrySpec : `./${entrySpec}`;
  const list = edits.get(file) ?? [];
  edits.set(file, list);
  const ms = decl.moduleSpecifier!;
  list.push({ start: ms.getStart(sf), end: ms.getEnd(), text: `'${spec}'` });
  const elements = ts.isImportDeclaration(decl)
    ? (decl.importClause!.namedBindings as ts.NamedImports).elements
    : (decl.exportClause as ts.NamedExports).elements;
  for (const el of elements) {
    const name = (el.propertyName ?? el.name).text;
    const exported = have.get(`${target}#${name}`) ?? name;
    if (exported === name) continue;
    const local = el.name.text;
    const text = `${el.isTypeOnly ? 'type ' : ''}${exported === local ? local : `${exported} as ${local}`}`;
    list.push({ start: el.getStart(sf), end: el.getEnd(), text });
  }
}
for (const [file, list] of edits) {
  let text = sources.get(file)!.text;
  for (const e of list.sort((a, b) => b.start - a.start)) text = text.slice(0, e.start) + e.text + text.slice(e.end);
  changed.push(relative(root, file));
  if (!check) writeFileSync(file, text);
}

console.log(`${check ? 'would change' : 'changed'} ${changed.length} file(s)${changed.length ? ':\n  ' + changed.join('\n  ') : ''}`);
if (check && changed.length) process.exit(1);
