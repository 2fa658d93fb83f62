import { describe, expect, it } from 'vitest';
import { BUSY_TEXT, InFlight, INTERNAL_ERROR, withBoundary } from '../../src/core/bot/boundary.js';
import type { BotReply } from '../../src/core/bot/types.js';
import { silentLogger, type Logger } from '../../src/core/logger.js';

/** A logger keeping what it was given. */
function recording(): Logger & { lines: { level: string; obj: Record<string, unknown>; msg?: string }[] } {
  const lines: { level: string; obj: Record<string, unknown>; msg?: string }[] = [];
  const at = (level: string) => (obj: object, msg?: string) => void lines.push({ level, obj: obj as Record<string, unknown>, msg });
  const logger = { lines, error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug'), child: () => logger };
  return logger;
}

describe('the error boundary', () => {
  it('logs a failure once with its cause and context, without the fields an error may carry (bodies, urls), and replies politely', async () => {
    const logger = recording();
    const replies: BotReply[] = [];
    const err = Object.assign(new Error('boom'), { code: 'E_X', data: { token: 'xoxb-secret' }, url: 'https://hooks/secret' });
    await withBoundary(() => Promise.reject(err), { reply: async (r) => void replies.push(r) }, logger, { user: 'U1' });
    expect(replies).toEqual([INTERNAL_ERROR]);
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]!.obj).toMatchObject({ user: 'U1', err: { name: 'Error', message: 'boom', code: 'E_X' } });
    expect(JSON.stringify(logger.lines)).not.toContain('secret');
  });

  it('never throws, even when the polite reply fails too (that is logged as well)', async () => {
    const logger = recording();
    await expect(
      withBoundary(() => Promise.reject('not an Error'), { reply: () => Promise.reject(new Error('gone')) }, logger),
    ).resolves.toBeUndefined();
    expect(logger.lines.map((l) => l.obj.err)).toEqual([{ message: 'not an Error' }, expect.objectContaining({ message: 'gone' })]);
  });

  it('lets work that succeeds through untouched', async () => {
    const replies: BotReply[] = [];
    await withBoundary(async () => {}, { reply: async (r) => void replies.push(r) }, silentLogger);
    expect(replies).toEqual([]);
  });
});

describe('work in flight', () => {
  it('admits at most `max` requests at once, turns the rest away with one log line, and frees a place when one ends', async () => {
    const logger = recording();
    const inFlight = new InFlight(logger, 2);
    expect([inFlight.enter(), inFlight.enter(), inFlight.enter(), inFlight.enter()]).toEqual([true, true, false, false]);
    expect(logger.lines.filter((l) => l.level === 'warn')).toHaveLength(1);
    await inFlight.admitted(async () => {});
    expect(inFlight.enter()).toBe(true);
    await expect(inFlight.admitted(() => Promise.reject(new Error('x')))).rejects.toThrow('x');
    expect(inFlight.enter()).toBe(true); // a failed request gives its place back too
    expect(BUSY_TEXT).toMatch(/again/);
  });

  it('drains: waits for tracked work, work tracked meanwhile included, and counts what is pending', async () => {
    const inFlight = new InFlight(silentLogger);
    let release!: () => void;
    const first = inFlight.track(new Promise<void>((r) => (release = r)));
    const order: string[] = [];
    void first.then(() => {
      order.push('first');
      void inFlight.track(new Promise((r) => setTimeout(r, 20))).then(() => order.push('second'));
    });
    void inFlight.track(Promise.reject(new Error('failed work counts as settled'))).catch(() => {});
    expect(inFlight.pending()).toBe(2);
    const drained = inFlight.drain();
    release();
    expect(await drained).toBe(true);
    expect(order).toEqual(['first', 'second']);
    expect(inFlight.pending()).toBe(0);
  });

  it('gives up draining at the deadline, leaving the work running and counted', async () => {
    const inFlight = new InFlight(silentLogger);
    void inFlight.track(new Promise(() => {}));
    const started = Date.now();
    expect(await inFlight.drain(30)).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(inFlight.pending()).toBe(1);
  });
});
