/**
 * Bolt's logger interface over ours. Only message strings and error messages pass through
 * (never payload objects, which can carry tokens); Bolt's chatty info lines become debug.
 */
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../core/logger.js';

export function boltLogger(logger: Logger): BoltLogger {
  const text = (parts: unknown[]) => parts.map((p) => (p instanceof Error ? p.message : typeof p === 'string' ? p : '[object]')).join(' ');
  return {
    debug: () => {},
    info: (...parts) => logger.debug({ source: 'bolt' }, text(parts)),
    warn: (...parts) => logger.warn({ source: 'bolt' }, text(parts)),
    error: (...parts) => logger.error({ source: 'bolt' }, text(parts)),
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: () => {},
  };
}
