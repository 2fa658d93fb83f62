/**
 * Bench section: is `confidence` a probability, and are short answers right? With the shipped
 * models, on the odd SQuAD articles (the even ones fitted them: scripts/fit-confidence.ts) and on
 * the docs-dev questions: a reliability table (confidence bucket → share right), the expected
 * calibration error, and short-answer precision and coverage by kind; and the questions about
 * something the knowledge never mentions (tests/fixtures/missing-terms.json) abstained naming it,
 * against SQuAD's answerable questions abstained.
 */
import type { AnswerKind } from '../src/core/search/types.js';
import path from 'node:path';
import { KnowledgeBase } from '../src/core/knowledge/knowledge-base.js';
import { AnswerEngine } from '../src/core/search/engine.js';
import { DOCS_DEV, docsReplies, docsSource, missingTermQuestions, namesMissing, squadReplies, type Scored } from './confidence-data.js';
import { reliability } from './logistic.js';
import type { SquadArticle } from './squad.js';

function table(name: string, rs: Scored[]): void {
  const answered = rs.filter((r) => !r.abstained);
  const { buckets, ece } = reliability(answered.map((r) => ({ p: r.confidence, y: r.right ? 1 : 0 })));
  console.log(`\n${name}: ${answered.length} answered of ${rs.length}; expected calibration error ${ece.toFixed(3)}`);
  console.log('| confidence | replies | mean confidence | share right |\n|---|---:|---:|---:|');
  for (const b of buckets.filter((x) => x.n))
    console.log(`| ${b.from.toFixed(1)}–${(b.from + 0.1).toFixed(1)} | ${b.n} | ${b.mean.toFixed(2)} | ${b.right.toFixed(2)} |`);
}

/** The missing-term set (tests/fixtures/missing-terms.json): abstained naming the missing term. */
async function missingTerms(withDocs: boolean): Promise<void> {
  const engines = {
    bundled: new AnswerEngine(await KnowledgeBase.load('knowledge')),
    'docs-dev': withDocs ? new AnswerEngine(docsSource(path.join(DOCS_DEV, 'corpus')).source) : null,
  };
  const set = missingTermQuestions().filter((m) => engines[m.knowledge]);
  const handled = set.filter((m) => namesMissing(engines[m.knowledge]!.answer(m.q), m));
  const by = (k: string) => `${handled.filter((m) => m.knowledge === k).length}/${set.filter((m) => m.knowledge === k).length}`;
  console.log(
    `\nMissing-term questions abstained naming the term: ${(handled.length / set.length).toFixed(3)} (bundled article ${by('bundled')}, docs-dev ${by('docs-dev')})`,
  );
}

/** Prints the section; `data` is SQuAD 2.0 dev (null when absent). */
export async function benchConfidence(data: SquadArticle[] | null, every: number): Promise<void> {
  if (data) {
    const all = squadReplies(data, every);
    const odd = all.filter((r) => r.half === 1);
    const share = (f: (r: Scored) => boolean) => (all.filter(f).length / all.length).toFixed(3);
    console.log(
      `\nSQuAD answerable questions abstained: ${share((r) => r.abstained)} of ${all.length}, ${share((r) => r.reasonCode === 'missing-term')} for a missing term`,
    );
    table('Confidence on the odd SQuAD articles (held out)', odd);
    console.log(
      '\nShort answers on the odd SQuAD articles: | kind | shown | precision | coverage (of answered questions of that kind) |\n|---|---:|---:|---:|',
    );
    for (const kind of ['person', 'organization', 'place', 'date', 'number'] as AnswerKind[]) {
      const of = odd.filter((r) => !r.abstained && r.short?.kind === kind);
      const shown = of.filter((r) => r.short!.shown);
      const precision = shown.length ? (shown.filter((r) => r.short!.right).length / shown.length).toFixed(3) : '—';
      console.log(`| ${kind} | ${shown.length} | ${precision} | ${(shown.length / (of.length || 1)).toFixed(3)} of ${of.length} |`);
    }
  }
  const docs = docsReplies();
  await missingTerms(docs !== null);
  if (!docs) return void console.log('\ndocs-dev: ../shared/bench/docs-dev/docs-qa.json not found; skipped.');
  table(
    `Confidence on docs-dev (${docs.files} READMEs${docs.failed ? `; ${docs.failed} the parser could not read left out` : ''})`,
    docs.replies,
  );
}
