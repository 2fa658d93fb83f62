/**
 * Times the phases of loading a large knowledge folder in this process (for issue #16's profile):
 * `npx tsx scripts/profile-scale.ts [folder] [dataDir]`. Prints load (snapshot or analysis), the
 * index build, the first answer, and the heap the knowledge and the index keep.
 */
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
const [folder = '/usr/share/doc', dataDir = '/tmp/citebot-profile'] = process.argv.slice(2);
const h0 = collect();
let t = performance.now();
const kb = await KnowledgeBase.load(folder, { snapshotDir: path.join(dataDir, 'index') });
const loadMs = performance.now() - t;
const h1 = collect();
const passages = kb.passages();
t = performance.now();
const engine = new AnswerEngine(kb);
const indexMs = performance.now() - t;
t = performance.now();
engine.answer('What does the license say about copies of the documentation?');
const firstMs = performance.now() - t;
const h2 = collect();
const text = passages.reduce((s, p) => s + p.text.length, 0) / MB;
console.log(
  JSON.stringify(
    {
      ...kb.lastLoad,
      loadMs: Math.round(loadMs),
      indexMs: Math.round(indexMs),
      firstMs: Math.round(firstMs),
      passages: passages.length,
      textMb: +text.toFixed(1),
      kbHeapMb: Math.round((h1 - h0) / MB),
      indexHeapMb: Math.round((h2 - h1) / MB),
      sinceStartMs: Math.round(performance.now()),
    },
    null,
    1,
  ),
);
