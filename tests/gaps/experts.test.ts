import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { ExpertDesk, questionKey, type GapTicket } from '../../src/core/gaps/experts.js';
import type { Place } from '../../src/core/bot/types.js';
import { silentLogger } from '../../src/core/logger.js';
import { tempDir } from '../helpers.js';

const place: Place = { platform: 'slack', workspace: 'T1', channel: 'C1', thread: '1.1' };

function desk(clock: ManualClock, posted: GapTicket[], failPost = false) {
  const d = new ExpertDesk({
    knowledgeDir: tempDir(),
    refresh: async () => {},
    hasFile: () => true,
    answer: (q) => ({
      question: q,
      abstained: true,
      reason: 'x',
      reasonCode: 'no-match',
      answer: null,
      answerKind: null,
      confidence: 0,
      snippets: [],
    }),
    clock,
    logger: silentLogger,
  });
  d.connect('slack', {
    postGap: async (t) => {
      if (failPost) throw new Error('slack down');
      posted.push(t);
    },
    tellAsker: async () => {},
  });
  return d;
}

describe('the expert desk', () => {
  it('posts a question once per day however it is spelt, adds later askers, and posts it again the next day', async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 30, 10));
    const posted: GapTicket[] = [];
    const d = desk(clock, posted);
    await d.unanswered('Who owns the cluster?', 'no passage mentions "cluster"', place, { id: 'U1', name: 'Ann' });
    await d.unanswered('who owns  the CLUSTER', 'no passage mentions "cluster"', { ...place, thread: '2.2' }, { id: 'U2', name: 'Bo' });
    expect(posted).toHaveLength(1);
    expect(posted[0]!.terms).toEqual(['cluster']);
    expect(d.ticket(posted[0]!.id)!.askers.map((a) => [a.userId, a.thread])).toEqual([
      ['U1', '1.1'],
      ['U2', '2.2'],
    ]);
    await d.unanswered('Who owns the cluster?', '', { ...place, platform: 'discord' }, { id: '7', name: 'Cy' });
    expect(posted).toHaveLength(1); // no Discord gaps channel connected
    clock.advance(24 * 3600_000);
    await d.unanswered('Who owns the cluster?', '', place, { id: 'U1', name: 'Ann' });
    expect(posted).toHaveLength(2);
    expect(d.open('slack').map((t) => t.askers.length)).toEqual([2, 1]);
  });

  it('never posts the text of a question asked in a DM; posts it when someone asks it in a channel, and tells the DM asker too', async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 30, 10));
    const posted: GapTicket[] = [];
    const d = desk(clock, posted);
    const dm: Place = { platform: 'slack', workspace: 'T1', channel: 'D1', dm: true };
    await d.unanswered('my salary question about payroll?', 'no passage mentions "payroll"', dm, { id: 'U1', name: 'Ann' });
    expect(posted).toEqual([]);
    expect(d.open()).toEqual([]);
    await d.unanswered('My salary question about payroll', 'no passage mentions "payroll"', place, { id: 'U2', name: 'Bo' });
    expect(posted.map((t) => [t.question, t.askers.map((a) => a.userId)])).toEqual([['My salary question about payroll', ['U2', 'U1']]]);
  });

  it('a failed post is logged, not thrown; an unknown ticket is a value with a stable code', async () => {
    const d = desk(new ManualClock(), [], true);
    await expect(d.unanswered('Q?', '', place, { id: 'U1', name: 'Ann' })).resolves.toBeUndefined();
    expect(await d.answer('__proto__', 'text', { name: 'Erin' })).toMatchObject({ ok: false, code: 'gaps.unknown' });
    expect(questionKey('  Who?  ')).toBe('who');
  });

  it('keeps a ticket open when the saved answer still does not answer the question, and saves nothing empty', async () => {
    const posted: GapTicket[] = [];
    const d = desk(new ManualClock(), posted);
    await d.unanswered('Who owns the cluster?', 'no passage mentions "cluster"', place, { id: 'U1', name: 'Ann' });
    const id = posted[0]!.id;
    expect(await d.answer(id, '   ', { name: 'Erin' })).toMatchObject({ ok: false, code: 'save.empty' });
    const result = await d.answer(id, 'Unrelated words.', { name: 'Erin' });
    expect(result).toMatchObject({ ok: true, told: 0, reply: { abstained: true } });
    expect(d.ticket(id)).toBeDefined();
  });
});
