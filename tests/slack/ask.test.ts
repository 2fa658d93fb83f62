/** `/ask`, mentions, DMs and buttons through real Bolt (HTTP mode) against the fake Slack. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeActionId } from '../../src/core/bot/action-id.js';
import { ACTIONS } from '../../src/core/bot/types.js';
import { BOT_USER_ID, TEAM_ID } from '../fakes/slack/fake-slack.js';
import { blockActions, eventCallback, slashCommand } from '../fakes/slack/slack-requests.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

/** Sends `/ask <text>` as Alice and returns the HTTP answer and the reply posted to its response_url. */
async function ask(text: string, user = 'UALICE') {
  const { id, url } = h.fake.responseUrl();
  const sent = await h.sender.command(slashCommand('/ask', text, url, { user }));
  const reply = await h.fake.waitForResponse(id);
  return { sent, body: reply.body, id };
}

type Block = {
  type: string;
  text?: { text: string };
  elements?: { type: string; text?: unknown; action_id?: string; value?: string; url?: string }[];
};

describe('/ask', () => {
  it('is acknowledged at once, then answered in the channel with the cited snippet in Block Kit', async () => {
    const { sent, body } = await ask('Who did Hegseth meet in Tokyo?');
    expect(sent).toEqual({ status: 200, text: '' });
    expect(body.response_type).toBe('in_channel');
    const blocks = body.blocks as Block[];
    expect(blocks[0]?.text?.text).toBe('*Answer:* Gen Nakatani');
    // Matched words bold; &, <, > escaped, so <!channel> and @here cannot ping.
    expect(blocks[1]?.text?.text).toBe('*Hegseth* met Gen Nakatani in *Tokyo* &amp; said &lt;!channel&gt; @\u200Bhere troops &gt; 50,000.');
    expect(blocks[2]).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: ':page_facing_up: *Tokyo visit* › Meeting · ¶ 2 · lines 5–6 · `news/tokyo.md`' }],
    });
    const buttons = blocks[3]?.elements ?? [];
    expect(buttons[0]?.action_id).toBe('citebot.link');
    expect(buttons[0]?.url).toBe('https://example.com/tokyo');
    const answerId = buttons[1]?.value;
    expect(answerId).toMatch(/^[0-9a-f]{16}$/);
    expect(buttons.slice(1).map((b) => [b.action_id, b.value])).toEqual(
      [ACTIONS.moreSources, ACTIONS.voteUp, ACTIONS.voteDown].map((a) => [encodeActionId(a, answerId!), answerId]),
    );
    expect(body.text).toContain('Gen Nakatani');
    expect(h.answerer.questions).toEqual(['Who did Hegseth meet in Tokyo?']);
  });

  it('answers only the asker with -p', async () => {
    const { body } = await ask('-p Who did Hegseth meet in Tokyo?');
    expect(body.response_type).toBe('ephemeral');
    expect(h.answerer.questions).toEqual(['Who did Hegseth meet in Tokyo?']);
  });

  it('explains usage when there is no question', async () => {
    const { body } = await ask('');
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain('/ask');
    expect(h.answerer.questions).toEqual([]);
  });

  it('says when it does not know, and why', async () => {
    const { body } = await ask('What is the weather?');
    expect(body.response_type).toBe('in_channel');
    expect((body.blocks as Block[])[0]?.text?.text).toBe(':shrug: *I don\'t know.* Nothing in the knowledge matches "weather".');
    expect(JSON.stringify(body.blocks)).not.toContain('citebot.up');
  });

  it('replies privately and logs the cause when answering fails', async () => {
    const { body } = await ask('boom');
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain('something went wrong');
    expect(h.logger.lines.some((l) => l.level === 'error' && String((l.obj as { err?: Error }).err?.message) === 'index exploded')).toBe(
      true,
    );
  });

  it('rate-limits a user who asks too quickly, privately', async () => {
    for (let i = 0; i < 5; i++) expect((await ask('Tokyo?')).body.response_type).toBe('in_channel');
    const { body } = await ask('Tokyo?');
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toMatch(/asking quickly/);
    expect((await ask('Tokyo?', 'UBOB')).body.response_type).toBe('in_channel');
  });
});

