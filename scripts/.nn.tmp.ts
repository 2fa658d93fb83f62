import ts from 'typescript';
import { readFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
const rev = process.argv[2];
const files = execSync(`git ls-files "src/**/*.ts"`, { encoding: 'utf8' }).split('\n').filter(Boolean);
let n = 0; const per = new Map<string, number>();
for (const f of files) {
  let src: string; try { src = rev ? execSync(`git show ${rev}:${f}`, { encoding: 'utf8', stdio: ['pipe','pipe','ignore'] }) : readFileSync(f, 'utf8'); } catch { continue; }
  const sf = ts.createSourceFile(f, src, ts.ScriptTarget.Latest, true);
  const visit = (node: ts.Node) => { if (node.kind === ts.SyntaxKind.NonNullExpression) { n++; per.set(f, (per.get(f) ?? 0) + 1); } ts.forEachChild(node, visit); };
  visit(sf);
}
console.log(n);
if (process.argv[3]) console.log([...per].sort((a, b) => b[1] - a[1]).map(([f, k]) => `${k} ${f}`).join('\n'));
