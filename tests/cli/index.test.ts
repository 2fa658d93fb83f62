/** `citebot index`: the saved analysis is used on the next run, `--rebuild` discards it; progress on a terminal. */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { progressLine, terminalProgress } from '../../src/adapters/cli/progress.js';
import { tempDir } from '../helpers.js';

const BIN = path.resolve('bin', 'citebot.js');

/** Runs the built `citebot …` with a clean environment; resolves to its standard output. */
function citebot(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 30_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? 1 : 0, stdout, stderr }),
    );
  });
}

describe('citebot index', () => {
  it('analyses on the first run, reads the saved analysis on the next, and analyses again with --rebuild', async () => {
    const knowledge = tempDir();
    writeFileSync(path.join(knowledge, 'ferry.md'), '# Ferry\n\nThe ferry leaves at noon.\n');
    writeFileSync(path.join(knowledge, 'canteen.txt'), 'The canteen closes at 3 pm.\n');
    const env = { KNOWLEDGE_DIR: knowledge, DATA_DIR: tempDir() };
    const first = await citebot(['index'], env);
    expect(first.stdout, first.stderr).toContain('2 file(s), 2 passages (2 analysed, 0 from the saved analysis');
    const second = await citebot(['index', '--json'], env);
    expect(JSON.parse(second.stdout)).toMatchObject({ passages: 2, load: { fromSnapshot: 2, analysed: 0 } });
    const rebuilt = await citebot(['index', '--rebuild'], env);
    expect(rebuilt.stdout).toContain('(2 analysed, 0 from the saved analysis');
  });

  it('lists an acronym that several files define the same way once', async () => {
    const knowledge = tempDir();
    writeFileSync(path.join(knowledge, 'a.md'), 'Node 20 is a Long Term Support (LTS) release.\n');
    writeFileSync(path.join(knowledge, 'b.md'), 'Every Long Term Support (LTS) line gets security fixes for 30 months.\n');
    const { stdout, stderr } = await citebot(['index'], { KNOWLEDGE_DIR: knowledge, DATA_DIR: tempDir() });
    expect(stdout, stderr).toContain('Acronyms: LTS = Long Term Support\n');
  });
});

describe('loading progress on a terminal', () => {
  it('says files done of total, time elapsed and an estimate of what is left', () => {
    expect(progressLine({ done: 120, total: 720, elapsedMs: 12_000 })).toBe('Loading knowledge: 120/720 files, 12 s, about 60 s left');
    expect(progressLine({ done: 720, total: 720, elapsedMs: 70_400 })).toBe('Loading knowledge: 720/720 files, 70 s');
  });

  it('draws nothing for a quick load, and redraws one line then ends it for a long one', () => {
    let written = '';
    const out = { write: (s: string) => ((written += s), true) } as unknown as NodeJS.WriteStream;
    const quick = terminalProgress(out);
    quick({ done: 1, total: 2, elapsedMs: 100 });
    quick({ done: 2, total: 2, elapsedMs: 200 });
    expect(written).toBe('');
    const long = terminalProgress(out);
    long({ done: 1, total: 3, elapsedMs: 1_000 });
    long({ done: 2, total: 3, elapsedMs: 1_050 }); // too soon to redraw
    long({ done: 3, total: 3, elapsedMs: 2_000 });
    expect(written).toBe('\rLoading knowledge: 1/3 files, 1 s, about 2 s left\x1b[K\rLoading knowledge: 3/3 files, 2 s\x1b[K\n');
  });
});