describe('answer buttons', () => {
  async function press(action: string, value: string, user = 'UBOB') {
    const { id, url } = h.fake.responseUrl();
    const sent = await h.sender.action(blockActions(action, value, url, { user }));
    expect(sent.status).toBe(200);
    return (await h.fake.waitForResponse(id)).body;
  }

  it('More sources shows every supporting snippet privately, with its citation', async () => {
    const { body } = await ask('Who did Hegseth meet in Tokyo?');
    const answerId = (body.blocks as Block[])[3]?.elements?.[1]?.value ?? '';
    const sources = await press(ACTIONS.moreSources, answerId);
    expect(sources.response_type).toBe('ephemeral');
    expect(sources.replace_original).toBe(false);
    const text = JSON.stringify(sources.blocks);
    expect(text).toContain('*Nakatani* is the Minister of Defense.');
    expect(text).toContain('*Cabinet* · ¶ 1 · line 3 · `news/cabinet.md`');
  });

  it('stores 👍 and 👎 votes with the question and passage, and thanks the voter privately', async () => {
    const { body } = await ask('Who did Hegseth meet in Tokyo?');
    const answerId = (body.blocks as Block[])[3]?.elements?.[1]?.value ?? '';
    const thanks = await press(ACTIONS.voteUp, answerId);
    expect(thanks.response_type).toBe('ephemeral');
    await press(ACTIONS.voteDown, answerId, 'UALICE');
    expect(h.votes).toEqual([
      expect.objectContaining({
        platform: 'slack',
        workspace: TEAM_ID,
        userId: 'UBOB',
        vote: 1,
        question: 'Who did Hegseth meet in Tokyo?',
        passageId: 'news/tokyo.md#p2s0',
      }),
      expect.objectContaining({ userId: 'UALICE', vote: -1 }),
    ]);
  });

  it('says a button is too old when its answer is no longer known', async () => {
    const reply = await press(ACTIONS.voteUp, 'unknown-answer');
    expect(reply.text).toMatch(/too old/);
    expect(h.votes).toEqual([]);
  });

  it('only acknowledges the link button (Slack opens the URL)', async () => {
    const { url } = h.fake.responseUrl();
    expect((await h.sender.action(blockActions('citebot.link', '', url, { user: 'UBOB' }))).status).toBe(200);
    await h.slack.stop();
    expect(h.fake.responses).toEqual([]);
  });
});

