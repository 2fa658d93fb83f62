/**
 * Whole quizzes on the real core (`createCitebot` on the bundled knowledge, the real quiz
 * controller, a manual clock) through real discord.js and the fake Discord, with two players on
 * two teams: multiple choice by buttons, free text typed in the channel, and `/quiz answer`.
 */
import { MessageFlags } from 'discord.js';
import { afterEach, describe, expect, test } from 'vitest';
import { escape, LIMITS, truncate } from '../../src/adapters/discord/render.js';
import { buildBank } from '../../src/core/quiz/bank.js';
import type { Question } from '../../src/core/quiz/question-model.js';
import type { FakeUser } from '../fakes/discord/server.js';
import { callback, channelMessage, firstReply, startOnCore, type Json } from './harness.js';

/** The controller's pause before each question and before the end. */
const PAUSE_MS = 5000;
const FILE = 'us-japan-defense-2025.md';

let h: Awaited<ReturnType<typeof startOnCore>> | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Starts the adapter on the real core, with helpers to play. */
async function play(opts: { messageContent?: boolean } = {}) {
  const core = (h = await startOnCore(opts));
  const bank = new Map<string, Question>(buildBank(core.citebot.knowledge).questions.map((q) => [q.id, q]));
  const quiz = (user: FakeUser, sub: string, options: Record<string, string | number | boolean> = {}) =>
    firstReply(core.fake, core.fake.slash(user, 'quiz', { sub, options }));
  const press = async (user: FakeUser, customId: string) => (await callback(core.fake, core.fake.button(user, customId).id)).body;
  /** Advances the clock and waits for the channel message it causes whose first embed's title starts with `title`. */
  const advanceUntilPosted = async (ms: number, title: string) => {
    const mark = core.fake.requests.mark();
    core.clock.advance(ms);
    return (await channelMessage(core.fake, core.fake.channelId, mark, (b) => String(b.embeds?.[0]?.title ?? '').startsWith(title))).body;
  };
  /** The next channel message whose first embed's title starts with `title`, from now on. */
  const next = (title: string) => {
    const mark = core.fake.requests.mark();
    return async () =>
      (await channelMessage(core.fake, core.fake.channelId, mark, (b) => String(b.embeds?.[0]?.title ?? '').startsWith(title))).body;
  };
  /** The reaction the bot put on message `id`. */
  const reaction = async (id: string) =>
    (
      await core.fake.requests.waitFor((r) => r.method === 'PUT' && r.path.includes(`/messages/${id}/reactions/`), {
        what: `a reaction on ${id}`,
      })
    ).path;
  return { core, bank, quiz, press, advanceUntilPosted, next, reaction, alice: core.fake.user('Alice'), bob: core.fake.user('Bob') };
}

/** Checks a reveal: the answer, the winner line, the quoted source and its citation. */
function expectReveal(body: Json, number: number, q: Question, winner: RegExp | string) {
  const embed = body.embeds[0];
  expect(embed.title).toBe(truncate(`Answer ${number}: ${escape(q.answer)}`, LIMITS.title));
  expect(embed.description).toMatch(typeof winner === 'string' ? new RegExp(`^${winner}`) : winner);
  expect(embed.description).toContain('\n\n> ');
  expect(embed.fields[0]).toMatchObject({ name: 'Source', value: expect.stringContaining(FILE) });
  expect(body.allowed_mentions).toEqual({ parse: [] });
}

