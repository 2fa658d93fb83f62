/** Mapping Slack payloads to the core's `BotRequest`. */
import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/core/bot/types.js';
import { mapAction, mapCommand, mapMessage, type MessagePayload } from '../../src/adapters/slack/requests.js';

const alice = { id: 'UALICE', name: 'alice' };
const cmd = (command: string, text: string, channel = 'C1') => mapCommand({ command, text, team_id: 'T1', channel_id: channel }, alice);

describe('slash commands', () => {
  it('maps /ask text to the question, public by default, with the place', () => {
    expect(cmd('/ask', '  Who met in Tokyo?  ')).toEqual({
      ok: true,
      request: {
        kind: 'command',
        command: 'ask',
        options: { question: 'Who met in Tokyo?' },
        place: { platform: 'slack', workspace: 'T1', channel: 'C1', dm: false },
        user: alice,
      },
    });
  });

  it('makes /ask -p and --private answers private, and keeps "-p" inside a question', () => {
    for (const text of ['-p Who met?', '--private Who met?', '-P  Who met?']) {
      expect(cmd('/ask', text)).toMatchObject({ ok: true, request: { options: { question: 'Who met?', private: true } } });
    }
    expect(cmd('/ask', 'Is -p a flag?')).toMatchObject({ request: { options: { question: 'Is -p a flag?' } } });
    expect(cmd('/ask', '-pWho')).toMatchObject({ request: { options: { question: '-pWho' } } });
  });

  it('passes an empty /ask on (the bot explains usage)', () => {
    expect(cmd('/ask', '')).toMatchObject({ ok: true, request: { options: { question: '' } } });
    expect(cmd('/ask', '-p')).toMatchObject({ ok: true, request: { options: { question: '', private: true } } });
  });

  it('parses /quiz text by the command spec', () => {
    expect(cmd('/quiz', 'start 5 20 mc Red,Blue')).toMatchObject({
      ok: true,
      request: { command: 'quiz', sub: 'start', options: { questions: 5, seconds: 20, mode: 'mc', teams: 'Red,Blue' } },
    });
    expect(cmd('/quiz', 'join Red')).toMatchObject({ request: { sub: 'join', options: { team: 'Red' } } });
    expect(cmd('/quiz', 'HINT')).toMatchObject({ request: { sub: 'hint', options: {} } });
  });

  it('takes a single word naming a topic as the topic of /quiz start, not as one team', () => {
    const topics = () => ['us-japan-defense-2025.md', 'japan', 'defense', 'guides/setup.md'];
    const start = (text: string) => mapCommand({ command: '/quiz', text, team_id: 'T1', channel_id: 'C1' }, alice, topics);
    expect(start('start 5 Japan')).toMatchObject({ request: { options: { questions: 5, topic: 'Japan' } } });
    expect(start('start 5 Japan')).not.toMatchObject({ request: { options: { teams: expect.anything() } } });
    expect(start('start us-japan-defense-2025')).toMatchObject({ request: { options: { topic: 'us-japan-defense-2025' } } });
    expect(start('start 5 Red,Blue japan')).toMatchObject({ request: { options: { teams: 'Red,Blue', topic: 'japan' } } });
    expect(start('start 5 Red')).toMatchObject({ request: { options: { teams: 'Red' } } });
    expect(start('start japan topic:defense')).toMatchObject({ request: { options: { teams: 'japan', topic: 'defense' } } });
    // A file in a folder is named by its file name alone, as the quiz's own topic filter accepts.
    expect(start('start 5 Setup')).toMatchObject({ request: { options: { questions: 5, topic: 'Setup' } } });
  });

  it('treats a bare /quiz as /quiz help, and explains text it cannot parse', () => {
    expect(cmd('/quiz', ' ')).toMatchObject({ ok: true, request: { sub: 'help' } });
    expect(cmd('/quiz', 'dance')).toEqual({ ok: false, usage: 'Unknown subcommand "dance". Try `/quiz help`.' });
    expect(cmd('/quiz', 'join Red Blue')).toEqual({ ok: false, usage: 'Did not understand "Blue". Try `/quiz help`.' });
  });

  it('marks direct-message channels', () => {
    expect(cmd('/ask', 'x', 'D1')).toMatchObject({ request: { place: { dm: true } } });
  });
});

