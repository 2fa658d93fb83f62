import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../../src/core/knowledge/knowledge-base.js';
import { buildBank } from '../../src/core/quiz/bank.js';
import { formatProblem } from '../../src/core/quiz/written.js';
import { tempDir } from '../helpers.js';
import { KNOWLEDGE_DIR } from './harness.js';

const ARTICLE = 'us-japan-defense-2025.md';

/** A knowledge folder with the bundled article and these quiz files. */
async function knowledgeWith(quizzes: Record<string, string>) {
  const dir = tempDir();
  fs.copyFileSync(path.join(KNOWLEDGE_DIR, ARTICLE), path.join(dir, ARTICLE));
  fs.mkdirSync(path.join(dir, 'quizzes'));
  for (const [name, text] of Object.entries(quizzes)) fs.writeFileSync(path.join(dir, 'quizzes', name), text);
  return KnowledgeBase.load(dir);
}

const GOOD = `questions:
  - id: troops
    question: How many U.S. troops are based in Japan?
    answer: more than 50,000
    accepted: [50000]
    wrong: [5,000, 500,000, 20,000]
    source:
      file: ${ARTICLE}
      passage: home to more than 50,000 U.S. troops
    tags: [forces]
`;

describe('written quiz files', () => {
  it('loads written questions with their source passage, citation and tags', async () => {
    const bank = buildBank(await knowledgeWith({ 'good.yaml': GOOD }));
    expect(bank.problems).toEqual([]);
    const q = bank.questions.find((x) => x.id === 'troops')!;
    expect(q).toMatchObject({
      origin: 'written',
      answer: 'more than 50,000',
      accepted: ['50000'],
      file: ARTICLE,
      tags: expect.arrayContaining(['forces']),
    });
    expect(q.wrong).toHaveLength(3);
    expect(q.source).toContain('more than 50,000 U.S. troops');
    expect(q.citation.file).toBe(ARTICLE);
    expect(bank.filter('forces').map((x) => x.id)).toEqual(['troops']);
  });

  it('reports a broken file with its file, line and what is wrong, and still loads the others', async () => {
    const bank = buildBank(
      await knowledgeWith({
        'good.yaml': GOOD,
        'broken.yaml': 'questions:\n  - question: "Unclosed\n    answer: x\n',
        'missing.yaml': 'questions:\n  - question: Who met Nakatani?\n    answer: Hegseth\n  - question: Where?\n    anser: Tokyo\n',
        'wrong.json': '[{"question": "Which city?", "answer": "Tokyo", "wrong": ["Osaka", "Tokyo", "Kyoto"]}]',
      }),
    );
    expect(bank.questions.some((q) => q.id === 'troops')).toBe(true);
    expect(bank.questions.some((q) => q.prompt === 'Who met Nakatani?')).toBe(true);
    const problems = bank.problems.map(formatProblem);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^quizzes\/broken\.yaml:\d+: not valid YAML/),
        expect.stringMatching(/^quizzes\/missing\.yaml:4: question 2, answer: /),
        expect.stringMatching(/^quizzes\/missing\.yaml:\d+: question 2: unknown field "anser"/),
        expect.stringMatching(/^quizzes\/wrong\.json:1: question 1: wrong choice "Tokyo" is the answer/),
      ]),
    );
    expect(bank.problems.every((p) => p.file.startsWith('quizzes/'))).toBe(true);
  });
});
