/**
 * Ask the experts on Discord, end to end: the real core and the real discord.js client against the
 * fake Discord. An unanswered question reaches the gaps channel, an expert answers in the modal, the
 * file appears under knowledge/from-chat/, the same question is answered citing it, the askers told.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDiscord, type DiscordFrontEnd } from '../../src/adapters/discord/start.js';
import { ANSWER_INPUT, GAP_BUTTON, GAP_MODAL } from '../../src/adapters/discord/gaps.js';
import { FakeDiscord } from '../fakes/discord/server.js';
import { callback, firstReply, type Json } from '../discord/harness.js';
import { startCore, type TempCore } from './harness.js';

const QUESTION = 'How do we rotate the kubernetes certificates?';
const ANSWER =
  'To rotate the kubernetes certificates, run kubeadm certs renew all on each control plane node, then restart the kubelet. Mail ops@example.com; token MTAxMjM0NTY3ODkwMTIzNDU2.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB.';

let t: TempCore;
let fake: FakeDiscord;
let discord: DiscordFrontEnd;

beforeEach(async () => {
  t = await startCore();
  const { core } = t;
  fake = await FakeDiscord.start();
  discord = await startDiscord({
    bot: core.bot,
    config: { token: fake.token, appId: fake.appId, apiUrl: fake.apiUrl },
    logger: core.logger,
    experts: { desk: core.experts, channel: fake.channelId },
  });
});

afterEach(async () => {
  await discord.stop();
  await fake.stop();
  await t.close();
});

const isGapPost = (body: Json) => JSON.stringify(body?.components ?? []).includes(`${GAP_BUTTON}:`);

describe('ask the experts on Discord', () => {
  it('unanswered → gaps channel once → modal → file saved → answered citing it → askers told, within 5 s', async () => {
    const started = Date.now();
    const alice = fake.user('Alice');
    const bob = fake.user('Bob');
    const erin = fake.user('Erin');
    fake.message(alice, QUESTION, { mention: true });
    const gap = await fake.requests.waitFor(
      (r) => r.method === 'POST' && r.path === `/channels/${fake.channelId}/messages` && isGapPost(r.body),
      { what: 'the gaps post' },
    );
    expect(gap.body.content).toContain('rotate the kubernetes certificates');
    const customId: string = gap.body.components[0].components[0].custom_id;

    // Bob asks the same question with /ask: no second post, he joins the ticket.
    const bobAsk = fake.slash(bob, 'ask', { options: { question: 'how do we rotate the KUBERNETES certificates' } });
    await callback(fake, bobAsk.id);
    expect(fake.requests.items.filter((r) => r.method === 'POST' && isGapPost(r.body))).toHaveLength(1);

    const press = fake.button(erin, customId);
    const modal = await callback(fake, press.id);
    expect(modal.body.type).toBe(9);
    expect(modal.body.data.custom_id).toBe(`${GAP_MODAL}:${customId.split(':')[1]}`);

    const submit = fake.modalSubmit(erin, modal.body.data.custom_id, { [ANSWER_INPUT]: ANSWER });
    const done = await firstReply(fake, submit);
    expect(done.data.content).toMatch(/Saved as `from-chat\/.+\.md`: it now answers the question; 2 asker\(s\) told/);

    const saved = t.saved();
    expect(saved).toHaveLength(1);
    for (const who of [alice, bob]) {
      const told = await fake.requests.waitFor((r) => r.method === 'POST' && String(r.body?.content).startsWith(`<@${who.id}> an answer`), {
        what: `${who.username} told`,
      });
      expect(JSON.stringify(told.body.embeds)).toContain(`from-chat/${saved[0]}`);
      expect(told.body.allowed_mentions).toEqual({ users: [who.id] });
    }
    const file = readFileSync(path.join(t.knowledge, 'from-chat', saved[0]!), 'utf8');
    expect(file).toMatch(/^---\ntitle: How do we rotate the kubernetes certificates\?\nauthor: Erin\n/);
    expect(file).not.toContain('ops@example.com');
    expect(file).not.toContain('MTAxMjM0NTY3ODkwMTIzNDU2');

    const again = fake.slash(alice, 'ask', { options: { question: QUESTION } });
    const answer = await firstReply(fake, again);
    expect(JSON.stringify(answer.data.embeds)).toContain(`from-chat/${saved[0]}`);
    const elapsed = Date.now() - started;
    console.info(`discord experts loop: ${elapsed} ms`);
    expect(elapsed).toBeLessThan(5000);
  });

  it('says when a question is no longer open instead of opening the modal', async () => {
    const press = fake.button(fake.user('Erin'), `${GAP_BUTTON}:no-such-ticket`);
    const reply = await callback(fake, press.id);
    expect(reply.body.type).toBe(4);
    expect(reply.body.data.content).toContain('no longer open');
  });
});