describe('a quiz on the real core', () => {
  test('multiple choice in teams, by buttons: private acknowledgements, the reveal with its source, the team tables at the end', async () => {
    const { core, bank, quiz, press, advanceUntilPosted, next, alice, bob } = await play();
    // Some questions have no wrong choices and are asked as free text even in a multiple-choice
    // quiz: start again until the first question has buttons.
    let first: Json | undefined;
    for (let attempt = 0; attempt < 30 && !first; attempt++) {
      const start = await quiz(alice, 'start', { questions: 2, seconds: 10, mode: 'mc', teams: 'Red,Blue' });
      expect(start.deferred).toBe(true); // /quiz start is deferred before the question bank is built
      expect(start.data.flags ?? 0).toBe(0);
      expect(start.data.embeds[0]).toMatchObject({ title: 'Quiz starting', footer: { text: 'Started by Alice' } });
      expect(start.data.embeds[0].fields).toContainEqual({ name: 'Teams', value: 'Red, Blue' });
      const question = await advanceUntilPosted(PAUSE_MS, 'Question 1/2');
      if ((question.components ?? []).length > 0) first = question;
      else expect((await quiz(alice, 'stop')).data.embeds[0].title).toBe('Quiz stopped');
    }
    expect(first).toBeDefined();
    expect((await quiz(alice, 'join', { team: 'Red' })).data.content).toBe('**Alice** joined team **Red**.');
    expect((await quiz(bob, 'join', { team: 'blue' })).data.content).toBe('**Bob** joined team **Blue**.');

    // Question 1: Bob picks a wrong choice, Alice the right one; each is told privately.
    const buttons = first!.components[0].components as Json[];
    const ids = buttons.map((b) => String(b.custom_id));
    const q1 = bank.get(ids[0]!.split(':').slice(1, -1).join(':'))!;
    expect(q1).toBeDefined();
    const right = buttons.find((b) => b.label === truncate(`${String(b.label).slice(0, 2)} ${q1.answer}`, LIMITS.buttonLabel))!;
    const wrong = buttons.find((b) => b !== right)!;
    expect(await press(bob, wrong.custom_id)).toMatchObject({
      type: 4,
      data: { content: expect.stringMatching(/^Your answer \*\*[A-D]\*\* is in\. ❌ Not right\.$/), flags: MessageFlags.Ephemeral },
    });
    const reveal1 = next('Answer 1:');
    expect(await press(alice, right.custom_id)).toMatchObject({
      type: 4,
      data: { content: expect.stringMatching(/^Your answer \*\*[A-D]\*\* is in\. ✅ Right!$/), flags: MessageFlags.Ephemeral },
    });
    expectReveal(await reveal1(), 1, q1, /^🏆 \*\*Alice\*\* \(Red\) \+\d+ points/);
    // A press after the question closed is refused privately.
    expect(await press(bob, right.custom_id)).toMatchObject({
      data: { content: 'That question is closed.', flags: MessageFlags.Ephemeral },
    });

    // Question 2: nobody answers; time runs out and the answer is still shown with its source.
    await advanceUntilPosted(PAUSE_MS, 'Question 2/2');
    const q2Reveal = await advanceUntilPosted(10_000, 'Answer 2:');
    expect(q2Reveal.embeds[0].description).toMatch(/^⏱️ Time is up\./);
    expect(q2Reveal.embeds[0].fields[0].value).toContain(FILE);

    // The end: the winning team, the team and player tables.
    const end = (await advanceUntilPosted(PAUSE_MS, 'Quiz finished')).embeds[0];
    expect(end.description).toBe('Winner: **Red**');
    const [teams, players] = end.fields as Json[];
    expect(teams.name).toBe('Teams');
    expect(teams.value).toMatch(/^\*\*Red\*\* — [1-9]\d* \(Alice\)\n\*\*Blue\*\* — 0 \(Bob\)$/);
    expect(players.value).toMatch(/^Alice \(Red\) — [1-9]\d* · 1 correct\nBob \(Blue\) — 0 · 0 correct$/);
    expect(core.clock.pending).toBe(0);
  });

  test('free text with the message-content intent, by answers typed in the channel; then the leaderboard', async () => {
    const { core, bank, quiz, advanceUntilPosted, next, reaction, alice, bob } = await play({ messageContent: true });
    await quiz(bob, 'start', { questions: 1, seconds: 20, mode: 'text', teams: 'Red,Blue', topic: 'japan' });
    await quiz(alice, 'join', { team: 'Red' });
    await quiz(bob, 'join', { team: 'Blue' });
    const question = (await advanceUntilPosted(PAUSE_MS, 'Question 1/1')).embeds[0];
    expect(question.footer.text).toMatch(/^Type your answer in the channel \(or use \/quiz answer\)\. 20 s/);
    const q = [...bank.values()].find((x) => question.description === truncate(escape(x.prompt), LIMITS.description))!;
    expect(q).toBeDefined();

    // A wrong answer: only a ❌ on Alice's message, nothing posted.
    const mark = core.fake.requests.mark();
    const wrong = core.fake.message(alice, 'xyzzy');
    expect(await reaction(wrong.id)).toContain('/reactions/❌/@me');
    expect(core.fake.requests.items.slice(mark).filter((r) => r.method === 'POST')).toEqual([]);

    // The right answer wins the question: a ✅ on Bob's message and the reveal.
    const revealed = next('Answer 1:');
    const right = core.fake.message(bob, q.answer);
    expect(await reaction(right.id)).toContain('/reactions/✅/@me');
    expectReveal(await revealed(), 1, q, /^🏆 \*\*Bob\*\* \(Blue\) \+\d+ points/);

    const end = (await advanceUntilPosted(PAUSE_MS, 'Quiz finished')).embeds[0];
    expect(end.description).toBe('Winner: **Blue**');
    expect(end.fields[0].value).toMatch(/^\*\*Blue\*\* — [1-9]\d* \(Bob\)\n\*\*Red\*\* — 0 \(Alice\)$/);

    const board = (await quiz(alice, 'leaderboard')).data.embeds[0];
    expect(board.title).toBe('Leaderboard');
    expect(board.description).toMatch(
      /^1\. \*\*Bob\*\* — [1-9]\d* points · 1 win · 1 game\n2\. \*\*Alice\*\* — 0 points · 0 wins · 1 game$/,
    );
  });

  test('free text without the intent, by /quiz answer: acknowledged privately, then revealed', async () => {
    const { bank, quiz, advanceUntilPosted, next, alice } = await play({ messageContent: false });
    await quiz(alice, 'start', { questions: 1, seconds: 20, mode: 'text' });
    const question = (await advanceUntilPosted(PAUSE_MS, 'Question 1/1')).embeds[0];
    expect(question.footer.text).toMatch(/^Answer with \/quiz answer\. 20 s/);
    const q = [...bank.values()].find((x) => question.description === truncate(escape(x.prompt), LIMITS.description))!;

    expect((await quiz(alice, 'answer', { text: 'xyzzy' })).data).toMatchObject({
      content: '❌ Not quite: xyzzy',
      flags: MessageFlags.Ephemeral,
    });
    const revealed = next('Answer 1:');
    expect((await quiz(alice, 'answer', { text: q.answer })).data).toMatchObject({
      content: `✅ **Alice** got it: ${escape(q.answer)}`,
      flags: MessageFlags.Ephemeral,
    });
    expectReveal(await revealed(), 1, q, /^🏆 \*\*Alice\*\* \+\d+ points/);
  });

  test('topics autocomplete from the knowledge; stopping the bot mid-quiz posts the end and keeps the points won', async () => {
    const { core, bank, quiz, advanceUntilPosted, next, alice } = await play();
    const typed = await callback(core.fake, core.fake.autocomplete(alice, 'quiz', 'start', { name: 'topic', value: 'JAP' }).id);
    expect(typed.body.data.choices).toEqual(
      expect.arrayContaining([
        { name: FILE, value: FILE },
        { name: 'japan', value: 'japan' },
      ]),
    );

    await quiz(alice, 'start', { questions: 3, seconds: 20, mode: 'text' });
    const question = (await advanceUntilPosted(PAUSE_MS, 'Question 1/3')).embeds[0];
    const q = [...bank.values()].find((x) => question.description === truncate(escape(x.prompt), LIMITS.description))!;
    const revealed = next('Answer 1:');
    await quiz(alice, 'answer', { text: q.answer });
    await revealed();

    // As on SIGTERM (`citebot start`): the front end stops; the channel sees the quiz end with the scores.
    const ended = next('Quiz stopped');
    await core.discord.stop();
    const end = (await ended()).embeds[0];
    expect(end.description).toBe('Winner: **Alice**');
    expect(end.fields).toContainEqual({ name: 'Players', value: expect.stringMatching(/^Alice — [1-9]\d* · 1 correct$/) });
    expect(core.discord.client.isReady()).toBe(false);
    const [entry] = core.citebot.store.leaderboard(`discord:${core.fake.guildId}`);
    expect(entry).toMatchObject({ playerId: alice.id, name: 'Alice', games: 1 });
    expect(entry!.score).toBeGreaterThan(0);
  });
});
