/**
 * Analysis off the main thread: a bounded pool of worker threads (piscina) that analyse files in
 * parallel while the event loop keeps answering. When no worker can start (no built worker file,
 * a loader the workers lack), files are analysed in the calling thread instead, as before.
 */
import { existsSync } from 'node:fs';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { Logger } from '../logger.js';
import { analyzeFile, type AnalyzeResult, type AnalyzeTask } from './analyze-worker.js';

/** A worker loads the language model (≈0.5 s, 20 s on a loaded machine) before its first file: longer than this, it is not coming. */
export const WORKER_START_TIMEOUT_MS = 60_000;

/** Why a file's analysis failed: it took longer than the limit (a pathological file). */
export class AnalyzeTimeoutError extends Error {}

export interface Analyzer {
  /** Where the work runs: worker threads, or this thread when they could not start. */
  readonly mode: 'workers' | 'in-thread';
  analyze(task: AnalyzeTask, timeoutMs: number): Promise<AnalyzeResult>;
  close(): Promise<void>;
}

/** The worker module next to this one: built JavaScript, or the TypeScript source under a loader. */
function workerFile(): string | null {
  for (const ext of ['.js', '.ts']) {
    const url = new URL(`./analyze-worker${ext}`, import.meta.url);
    if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) return url.href;
  }
  return null;
}

/** Analysis in this thread, one file at a time, letting the event loop run between files. */
function inThread(): Analyzer {
  let queue: Promise<unknown> = Promise.resolve();
  return {
    mode: 'in-thread',
    analyze(task) {
      const result = queue.then(async () => {
        await yieldToLoop();
        return analyzeFile(task);
      });
      queue = result.catch(() => {});
      return result;
    },
    close: () => Promise.resolve(),
  };
}

/** Starts a pool of `threads` workers (0: analyse in this thread); falls back to this thread with one warning. */
export async function startAnalyzer(threads: number, logger: Logger): Promise<Analyzer> {
  const filename = workerFile();
  if (threads < 1 || !filename) return inThread();
  // piscina's threads do not keep the process alive: this does while the pool works.
  const keepAlive = setInterval(() => {}, 60_000);
  const pool = new Piscina({ filename, maxThreads: threads, minThreads: 0, idleTimeout: 1_000 });
  // A worker that fails outside a task (it cannot load) is reported here, and its task waits on:
  // while starting, that means the workers are not coming.
  let failed: (err: Error) => void = () => {};
  const startFailed = new Promise<never>((_, reject) => (failed = reject));
  pool.on('error', (err: Error) => {
    failed(err);
    logger.debug({ err: err.message }, 'analysis worker failed');
  });
  try {
    await Promise.race([pool.run(null, { signal: AbortSignal.timeout(WORKER_START_TIMEOUT_MS) }), startFailed]);
  } catch (err) {
    logger.warn({ err: (err as Error).message }, 'analysis workers could not start; analysing in the main thread');
    await pool.destroy().catch(() => {});
    clearInterval(keepAlive);
    return inThread();
  }
  startFailed.catch(() => {});
  // No more files handed to the pool than it has threads, so that a file's time limit counts its
  // analysis, not its wait behind the others.
  const waiting: (() => void)[] = [];
  let running = 0;
  const slot = async () => {
    if (running >= threads) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
  };
  const release = () => {
    running--;
    waiting.shift()?.();
  };
  return {
    mode: 'workers',
    async analyze(task, timeoutMs) {
      await slot();
      try {
        return (await pool.run(task, { signal: AbortSignal.timeout(timeoutMs) })) as AnalyzeResult;
      } catch (err) {
        if ((err as Error).name === 'AbortError')
          throw new AnalyzeTimeoutError(`analysis took longer than ${Math.round(timeoutMs / 1000)} s`);
        throw err;
      } finally {
        release();
      }
    },
    async close() {
      try {
        await pool.destroy();
      } finally {
        clearInterval(keepAlive);
      }
    },
  };
}
