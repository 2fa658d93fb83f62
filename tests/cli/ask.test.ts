/**
 * The terminal front end end to end: the built `citebot` command (bin/citebot.js → dist/),
 * as a user runs it after `npm ci`. `npm test` builds first (the pretest script).
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnswerReply } from '../../src/core/search/types.js';
import { tempDir } from '../helpers.js';

const BIN = path.resolve('bin', 'citebot.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `citebot …` with a clean environment (no chat tokens), `input` on standard input. */
function citebot(args: string[], options: { input?: string; env?: Record<string, string>; cwd?: string } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: options.cwd ?? process.cwd(), env: { PATH: process.env.PATH ?? '', ...options.env }, timeout: 30_000 },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
    child.stdin!.end(options.input ?? '');
  });
}

describe('citebot ask', () => {
  it('answers one question a line from standard input as JSON lines, with one start-up', async () => {
    const data = tempDir();
    const questions = [
      'How many US troops are stationed in Japan?',
      'By when will Japan double its defense spending?',
      'What is the price of bitcoin?',
      '   ',
      'Who is the Defense Minister of Japan?',
    ];
    const run = await citebot(['ask', '--json'], { input: `${questions.join('\n')}\n`, env: { DATA_DIR: data } });
    expect(run.code, run.stderr).toBe(0);
    const replies = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as AnswerReply);
    expect(replies.map((r) => r.question.trim())).toEqual(questions.map((q) => q.trim()));

    const [troops, spending, bitcoin, blank, minister] = replies as [AnswerReply, AnswerReply, AnswerReply, AnswerReply, AnswerReply];
    expect(troops).toMatchObject({ abstained: false, reason: null });
    // A short answer only when its kind's precision bar is reached (numbers' is not), and always from the snippet.
    if (troops.answer !== null) expect(troops.snippets[0]!.text).toContain(troops.answer);
    expect(troops.confidence).toBeGreaterThan(0);
    expect(troops.confidence).toBeLessThanOrEqual(1);
    const best = troops.snippets[0]!;
    expect(best.text).toContain('50,000');
    expect(best.text.length).toBeLessThanOrEqual(400);
    expect(best.citation).toMatchObject({ file: 'us-japan-defense-2025.md', title: expect.stringContaining('Tokyo') as string, url: null });
    expect(best.citation.paragraph).toBeGreaterThan(0);
    expect(best.citation.lines[0]).toBeLessThanOrEqual(best.citation.lines[1]);
    const marked = best.highlights.map((h) => best.text.slice(h.start, h.end).toLowerCase());
    expect(marked).toEqual(expect.arrayContaining(['troops']));

    expect(spending.answer).toBe('2027');
    expect(minister.snippets[0]!.text).toContain('Nakatani');

    expect(bitcoin).toMatchObject({ abstained: true, answer: null, snippets: [] });
    expect(bitcoin.reason).toContain('bitcoin');
    expect(blank).toMatchObject({ abstained: true, reasonCode: 'empty' });

    // The question it could not answer is in the unanswered log; the blank line is not.
    const log = readFileSync(path.join(data, 'unanswered.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { question: string });
    expect(log.map((e) => e.question)).toEqual(['What is the price of bitcoin?']);
    // Through the bot like every front end: answered questions are logged too (what is asked).
    const answered = readFileSync(path.join(data, 'answered.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { question: string; platform: string });
    expect(answered.map((e) => [e.question, e.platform])).toEqual([questions[0], questions[1], questions[4]].map((q) => [q, 'cli']));
  });

  it('prints the snippet and its citation for one question, and why with --explain', async () => {
    const run = await citebot(['ask', '--explain', 'Where', 'are', 'the', 'Senkaku', 'Islands?'], { env: { DATA_DIR: tempDir() } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Senkanku');
    expect(run.stdout).toContain('us-japan-defense-2025.md');
    expect(run.stdout).toMatch(/senkaku → senkanku|senkanku/i);
    expect(run.stdout).toMatch(/Answerability [\d.]+, the highest of the first 4 sentences \(abstains below 0\.24 unless one covers 0\.6/);
    expect(run.stdout).not.toContain('\u001b['); // not a terminal: no colour codes
  });

  it('gives a usage hint for an empty question and an error for one over 1,000 characters', async () => {
    const empty = await citebot(['ask', '  ']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('Usage: citebot ask');
    // The bot's own check, as in every front end: said on standard error, nothing on standard output.
    const long = await citebot(['ask', 'why '.repeat(300)], { env: { DATA_DIR: tempDir() } });
    expect(long.code).toBe(2);
    expect(long.stderr).toContain('under 1000');
    expect(long.stdout).toBe('');
    expect(long.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});

describe('citebot configuration and knowledge errors', () => {
  it('names the variable that is invalid and what it expects, without a stack trace', async () => {
    const run = await citebot(['ask', 'hello'], { env: { LOG_LEVEL: 'loud', SLACK_BOT_TOKEN: 'not-a-token', SLACK_SIGNING_SECRET: 's' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('LOG_LEVEL');
    expect(run.stderr).toContain('SLACK_BOT_TOKEN expected a bot token starting with xoxb-');
    expect(run.stderr).not.toContain('not-a-token'); // values (maybe secrets) are never echoed
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('says plainly when the knowledge folder is missing or empty', async () => {
    const dir = tempDir();
    const missing = await citebot(['ask', 'hello'], { env: { KNOWLEDGE_DIR: path.join(dir, 'nope') } });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/citebot: .*nope/);
    mkdirSync(path.join(dir, 'empty'));
    const empty = await citebot(['index'], { env: { KNOWLEDGE_DIR: path.join(dir, 'empty') } });
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/citebot: .*(no knowledge|empty)/i);
  });

  it('index lists loaded and skipped files with the reason', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'good.md'), '---\ntitle: Good\nurl: https://example.com/good\n---\n# Part\n\nThe answer is forty-two.\n');
    writeFileSync(path.join(dir, 'blob.txt'), Buffer.from([0, 1, 2, 3, 0, 255, 254]));
    const run = await citebot(['index', '--json'], { env: { KNOWLEDGE_DIR: dir } });
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout) as {
      files: { file: string; url: string | null }[];
      skipped: { file: string; reason: string }[];
    };
    expect(summary.files).toEqual([expect.objectContaining({ file: 'good.md', url: 'https://example.com/good' })]);
    expect(summary.skipped).toEqual([expect.objectContaining({ file: 'blob.txt', reason: expect.stringMatching(/binary/i) as string })]);
    expect(existsSync(BIN)).toBe(true);
  });
});
