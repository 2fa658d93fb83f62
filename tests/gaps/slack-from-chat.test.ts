/**
 * Slack message shortcuts and the Home tab, on the real core and the real Bolt app against the fake
 * Slack: Save to citebot (who may, what the file holds, picked up by the watcher, cited with a link
 * back), Ask citebot (a private answer), and the Home tab (how to ask, leaderboard, gaps for admins).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSlack, type SlackFrontEnd } from '../../src/adapters/slack/index.js';
import { BOT_TOKEN, BOT_USER_ID, FakeSlack, TEAM_ID } from '../fakes/slack/fake-slack.js';
import { eventCallback, SIGNING_SECRET, SlackSender, slashCommand } from '../fakes/slack/slack-requests.js';
import { until } from '../helpers.js';
import { startCore, type TempCore } from './harness.js';

let t: TempCore;
let core: TempCore['core'];
let fake: FakeSlack;
let slack: SlackFrontEnd;
let sender: SlackSender;

beforeEach(async () => {
  t = await startCore({ watch: true });
  core = t.core;
  fake = await FakeSlack.start();
  fake.users.set('UALICE', { name: 'Alice' });
  fake.users.set('UBOB', { name: 'Bob' });
  fake.users.set('UCAROL', { name: 'Carol' });
  fake.users.set('UADMIN', { name: 'Ada', isAdmin: true });
  slack = await startSlack({
    bot: core.bot,
    logger: core.logger,
    config: { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl, port: 0, host: '127.0.0.1' },
    retryConfig: { retries: 0 },
    experts: { desk: core.experts, channel: 'CGAPS' },
    fromChat: {
      knowledgeDir: core.knowledge.dir,
      saveUsers: ['UCAROL'],
      leaderboard: (w) => core.store.leaderboard(w),
      experts: core.experts,
      topGaps: () => core.gaps({ filter: { platform: 'slack' } }).gaps,
    },
  });
  sender = new SlackSender(`http://127.0.0.1:${slack.port}`);
});

afterEach(async () => {
  await slack.stop();
  await fake.close();
  await t.close();
});

const THREAD = '1700000500.000100';
const REPLY = '1700000500.000200';

function shortcut(callbackId: string, user: string, message: { text: string; user: string; ts: string; thread_ts?: string }) {
  const { id, url } = fake.responseUrl();
  const payload = {
    type: 'message_action',
    callback_id: callbackId,
    trigger_id: 'trigger-1',
    response_url: url,
    token: 'verification-token',
    action_ts: '1700000600.000000',
    team: { id: TEAM_ID, domain: 'fake' },
    channel: { id: 'C0001', name: 'general' },
    user: { id: user, name: user.toLowerCase(), username: user.toLowerCase(), team_id: TEAM_ID },
    message: { type: 'message', ...message },
    message_ts: message.ts,
  };
  return { id, sent: sender.action(payload) };
}

describe('Save to citebot and Ask citebot on Slack', () => {
  it('saves a thread reply with the thread question, author and permalink; the watcher indexes it and answers cite it with the link', async () => {
    fake.messages.set(THREAD, { text: 'Where is the VPN setup guide?', user: 'UBOB', ts: THREAD });
    const message = {
      text: 'The VPN setup guide lives at <https://wiki.example.com/vpn|the wiki>; ask alice@example.com, token xoxb-111111111-abcdefabcdef.',
      user: 'UALICE',
      ts: REPLY,
      thread_ts: THREAD,
    };

    const refused = shortcut('citebot_save', 'UBOB', message);
    expect((await refused.sent).status).toBe(200);
    expect((await fake.waitForResponse(refused.id)).body).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringContaining('Only admins'),
    });
    expect(t.saved()).toEqual([]);

    const saved = shortcut('citebot_save', 'UCAROL', message);
    await saved.sent;
    const told = await fake.waitForResponse(saved.id);
    expect(told.body.text).toMatch(/Saved to the knowledge as `from-chat\/.+\.md`/);
    const [name] = t.saved();
    const text = readFileSync(path.join(t.knowledge, 'from-chat', name!), 'utf8');
    expect(text).toContain('title: Where is the VPN setup guide?');
    expect(text).toContain('author: Alice');
    expect(text).toContain(`url: https://fake.slack.com/archives/C0001/p${REPLY.replace('.', '')}`);
    expect(text).toContain('  - from-chat\n  - slack');
    expect(text).toContain('the wiki (https://wiki.example.com/vpn)');
    expect(text).not.toContain('alice@example.com');
    expect(text).not.toContain('xoxb-');

    // Picked up by the watcher within seconds, then cited with the link back to the message.
    await until(() => core.engine.index.fileShare(`from-chat/${name}`) > 0, 5000, 'the watcher to index the saved message');
    const { id, url } = fake.responseUrl();
    await sender.command(slashCommand('/ask', 'Where is the VPN setup guide?', url, { user: 'UBOB' }));
    const answer = JSON.stringify((await fake.waitForResponse(id)).body.blocks);
    expect(answer).toContain(`from-chat/${name}`);
    expect(answer).toContain(`https://fake.slack.com/archives/C0001/p${REPLY.replace('.', '')}`);
  });

  it('Ask citebot answers the selected message privately', async () => {
    const asked = shortcut('citebot_ask', 'UBOB', { text: 'When does the office open?', user: 'UALICE', ts: REPLY });
    await asked.sent;
    const reply = await fake.waitForResponse(asked.id);
    expect(reply.body.response_type).toBe('ephemeral');
    expect(JSON.stringify(reply.body.blocks)).toContain('nine');
  });

  it('the Home tab shows how to ask and the leaderboard to everyone, and the open gaps with Answer this to admins only', async () => {
    core.store.recordAward({
      workspace: `slack:${TEAM_ID}`,
      sessionId: 's1',
      question: 1,
      playerId: 'UALICE',
      name: 'Alice',
      team: null,
      points: 30,
      at: Date.now(),
    });
    await sender.event(
      eventCallback({
        type: 'app_mention',
        user: 'UBOB',
        text: `<@${BOT_USER_ID}> Who owns the kubernetes cluster?`,
        channel: 'C0001',
        ts: '1700000700.000100',
      }),
    );
    await fake.waitForCall('chat.postMessage', (c) => c.params.channel === 'CGAPS');

    await sender.event(
      eventCallback({ type: 'app_home_opened', user: 'UADMIN', channel: 'D0001', tab: 'home', event_ts: '1700000800.000100' }),
    );
    const admin = JSON.stringify((await fake.waitForCall('views.publish', (c) => c.params.user_id === 'UADMIN')).params.view);
    expect(admin).toContain('How to ask');
    expect(admin).toContain('Alice — 30 points');
    expect(admin).toContain('Who owns the kubernetes cluster?');
    expect(admin).toContain('"action_id":"gaps.answer"');
    expect(admin).toMatch(/\*Top gaps\*.*\*kubernetes\* — 1× · Write a passage about/);

    await sender.event(
      eventCallback({ type: 'app_home_opened', user: 'UBOB', channel: 'D0002', tab: 'home', event_ts: '1700000800.000200' }),
    );
    const member = JSON.stringify((await fake.waitForCall('views.publish', (c) => c.params.user_id === 'UBOB')).params.view);
    expect(member).toContain('Alice — 30 points');
    expect(member).not.toContain('kubernetes');
  });

  it('/citebot gaps lists the top gaps to admins only, privately', async () => {
    await sender.event(
      eventCallback({
        type: 'app_mention',
        user: 'UBOB',
        text: `<@${BOT_USER_ID}> Who owns the kubernetes cluster?`,
        channel: 'C0001',
        ts: '1700000900.000100',
      }),
    );
    await fake.waitForCall('chat.postMessage', (c) => c.params.channel === 'CGAPS');
    const asAdmin = fake.responseUrl();
    await sender.command(slashCommand('/citebot', 'gaps', asAdmin.url, { user: 'UADMIN' }));
    const shown = (await fake.waitForResponse(asAdmin.id)).body;
    expect(shown.response_type).toBe('ephemeral');
    expect(JSON.stringify(shown)).toContain('kubernetes');
    const asMember = fake.responseUrl();
    await sender.command(slashCommand('/citebot', 'gaps', asMember.url, { user: 'UBOB' }));
    expect(JSON.stringify((await fake.waitForResponse(asMember.id)).body)).toContain('Only admins');
  });
});
