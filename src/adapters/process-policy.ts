/**
 * What the process does when something goes wrong outside every request's error boundary: an
 * unhandled rejection or an uncaught exception is logged and the bot keeps serving (one bad
 * payload must not end every conversation, Slack and Discord alike); a shutdown that does not finish
 * by its deadline is logged with what it abandons, and the process exits anyway.
 */
import { errorFields, type Logger } from '../core/logger.js';

/** Installs the log-and-keep-serving handlers; returns a function that removes them. */
export function keepServing(logger: Logger): () => void {
  const onRejection = (reason: unknown) => logger.error({ err: errorFields(reason) }, 'unhandled rejection; still serving');
  const onException = (err: unknown) => logger.error({ err: errorFields(err) }, 'uncaught exception; still serving');
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
}

/**
 * Waits for `work` at most `ms`. Resolves true when it settled in time, false when the deadline
 * passed first (the work is left running: the caller exits).
 */
export async function within(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([
      work.then(
        () => true,
        () => true,
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