describe('messages', () => {
  const base: MessagePayload = { type: 'message', channel: 'C1', channel_type: 'channel', user: 'UALICE', text: 'Paris', ts: '2.0' };

  it('takes an app_mention as a question in the thread of the mention, without the mention', () => {
    expect(mapMessage({ ...base, type: 'app_mention', text: '<@UBOT> Who met? <@UBOT|citebot>' }, 'T1', 'UBOT', alice)).toEqual({
      kind: 'message',
      text: 'Who met?',
      addressed: true,
      place: { platform: 'slack', workspace: 'T1', channel: 'C1', thread: '2.0' },
      user: alice,
    });
    expect(mapMessage({ ...base, type: 'app_mention', thread_ts: '1.0' }, 'T1', 'UBOT', alice)).toMatchObject({ place: { thread: '1.0' } });
  });

  it('takes a direct message as a question', () => {
    expect(mapMessage({ ...base, channel: 'D1', channel_type: 'im' }, 'T1', 'UBOT', alice)).toMatchObject({
      addressed: true,
      place: { channel: 'D1', dm: true },
    });
  });

  it('passes other channel messages on unaddressed (quiz answers), in their thread if any', () => {
    expect(mapMessage(base, 'T1', 'UBOT', alice)).toEqual({
      kind: 'message',
      text: 'Paris',
      addressed: false,
      place: { platform: 'slack', workspace: 'T1', channel: 'C1' },
      user: alice,
    });
    expect(mapMessage({ ...base, thread_ts: '1.0' }, 'T1', 'UBOT', alice)).toMatchObject({ place: { thread: '1.0' } });
  });

  it('ignores its own messages, bots, edits, and channel messages that mention it (app_mention answers those)', () => {
    expect(mapMessage({ ...base, user: 'UBOT' }, 'T1', 'UBOT', alice)).toBeNull();
    expect(mapMessage({ ...base, bot_id: 'B1' }, 'T1', 'UBOT', alice)).toBeNull();
    expect(mapMessage({ ...base, subtype: 'message_changed' }, 'T1', 'UBOT', alice)).toBeNull();
    expect(mapMessage({ ...base, subtype: 'channel_join' }, 'T1', 'UBOT', alice)).toBeNull();
    expect(mapMessage({ ...base, text: 'hey <@UBOT>' }, 'T1', 'UBOT', alice)).toBeNull();
    expect(mapMessage({ ...base, subtype: 'thread_broadcast', thread_ts: '1.0' }, 'T1', 'UBOT', alice)).not.toBeNull();
  });
});

describe('buttons', () => {
  it('maps a press of the link button (no core action) to nothing', () => {
    const body = { team: { id: 'T1' }, user: { id: 'UBOB' }, channel: { id: 'C1' } };
    expect(mapAction(body, 'citebot.link', '', { id: 'UBOB', name: 'bob' })).toBeNull();
  });

  it('maps a quiz choice press with the value it carried and the place of the message', () => {
    const body = { team: { id: 'T1' }, user: { id: 'UBOB' }, channel: { id: 'C1' }, container: { channel_id: 'C1', thread_ts: '1.0' } };
    expect(mapAction(body, `${ACTIONS.quizChoice}:1`, 'q7:1', { id: 'UBOB', name: 'bob' })).toEqual({
      kind: 'action',
      action: ACTIONS.quizChoice,
      value: 'q7:1',
      place: { platform: 'slack', workspace: 'T1', channel: 'C1', thread: '1.0' },
      user: { id: 'UBOB', name: 'bob' },
    });
  });
});
