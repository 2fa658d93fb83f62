import { describe, expect, it } from 'vitest';
import { ACTION_ID_PREFIX, BOT_ID_PATTERN, encodeActionId, parseActionId } from '../../src/core/bot/action-id.js';
import { ACTIONS } from '../../src/core/bot/types.js';

describe('button ids', () => {
  it('read back every action with its value, colons in the value included, under a version prefix', () => {
    for (const action of Object.values(ACTIONS)) {
      const id = encodeActionId(action, 'q7:2');
      expect(id.startsWith(ACTION_ID_PREFIX)).toBe(true);
      expect(parseActionId(id)).toEqual({ ours: true, action, value: 'q7:2' });
    }
    expect(parseActionId(encodeActionId(ACTIONS.voteUp, ''))).toEqual({ ours: true, action: ACTIONS.voteUp, value: '' });
  });

  it('read buttons made before ids had a version (still on old messages)', () => {
    expect(parseActionId(`${ACTIONS.moreSources}:a1b2`)).toEqual({ ours: true, action: ACTIONS.moreSources, value: 'a1b2' });
    expect(parseActionId(ACTIONS.voteDown)).toEqual({ ours: true, action: ACTIONS.voteDown, value: '' });
  });

  it('say "not ours" for foreign ids, near misses and look-alikes', () => {
    for (const id of [
      '',
      'gaps.answer:t1',
      'citebot.link',
      `${ACTIONS.voteUp}x:1`,
      'v1/',
      'v1/gaps.answer:1',
      'v2/citebot.up:1',
      '__proto__',
      'constructor:1',
    ])
      expect(parseActionId(id), id).toEqual({ ours: false });
  });

  it('fit within Discord custom_id limit (100) for the longest value the bot puts on a button: a written question id (64) and a choice', () => {
    expect(encodeActionId(ACTIONS.quizChoice, `${'q'.repeat(64)}:24`).length).toBeLessThanOrEqual(100);
  });

  it('all start with the pattern front ends route presses on, and foreign ones do not', () => {
    expect(BOT_ID_PATTERN.test(encodeActionId(ACTIONS.voteUp, 'a'))).toBe(true);
    expect(BOT_ID_PATTERN.test('citebot.link')).toBe(true);
    expect(BOT_ID_PATTERN.test('gaps.answer')).toBe(false);
  });
});
