/**
 * Ask the experts on Slack, end to end: the real core and the real Bolt app against the fake Slack.
 * An unanswered question reaches the gaps channel, an expert answers in the modal, the file appears
 * under knowledge/from-chat/, the same question is then answered citing it, and the askers were told.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSlack, type SlackFrontEnd } from '../../src/adapters/slack/index.js';
import { GAP_ACTION, GAP_VIEW } from '../../src/adapters/slack/gaps.js';
import { BOT_TOKEN, BOT_USER_ID, FakeSlack, TEAM_ID } from '../fakes/slack/fake-slack.js';
import { blockActions, eventCallback, SIGNING_SECRET, SlackSender } from '../fakes/slack/slack-requests.js';
import { startCore, type TempCore } from './harness.js';

const GAPS = 'CGAPS';
const QUESTION = 'How do we rotate the kubernetes certificates?';
const ANSWER =
  'To rotate the kubernetes certificates, run kubeadm certs renew all on each control plane node, then restart the kubelet. Questions to ops@example.com; never paste xoxb-1234567890-abcdefghijkl here.';

let t: TempCore;
let fake: FakeSlack;
let slack: SlackFrontEnd;
let sender: SlackSender;

beforeEach(async () => {
  t = await startCore();
  const { core } = t;
  fake = await FakeSlack.start();
  fake.users.set('UALICE', { name: 'Alice' });
  fake.users.set('UBOB', { name: 'Bob' });
  fake.users.set('UEXPERT', { name: 'Erin' });
  slack = await startSlack({
    bot: core.bot,
    logger: core.logger,
    config: { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl, port: 0, host: '127.0.0.1' },
    retryConfig: { retries: 0 },
    experts: { desk: core.experts, channel: GAPS },
  });
  sender = new SlackSender(`http://127.0.0.1:${slack.port}`);
});

afterEach(async () => {
  await slack.stop();
  await fake.close();
  await t.close();
});

const mention = (user: string, text: string, ts: string) =>
  sender.event(eventCallback({ type: 'app_mention', user, text: `<@${BOT_USER_ID}> ${text}`, channel: 'C0001', ts }));

function viewSubmission(user: string, ticket: string, value: string): object {
  return {
    type: 'view_submission',
    team: { id: TEAM_ID, domain: 'fake' },
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: TEAM_ID },
    api_app_id: 'A0001',
    token: 'verification-token',
    trigger_id: 'trigger-view',
    view: {
      id: 'V0001',
      team_id: TEAM_ID,
      type: 'modal',
      callback_id: GAP_VIEW,
      private_metadata: ticket,
      hash: 'h1',
      state: { values: { answer: { text: { type: 'plain_text_input', value } } } },
    },
  };
}

describe('ask the experts on Slack', () => {
  it('unanswered → gaps channel once → modal → file saved → answered citing it → askers told, within 5 s', async () => {
    const started = Date.now();
    await mention('UALICE', QUESTION, '1700000100.000100');
    const gap = await fake.waitForCall('chat.postMessage', (c) => c.params.channel === GAPS);
    const blocks = JSON.stringify(gap.params.blocks);
    expect(blocks).toContain('rotate the kubernetes certificates');
    expect(blocks).toContain('<@UALICE>');
    const button = (gap.params.blocks as { type: string; elements?: { action_id: string; value: string }[] }[]).find(
      (b) => b.type === 'actions',
    )!.elements![0]!;
    expect(button.action_id).toBe(GAP_ACTION);

    // The same question again (another person, other case): no second post; Bob joins the ticket.
    await mention('UBOB', 'how do we ROTATE the kubernetes certificates', '1700000200.000200');
    await fake.waitForCall('chat.postMessage', (c) => c.params.thread_ts === '1700000200.000200');
    expect(fake.callsOf('chat.postMessage').filter((c) => c.params.channel === GAPS)).toHaveLength(1);

    const { url } = fake.responseUrl();
    expect((await sender.action(blockActions(GAP_ACTION, button.value, url, { user: 'UEXPERT', channel: GAPS }))).status).toBe(200);
    const opened = await fake.waitForCall('views.open');
    expect((opened.params.view as { private_metadata: string }).private_metadata).toBe(button.value);
    expect((await sender.action(viewSubmission('UEXPERT', button.value, ANSWER))).status).toBe(200);

    const toldAlice = await fake.waitForCall(
      'chat.postMessage',
      (c) => c.params.thread_ts === '1700000100.000100' && String(c.params.text).includes('<@UALICE>'),
    );
    const saved = t.saved();
    expect(saved).toHaveLength(1);
    expect(JSON.stringify(toldAlice.params.blocks)).toContain(`from-chat/${saved[0]}`);
    await fake.waitForCall(
      'chat.postMessage',
      (c) => c.params.thread_ts === '1700000200.000200' && String(c.params.text).includes('<@UBOB>'),
    );
    const thanks = await fake.waitForCall('chat.postMessage', (c) => c.params.channel === GAPS && String(c.params.text).includes('Saved'));
    expect(thanks.params.text).toContain('2 asker(s) told');

    const file = readFileSync(path.join(t.knowledge, 'from-chat', saved[0]!), 'utf8');
    expect(file).toMatch(/^---\ntitle: How do we rotate the kubernetes certificates\?\nauthor: uexpert\ndate: /);
    expect(file).toContain('kubeadm certs renew all');
    expect(file).not.toContain('ops@example.com');
    expect(file).not.toContain('xoxb-');
    expect(file).not.toContain(BOT_TOKEN);

    await mention('UALICE', QUESTION, '1700000300.000300');
    const again = await fake.waitForCall('chat.postMessage', (c) => c.params.thread_ts === '1700000300.000300');
    expect(JSON.stringify(again.params.blocks)).toContain(`from-chat/${saved[0]}`);
    expect(JSON.stringify(again.params.blocks)).toContain('kubeadm');
    const elapsed = Date.now() - started;
    console.info(`slack experts loop: ${elapsed} ms`);
    expect(elapsed).toBeLessThan(5000);
  });

  it('refuses an empty answer in the modal and says when a question is no longer open', async () => {
    const empty = await sender.action(viewSubmission('UEXPERT', 'nope', '   '));
    expect(JSON.parse(empty.text)).toMatchObject({ response_action: 'errors' });
    const { url } = fake.responseUrl();
    await sender.action(blockActions(GAP_ACTION, 'no-such-ticket', url, { user: 'UEXPERT', channel: GAPS }));
    const said = await fake.waitForCall('chat.postEphemeral', (c) => c.params.user === 'UEXPERT');
    expect(said.params.text).toContain('no longer open');
    expect(fake.callsOf('views.open')).toEqual([]);
  });
});
