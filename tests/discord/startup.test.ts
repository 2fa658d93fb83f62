import { GatewayIntentBits, PermissionFlagsBits } from 'discord.js';
import { afterEach, describe, expect, test } from 'vitest';
import { inviteUrl, registerDiscordCommands, slashCommands } from '../../src/adapters/discord/commands.js';
import { startDiscord } from '../../src/adapters/discord/start.js';
import { Bot } from '../../src/core/bot/bot.js';
import { COMMANDS } from '../../src/core/bot/commands.js';
import { MESSAGE_COMMANDS } from '../../src/core/gaps/commands.js';
import { FakeDiscord } from '../fakes/discord/server.js';
import { fixedAnswerer, recordingLogger } from './doubles.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness | undefined;
let fake: FakeDiscord | undefined;
afterEach(async () => {
  await h?.close();
  await fake?.stop();
  h = fake = undefined;
});

describe('start-up', () => {
  test('logs in, becomes ready and asks only for non-privileged intents by default', async () => {
    h = await startHarness();
    expect(h.discord.client.isReady()).toBe(true);
    const identify = await h.fake.gateway.waitFor((op) => op.op === 2);
    expect(identify.d.token).toBe(h.fake.token);
    const intents = BigInt(identify.d.intents);
    expect(intents & BigInt(GatewayIntentBits.Guilds)).not.toBe(0n);
    expect(intents & BigInt(GatewayIntentBits.GuildMessages)).not.toBe(0n);
    expect(intents & BigInt(GatewayIntentBits.DirectMessages)).not.toBe(0n);
    expect(intents & BigInt(GatewayIntentBits.MessageContent)).toBe(0n);
  });

  test('asks for the message-content intent when it is granted', async () => {
    h = await startHarness({ messageContent: true });
    const identify = await h.fake.gateway.waitFor((op) => op.op === 2);
    expect(BigInt(identify.d.intents) & BigInt(GatewayIntentBits.MessageContent)).not.toBe(0n);
  });

  test('when the message-content intent is not enabled for the app, it warns and runs without it', async () => {
    h = await startHarness({ messageContent: true, fake: { messageContentAllowed: false } });
    expect(h.discord.client.isReady()).toBe(true);
    const identifies = h.fake.gateway.items
      .filter((op) => op.op === 2)
      .map((op) => BigInt(op.d.intents) & BigInt(GatewayIntentBits.MessageContent));
    expect(identifies).toEqual([BigInt(GatewayIntentBits.MessageContent), 0n]);
    expect(h.logger.lines.some((l) => l.level === 'warn' && /message-content intent is not enabled.*\/quiz answer/.test(l.msg ?? ''))).toBe(
      true,
    );
  });

  test('a rejected token stops start-up with a message saying so, without the token', async () => {
    fake = await FakeDiscord.start();
    const logger = recordingLogger();
    const failure = startDiscord({
      bot: new Bot(fixedAnswerer),
      config: { token: 'wrong-secret-token', appId: fake.appId, apiUrl: fake.apiUrl },
      logger,
    });
    await expect(failure).rejects.toThrow('Discord rejected the token (401) — check DISCORD_TOKEN');
    expect(fake.connections).toBe(0);
    expect(JSON.stringify(logger.lines)).not.toContain('wrong-secret-token');
  });
});

