import { MessageFlags } from 'discord.js';
import { afterEach, describe, expect, test } from 'vitest';
import { Bot } from '../../src/core/bot/bot.js';
import type { Vote } from '../../src/core/bot/ports.js';
import { encodeActionId } from '../../src/core/bot/action-id.js';
import { ACTIONS } from '../../src/core/bot/types.js';
import { fixedAnswerer, quizDouble } from './doubles.js';
import { callback, startHarness, type Harness, type Json } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The answer id the answer's buttons carry. */
function answerIdOf(data: Json): string {
  const prefix = encodeActionId(ACTIONS.moreSources, '');
  const more = (data.components[0].components as Json[]).find((c) => String(c.custom_id).startsWith(prefix));
  return String(more.custom_id).slice(prefix.length);
}

describe('/ask', () => {
  test('answers with an embed: bold matches, the short answer, the citation, and its buttons', async () => {
    h = await startHarness();
    const i = h.fake.slash(h.fake.user('Alice'), 'ask', { options: { question: 'Who did Hegseth meet in Tokyo?' } });
    const { body } = await callback(h.fake, i.id);
    expect(body.type).toBe(4);
    expect(body.data.flags ?? 0).toBe(0);
    expect(body.data.allowed_mentions).toEqual({ parse: [] });
    const embed = body.data.embeds[0];
    expect(embed.title).toBe('Gen Nakatani');
    expect(embed.description).toBe('Hegseth met **\\*Gen Nakatani\\*** in **Tokyo** on 30 March.');
    expect(embed.fields).toEqual([{ name: 'Source', value: '**US–Japan talks**\ndefense/japan.md · Tokyo › Meetings · lines 12–13' }]);
    expect(embed.footer.text).toMatch(
      /^Asked: Who did Hegseth meet in Tokyo\? · This passage (very likely|likely|possibly) answers your question\.$/,
    );
    const buttons = body.data.components[0].components as Json[];
    const id = answerIdOf(body.data);
    expect(buttons.map((b) => b.custom_id ?? b.url)).toEqual([
      encodeActionId(ACTIONS.moreSources, id),
      encodeActionId(ACTIONS.voteUp, id),
      encodeActionId(ACTIONS.voteDown, id),
      'https://example.org/japan',
    ]);
  });

  test('private:true answers only to the asker (ephemeral)', async () => {
    h = await startHarness();
    const i = h.fake.slash(h.fake.user('Alice'), 'ask', { options: { question: 'Who did Hegseth meet?', private: true } });
    const { body } = await callback(h.fake, i.id);
    expect(body.data.flags).toBe(MessageFlags.Ephemeral);
    expect(body.data.embeds[0].title).toBe('Gen Nakatani');
  });

  test('says it does not know, and why', async () => {
    h = await startHarness();
    const i = h.fake.slash(h.fake.user('Alice'), 'ask', { options: { question: 'Something unknown?' } });
    const { body } = await callback(h.fake, i.id);
    expect(body.data.embeds[0].title).toBe("I don't know");
    expect(body.data.embeds[0].description).toBe('Nothing in the knowledge matches "unknown".');
    expect(body.data.components ?? []).toEqual([]);
  });

  test('More sources shows the supporting snippets to the presser only', async () => {
    h = await startHarness();
    const alice = h.fake.user('Alice');
    const ask = await callback(h.fake, h.fake.slash(alice, 'ask', { options: { question: 'Who did Hegseth meet?' } }).id);
    const press = h.fake.button(alice, encodeActionId(ACTIONS.moreSources, answerIdOf(ask.body.data)));
    const { body } = await callback(h.fake, press.id);
    expect(body.type).toBe(4);
    expect(body.data.flags).toBe(MessageFlags.Ephemeral);
    const embed = body.data.embeds[0];
    expect(embed.title).toBe('Sources');
    expect(embed.fields.map((f: Json) => f.name)).toEqual(['1. US–Japan talks — Tokyo › Meetings', '2. US–Japan talks — paragraph 4']);
    expect(embed.fields[1].value).toBe('The ministers agreed to upgrade the command.\n— defense/japan.md');
  });

  test('👍/👎 store the vote with the question and passage, and thank the voter privately', async () => {
    const votes: { answerId: string; vote: Vote }[] = [];
    h = await startHarness({
      bot: (clock) => new Bot(fixedAnswerer, { clock, feedback: { recordVote: (answerId, vote) => void votes.push({ answerId, vote }) } }),
    });
    const alice = h.fake.user('Alice');
    const ask = await callback(h.fake, h.fake.slash(alice, 'ask', { options: { question: 'Who did Hegseth meet?' } }).id);
    const answerId = answerIdOf(ask.body.data);
    const { body } = await callback(h.fake, h.fake.button(alice, encodeActionId(ACTIONS.voteDown, answerId)).id);
    expect(body.data.flags).toBe(MessageFlags.Ephemeral);
    expect(body.data.content).toContain('👎');
    expect(votes).toEqual([
      {
        answerId,
        vote: expect.objectContaining({
          platform: 'discord',
          workspace: h.fake.guildId,
          userId: alice.id,
          question: 'Who did Hegseth meet?',
          passageId: 'defense/japan.md#p3s0',
          vote: -1,
        }),
      },
    ]);
  });

  test('buttons that are not the bot’s are ignored', async () => {
    h = await startHarness();
    const mark = h.fake.requests.mark();
    h.fake.button(h.fake.user('Alice'), 'someone-else:42');
    const alice = h.fake.user('Alice');
    const next = h.fake.slash(alice, 'ask', { options: { question: 'Who?' } });
    await callback(h.fake, next.id);
    expect(h.fake.requests.items.slice(mark).filter((r) => !r.path.includes(`/interactions/${next.id}/`))).toEqual([]);
  });
});

describe('quiz topic autocomplete', () => {
  test('offers the knowledge files and tags containing what was typed', async () => {
    const topics = ['defense/japan.md', 'defense/korea.md', 'budget', 'japan'];
    const quiz = quizDouble({ topics: () => topics });
    h = await startHarness({ bot: (clock) => new Bot(fixedAnswerer, { clock, quiz }) });
    const i = h.fake.autocomplete(h.fake.user('Alice'), 'quiz', 'start', { name: 'topic', value: 'JAP' });
    const { body } = await callback(h.fake, i.id);
    expect(body).toEqual({
      type: 8,
      data: {
        choices: [
          { name: 'defense/japan.md', value: 'defense/japan.md' },
          { name: 'japan', value: 'japan' },
        ],
      },
    });
  });
});
