import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../../src/core/knowledge/knowledge-base.js';
import { buildBank, QuestionBank, QuestionSource } from '../../src/core/quiz/bank.js';
import { checkAnswer } from '../../src/core/quiz/check.js';
import { exportQuiz } from '../../src/core/quiz/export.js';
import { BLANK } from '../../src/core/quiz/generate.js';
import { answerKey, answerWords, indexOfWords, normalizeAnswer } from '../../src/core/quiz/normalize.js';
import { parseNumbers } from '../../src/core/quiz/numbers.js';
import type { Question } from '../../src/core/quiz/question-model.js';
import { REGION_OF } from '../../src/core/text/lexicon.js';
import { tempDir } from '../helpers.js';
import { bundledKnowledge, KNOWLEDGE_DIR } from './harness.js';

const ARTICLE = 'us-japan-defense-2025.md';
let kb: KnowledgeBase;
let bank: QuestionBank;
let generated: Question[];

beforeAll(async () => {
  kb = await bundledKnowledge();
  bank = buildBank(kb);
  generated = bank.questions.filter((q) => q.origin === 'generated');
});

/** Names of each kind in the knowledge, as the text writes them. */
const namesOfKind = (kind: string) =>
  new Set(kb.passages().flatMap((p) => p.entities.filter((e) => e.kind === kind).map((e) => normalizeAnswer(e.text))));

