/** Socket Mode: the real Bolt Socket Mode client connected to the fake Slack's WebSocket. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeActionId } from '../../src/core/bot/action-id.js';
import { ACTIONS } from '../../src/core/bot/types.js';
import { APP_TOKEN, BOT_USER_ID } from '../fakes/slack/fake-slack.js';
import { blockActions, eventCallback, slashCommand } from '../fakes/slack/slack-requests.js';
import { until } from '../helpers.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ socketMode: true });
});
afterEach(async () => {
  await h.close();
});

describe('Socket Mode', () => {
  it('opens the connection with the app-level token and listens on no HTTP port', async () => {
    await h.fake.waitForSocket();
    expect(h.fake.callsOf('apps.connections.open').map((c) => c.token)).toEqual([APP_TOKEN]);
    expect(h.slack.port).toBe(0);
  });

  it('acknowledges /ask on the socket, then answers through response_url', async () => {
    const { id, url } = h.fake.responseUrl();
    const ack = await h.fake.sendEnvelope(
      'slash_commands',
      slashCommand('/ask', 'Who did Hegseth meet in Tokyo?', url, { user: 'UALICE' }),
    );
    expect(ack).toEqual({});
    const reply = await h.fake.waitForResponse(id);
    expect(reply.body.response_type).toBe('in_channel');
    expect(JSON.stringify(reply.body.blocks)).toContain('*Answer:* Gen Nakatani');
  });

  it('takes button presses on the socket: a 👍 is stored and thanked privately', async () => {
    const asked = h.fake.responseUrl();
    await h.fake.sendEnvelope('slash_commands', slashCommand('/ask', 'Who did Hegseth meet in Tokyo?', asked.url, { user: 'UALICE' }));
    const blocks = (await h.fake.waitForResponse(asked.id)).body.blocks as { elements?: { action_id?: string; value?: string }[] }[];
    const answerId =
      blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id?.startsWith(encodeActionId(ACTIONS.voteUp, '')))?.value ?? '';
    const pressed = h.fake.responseUrl();
    expect(await h.fake.sendEnvelope('interactive', blockActions(ACTIONS.voteUp, answerId, pressed.url, { user: 'UBOB' }))).toEqual({});
    expect((await h.fake.waitForResponse(pressed.id)).body).toMatchObject({ response_type: 'ephemeral', text: 'Thanks, noted 👍' });
    expect(h.votes).toEqual([expect.objectContaining({ userId: 'UBOB', vote: 1, question: 'Who did Hegseth meet in Tokyo?' })]);
  });

  it('answers a mention in its thread once, even when the envelope is retried', async () => {
    const event = eventCallback({ type: 'app_mention', user: 'UALICE', text: `<@${BOT_USER_ID}> Tokyo?`, channel: 'C0001', ts: '1.1' });
    await h.fake.sendEnvelope('events_api', event);
    await h.fake.sendEnvelope('events_api', event, 1);
    await h.slack.stop();
    expect(h.fake.callsOf('chat.postMessage').map((c) => c.params.thread_ts)).toEqual(['1.1']);
  });

  it('refreshes without a gap: a new connection before the old one closes, and the envelope sent right after the notice is answered', async () => {
    const old = await h.fake.waitForSocket();
    h.fake.refreshConnection(old, 8000); // Slack would close it 8 s later
    const started = Date.now();
    const first = h.fake.responseUrl();
    // Sent on the old socket right after the notice (the probe's envelope that used to be lost).
    expect(
      await h.fake.sendEnvelope('slash_commands', slashCommand('/ask', 'Who did Hegseth meet in Tokyo?', first.url, { user: 'UALICE' })),
    ).toEqual({});
    await h.fake.waitForResponse(first.id);
    // The client opened its new connection and closed the old one itself, long before Slack would have (and without the 5 s pause).
    await until(() => h.fake.openSockets().length === 1 && h.fake.openSockets()[0] !== old, 3000, 'the old socket replaced');
    expect(Date.now() - started).toBeLessThan(3000);
    expect(h.fake.callsOf('apps.connections.open')).toHaveLength(2);
    const second = h.fake.responseUrl();
    expect(
      await h.fake.sendEnvelope('slash_commands', slashCommand('/ask', 'Who did Hegseth meet in Tokyo?', second.url, { user: 'UBOB' })),
    ).toEqual({});
    await h.fake.waitForResponse(second.id);
    expect(h.logger.lines.some((l) => l.msg === 'slack socket mode connection refreshed before closing the old one')).toBe(true);
  });
});
