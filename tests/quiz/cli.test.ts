import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBank } from '../../src/core/quiz/bank.js';
import { exportQuiz } from '../../src/core/quiz/export.js';
import { openStore } from '../../src/core/storage/sqlite.js';
import { tempDir } from '../helpers.js';
import { bundledKnowledge, KNOWLEDGE_DIR } from './harness.js';

// Runs the built command (`npm run build` first), as a user would.
/** A run's time limit: four commands at once take over 15 s on a busy 2-core machine. */
const PROCESS_MS = 30_000;
const BIN = new URL('../../bin/citebot.js', import.meta.url).pathname;

/** Runs `citebot` with the bundled knowledge and a fresh data folder; resolves when it exits. */
function citebot(args: string[], input = '', data = tempDir(), knowledge = KNOWLEDGE_DIR) {
  const child = spawn(process.execPath, [BIN, '--knowledge', knowledge, '--data', data, ...args], { timeout: PROCESS_MS });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.end(input);
  return new Promise<{ code: number | null; stdout: string; stderr: string; lines: () => (Record<string, unknown> & { type: string })[] }>(
    (resolve) =>
      child.on('close', (code) =>
        resolve({
          code,
          stdout,
          stderr,
          lines: () =>
            stdout
              .trim()
              .split('\n')
              .map((l) => JSON.parse(l) as Record<string, unknown> & { type: string }),
        }),
      ),
  );
}

/** What `quiz export --seed` gives, computed in this process. */
const exportOf = async (seed: string, count: number, mode: 'mc' | 'text' = 'mc') =>
  exportQuiz(buildBank(await bundledKnowledge()), { seed, count, mode });

interface Exported {
  seed: string;
  questions: {
    id: string;
    prompt: string;
    answer: string;
    accepted: string[];
    choices: string[] | null;
    kind: string;
    citation: { file: string; title: string; paragraph: number; lines: number[] };
    source: string;
  }[];
}