describe('command registration', () => {
  test('builds one slash command per COMMANDS entry, with subcommands, choices, limits and autocomplete', () => {
    const json = slashCommands();
    expect(json.map((c) => c.name)).toEqual(COMMANDS.map((c) => c.name));
    const ask = json.find((c) => c.name === 'ask')!;
    expect(ask.options).toEqual([
      expect.objectContaining({ name: 'question', type: 3, required: true }),
      expect.objectContaining({ name: 'private', type: 5, required: false }),
    ]);
    const quiz = json.find((c) => c.name === 'quiz')!;
    const subs = quiz.options as { name: string; type: number; options?: Record<string, unknown>[] }[];
    expect(subs.map((s) => s.name)).toEqual(COMMANDS.find((c) => c.name === 'quiz')!.subcommands.map((s) => s.name));
    expect(subs.every((s) => s.type === 1)).toBe(true);
    const start = subs.find((s) => s.name === 'start')!.options!;
    expect(start.find((o) => o.name === 'questions')).toMatchObject({ type: 4, min_value: 1, max_value: 50 });
    expect(start.find((o) => o.name === 'mode')).toMatchObject({
      type: 3,
      choices: [
        { name: 'multiple choice', value: 'mc' },
        { name: 'free text', value: 'text' },
      ],
    });
    expect(start.find((o) => o.name === 'topic')).toMatchObject({ type: 3, autocomplete: true });
  });

  test('registers globally and in one server, with the bot token, and returns the invite link', async () => {
    fake = await FakeDiscord.start();
    const global = await registerDiscordCommands({ token: fake.token, appId: fake.appId, apiUrl: fake.apiUrl });
    expect(global.count).toBe(COMMANDS.length + MESSAGE_COMMANDS.length);
    const put = await fake.requests.waitFor((r) => r.method === 'PUT' && r.path === `/applications/${fake!.appId}/commands`);
    expect(put.headers.authorization).toBe(`Bot ${fake.token}`);
    expect((put.body as { name: string }[]).map((c) => c.name)).toEqual([
      'ask',
      'quiz',
      'citebot',
      'Save to citebot',
      'Ask citebot about this',
    ]);

    const guild = await registerDiscordCommands({ token: fake.token, appId: fake.appId, apiUrl: fake.apiUrl, guildId: fake.guildId });
    expect(guild.count).toBe(COMMANDS.length + MESSAGE_COMMANDS.length);
    await fake.requests.waitFor((r) => r.method === 'PUT' && r.path === `/applications/${fake!.appId}/guilds/${fake!.guildId}/commands`);
    expect(guild.inviteUrl).toBe(inviteUrl(fake.appId));
  });

  test('registration failures say what to fix: a rejected token, a server the bot is not in, Discord out of reach', async () => {
    fake = await FakeDiscord.start();
    const { appId, apiUrl, token } = fake;
    await expect(registerDiscordCommands({ token: 'nope', appId, apiUrl })).rejects.toMatchObject({
      name: 'DiscordStartError',
      code: 'discord.token-rejected',
      message: 'Discord rejected the token (401) — check DISCORD_TOKEN',
    });
    await expect(registerDiscordCommands({ token, appId, apiUrl, guildId: '42' })).rejects.toMatchObject({
      code: 'discord.register-refused',
      message: `Discord refused the slash commands: 403 Missing Access — is the bot in server 42? Invite it first: ${inviteUrl(appId)}`,
    });
    // Nothing listens on port 1 of the loopback.
    await expect(registerDiscordCommands({ token, appId, apiUrl: 'http://127.0.0.1:1/api' })).rejects.toMatchObject({
      code: 'discord.unreachable',
      message: 'Could not connect to Discord: connect ECONNREFUSED 127.0.0.1:1',
    });
  });

  test('the invite link asks for the bot and commands scopes and exactly the permissions the bot uses', () => {
    const url = new URL(inviteUrl('123456789012345678'));
    expect(url.origin + url.pathname).toBe('https://discord.com/oauth2/authorize');
    expect(url.searchParams.get('client_id')).toBe('123456789012345678');
    expect(url.searchParams.get('scope')).toBe('bot applications.commands');
    const expected =
      PermissionFlagsBits.ViewChannel |
      PermissionFlagsBits.SendMessages |
      PermissionFlagsBits.SendMessagesInThreads |
      PermissionFlagsBits.EmbedLinks |
      PermissionFlagsBits.ReadMessageHistory |
      PermissionFlagsBits.AddReactions |
      PermissionFlagsBits.UseApplicationCommands;
    expect(BigInt(url.searchParams.get('permissions')!)).toBe(expected);
  });
});
