/**
 * Whole quizzes on the real core (`createCitebot` on the bundled knowledge, the real quiz
 * controller, a manual clock) through real Bolt and the fake Slack, with two players: a
 * multiple-choice quiz in teams played by button presses (`block_actions`), then a free-text
 * quiz played by answers typed in the channel and in the question's thread.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCitebot, type Citebot } from '../../src/core/app.js';
import { ManualClock } from '../../src/core/clock.js';
import { cut, escapeMrkdwn, LIMITS, oneLine } from '../../src/adapters/slack/mrkdwn.js';
import { buildBank } from '../../src/core/quiz/bank.js';
import type { Question } from '../../src/core/quiz/question-model.js';
import type { ApiCall } from '../fakes/slack/fake-slack.js';
import { blockActions, eventCallback, slashCommand } from '../fakes/slack/slack-requests.js';
import { startHarness, type Harness } from './harness.js';

const PAUSE_MS = 5000; // the controller's pause before each question and before the end

let clock: ManualClock;
let citebot: Citebot;
let h: Harness;
let questions: Map<string, Question>;

beforeAll(async () => {
  clock = new ManualClock();
  citebot = await createCitebot({ knowledgeDir: 'knowledge', dataDir: null, clock, watch: false });
  questions = new Map(buildBank(citebot.knowledge).questions.map((q) => [q.id, q]));
});
afterAll(async () => {
  await citebot.close();
});
beforeEach(async () => {
  h = await startHarness({ bot: citebot.bot });
});
afterEach(async () => {
  await h.close();
});

type Block = { type: string; text?: { text: string }; elements?: { action_id: string; value: string; text: { text: string } }[] };

async function quiz(text: string, user: string) {
  const { id, url } = h.fake.responseUrl();
  expect((await h.sender.command(slashCommand('/quiz', text, url, { user }))).status).toBe(200);
  return (await h.fake.waitForResponse(id)).body;
}

async function press(actionId: string, value: string, user: string, messageTs: string) {
  const { id, url } = h.fake.responseUrl();
  expect((await h.sender.action(blockActions(actionId, value, url, { user, messageTs }))).status).toBe(200);
  return (await h.fake.waitForResponse(id)).body;
}

let ts = 0;
const say = (user: string, text: string, threadTs?: string) =>
  h.sender.event(
    eventCallback({
      type: 'message',
      channel_type: 'channel',
      channel: 'C0001',
      user,
      text,
      ts: `1700002000.${String(++ts).padStart(6, '0')}`,
      ...(threadTs ? { thread_ts: threadTs } : {}),
    }),
  );

/** A Slack call of `method` made from now on whose blocks contain `fragment`. */
function next(method: 'chat.postMessage' | 'chat.postEphemeral', fragment: string) {
  const mark = h.fake.calls.length;
  return async (): Promise<ApiCall & { blocks: string }> => {
    const call = await h.fake.waitForCall(
      method,
      (c) => h.fake.calls.indexOf(c) >= mark && JSON.stringify(c.params.blocks).includes(fragment),
    );
    return { ...call, blocks: JSON.stringify(call.params.blocks) };
  };
}

/** Advances the clock and waits for the channel post it causes. */
async function advanceUntilPosted(ms: number, fragment: string) {
  const posted = next('chat.postMessage', fragment);
  clock.advance(ms);
  return posted();
}

/** The question post's buttons, and the question it asks (from the bank, by the id the buttons carry). */
function asked(post: ApiCall) {
  const buttons = (post.params.blocks as Block[]).find((b) => b.type === 'actions')!.elements!;
  const q = questions.get(buttons[0]!.value.slice(0, buttons[0]!.value.lastIndexOf(':')))!;
  const right = buttons.find((b) => b.text.text === cut(`${b.text.text.slice(0, 2)} ${oneLine(q.answer)}`, LIMITS.buttonText))!;
  const wrong = buttons.find((b) => b !== right)!;
  return { q, right, wrong };
}

