/**
 * Faults and hostile input through the real discord.js against the fake Discord: gateway payloads
 * discord.js cannot build, presses by bots and on foreign buttons, a fatal close after start-up,
 * reconnects, and the cache bounds. vitest fails the run on any uncaught error, so "no crash" is checked.
 */
import { GatewayCloseCodes } from 'discord.js';
import { afterEach, describe, expect, test } from 'vitest';
import type { DiscordStartError } from '../../src/adapters/discord/login.js';
import { CACHE_LIMITS } from '../../src/adapters/discord/start.js';
import { callback, startHarness, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** `/ask` from a fresh user is still answered: the client kept serving. */
async function stillAnswers(harness: Harness): Promise<void> {
  const { body } = await callback(harness.fake, harness.fake.slash(harness.fake.user('Zed'), 'ask', { options: { question: 'Who?' } }).id);
  expect(body.data.embeds[0].title).toBe('Gen Nakatani');
}

describe('malformed gateway payloads', () => {
  test('an INTERACTION_CREATE without member and user, without data, or a button without message is dropped with a warning', async () => {
    h = await startHarness();
    const base = {
      application_id: h.fake.appId,
      token: 'tok',
      version: 1,
      locale: 'en-US',
      app_permissions: '0',
      entitlements: [],
      authorizing_integration_owners: {},
    };
    const alice = h.fake.user('Alice');
    const member = { user: alice, roles: [], permissions: '0', joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 };
    const where = { guild_id: h.fake.guildId, channel_id: h.fake.channelId, context: 0 };
    h.fake.dispatch('INTERACTION_CREATE', {
      ...base,
      ...where,
      id: h.fake.id(),
      type: 2,
      data: { id: h.fake.id(), name: 'ask', type: 1, options: [] },
    }); // no member, no user
    h.fake.dispatch('INTERACTION_CREATE', { ...base, ...where, id: h.fake.id(), type: 2, member }); // no data
    h.fake.dispatch('INTERACTION_CREATE', {
      ...base,
      ...where,
      id: h.fake.id(),
      type: 3,
      member,
      data: { custom_id: 'citebot.more:1', component_type: 2 },
    }); // no message
    await stillAnswers(h);
    const dropped = h.logger.lines.filter((l) => l.msg === 'malformed gateway payload dropped');
    expect(dropped.length).toBeGreaterThanOrEqual(2);
    expect(dropped.every((l) => (l.obj as { event?: string }).event === 'INTERACTION_CREATE')).toBe(true);
  });
});

describe('presses that are not for the bot', () => {
  test('a button pressed by a bot, and a button with a foreign custom_id, are ignored with a debug log', async () => {
    h = await startHarness();
    const robot = h.fake.user('Robot', { bot: true });
    const alice = h.fake.user('Alice');
    const mark = h.fake.requests.mark();
    h.fake.button(robot, 'citebot.vote-up:abc');
    h.fake.button(alice, 'someone-elses-button:42');
    await stillAnswers(h);
    const sent = h.fake.requests.items.slice(mark).filter((r) => r.path.includes('/callback'));
    expect(sent).toHaveLength(1); // the /ask only
    const debug = h.logger.lines.filter((l) => l.level === 'debug').map((l) => l.msg);
    expect(debug).toEqual(expect.arrayContaining(['interaction by a bot ignored', 'interaction not ours; ignored']));
  });
});

describe('gateway closes', () => {
  test('a 4004 close after start-up (a reset token) is reported as fatal with a clear message', async () => {
    const fatal: DiscordStartError[] = [];
    h = await startHarness({ onFatal: (err) => void fatal.push(err) });
    h.fake.closeGateway(GatewayCloseCodes.AuthenticationFailed);
    await h.fake.closes.waitFor((code) => code === GatewayCloseCodes.AuthenticationFailed);
    await expect.poll(() => fatal.length).toBe(1);
    expect(fatal[0]!.code).toBe('discord.token-rejected');
    expect(fatal[0]!.message).toMatch(/DISCORD_TOKEN/);
  });

  test('a 4014 close after start-up (the intent turned off) is reported as fatal', async () => {
    const fatal: DiscordStartError[] = [];
    h = await startHarness({ onFatal: (err) => void fatal.push(err) });
    h.fake.closeGateway(GatewayCloseCodes.DisallowedIntents);
    await expect.poll(() => fatal.map((f) => f.code)).toEqual(['discord.intents-disallowed']);
  });

  test('a reconnect is logged with its close code', async () => {
    h = await startHarness();
    h.fake.closeGateway(GatewayCloseCodes.UnknownError);
    await expect
      .poll(() => h!.logger.lines.find((l) => l.msg === 'gateway reconnecting')?.obj)
      .toMatchObject({ code: GatewayCloseCodes.UnknownError });
    await expect.poll(() => h!.logger.lines.some((l) => l.msg === 'gateway resumed')).toBe(true);
    await stillAnswers(h);
  });
});

describe('memory', () => {
  test('the user and member caches stay bounded however many distinct users ask', async () => {
    h = await startHarness();
    const n = CACHE_LIMITS.users + 200;
    const last: { id: string }[] = [];
    for (let k = 0; k < n; k++) last.push(h.fake.slash(h.fake.user(`U${k}`), 'ask', { options: { question: 'Who?' } }));
    const lastId = last.at(-1)!.id;
    await h.fake.requests.waitFor((r) => r.path.startsWith(`/interactions/${lastId}/`), { timeoutMs: 25_000, what: 'the last answer' });
    expect(h.discord.client.users.cache.size).toBeLessThanOrEqual(CACHE_LIMITS.users);
    expect(h.discord.client.guilds.cache.first()!.members.cache.size).toBeLessThanOrEqual(CACHE_LIMITS.members);
  }, 30_000);
});