describe('mentions and direct messages', () => {
  it('answers a mention in the thread of the mention, without the mention in the question', async () => {
    const sent = await h.sender.event(
      eventCallback({
        type: 'app_mention',
        user: 'UALICE',
        text: `<@${BOT_USER_ID}> Who did Hegseth meet in Tokyo?`,
        channel: 'C0001',
        ts: '1700000100.000100',
      }),
    );
    expect(sent.status).toBe(200);
    const post = await h.fake.waitForCall('chat.postMessage');
    expect(post.params).toMatchObject({ channel: 'C0001', thread_ts: '1700000100.000100' });
    expect(JSON.stringify(post.params.blocks)).toContain('*Answer:* Gen Nakatani');
    expect(h.answerer.questions).toEqual(['Who did Hegseth meet in Tokyo?']);
  });

  it('answers a mention inside a thread in that thread', async () => {
    await h.sender.event(
      eventCallback({
        type: 'app_mention',
        user: 'UALICE',
        text: `Tokyo? <@${BOT_USER_ID}>`,
        channel: 'C0001',
        ts: '1700000200.000200',
        thread_ts: '1700000100.000100',
      }),
    );
    const post = await h.fake.waitForCall('chat.postMessage');
    expect(post.params.thread_ts).toBe('1700000100.000100');
  });

  it('takes a direct message as a question and answers in the DM', async () => {
    await h.sender.event(
      eventCallback({
        type: 'message',
        channel_type: 'im',
        user: 'UALICE',
        text: 'Who did Hegseth meet in Tokyo?',
        channel: 'D0001',
        ts: '1700000300.000300',
      }),
    );
    const post = await h.fake.waitForCall('chat.postMessage');
    expect(post.params.channel).toBe('D0001');
    expect(post.params.thread_ts).toBeUndefined();
    expect(h.answerer.questions).toEqual(['Who did Hegseth meet in Tokyo?']);
  });

  it('is acknowledged before any slow work, then answered', async () => {
    const held = h.fake.hold('chat.postMessage'); // the reply: made after the ack
    const sent = await h.sender.event(
      eventCallback({ type: 'app_mention', user: 'UALICE', text: `<@${BOT_USER_ID}> Tokyo?`, channel: 'C0001', ts: '1.1' }),
    );
    expect(sent.status).toBe(200);
    await held.arrived;
    held.release();
    await h.fake.waitForCall('chat.postMessage');
  });

  it('answers a bare mention with how to ask, only to the asker, in the thread', async () => {
    await h.sender.event(
      eventCallback({ type: 'app_mention', user: 'UALICE', text: `<@${BOT_USER_ID}>`, channel: 'C0001', ts: '1700000400.000400' }),
    );
    const post = await h.fake.waitForCall('chat.postEphemeral');
    expect(post.params).toMatchObject({ channel: 'C0001', user: 'UALICE', thread_ts: '1700000400.000400' });
    expect(String(post.params.text)).toContain('/ask');
    expect(h.fake.callsOf('chat.postMessage')).toEqual([]);
  });

  it('tells only the asker when answering a mention fails, and logs the cause', async () => {
    await h.sender.event(
      eventCallback({ type: 'app_mention', user: 'UALICE', text: `<@${BOT_USER_ID}> boom`, channel: 'C0001', ts: '1.1' }),
    );
    const post = await h.fake.waitForCall('chat.postEphemeral');
    expect(post.params).toMatchObject({ user: 'UALICE', thread_ts: '1.1' });
    expect(String(post.params.text)).toContain('something went wrong');
    expect(h.logger.lines.some((l) => l.level === 'error' && l.msg === 'request failed')).toBe(true);
  });

  it('answers private notices in a direct message as plain messages (a DM is already private)', async () => {
    await h.sender.event(eventCallback({ type: 'message', channel_type: 'im', user: 'UALICE', text: 'boom', channel: 'D0001', ts: '1.1' }));
    const post = await h.fake.waitForCall('chat.postMessage');
    expect(post.params.channel).toBe('D0001');
    expect(String(post.params.text)).toContain('something went wrong');
  });

  it('never answers bots, itself, edits, or channel messages that are not for it', async () => {
    const im = { type: 'message', channel_type: 'im', channel: 'D0001', text: 'Tokyo?' };
    await h.sender.event(eventCallback({ ...im, user: BOT_USER_ID, ts: '1.1' }));
    await h.sender.event(eventCallback({ ...im, user: 'UOTHERBOT', bot_id: 'B999', ts: '1.2' }));
    await h.sender.event(eventCallback({ ...im, subtype: 'bot_message', bot_id: 'B999', ts: '1.3' }));
    await h.sender.event(eventCallback({ ...im, subtype: 'message_changed', ts: '1.4' }));
    await h.sender.event(
      eventCallback({ type: 'message', channel_type: 'channel', channel: 'C0001', user: 'UALICE', text: 'Tokyo?', ts: '1.5' }),
    );
    // The same mention also arrives as a channel message: only the app_mention answers it.
    await h.sender.event(
      eventCallback({
        type: 'message',
        channel_type: 'channel',
        channel: 'C0001',
        user: 'UALICE',
        text: `<@${BOT_USER_ID}> Tokyo?`,
        ts: '1.6',
      }),
    );
    await h.slack.stop();
    expect(h.answerer.questions).toEqual([]);
    expect(h.fake.callsOf('chat.postMessage')).toEqual([]);
  });
});

describe('operations', () => {
  it('serves GET /healthz', async () => {
    const res = await fetch(`http://127.0.0.1:${h.slack.port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('answers Slack’s url_verification challenge', async () => {
    const sent = await h.sender.event({ type: 'url_verification', token: 'x', challenge: 'c-123' });
    expect(sent.status).toBe(200);
    expect(sent.text).toContain('c-123');
  });

  it('never logs the tokens or the signing secret', async () => {
    await ask('boom');
    await ask('Tokyo?');
    const logged = JSON.stringify(h.logger.lines, (_k, v: unknown) => (v instanceof Error ? { message: v.message, stack: v.stack } : v));
    expect(logged).not.toContain('xoxb-');
    expect(logged).not.toContain('test-signing-secret');
  });
});
