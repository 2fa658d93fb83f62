/**
 * `npx tsx scripts/reply-hash.ts [path/to/squad-dev-v2.0.json]`: one sha256 over the replies to every
 * SQuAD 2.0 dev question (answerable or not), all articles as one knowledge base. A change that
 * should not alter answers must leave it unchanged.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { AnswerEngine } from '../src/core/search/engine.js';
import { readSquad, squadSource } from './squad.js';

const squadPath = process.argv.slice(2).find((a) => a.endsWith('.json')) ?? path.resolve('..', 'shared', 'bench', 'squad-dev-v2.0.json');
const data = readSquad(squadPath);
const engine = new AnswerEngine(squadSource(data));
const hash = createHash('sha256');
let n = 0;
for (const a of data) {
  for (const p of a.paragraphs) {
    for (const q of p.qas) {
      hash.update(`${JSON.stringify(engine.answer(q.question))}\n`);
      n++;
    }
  }
}
console.log(`${hash.digest('hex')}  replies to ${n} SQuAD questions`);
