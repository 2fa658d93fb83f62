/** The unanswered log: written off the request path, in order, rotated past its size, never throwing. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileUnansweredLog } from '../../src/core/storage/unanswered-log.js';
import { tempDir } from '../helpers.js';

const entry = (n: number) => ({ question: `question ${n}?`, reason: 'nothing matches', at: Date.UTC(2026, 0, 1), platform: 'slack' });
const questions = (file: string) =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => (JSON.parse(l) as { question: string }).question)
    : [];

describe('the unanswered log', () => {
  it('does not write on the request path: record returns at once, flush writes every line in order', async () => {
    const log = new FileUnansweredLog(tempDir());
    for (let n = 0; n < 100; n++) log.record(entry(n));
    expect(questions(log.path)).toEqual([]); // nothing written synchronously
    await log.flush();
    expect(questions(log.path)).toEqual(Array.from({ length: 100 }, (_, n) => `question ${n}?`));
  });

  it('rotates past its size: the full file becomes unanswered.jsonl.1 and writing goes on in a fresh one', async () => {
    const dir = tempDir();
    const log = new FileUnansweredLog(dir, undefined, 1000);
    for (let n = 0; n < 10; n++) log.record(entry(n)); // about 100 bytes each
    await log.flush();
    for (let n = 10; n < 20; n++) log.record(entry(n));
    await log.flush();
    const older = questions(`${log.path}.1`);
    const current = questions(log.path);
    expect(older.length).toBeGreaterThan(0);
    expect(current.at(-1)).toBe('question 19?');
    expect(readFileSync(log.path).length).toBeLessThanOrEqual(1000);
    // Lines are never split or reordered: the old file's lines come just before the current file's.
    expect([...older, ...current]).toEqual(
      Array.from({ length: older.length + current.length }, (_, k) => `question ${20 - older.length - current.length + k}?`),
    );
  });

  it('logs a write it cannot make and keeps going (the answer is never lost to it)', async () => {
    const dir = tempDir();
    const blocker = path.join(dir, 'file');
    writeFileSync(blocker, 'not a folder');
    const warnings: string[] = [];
    const logger = {
      error() {},
      info() {},
      debug() {},
      warn: (_o: object, m?: string) => void warnings.push(m ?? ''),
      child: () => logger,
    };
    const log = new FileUnansweredLog(path.join(blocker, 'data'), logger);
    expect(() => log.record(entry(1))).not.toThrow();
    await log.flush();
    expect(warnings).toEqual(['could not write the question log']);
  });
});
