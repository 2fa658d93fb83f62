import { afterEach, describe, expect, test } from 'vitest';
import { boldHighlights, citationText, escape } from '../../src/adapters/discord/render.js';
import { encodeActionId } from '../../src/core/bot/action-id.js';
import { ACTIONS } from '../../src/core/bot/types.js';
import { callback, startOnCore, type Harness, type Json } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('/ask on the bundled knowledge', () => {
  test('renders the answer the core gives: bold matches, short answer, citation, buttons; More sources works', async () => {
    const core = (h = await startOnCore());
    const question = 'How many U.S. troops are in Japan?';
    const expected = core.citebot.engine.answer(question);
    const top = expected.snippets[0]!;
    const alice = h.fake.user('Alice');
    const { body } = await callback(h.fake, h.fake.slash(alice, 'ask', { options: { question } }).id);
    const embed = body.data.embeds[0];
    expect(embed.description).toBe(boldHighlights(top.text, top.highlights));
    expect(embed.description).toMatch(/\*\*[^*]+\*\*/);
    if (expected.answer) expect(embed.title).toBe(escape(expected.answer));
    expect(embed.fields[0].value).toBe(citationText(top.citation));
    expect(embed.fields[0].value).toContain('us-japan-defense-2025.md');

    const buttons = body.data.components[0].components as Json[];
    const ids = buttons.map((b) => String(b.custom_id ?? b.url));
    expect(ids).toEqual(
      expect.arrayContaining([
        expect.stringMatching(`^${encodeActionId(ACTIONS.voteUp, '')}`),
        expect.stringMatching(`^${encodeActionId(ACTIONS.voteDown, '')}`),
      ]),
    );
    const more = ids.find((id) => id.startsWith(encodeActionId(ACTIONS.moreSources, '')));
    expect(more !== undefined).toBe(expected.snippets.length > 1);
    if (more) {
      const sources = await callback(h.fake, h.fake.button(alice, more).id);
      expect(sources.body.data.embeds[0].fields).toHaveLength(expected.snippets.length);
    }
  });

  test('answers a follow-up in the same channel in the context of the question before it, per person', async () => {
    h = await startOnCore();
    const alice = h.fake.user('Alice');
    const ask = async (who: typeof alice, question: string) =>
      (await callback(h!.fake, h!.fake.slash(who, 'ask', { options: { question } }).id)).body.data.embeds[0];
    await ask(alice, 'Who did Hegseth meet in Tokyo?');
    const followUp = await ask(alice, 'and when was that?');
    expect(followUp.description).toContain('late-March 2025');
    expect(followUp.footer.text).toContain('Following on from your earlier question (“hegseth”, “meet”, “tokyo”)');
    // Someone else in the channel has no conversation yet.
    expect((await ask(h.fake.user('Bob'), 'and when was that?')).title).toBe("I don't know");
  });

  test('says it does not know when the knowledge does not answer', async () => {
    h = await startOnCore();
    const { body } = await callback(
      h.fake,
      h.fake.slash(h.fake.user('Alice'), 'ask', { options: { question: 'What is the best pizza topping in Naples?' } }).id,
    );
    expect(body.data.embeds[0].title).toBe("I don't know");
    expect(body.data.embeds[0].description.length).toBeGreaterThan(0);
  });
});
