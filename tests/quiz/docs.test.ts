/**
 * Questions from what technical docs are made of: option tables and lists, their defaults,
 * definitions and how-to sentences (src/core/quiz/docs.ts), on a small README written for the test.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../../src/core/knowledge/knowledge-base.js';
import { buildBank } from '../../src/core/quiz/bank.js';
import { checkAnswer } from '../../src/core/quiz/check.js';
import { answerKey, answerWords, indexOfWords } from '../../src/core/quiz/normalize.js';
import { parseNumbers } from '../../src/core/quiz/numbers.js';
import type { Question } from '../../src/core/quiz/question-model.js';
import { askedRules, NUMBER_RANGE, questionRules, sentenceRules } from '../../src/core/quiz/rules.js';
import { tempDir } from '../helpers.js';

const README = `# Skylark

Skylark is a small job queue that retries failed jobs with exponential backoff.

## Environment variables

The worker reads these environment variables when it starts:

| Variable | Purpose |
|---|---|
| \`SKY_PAR\` | Number of jobs handled at once. |
| \`SKY_NAP\` | Pauses polling between empty fetches. |
| \`SKY_LOUD\` | Prints every state change of every job. |
| \`SKY_HOME\` | Folder where finished results are written. |
| \`SKY_TAG\` | Uses the \`hostname\` value as a label. |

## Options

Options:

- \`retry\`: tries a failed job again after a delay (true by default).
- \`verbose\`: prints each argument of a job in the log (false by default).
- \`strict\`: refuses jobs whose payload lacks a name (false by default).
- \`drain\`: waits for running jobs before the process exits (false by default).
- \`timeout\`: Maximum time a job may run, in seconds (default: 30).

## Queues

You add work with \`queue.add()\` and hold it with \`queue.pause()\` or \`queue.resume()\`.
Finished jobs are counted by \`queue.count()\`.

To stop a queue without losing any work, call \`queue.close()\`.

## API

### queue.push(job)

Puts a job at the end of the line.

### queue.drop(id)

Removes a waiting job for good.

### queue.peek()

Returns the next job without taking it.

### queue.size()

Counts the jobs still waiting.
`;

async function docsQuestions(): Promise<Question[]> {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'skylark.md'), README);
  return buildBank(await KnowledgeBase.load(dir)).questions.filter((q) => q.origin === 'generated');
}

const byAnswer = (questions: Question[], answer: string) => questions.filter((q) => q.answer === answer);

/** Every docs question keeps the rules: a prompt in words (no code, markup or URL), its answer not in it. */
function expectInWords(q: Question): void {
  expect(
    sentenceRules(q.prompt, 5).filter((r) => r === 'code' || r === 'markup' || r === 'url'),
    q.prompt,
  ).toEqual([]);
  expect(indexOfWords(answerWords(q.prompt), answerKey(q.answer)), q.prompt).toBe(-1);
  expect(questionRules(q), q.prompt).toEqual([]);
}

describe('questions from technical docs', () => {
  it('asks which variable of a table does what, the wrong choices its siblings from the same table', async () => {
    const questions = await docsQuestions();
    const [q] = byAnswer(questions, 'SKY_NAP');
    expect(q?.prompt).toBe('Which environment variable pauses polling between empty fetches?');
    expect(q!.kind).toBe('term');
    expect(q!.wrong).toHaveLength(3);
    for (const w of q!.wrong!) expect(['SKY_PAR', 'SKY_LOUD', 'SKY_HOME', 'SKY_TAG']).toContain(w);
    expectInWords(q!);
    // A description that is a noun phrase is quoted, not made a verb.
    expect(byAnswer(questions, 'SKY_PAR')[0]?.prompt).toBe('Which environment variable is described as “Number of jobs handled at once”?');
    // Inline code in the description (`hostname`) would put an identifier in the prompt: not asked.
    expect(byAnswer(questions, 'SKY_TAG')).toEqual([]);
  });

  it('asks which option of a list does what, turning an imperative description into a question', async () => {
    const questions = await docsQuestions();
    const q = byAnswer(questions, 'strict').find((x) => x.prompt.startsWith('Which option'));
    expect(q?.prompt).toBe('Which option refuses jobs whose payload lacks a name?');
    for (const w of q!.wrong!) expect(['retry', 'verbose', 'drain', 'timeout']).toContain(w);
    expectInWords(q!);
    expect(checkAnswer(q!, 'strict').correct).toBe(true);
  });

  it('asks which option is on by default among options that are off, only with its choices', async () => {
    const questions = await docsQuestions();
    const q = questions.find((x) => x.prompt === 'Which of these options is true by default?');
    expect(q?.answer).toBe('retry');
    expect([...q!.wrong!].sort()).toEqual(['drain', 'strict', 'verbose']);
    expect(q!.choicesOnly).toBe(true);
    expectInWords(q!);
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'skylark.md'), README);
    const bank = buildBank(await KnowledgeBase.load(dir));
    // A free-text quiz never asks `Which of these …?`; a multiple-choice quiz may.
    for (const seed of ['a', 'b', 'c', 'd']) expect(bank.draw({ seed, count: 50 }).some((x) => x.choicesOnly)).toBe(false);
    expect(['a', 'b', 'c', 'd'].some((seed) => bank.draw({ seed, count: 50, choicesOnly: true }).some((x) => x.choicesOnly))).toBe(true);
  });

  it('asks a numeric default with wrong numbers near it', async () => {
    const questions = await docsQuestions();
    const q = byAnswer(questions, '30').find((x) => x.prompt.startsWith('What is the default'));
    expect(q?.prompt).toBe('What is the default maximum time a job may run, in seconds?');
    expect(q!.kind).toBe('number');
    for (const w of q!.wrong!) {
      const v = parseNumbers(w)[0]!;
      expect(v >= 30 / NUMBER_RANGE && v <= 30 * NUMBER_RANGE && v !== 30, w).toBe(true);
    }
    expectInWords(q!);
  });

  it('asks what a definition defines, and which method a how-to sentence uses among the file’s methods', async () => {
    const questions = await docsQuestions();
    const what = byAnswer(questions, 'Skylark')[0];
    expect(what?.prompt).toBe('What is a small job queue that retries failed jobs with exponential backoff?');
    expectInWords(what!);
    const how = byAnswer(questions, 'queue.close()')[0];
    expect(how?.prompt).toBe('Which method do you use to stop a queue without losing any work?');
    for (const w of how!.wrong!) expect(['queue.add()', 'queue.pause()', 'queue.resume()', 'queue.count()']).toContain(w);
    expectInWords(how!);
  });
});

