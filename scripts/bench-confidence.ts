/**
 * Bench section: is `confidence` a probability, and are short answers right? With the shipped
 * models, on the odd SQuAD articles (the even ones fitted them: scripts/fit-confidence.ts) and on
 * the docs-dev questions: a reliability table (confidence bucket → share right), the expected
 * calibration error, and short-answer precision and coverage by kind.
 */
import type { AnswerKind } from '../src/core/search/types.js';
import { docsReplies, squadReplies, type Scored } from './confidence-data.js';
import { reliability } from './logistic.js';
import type { SquadArticle } from './squad.js';

function table(name: string, rs: Scored[]): void {
  const answered = rs.filter((r) => !r.abstained);
  const { buckets, ece } = reliability(answered.map((r) => ({ p: r.confidence, y: r.right ? 1 : 0 })));
  console.log(`\n${name}: ${answered.length} answered of ${rs.length}; expected calibration error ${ece.toFixed(3)}`);
  console.log('| confidence | replies | mean confidence | share right |\n|---|---:|---:|---:|');
  for (const b of buckets.filter((x) => x.n)) console.log(`| ${b.from.toFixed(1)}–${(b.from + 0.1).toFixed(1)} | ${b.n} | ${b.mean.toFixed(2)} | ${b.right.toFixed(2)} |`);
}

/** Prints the section; `data` is SQuAD 2.0 dev (null when absent). */
export async function benchConfidence(data: SquadArticle[] | null, every: number): Promise<void> {
  if (data) {
    const odd = squadReplies(data, every).filter((r) => r.half === 1);
    table('Confidence on the odd SQuAD articles (held out)', odd);
    console.log('\nShort answers on the odd SQuAD articles: | kind | shown | precision | coverage (of answered questions of that kind) |\n|---|---:|---:|---:|');
    for (const kind of ['person', 'organization', 'place', 'date', 'number'] as AnswerKind[]) {
      const of = odd.filter((r) => !r.abstained && r.short?.kind === kind);
      const shown = of.filter((r) => r.short!.shown);
      const precision = shown.length ? (shown.filter((r) => r.short!.right).length / shown.length).toFixed(3) : '—';
      console.log(`| ${kind} | ${shown.length} | ${precision} | ${(shown.length / (of.length || 1)).toFixed(3)} of ${of.length} |`);
    }
  }
  const docs = docsReplies();
  if (!docs) return void console.log('\ndocs-dev: ../shared/bench/docs-dev/docs-qa.json not found; skipped.');
  table(`Confidence on docs-dev (${docs.files} READMEs${docs.failed ? `; ${docs.failed} the parser could not read left out` : ''})`, docs.replies);
}