describe.concurrent('citebot quiz (built command)', { timeout: PROCESS_MS + 10_000 }, () => {
  it('exports a quiz as JSON for review, the same for the same seed, or as a readable list', async () => {
    const [json, text] = await Promise.all([
      citebot(['quiz', 'export', '--json', '--seed', 'cli', '--count', '4']),
      citebot(['quiz', 'export', '--seed', 'cli', '--count', '2']),
    ]);
    expect(json.code).toBe(0);
    const quiz = JSON.parse(json.stdout) as Exported;
    expect(quiz).toEqual(JSON.parse(JSON.stringify(await exportOf('cli', 4))));
    expect(quiz.questions).toHaveLength(4);
    for (const q of quiz.questions) {
      expect(Object.keys(q).sort()).toEqual(['accepted', 'answer', 'choices', 'citation', 'id', 'kind', 'prompt', 'source']);
      expect(q.citation).toEqual({
        file: expect.any(String),
        title: expect.any(String),
        paragraph: expect.any(Number),
        lines: [expect.any(Number), expect.any(Number)],
      });
      if (q.choices) expect(q.choices).toContain(q.answer);
    }
    expect(text.stdout).toMatch(/^2 questions \(seed cli\):\n\n1\. \[\w+\] /);
    expect(text.stdout).toContain(`Answer: ${quiz.questions[1]!.answer}`);
  });

  it('plays a scripted session with --json: the exported questions in order, answers, reveals with citations, end tables', async () => {
    const exported = await exportOf('cli', 3, 'text');
    const [q1, q2] = exported.questions;
    const script = ['ann@Red: zzzz', `ann@Red: ${q1!.answer}`, `bob: ${q2!.answer}`, '/skip', 'late: too late'].join('\n');
    const run = await citebot(['quiz', '--json', '--seed', 'cli', '--count', '3', '--mode', 'text', '--teams', 'Red,Blue'], script);
    expect(run.code).toBe(0);
    const events = run.lines();
    expect(events.every((e) => typeof e.type === 'string')).toBe(true);
    expect(events.filter((e) => e.type === 'question').map((e) => [e.number, e.prompt, e.choices])).toEqual(
      exported.questions.map((q, i) => [i + 1, q.prompt, null]),
    );
    expect(events.filter((e) => e.type === 'answer').map((e) => [e.player, e.text, e.correct])).toEqual([
      ['ann', 'zzzz', false],
      ['ann', q1!.answer, true],
      ['bob', q2!.answer, true],
    ]);
    const reveals = events.filter((e) => e.type === 'reveal');
    expect(reveals.map((e) => [e.answer, e.reason])).toEqual(exported.questions.map((q, i) => [q.answer, i < 2 ? 'answered' : 'skipped']));
    expect(reveals[0]!.citation).toMatchObject(exported.questions[0]!.citation);
    const end = events.at(-1)!;
    expect(end).toMatchObject({ type: 'end', reason: 'finished' });
    expect((end.teams as { name: string; players: string[] }[]).map((t) => [t.name, t.players])).toEqual([
      ['Red', ['ann']],
      ['Blue', ['bob']],
    ]);
    expect((end.players as { name: string; score: number }[]).every((p) => p.score > 10)).toBe(true);
  });

  it('ends cleanly at the end of input, saving the scores of the questions played', async () => {
    const data = tempDir();
    const exported = await exportOf('eof', 1, 'text');
    const run = await citebot(
      ['quiz', '--json', '--seed', 'eof', '--count', '5', '--mode', 'text'],
      `cy: ${exported.questions[0]!.answer}\n`,
      data,
    );
    expect(run.code).toBe(0);
    expect(run.lines().at(-1)).toMatchObject({ type: 'end', reason: 'stopped', players: [{ name: 'cy', correct: 1 }] });
    const store = openStore(data);
    expect(store.leaderboard('cli:local')).toMatchObject([{ name: 'cy', games: 1, wins: 1 }]);
    store.close();
  });

  it('refuses bad flags with a clear message and exit code 2', async () => {
    const [count, topic] = await Promise.all([citebot(['quiz', '--count', 'lots']), citebot(['quiz', 'export', '--topic', 'astrology'])]);
    expect(count.code).toBe(2);
    expect(count.stderr).toContain("option '--count <n>' argument 'lots' is invalid. Expected a whole number from 1 to 50.");
    expect(topic.code).toBe(2);
    expect(topic.stderr).toContain('No questions about "astrology"');
  });
});

// After the concurrent runs above: one more process at a time keeps each within its time on a busy machine.
describe('citebot quiz export --check (built command)', { timeout: PROCESS_MS + 10_000 }, () => {
  it('checks a quiz with export --check: every question with the rules it breaks, exit code 1 when one does', async () => {
    const dir = tempDir();
    fs.copyFileSync(path.join(KNOWLEDGE_DIR, 'us-japan-defense-2025.md'), path.join(dir, 'us-japan-defense-2025.md'));
    fs.mkdirSync(path.join(dir, 'quizzes'));
    fs.writeFileSync(
      path.join(dir, 'quizzes', 'bad.yaml'),
      'questions:\n  - question: "Which document does https://example.com/docs link to?"\n    answer: the docs\n  - question: Where did Hegseth and Nakatani meet?\n    answer: Tokyo\n',
    );
    const run = await citebot(['quiz', 'export', '--check', '--mode', 'text', '--seed', 'check', '--count', '50'], '', undefined, dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^\d+ questions \(seed check; 1 breaks a rule\):/);
    expect(run.stdout).toContain('Which document does https://example.com/docs link to?');
    expect(run.stdout).toContain('✗ url: the prompt or answer has a URL or an address');
    expect(run.stdout).toContain('✓ keeps every rule');
    // Fewer questions than asked, said plainly.
    expect(run.stderr).toMatch(/You asked for 50 questions; the knowledge gives (\d+), so this quiz has \1\./);
  });
});