describe('API references', () => {
  it('asks which method a section heading names from what its first sentence says it does, among the sibling headings', async () => {
    const questions = await docsQuestions();
    const q = byAnswer(questions, 'queue.drop()')[0];
    expect(q?.prompt).toBe('Which method removes a waiting job for good?');
    for (const w of q!.wrong!) expect(['queue.push()', 'queue.peek()', 'queue.size()']).toContain(w);
    expectInWords(q!);
  });

  it('reads a capitalised product named like a file (Node.js) as a name, a file name as code', () => {
    expect(sentenceRules('Node.js is a JavaScript runtime built for servers and command-line tools.')).toEqual([]);
    expect(sentenceRules('Read the settings from index.js before you start the server.')).toContain('code');
  });
});

describe('numbers in technical prose', () => {
  it('blanks a count with its unit, not a version after a name nor a bare number ending the sentence', async () => {
    const dir = tempDir();
    fs.writeFileSync(
      path.join(dir, 'notes.md'),
      'The bakery sold 300 loaves of bread on the first morning of the fair.\n\n' +
        'The build of this release moved its whole toolchain to GCC 4.9 last spring.\n\n' +
        'A complete fix for the crash will likely be included in the next release 12.\n',
    );
    const answers = buildBank(await KnowledgeBase.load(dir)).questions.map((q) => q.answer);
    expect(answers).toContain('300');
    expect(answers).not.toContain('4.9');
    expect(answers).not.toContain('12');
  });

  it('reads a four-digit measure (1500 °C, 1800 RPM) as a number, not a year', async () => {
    const dir = tempDir();
    fs.writeFileSync(
      path.join(dir, 'turbines.md'),
      'Large gas turbines in power stations have entry temperatures approaching 1500 °C in normal service.\n\n' +
        'The first working steam turbine was patented in 1884 after many years of trials in the workshop.\n',
    );
    const questions = buildBank(await KnowledgeBase.load(dir)).questions;
    expect(questions.filter((q) => q.kind === 'date').map((q) => q.answer)).toEqual(expect.arrayContaining(['1884']));
    expect(questions.map((q) => q.answer)).not.toContain('1500');
  });
});

describe('the rule against a name its question spells out', () => {
  it('flags a name whose parts, glued words or initials are in the prompt, or a part only the answer has', () => {
    expect(askedRules('Which option sets the logging method?', 'logger')).toContain('gives-away');
    expect(askedRules('Which option checks all rules collecting all errors?', 'allErrors')).toContain('gives-away');
    expect(askedRules('Which format is described as “IP address v4”?', 'ipv4')).toContain('gives-away');
    expect(askedRules('Which format is described as “host name according to the standard”?', 'hostname')).toContain('gives-away');
    expect(askedRules('Which encoding is described as “Universal Transformation Format”?', 'UTF')).toContain('gives-away');
    expect(
      askedRules('Which event enables capture of trace data for DNS queries?', 'node.dns.native', [
        'node.net.native',
        'node.perf',
        'node.http',
      ]),
    ).toContain('gives-away');
    expect(askedRules('Which option sets the user identity of the process?', 'uid', ['gid', 'cwd', 'env'])).toEqual([]);
    // Digits, a short stem, the name inside a longer word, a prompt word inside the name that no wrong choice has.
    expect(
      askedRules('Which property is described as “The SHA-256 digest of the certificate”?', 'fingerprint256', ['subject', 'ca', 'bits']),
    ).toContain('gives-away');
    expect(askedRules('Which property is described as “The RSA bit size”?', 'bits', ['modulus', 'exponent', 'pubkey'])).toContain(
      'gives-away',
    );
    expect(askedRules('Which property is described as “An array describing the AuthorityInfoAccess”?', 'infoAccess')).toContain(
      'gives-away',
    );
    expect(askedRules('Which property is described as “The public key”?', 'pubkey', ['modulus', 'exponent', 'bits'])).toContain(
      'gives-away',
    );
  });
});
