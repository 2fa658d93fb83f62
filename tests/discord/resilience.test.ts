import { INTERNAL_ERROR } from '../../src/core/bot/boundary.js';
import { Events, GatewayCloseCodes, MessageFlags } from 'discord.js';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { Bot } from '../../src/core/bot/bot.js';
import type { ReplyChannels } from '../../src/core/bot/types.js';
import type { FakeUser } from '../fakes/discord/server.js';
import { fixedAnswerer, quizDouble } from './doubles.js';
import { callback, channelMessage, firstReply, startHarness, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** A quiz whose commands wait until the test opens the gate, then reply `notice` with the given visibility. */
function slowQuiz() {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const quiz = quizDouble({
    async command(sub, _options, _place, _user, io) {
      await gate;
      await io.reply({ type: 'notice', visibility: sub === 'join' ? 'private' : 'public', code: 'quiz.test', text: `done ${sub}` });
    },
  });
  return { quiz, open: () => open() };
}

/**
 * Starts the harness with a quiz whose `/quiz start` keeps the request's reply channels, as the
 * real controller's timers do, and runs `/quiz start`. `channel.post` then stands for a timer firing.
 */
async function startWithQuizChannel(): Promise<{ harness: Harness; alice: FakeUser; channel: ReplyChannels }> {
  let channel: ReplyChannels | undefined;
  const quiz = quizDouble({
    async command(_sub, _options, _place, _user, io) {
      channel = io;
      await io.reply({ type: 'notice', visibility: 'public', code: 'quiz.test', text: 'started' });
    },
  });
  const harness = await startHarness({ bot: (clock) => new Bot(fixedAnswerer, { clock, quiz }) });
  const alice = harness.fake.user('Alice');
  await firstReply(harness.fake, harness.fake.slash(alice, 'quiz', { sub: 'start' }));
  return { harness, alice, channel: channel! };
}

describe('rate limit', () => {
  test('the sixth question in ten seconds gets a polite private notice; later ones are answered again', async () => {
    h = await startHarness();
    const alice = h.fake.user('Alice');
    for (let n = 0; n < 5; n++) {
      const { body } = await callback(h.fake, h.fake.slash(alice, 'ask', { options: { question: `Who ${n}?` } }).id);
      expect(body.data.embeds[0].title).toBe('Gen Nakatani');
    }
    const limited = await callback(h.fake, h.fake.slash(alice, 'ask', { options: { question: 'Who again?' } }).id);
    expect(limited.body.data.flags).toBe(MessageFlags.Ephemeral);
    expect(limited.body.data.content).toMatch(/^You are asking quickly\. Please wait \d+ s/);

    // A mention over the limit cannot be answered privately in the channel: it gets a ⏳ reaction.
    const mark = h.fake.requests.mark();
    const m = h.fake.message(alice, 'who?', { mention: true });
    const reaction = await h.fake.requests.waitFor((r) => r.method === 'PUT' && r.path.includes('/reactions/'), { after: mark });
    expect(reaction.path).toBe(`/channels/${h.fake.channelId}/messages/${m.id}/reactions/⏳/@me`);
    expect(h.fake.requests.items.slice(mark).some((r) => r.method === 'POST')).toBe(false);

    h.clock.advance(10_000);
    const again = await callback(h.fake, h.fake.slash(alice, 'ask', { options: { question: 'Who now?' } }).id);
    expect(again.body.data.embeds[0].title).toBe('Gen Nakatani');
  });
});

describe('error boundary', () => {
  test('a failing handler answers privately, logs the cause, and the bot keeps answering', async () => {
    h = await startHarness();
    const alice = h.fake.user('Alice');
    const { body } = await callback(h.fake, h.fake.slash(alice, 'ask', { options: { question: 'boom?' } }).id);
    expect(body.data).toMatchObject({ content: INTERNAL_ERROR.text, flags: MessageFlags.Ephemeral });
    const logged = h.logger.lines.find((l) => l.level === 'error');
    expect(logged?.obj).toMatchObject({ err: { message: 'index exploded' }, request: 'command', user: alice.id });

    const mark = h.fake.requests.mark();
    const m = h.fake.message(alice, 'boom?', { mention: true });
    const reaction = await h.fake.requests.waitFor((r) => r.method === 'PUT' && r.path.includes(`/messages/${m.id}/reactions/`), {
      after: mark,
    });
    expect(reaction.path).toContain('/reactions/⚠️/@me');

    const next = await callback(h.fake, h.fake.slash(alice, 'ask', { options: { question: 'Who?' } }).id);
    expect(next.body.data.embeds[0].title).toBe('Gen Nakatani');
  });
});

describe("Discord's 3-second window", () => {
  test('slow work is deferred; the reply then edits the deferred message, or replaces it when its visibility differs', async () => {
    const slow = slowQuiz();
    h = await startHarness({ deferAfterMs: 10, bot: (clock) => new Bot(fixedAnswerer, { clock, quiz: slow.quiz }) });
    const alice = h.fake.user('Alice');
    const start = h.fake.slash(alice, 'quiz', { sub: 'start' });
    const join = h.fake.slash(alice, 'quiz', { sub: 'join' });
    expect((await callback(h.fake, start.id)).body).toEqual({ type: 5, data: { flags: 0 } });
    expect((await callback(h.fake, join.id)).body).toEqual({ type: 5, data: { flags: 0 } });
    slow.open();

    const edit = await h.fake.requests.waitFor(
      (r) => r.method === 'PATCH' && r.path === `/webhooks/${h!.fake.appId}/${start.token}/messages/@original`,
    );
    expect(edit.body).toMatchObject({ content: 'done start', allowed_mentions: { parse: [] } });

    // join replies privately after a public deferral: the public placeholder goes, an ephemeral follow-up comes.
    await h.fake.requests.waitFor((r) => r.method === 'DELETE' && r.path === `/webhooks/${h!.fake.appId}/${join.token}/messages/@original`);
    const followUp = await h.fake.requests.waitFor((r) => r.method === 'POST' && r.path === `/webhooks/${h!.fake.appId}/${join.token}`);
    expect(followUp.body).toMatchObject({ content: 'done join', flags: MessageFlags.Ephemeral });
  });
});

describe('/quiz start', () => {
  test('is deferred before the quiz does any work (building the question bank may block for long)', async () => {
    let deferredFirst: boolean | undefined;
    const quiz = quizDouble({
      async command(_sub, _options, _place, _user, io) {
        deferredFirst = h!.fake.requests.items.some((r) => r.path.endsWith('/callback') && r.body.type === 5);
        await io.reply({ type: 'notice', visibility: 'public', code: 'quiz.test', text: 'started' });
      },
    });
    h = await startHarness({ bot: (clock) => new Bot(fixedAnswerer, { clock, quiz }) });
    const start = await firstReply(h.fake, h.fake.slash(h.fake.user('Alice'), 'quiz', { sub: 'start' }));
    expect(start).toMatchObject({ deferred: true, data: { content: 'started' } });
    expect(deferredFirst).toBe(true);
    // Other commands answer directly when they are quick.
    const { body } = await callback(h.fake, h.fake.slash(h.fake.user('Alice'), 'quiz', { sub: 'scores' }).id);
    expect(body).toMatchObject({ type: 4, data: { content: 'started' } });
  });
});

describe('Discord outage', () => {
  test('failed replies and channel posts are logged, nothing crashes, and service resumes after', async () => {
    const { harness, alice, channel } = await startWithQuizChannel();
    h = harness;

    h.fake.outage = true;
    const failed = h.fake.slash(alice, 'ask', { options: { question: 'Who?' } });
    await expect(channel.post({ type: 'notice', visibility: 'public', code: 'quiz.test', text: 'question 1' })).resolves.toBeUndefined();
    await h.fake.requests.waitFor((r) => r.path.startsWith(`/interactions/${failed.id}/`) && r.body.data.content === INTERNAL_ERROR.text, {
      what: 'the error notice attempt',
    });
    await vi.waitFor(() => expect(h!.logger.lines.some((l) => l.msg === 'could not tell the user about a failure')).toBe(true));
    expect(h.logger.lines.filter((l) => l.level === 'error').map((l) => l.msg)).toEqual(
      expect.arrayContaining(['could not post to the channel', 'request failed', 'could not tell the user about a failure']),
    );

    h.fake.outage = false;
    const mark = h.fake.requests.mark();
    await channel.post({ type: 'notice', visibility: 'public', code: 'quiz.test', text: 'question 2' });
    expect((await channelMessage(h.fake, h.fake.channelId, mark)).body.content).toBe('question 2');
    const { body } = await callback(h.fake, h.fake.slash(alice, 'ask', { options: { question: 'Who?' } }).id);
    expect(body.data.embeds[0].title).toBe('Gen Nakatani');
  });
});

describe('gateway', () => {
  test('a dropped connection is resumed and events sent meanwhile are answered', async () => {
    h = await startHarness();
    const alice = h.fake.user('Alice');
    h.fake.dropGateway();
    const i = h.fake.slash(alice, 'ask', { options: { question: 'Who did Hegseth meet?' } }); // queued while down
    const resume = await h.fake.gateway.waitFor((op) => op.op === 6, { what: 'a RESUME' });
    expect(resume.d).toMatchObject({ token: h.fake.token, session_id: 'session-1' });
    const { body } = await callback(h.fake, i.id);
    expect(body.data.embeds[0].title).toBe('Gen Nakatani');
    expect(h.fake.gateway.items.filter((op) => op.op === 2)).toHaveLength(1); // resumed, not re-identified

    const mark = h.fake.requests.mark();
    h.fake.message(alice, 'who?', { mention: true });
    await channelMessage(h.fake, h.fake.channelId, mark);
  });

  test('Discord closes the gateway: the bot resumes the session and keeps serving; quiz posts go out meanwhile', async () => {
    const { harness, alice, channel } = await startWithQuizChannel();
    h = harness;
    const resumed = new Promise((resolve) => h!.discord.client.once(Events.ShardResume, resolve));

    h.fake.closeGateway(GatewayCloseCodes.UnknownError);
    // A quiz timer firing while the gateway is down still posts: posts go over REST.
    const mark = h.fake.requests.mark();
    await channel.post({ type: 'notice', visibility: 'public', code: 'quiz.test', text: 'question 2' });
    expect((await channelMessage(h.fake, h.fake.channelId, mark)).body.content).toBe('question 2');

    await resumed;
    expect(h.fake.gateway.items.map((op) => op.op).filter((op) => op === 2 || op === 6)).toEqual([2, 6]); // identify, then resume
    expect(h.logger.lines.some((l) => l.msg === 'gateway resumed')).toBe(true);
    const { body } = await callback(h.fake, h.fake.slash(alice, 'ask', { options: { question: 'Who did Hegseth meet?' } }).id);
    expect(body.data.embeds[0].title).toBe('Gen Nakatani');
  });
});

describe('stop', () => {
  test('finishes replies in flight before closing the connection', async () => {
    const slow = slowQuiz();
    h = await startHarness({ bot: (clock) => new Bot(fixedAnswerer, { clock, quiz: slow.quiz }) });
    const i = h.fake.slash(h.fake.user('Alice'), 'quiz', { sub: 'scores' });
    await new Promise((resolve) => h!.discord.client.once('interactionCreate', resolve));
    let stopped = false;
    const stopping = h.discord.stop().then(() => (stopped = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    slow.open();
    await stopping;
    const { body } = await callback(h.fake, i.id);
    expect(body.data.content).toBe('done scores');
    expect(h.discord.client.isReady()).toBe(false);
  });
});
