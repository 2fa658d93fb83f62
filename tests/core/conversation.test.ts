import { describe, expect, it } from 'vitest';
import { Conversations, conversationKey, isFollowUp } from '../../src/core/bot/conversation.js';

describe('follow-ups', () => {
  it('tells a question lacking its own subject from one with a subject', () => {
    for (const q of [
      'and when was that?',
      'who said it?',
      'what about the missiles?',
      'When was that?',
      'What did he tell his counterpart?',
    ])
      expect(isFollowUp(q), q).toBe(true);
    for (const q of ['How many US troops are in Japan?', 'Who did Hegseth meet in Tokyo?', 'Where are the Senkaku Islands?'])
      expect(isFollowUp(q), q).toBe(false);
  });

  it('keeps each conversation apart: per person, channel and thread', () => {
    const place = { platform: 'slack' as const, workspace: 'T1', channel: 'C1' };
    const alice = { id: 'U1', name: 'Alice' };
    const keys = new Set([
      conversationKey(place, alice),
      conversationKey(place, { id: 'U2', name: 'Bob' }),
      conversationKey({ ...place, thread: '1.1' }, alice),
      conversationKey({ ...place, channel: 'C2' }, alice),
      conversationKey({ ...place, platform: 'discord' }, alice),
    ]);
    expect(keys.size).toBe(5);
  });

  it('gives the context only to a follow-up, only for a limited time, and forgets the oldest beyond its size', () => {
    let now = 0;
    const c = new Conversations(() => now, { ttlMs: 1000, max: 2 });
    c.remember('a', 'Who did Hegseth meet in Tokyo?', null, 'Gen Nakatani');
    expect(c.contextFor('a', 'and when was that?')).toBe('Who did Hegseth meet in Tokyo? Gen Nakatani');
    expect(c.contextFor('a', 'How many US troops are in Japan?')).toBeNull();
    now = 1001;
    expect(c.contextFor('a', 'and when was that?')).toBeNull();
    c.remember('a', 'one question', null, null);
    c.remember('b', 'two question', null, null);
    c.remember('c', 'three question', null, null);
    expect(c.contextFor('a', 'and then?')).toBeNull();
    expect(c.contextFor('c', 'and then?')).toBe('three question');
  });

  it('folds a follow-up into the context, keeping it short', () => {
    const c = new Conversations(() => 0, { ttlMs: 1000, max: 10 });
    c.remember('a', 'and when was that?', 'Who did Hegseth meet in Tokyo?', 'March 2025');
    expect(c.contextFor('a', 'who said it?')).toBe('Who did Hegseth meet in Tokyo? and when was that? March 2025');
    c.remember('a', 'word '.repeat(40), null, null);
    expect(c.contextFor('a', 'and then?')!.split(' ').length).toBeLessThanOrEqual(24);
  });
});
