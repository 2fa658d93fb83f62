/** Logging, behind a small interface; the default writes JSON lines with pino to standard error. */
import { pino } from 'pino';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Logger {
  error(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

/**
 * A pino logger on standard error (standard output is for answers and JSON), or appending to
 * `file` (the terminal chat: lines on standard error would land in the middle of the prompt).
 * Token-like fields are redacted so secrets never reach the log.
 */
export function createLogger(level: LogLevel = 'info', file?: string): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: {
        paths: ['token', '*.token', 'signingSecret', '*.signingSecret', 'appToken', 'authorization', '*.authorization'],
        censor: '[redacted]',
      },
    },
    pino.destination(file ? { dest: file, mkdir: true, append: true, sync: true } : 2),
  );
}

/**
 * An error as log fields (name, message, code, status, stack): the one redaction of every error
 * logged from a request. Never request bodies, headers or URLs (a Slack or Discord error carries
 * them, with tokens and response_url secrets).
 */
export function errorFields(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: String(err) };
  const e = err as Error & { code?: unknown; status?: unknown; method?: unknown };
  return { name: e.name, message: e.message, code: e.code, status: e.status, method: e.method, stack: e.stack };
}

/** A logger that drops everything (tests). */
export const silentLogger: Logger = {
  error() {},
  warn() {},
  info() {},
  debug() {},
  child: () => silentLogger,
};
