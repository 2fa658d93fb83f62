import { afterEach, describe, expect, test, vi } from 'vitest';
import { Bot } from '../../src/core/bot/bot.js';
import type { QuizController } from '../../src/core/bot/ports.js';
import { fixedAnswerer, quizDouble } from './doubles.js';
import { callback, channelMessage, startHarness, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** A quiz that only records the channel chatter it is offered. */
function chatterQuiz(heard: string[]): QuizController {
  return quizDouble({ message: async (text) => (heard.push(text), false) });
}

describe('messages', () => {
  test('a mention is a question: answered in a reply that pings nobody, the mention stripped', async () => {
    h = await startHarness();
    const mark = h.fake.requests.mark();
    const m = h.fake.message(h.fake.user('Bob'), 'who did Hegseth meet?', { mention: true });
    const { body } = await channelMessage(h.fake, h.fake.channelId, mark);
    expect(body.message_reference).toMatchObject({ message_id: m.id, fail_if_not_exists: false });
    expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(body.embeds[0].footer.text).toBe('Asked: who did Hegseth meet? · This passage likely answers your question.');
  });

  test('a mention with no question gets a ❓ reaction, not a public usage note', async () => {
    h = await startHarness();
    const mark = h.fake.requests.mark();
    const m = h.fake.message(h.fake.user('Bob'), '', { mention: true });
    const reaction = await h.fake.requests.waitFor((r) => r.method === 'PUT' && r.path.includes('/reactions/'), { after: mark });
    expect(reaction.path).toBe(`/channels/${h.fake.channelId}/messages/${m.id}/reactions/❓/@me`);
    expect(h.fake.requests.items.slice(mark).filter((r) => r.method === 'POST')).toEqual([]);
  });

  test('a direct message is a question, answered in the DM', async () => {
    h = await startHarness();
    const mark = h.fake.requests.mark();
    const m = h.fake.message(h.fake.user('Bob'), 'who did Hegseth meet?', { dm: true });
    const { body } = await channelMessage(h.fake, m.channelId, mark);
    expect(body.embeds[0].title).toBe('Gen Nakatani');
  });

  test('never answers other bots or itself, even when they mention it', async () => {
    const heard: string[] = [];
    h = await startHarness({ messageContent: true, bot: (clock) => new Bot(fixedAnswerer, { clock, quiz: chatterQuiz(heard) }) });
    const mark = h.fake.requests.mark();
    h.fake.message(h.fake.user('Robo', { bot: true }), 'who did Hegseth meet?', { mention: true });
    h.fake.message(h.fake.bot, 'who did Hegseth meet?', { mention: true });
    h.fake.message(h.fake.user('Bob'), 'Tokyo');
    // The human's chatter reaching the quiz shows the two earlier messages were processed (in order) and dropped.
    await vi.waitFor(() => expect(heard).toHaveLength(1), { timeout: 5000, interval: 5 });
    expect(heard).toEqual(['Tokyo']);
    expect(h.fake.requests.items.slice(mark)).toEqual([]);
  });

  test('without the message-content intent, channel chatter is not read; with it, it goes to the quiz silently', async () => {
    const heard: string[] = [];
    h = await startHarness({ messageContent: false, bot: (clock) => new Bot(fixedAnswerer, { clock, quiz: chatterQuiz(heard) }) });
    h.fake.message(h.fake.user('Bob'), 'Tokyo');
    const mark = h.fake.requests.mark();
    h.fake.message(h.fake.user('Bob'), 'who?', { mention: true });
    await channelMessage(h.fake, h.fake.channelId, mark);
    expect(heard).toEqual([]);
    await h.close();

    h = await startHarness({ messageContent: true, bot: (clock) => new Bot(fixedAnswerer, { clock, quiz: chatterQuiz(heard) }) });
    const quiet = h.fake.requests.mark();
    h.fake.message(h.fake.user('Bob'), 'Tokyo');
    const ask = h.fake.slash(h.fake.user('Bob'), 'ask', { options: { question: 'who?' } });
    await callback(h.fake, ask.id);
    expect(heard).toEqual(['Tokyo']);
    expect(h.fake.requests.items.slice(quiet).filter((r) => r.path.startsWith('/channels/'))).toEqual([]);
  });
});
