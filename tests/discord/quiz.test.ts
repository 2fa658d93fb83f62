import { MessageFlags } from 'discord.js';
import { afterEach, describe, expect, test } from 'vitest';
import { Bot } from '../../src/core/bot/bot.js';
import { encodeActionId } from '../../src/core/bot/action-id.js';
import { ACTIONS } from '../../src/core/bot/types.js';
import type { QuizMode } from '../../src/core/quiz/events.js';
import { fixedAnswerer, quizDouble } from './doubles.js';
import { callback, channelMessage, firstReply, startHarness, type Harness, type Json } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const ANSWER = '2027';
const CHOICES = ['2027', '2030', '2035'];

/**
 * A one-question quiz: `start` announces the session and posts the question (as the real
 * controller's timers do); typed and `/quiz answer` answers and choice presses are acknowledged
 * privately. `heard` keeps every answer that reached it.
 */
function oneQuestionQuiz(mode: QuizMode) {
  const heard: string[] = [];
  const chosen = new Set<string>();
  const answer = (text: string, user: { id: string; name: string }) =>
    ({
      type: 'quiz',
      visibility: 'private',
      event: { type: 'answer', number: 1, player: user.name, playerId: user.id, text, correct: text === ANSWER },
    }) as const;
  const quiz = quizDouble({
    async command(sub, options, _place, user, io) {
      if (sub === 'start') {
        const settings = { count: 1, seconds: 30, mode, teams: ['Red', 'Blue'], hints: false, topic: null, seed: null };
        await io.reply({
          type: 'quiz',
          visibility: 'public',
          event: { type: 'start', sessionId: 's1', starter: user.name, settings, rules: ['First right answer scores.'] },
        });
        const choices = mode === 'mc' ? CHOICES : null;
        const prompt = 'By which year will Japan double its defense spending?';
        await io.post({
          type: 'quiz',
          visibility: 'public',
          event: {
            type: 'question',
            sessionId: 's1',
            questionId: 'q1',
            number: 1,
            total: 1,
            prompt,
            choices,
            kind: 'date',
            seconds: 30,
            points: 10,
          },
        });
      } else if (sub === 'answer') {
        heard.push(String(options.text));
        await io.reply(answer(String(options.text), user));
      }
    },
    async message(text, _place, user, io) {
      heard.push(text);
      await io.reply(answer(text, user));
      return true;
    },
    async choose(value, _place, user, io) {
      const choice = Number(value.split(':')[1]);
      const accepted = !chosen.has(user.id);
      chosen.add(user.id);
      await io.reply({
        type: 'quiz',
        visibility: 'private',
        event: { type: 'choice', number: 1, player: user.name, playerId: user.id, choice, accepted, correct: CHOICES[choice] === ANSWER },
      });
    },
  });
  return { quiz, heard };
}

describe('free-text answers', () => {
  test('without the message-content intent, the question says to use /quiz answer, which reaches the quiz and is acknowledged privately', async () => {
    const { quiz, heard } = oneQuestionQuiz('text');
    h = await startHarness({ messageContent: false, bot: (clock) => new Bot(fixedAnswerer, { clock, quiz }) });
    const alice = h.fake.user('Alice');
    const mark = h.fake.requests.mark();
    const start = await firstReply(h.fake, h.fake.slash(alice, 'quiz', { sub: 'start', options: { mode: 'text' } }));
    expect(start.data.embeds[0].fields).toContainEqual({ name: 'Mode', value: 'free text (answer with /quiz answer)' });
    const question = await channelMessage(h.fake, h.fake.channelId, mark);
    expect(question.body.embeds[0].footer.text).toBe('Answer with /quiz answer. 30 s · 10 points');
    expect(question.body.allowed_mentions).toEqual({ parse: [] });
    expect(question.body.components ?? []).toEqual([]);

    h.fake.message(alice, ANSWER); // not readable without the intent
    const { body } = await callback(h.fake, h.fake.slash(alice, 'quiz', { sub: 'answer', options: { text: ANSWER } }).id);
    expect(body.data).toMatchObject({ content: `✅ **Alice** got it: ${ANSWER}`, flags: MessageFlags.Ephemeral });
    expect(heard).toEqual([ANSWER]);
  });

  test('with the intent, answers typed in the channel reach the quiz; a wrong one gets a ❌ reaction, not a post', async () => {
    const { quiz, heard } = oneQuestionQuiz('text');
    h = await startHarness({ messageContent: true, bot: (clock) => new Bot(fixedAnswerer, { clock, quiz }) });
    const alice = h.fake.user('Alice');
    const mark = h.fake.requests.mark();
    await firstReply(h.fake, h.fake.slash(alice, 'quiz', { sub: 'start', options: { mode: 'text' } }));
    const question = await channelMessage(h.fake, h.fake.channelId, mark);
    expect(question.body.embeds[0].footer.text).toBe('Type your answer in the channel (or use /quiz answer). 30 s · 10 points');

    const typed = h.fake.requests.mark();
    const m = h.fake.message(alice, '2030');
    const reaction = await h.fake.requests.waitFor((r) => r.method === 'PUT' && r.path.includes(`/messages/${m.id}/reactions/`), {
      after: typed,
    });
    expect(reaction.path).toContain('/reactions/❌/@me');
    expect(heard).toEqual(['2030']);
    expect(h.fake.requests.items.slice(typed).filter((r) => r.method === 'POST')).toEqual([]);
  });
});

describe('multiple choice', () => {
  test('one button per choice; each press is acknowledged privately, one answer per player', async () => {
    const { quiz } = oneQuestionQuiz('mc');
    h = await startHarness({ bot: (clock) => new Bot(fixedAnswerer, { clock, quiz }) });
    const alice = h.fake.user('Alice');
    const bob = h.fake.user('Bob');
    const mark = h.fake.requests.mark();
    await firstReply(h.fake, h.fake.slash(alice, 'quiz', { sub: 'start' }));
    const question = await channelMessage(h.fake, h.fake.channelId, mark);
    const ids = (question.body.components[0].components as Json[]).map((b) => b.custom_id);
    expect(ids).toEqual([0, 1, 2].map((i) => encodeActionId(ACTIONS.quizChoice, `q1:${i}`)));

    const press = async (user: typeof alice, index: number) => (await callback(h!.fake, h!.fake.button(user, ids[index]).id)).body;
    expect(await press(alice, 0)).toMatchObject({
      type: 4,
      data: { content: 'Your answer **A** is in. ✅ Right!', flags: MessageFlags.Ephemeral },
    });
    expect(await press(alice, 1)).toMatchObject({
      type: 4,
      data: { content: expect.stringMatching(/^That answer was not taken/), flags: MessageFlags.Ephemeral },
    });
    expect(await press(bob, 2)).toMatchObject({
      type: 4,
      data: { content: 'Your answer **C** is in. ❌ Not right.', flags: MessageFlags.Ephemeral },
    });
  });
});