describe('a quiz on the real core', () => {
  it('multiple choice in teams, by button presses: private acknowledgements, the reveal with its source, the tables at the end', async () => {
    // Some questions of the knowledge have no wrong choices and are asked as free text even in a
    // multiple-choice quiz: start again until the first question has buttons.
    let q1: Awaited<ReturnType<typeof advanceUntilPosted>> | undefined;
    for (let attempt = 0; attempt < 30 && !q1; attempt++) {
      const start = await quiz('start 2 10 mc Red,Blue', 'UALICE');
      expect(start.response_type).toBe('in_channel');
      expect(JSON.stringify(start.blocks)).toContain('*Quiz started* by Alice: 2 questions, 10 s each, multiple choice, teams Red, Blue.');
      const first = await advanceUntilPosted(PAUSE_MS, 'Question 1/2');
      if (first.blocks.includes('"actions"')) q1 = first;
      else expect(await quiz('stop', 'UALICE')).toMatchObject({ response_type: 'in_channel', text: 'Quiz stopped' });
    }
    expect(q1?.params.channel).toBe('C0001');
    expect(await quiz('join Red', 'UALICE')).toMatchObject({ response_type: 'in_channel', text: 'Alice joined team Red.' });
    expect(await quiz('join Blue', 'UBOB')).toMatchObject({ response_type: 'in_channel', text: 'Bob joined team Blue.' });

    // Question 1: Bob picks a wrong choice, Alice the right one; each is told privately.
    const one = asked(q1!);
    const messageTs = String(q1!.params.ts);
    const bob = await press(one.wrong.action_id, one.wrong.value, 'UBOB', messageTs);
    expect(bob).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringMatching(/^Bob, your answer [A-D] for question 1 is in\. It is not right ❌$/),
    });
    const reveal1 = next('chat.postMessage', '*Answer 1:*');
    const alice = await press(one.right.action_id, one.right.value, 'UALICE', messageTs);
    expect(alice).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringMatching(/^Alice, your answer [A-D] for question 1 is in\. It is right ✅$/),
    });
    const shown = (await reveal1()).blocks;
    expect(shown).toContain(`*Answer 1:* ${one.q.answer}`);
    expect(shown).toMatch(/:trophy: Alice \(Red\) \+\d+ points/);
    expect(shown).toContain('`us-japan-defense-2025.md`');
    expect(shown).toContain('> ');
    // A press after the question closed is refused privately.
    expect(await press(one.right.action_id, one.right.value, 'UBOB', messageTs)).toMatchObject({
      response_type: 'ephemeral',
      text: 'That question is closed.',
    });

    // Question 2: nobody answers; time runs out, the answer is still shown with its source.
    await advanceUntilPosted(PAUSE_MS, 'Question 2/2');
    const reveal2 = await advanceUntilPosted(10_000, '*Answer 2:*');
    expect(reveal2.blocks).toContain("Time's up.");
    expect(reveal2.blocks).toContain('`us-japan-defense-2025.md`');

    // The end: team and player tables.
    const end = await advanceUntilPosted(PAUSE_MS, 'Quiz finished.');
    expect(end.blocks).toMatch(/\*Red\* — \d+ points \(Alice\)/);
    expect(end.blocks).toContain('*Blue* — 0 points (Bob)');
    expect(end.blocks).toMatch(/1\. Alice \(Red\) — \d+ points, 1 correct/);
    expect(end.blocks).toContain('2. Bob (Blue) — 0 points, 0 correct');
  });

  it('free text on a topic, by answers typed in the channel and in the question’s thread; then the leaderboard', async () => {
    const start = await quiz('start 1 20 text japan', 'UBOB');
    expect(start.response_type).toBe('in_channel');
    expect(JSON.stringify(start.blocks)).toContain('1 question, 20 s each, free text, topic japan.');
    const question = await advanceUntilPosted(PAUSE_MS, 'Question 1/1');
    expect(question.blocks).toContain('Type your answer in the channel');
    const q = [...questions.values()].find((x) => question.params.text === `Question 1/1: ${escapeMrkdwn(oneLine(x.prompt))}`)!;
    expect(q).toBeDefined();

    // A wrong answer typed in the channel: only Alice is told (chatter that is not the answer does not make her a player).
    const wrong = next('chat.postEphemeral', 'is not it');
    await say('UALICE', 'xyzzy');
    expect((await wrong()).params).toMatchObject({ channel: 'C0001', user: 'UALICE' });

    // The right answer typed in the question's thread wins it.
    const told = next('chat.postEphemeral', 'Bob got it');
    const reveal = next('chat.postMessage', '*Answer 1:*');
    await say('UBOB', q.answer, String(question.params.ts));
    expect((await told()).params).toMatchObject({ user: 'UBOB', thread_ts: String(question.params.ts) });
    const shown = (await reveal()).blocks;
    expect(shown).toMatch(/:trophy: Bob \+\d+ points/);
    expect(shown).toContain('`us-japan-defense-2025.md`');

    const end = await advanceUntilPosted(PAUSE_MS, 'Quiz finished.');
    expect(end.blocks).toMatch(/1\. Bob — \d+ points, 1 correct/);
    expect(end.blocks).not.toContain('Alice');

    const board = JSON.stringify((await quiz('leaderboard', 'UALICE')).blocks);
    expect(board).toMatch(/Bob — \d+ points · 1 wins · \d+ games/);
  });

  it('explains how to play on /quiz help and a bare /quiz, only to the asker', async () => {
    for (const text of ['help', '']) {
      const help = await quiz(text, 'UBOB');
      expect(help.response_type).toBe('ephemeral');
      expect(help.text).toContain('/quiz start');
      expect(help.text).toContain('/quiz join');
    }
    expect(await quiz('hint', 'UBOB')).toMatchObject({
      response_type: 'ephemeral',
      text: 'No quiz is running in this channel; start one with `/quiz start`.',
    });
  });

  it('on shutdown, ends a running quiz with its scores after the front end stopped taking requests', async () => {
    await quiz('start 3 10 text', 'UALICE');
    await advanceUntilPosted(PAUSE_MS, 'Question 1/3');
    const stopped = next('chat.postMessage', 'Quiz stopped.');
    // What `citebot start` does on SIGINT/SIGTERM: stop the front ends, then close the core.
    await h.slack.stop();
    await citebot.bot.shutdown();
    expect((await stopped()).params.channel).toBe('C0001');
  });
});
