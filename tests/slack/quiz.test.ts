/**
 * A whole quiz through the Slack adapter with two players: `/quiz` commands, multiple choice by
 * button presses (`block_actions`), typed answers in the channel, and timer-driven posts.
 * The quiz here is a scripted double, so the test is about the adapter, not the quiz rules.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { blockActions, eventCallback, slashCommand } from '../fakes/slack/slack-requests.js';
import { startHarness, type Harness } from './harness.js';
import { ScriptedQuiz } from './quiz-double.js';

let h: Harness;
let clock: ManualClock;
let scripted: ScriptedQuiz;
beforeEach(async () => {
  clock = new ManualClock();
  scripted = new ScriptedQuiz(clock);
  h = await startHarness({ botOptions: { clock, quiz: scripted } });
});
afterEach(async () => {
  await h.close();
});

async function quiz(text: string, user: string) {
  const { id, url } = h.fake.responseUrl();
  expect((await h.sender.command(slashCommand('/quiz', text, url, { user }))).status).toBe(200);
  return (await h.fake.waitForResponse(id)).body;
}

async function press(actionId: string, value: string, user: string) {
  const { id, url } = h.fake.responseUrl();
  expect((await h.sender.action(blockActions(actionId, value, url, { user }))).status).toBe(200);
  return (await h.fake.waitForResponse(id)).body;
}

/** The channel post whose blocks contain `fragment`. */
async function posted(fragment: string) {
  const call = await h.fake.waitForCall('chat.postMessage', (c) => JSON.stringify(c.params.blocks).includes(fragment));
  return { params: call.params, blocks: JSON.stringify(call.params.blocks) };
}

let ts = 0;
const say = (user: string, text: string) =>
  h.sender.event(
    eventCallback({
      type: 'message',
      channel_type: 'channel',
      channel: 'C0001',
      user,
      text,
      ts: `1700001000.${String(++ts).padStart(6, '0')}`,
    }),
  );

describe('a quiz in a channel', () => {
  it('plays two players through buttons and typed answers, showing each answer with its source', async () => {
    const start = await quiz('start 2 10', 'UALICE');
    expect(start.response_type).toBe('in_channel');
    expect(JSON.stringify(start.blocks)).toContain('*Quiz started* by Alice');

    // Question 1 arrives as a channel post with one button per choice.
    const q1 = await posted('Question 1/2');
    expect(q1.params.channel).toBe('C0001');
    const buttons = (q1.params.blocks as { type: string; elements?: { action_id: string; value: string }[] }[]).find(
      (b) => b.type === 'actions',
    )!.elements!;
    expect(buttons.map((b) => b.value)).toEqual(['q0:0', 'q0:1', 'q0:2']);

    // One answer per player, each acknowledged privately.
    const bob = await press(buttons[1]!.action_id, buttons[1]!.value, 'UBOB');
    expect(bob).toMatchObject({ response_type: 'ephemeral', text: 'Bob, your answer B for question 1 is in.' });
    const alice = await press(buttons[0]!.action_id, buttons[0]!.value, 'UALICE');
    expect(alice).toMatchObject({ response_type: 'ephemeral', text: 'Alice, your answer A for question 1 is in.' });
    expect((await press(buttons[0]!.action_id, buttons[0]!.value, 'UBOB')).text).toContain('not counted');

    // Time runs out: the answer, the winner and the cited source are posted, then question 2.
    clock.advance(10_000);
    const reveal1 = await posted('*Answer 1:*');
    expect(reveal1.blocks).toContain('*Answer 1:* Gen Nakatani\\n:trophy: Alice +10 points');
    expect(reveal1.blocks).toContain('`us-japan-defense-2025.md`');
    const q2 = await posted('Question 2/2');
    expect(q2.blocks).toContain('Type your answer in the channel or in this thread');

    // Typed answers in the channel: a wrong one, then the right one.
    await say('UBOB', '2026');
    expect((await h.fake.waitForCall('chat.postMessage', (c) => String(c.params.text).includes('2026'))).params).toMatchObject({
      channel: 'C0001',
      text: 'Bob: “2026” is not it.',
    });
    await say('UALICE', '2027');
    await posted('Alice got it: 2027');
    expect((await posted('*Answer 2:*')).blocks).toContain(':trophy: Alice +10 points');
    expect((await posted('Quiz finished')).blocks).toContain('1. Alice — 20 points, 2 correct');
  });

  it('explains /quiz help and text it cannot parse, privately', async () => {
    expect(await quiz('help', 'UBOB')).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('/quiz start') });
    expect(await quiz('', 'UBOB')).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('/quiz start') });
    expect(await quiz('dance', 'UBOB')).toMatchObject({
      response_type: 'ephemeral',
      text: 'Unknown subcommand "dance". Try `/quiz help`.',
    });
  });

  it('tells the quiz who is asking: display name and workspace admin status (for /quiz stop)', async () => {
    await quiz('stop', 'UADMIN');
    await quiz('stop', 'UBOB');
    expect(scripted.actors).toEqual([
      { id: 'UADMIN', name: 'Ada', isAdmin: true },
      { id: 'UBOB', name: 'Bob', isAdmin: false },
    ]);
  });

  it('keeps the quiz running when Slack refuses a post, logging the failure', async () => {
    await quiz('start 2 10', 'UALICE');
    await posted('Question 1/2');
    h.fake.failNext('chat.postMessage', 200); // an { ok: false } answer
    clock.advance(10_000);
    await posted('Question 2/2');
    expect(h.logger.lines.some((l) => l.level === 'error' && l.msg === 'slack post failed')).toBe(true);
  });
});
