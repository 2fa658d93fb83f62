import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';

/** A temporary folder removed after the test. */
export function tempDir(prefix = 'citebot-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Waits until `check` returns a value (not undefined/false), polling; fails after `ms`. */
export async function until<T>(check: () => T | Promise<T>, ms = 3000, what = 'condition'): Promise<NonNullable<T>> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== null && value !== false) return value as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A `citebot` command running from the sources in a child process. */
export interface CitebotProcess {
  child: ChildProcessWithoutNullStreams;
  exit: Promise<number | null>;
  stdout(): string;
  stderr(): string;
  /** Kills the process if it still runs and removes its data folder. */
  dispose(): void;
}

const MAIN = new URL('../src/adapters/cli/main.ts', import.meta.url).href;
const ROOT = fileURLToPath(new URL('../', import.meta.url));

/**
 * Starts `citebot …args` from the sources, configured by `env` only: the chat, folder and log settings
 * of the test process are removed, chat tokens blanked (so a `.env` cannot turn a front end on), the
 * bundled knowledge and a fresh data folder used.
 */
export function startCitebot(args: string[], env: Record<string, string>): CitebotProcess {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(DISCORD_|SLACK_|KNOWLEDGE_DIR|DATA_DIR|LOG_LEVEL|PORT)/.test(k)),
  );
  const blank = { DISCORD_TOKEN: '', DISCORD_APP_ID: '', SLACK_BOT_TOKEN: '', SLACK_SIGNING_SECRET: '', SLACK_APP_TOKEN: '' };
  const dataDir = mkdtempSync(path.join(tmpdir(), 'citebot-cli-'));
  const script = `const { main } = await import(${JSON.stringify(MAIN)}); await main(['node', 'citebot', ...process.argv.slice(1)]);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, ...args], {
    cwd: ROOT,
    env: { ...inherited, ...blank, KNOWLEDGE_DIR: path.join(ROOT, 'knowledge'), DATA_DIR: dataDir, LOG_LEVEL: 'error', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin.end();
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = once(child, 'exit').then(([code]) => code as number | null);
  return {
    child,
    exit,
    stdout: () => stdout,
    stderr: () => stderr,
    dispose() {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
