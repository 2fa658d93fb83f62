/**
 * Generated questions on real material the quiz was not written for: the docs-dev READMEs and
 * SQuAD's Wikipedia paragraphs in ../shared (skipped when that folder is absent).
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../../src/core/knowledge/knowledge-base.js';
import { buildBank, type QuestionBank } from '../../src/core/quiz/bank.js';
import { answerKey, answerWords, indexOfWords } from '../../src/core/quiz/normalize.js';
import { parseNumbers } from '../../src/core/quiz/numbers.js';
import type { Question } from '../../src/core/quiz/question-model.js';
import { NUMBER_RANGE, questionRules, sentenceRules, YEAR_RANGE } from '../../src/core/quiz/rules.js';
import { tempDir } from '../helpers.js';

const SHARED = new URL('../../../shared/bench/', import.meta.url).pathname;
const CORPUS = path.join(SHARED, 'docs-dev', 'corpus');
const SQUAD = path.join(SHARED, 'squad-dev-v2.0.json');
/** Wikipedia articles of SQuAD dev: the three the issue graded. */
const ARTICLES = ['Normans', 'Amazon_rainforest', 'Oxygen'];
const present = fs.existsSync(CORPUS) && fs.existsSync(SQUAD);

/** What every generated question must keep on real material. */
function expectPlayable(questions: Question[]): void {
  for (const q of questions) {
    const where = `${q.prompt} = ${q.answer}`;
    const sentence = (q.cloze ?? q.prompt).replace('_____', q.answer);
    expect(
      sentenceRules(sentence).filter((r) => r === 'markup' || r === 'url' || r === 'code'),
      where,
    ).toEqual([]);
    for (const form of [q.answer, ...q.accepted])
      expect(indexOfWords(answerWords(q.prompt), answerKey(form)), `${where} (${form})`).toBe(-1);
    if (q.kind === 'number' && q.wrong) {
      const [value] = parseNumbers(q.answer);
      for (const w of q.wrong) {
        const [v] = parseNumbers(w);
        expect(v! >= value! / NUMBER_RANGE && v! <= value! * NUMBER_RANGE, `${where}: ${w}`).toBe(true);
      }
    }
    if (q.kind === 'date' && q.wrong && /^\d{4}$/.test(q.answer)) {
      for (const w of q.wrong)
        expect(/^\d{4}$/.test(w) && Math.abs(Number(w) - Number(q.answer)) <= YEAR_RANGE, `${where}: ${w}`).toBe(true);
    }
    expect(questionRules(q), where).toEqual([]);
  }
}

/** Quizzes drawn with several seeds keep the rules of a quiz too (no sentence twice, no answer shown before). */
function expectQuizzes(bank: QuestionBank): void {
  for (const seed of ['a', 'b', 'c']) {
    for (const choicesOnly of [true, false]) {
      const drawn = bank.draw({ seed, count: 30, choicesOnly });
      drawn.forEach((q, i) => expect(questionRules(q, drawn.slice(0, i)), `${seed}: ${q.prompt}`).toEqual([]));
      if (choicesOnly) for (const q of drawn) expect(q.wrong).toHaveLength(3);
    }
  }
}

describe.skipIf(!present)('questions generated from real material', () => {
  let docs: QuestionBank;
  let squad: QuestionBank;

  beforeAll(async () => {
    docs = buildBank(await KnowledgeBase.load(CORPUS));
    const dir = tempDir();
    const data = JSON.parse(fs.readFileSync(SQUAD, 'utf8')) as { data: { title: string; paragraphs: { context: string }[] }[] };
    for (const article of data.data.filter((a) => ARTICLES.includes(a.title))) {
      fs.writeFileSync(path.join(dir, `${article.title}.txt`), article.paragraphs.map((p) => p.context).join('\n\n'));
    }
    squad = buildBank(await KnowledgeBase.load(dir));
  }, 60_000);

  it('on the docs-dev READMEs: no markup, code or URL, no answer in its prompt, numbers in range', () => {
    const generated = docs.questions.filter((q) => q.origin === 'generated');
    expect(generated.length).toBeGreaterThan(5);
    expectPlayable(generated);
    expectQuizzes(docs);
  });

  it('on SQuAD paragraphs: the same, with real questions among the clozes', () => {
    const generated = squad.questions.filter((q) => q.origin === 'generated');
    expect(generated.length).toBeGreaterThan(50);
    expectPlayable(generated);
    expectQuizzes(squad);
    // Each real question has its cloze beside it: a third of all questions is the most there can be.
    expect(generated.filter((q) => q.prompt.endsWith('?')).length).toBeGreaterThan(generated.length / 5);
  });
});