describe('questions generated from the bundled article', () => {
  it('gives a session of at least 8 distinct generated questions, at most one per fact and per sentence', () => {
    const drawn = new QuestionBank(generated).draw({ seed: 'count', count: 50 });
    expect(drawn.length).toBeGreaterThanOrEqual(8);
    expect(new Set(drawn.map((q) => q.fact)).size).toBe(drawn.length);
    expect(new Set(drawn.map((q) => q.passageId)).size).toBe(drawn.length);
    expect(new Set(drawn.map((q) => normalizeAnswer(q.answer))).size).toBe(drawn.length);
  });

  it('never shows the answer in the question, and keeps the source sentence, its hash and citation', () => {
    expect(generated.length).toBeGreaterThan(0);
    for (const q of generated) {
      expect(q.cloze).toContain(BLANK);
      expect(q.prompt.includes(BLANK) || q.prompt.endsWith('?'), q.prompt).toBe(true);
      for (const form of [q.answer, ...q.accepted])
        expect(indexOfWords(answerWords(q.prompt), answerKey(form)), `${q.prompt} / ${form}`).toBe(-1);
      const passage = kb.passage(q.passageId!)!;
      expect(passage.text).toBe(q.source);
      expect(q.sourceHash).toBe(passage.hash);
      expect(q.citation).toMatchObject({ file: ARTICLE, paragraph: passage.paragraph, lines: passage.lines });
      expect(indexOfWords(answerWords(q.source), answerKey(q.answer))).toBeGreaterThanOrEqual(0);
    }
  });

  it('accepts other names of the answer the knowledge gives, but not a shorter name of another place', () => {
    const sea = generated.find((q) => q.answer === 'East China Sea')!;
    expect(sea).toBeDefined();
    expect(sea.accepted.map(normalizeAnswer)).not.toContain('east china');
    expect(checkAnswer(sea, 'East China').correct).toBe(false);
    expect(checkAnswer(sea, 'the East China Sea').correct).toBe(true);
    const islands = generated.find((q) => q.answer === 'Senkanku Islands')!;
    expect(checkAnswer(islands, 'Senkanku').correct).toBe(true);
    const minister = generated.find((q) => q.kind === 'person' && q.answer.endsWith('Nakatani'))!;
    expect(checkAnswer(minister, 'Nakatani').correct).toBe(true);
  });

  it('offers three wrong choices of the same kind, none of them the answer', () => {
    const withChoices = generated.filter((q) => q.wrong);
    expect(withChoices.length).toBeGreaterThanOrEqual(8);
    for (const q of withChoices) {
      expect(q.wrong).toHaveLength(3);
      expect(q.wrong!.map(normalizeAnswer)).not.toContain(normalizeAnswer(q.answer));
      for (const w of q.wrong!) {
        if (q.kind === 'number') expect(parseNumbers(w), w).toHaveLength(1);
        else if (q.kind === 'date') expect(w).toMatch(/\b\d{4}\b/);
        // A place of the knowledge, or a country or capital of the atlas (REGION_OF).
        else if (['person', 'organization', 'place'].includes(q.kind))
          expect(
            namesOfKind(q.kind).has(normalizeAnswer(w)) || (q.kind === 'place' && REGION_OF.has(normalizeAnswer(w))),
            `${w} is a ${q.kind}`,
          ).toBe(true);
      }
    }
  });

  it('gives at least 30 distinct questions over the seeds in free text, other forms and sentences of the same facts', () => {
    const prompts = new Set<string>();
    for (let i = 0; i < 200; i++) for (const q of bank.draw({ seed: `replay-${i}`, count: 50 })) prompts.add(q.prompt);
    expect(prompts.size).toBeGreaterThanOrEqual(30);
    expect([...prompts].filter((p) => p.endsWith('?') && !p.includes(BLANK)).length).toBeGreaterThanOrEqual(8);
  });

  it('gives at least 20 distinct multiple-choice questions over the seeds: countries and capitals get neighbours from the atlas', () => {
    const prompts = new Set<string>();
    for (let i = 0; i < 200; i++) for (const q of bank.draw({ seed: `replay-${i}`, count: 50, choicesOnly: true })) prompts.add(q.prompt);
    // 12 before: a one-article knowledge names too few countries the prompt leaves out.
    expect(prompts.size).toBeGreaterThanOrEqual(20);
    const tokyo = generated.find((q) => q.answer === 'Tokyo' && q.wrong);
    // A capital for a capital, from the same part of the world.
    for (const w of tokyo!.wrong!) expect(['Beijing', 'Seoul', 'Pyongyang', 'Ulan Bator']).toContain(w);
    for (const q of generated.filter((x) => x.answer === 'Taiwan' && x.wrong)) {
      for (const w of q.wrong!) expect(answerWords(q.prompt)).not.toContain(normalizeAnswer(w));
    }
  });

  it('keeps every rule of the check on the bundled article, alone and in every drawn quiz', () => {
    const all = exportQuiz(bank, { seed: 'check', count: 50, check: true, all: true });
    expect(all.questions.length).toBe(bank.questions.length);
    expect(all.questions.filter((q) => q.problems!.length > 0)).toEqual([]);
    for (const mode of ['mc', 'text'] as const) {
      for (const seed of ['a', 'b', 'c', 'd'])
        expect(exportQuiz(bank, { seed, count: 50, check: true, mode }).questions.flatMap((q) => q.problems)).toEqual([]);
    }
  });

  it('draws the same quiz for the same seed, a shorter draw being the start of a longer one', () => {
    const ids = (seed: string, count: number) => bank.draw({ seed, count }).map((q) => q.id);
    expect(ids('team', 10)).toEqual(ids('team', 10));
    expect(ids('team', 10).slice(0, 4)).toEqual(ids('team', 4));
    expect(ids('team', 10)).not.toEqual(ids('other', 10));
    expect(buildBank(kb).questions.map((q) => q.id)).toEqual(bank.questions.map((q) => q.id));
  });

  it('drops or regenerates a question whose source sentence changed, keeping the others', async () => {
    const dir = tempDir();
    fs.copyFileSync(path.join(KNOWLEDGE_DIR, ARTICLE), path.join(dir, ARTICLE));
    const copy = await KnowledgeBase.load(dir);
    const source = new QuestionSource(copy);
    const before = source.bank();
    const troops = before.questions.find((q) => q.answer === '50,000')!;
    expect(troops.source).toContain('more than 50,000 U.S. troops');
    expect(source.bank()).toBe(before);

    const file = path.join(dir, ARTICLE);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('more than 50,000 U.S. troops', 'more than 54,000 U.S. troops'));
    await copy.refresh();
    expect(source.isStale(troops)).toBe(true);
    const after = source.bank();
    expect(after).not.toBe(before);
    expect(after.questions.some((q) => q.id === troops.id && q.sourceHash === troops.sourceHash)).toBe(false);
    expect(after.questions.find((q) => q.passageId === troops.passageId && q.kind === 'number')?.answer).toBe('54,000');
    const untouched = before.questions.filter((q) => q.passageId !== troops.passageId).map((q) => q.id);
    expect(after.questions.map((q) => q.id)).toEqual(expect.arrayContaining(untouched));
  });
});
