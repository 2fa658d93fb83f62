/**
 * Discord message commands and /citebot gaps on the real core and the real discord.js client against
 * the fake Discord: Save to citebot (who may, what the file holds, cited with a link back), Ask
 * citebot about this (a private answer), /citebot gaps (Manage Server only, ephemeral).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ApplicationCommandType, MessageFlags, PermissionFlagsBits } from 'discord.js';
import { slashCommands } from '../../src/adapters/discord/commands.js';
import { messageCommands } from '../../src/adapters/discord/from-chat.js';
import { MESSAGE_COMMANDS } from '../../src/core/gaps/commands.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDiscord, type DiscordFrontEnd } from '../../src/adapters/discord/start.js';
import { FakeDiscord } from '../fakes/discord/server.js';
import { callback, firstReply } from '../discord/harness.js';
import { until } from '../helpers.js';
import { startCore, type TempCore } from './harness.js';

const SAVERS = '1200000000000000777';
let t: TempCore;
let core: TempCore['core'];
let fake: FakeDiscord;
let discord: DiscordFrontEnd;

beforeEach(async () => {
  t = await startCore({ watch: true });
  core = t.core;
  fake = await FakeDiscord.start({ roles: [SAVERS] });
  discord = await startDiscord({
    bot: core.bot,
    config: { token: fake.token, appId: fake.appId, apiUrl: fake.apiUrl },
    logger: core.logger,
    fromChat: { knowledgeDir: core.knowledge.dir, saveRole: SAVERS },
  });
});

afterEach(async () => {
  await discord.stop();
  await fake.stop();
  await t.close();
});

describe('Discord message commands', () => {
  it('registers the message commands the core describes, and /citebot for Manage Server by default', () => {
    expect(messageCommands()).toEqual(MESSAGE_COMMANDS.map((c) => ({ name: c.discord, type: ApplicationCommandType.Message })));
    const citebot = slashCommands().find((c) => c.name === 'citebot')!;
    expect(citebot.default_member_permissions).toBe(PermissionFlagsBits.ManageGuild.toString());
    expect(slashCommands().find((c) => c.name === 'ask')!.default_member_permissions).toBeUndefined();
  });

  it('Save to citebot: refused without the role; with it, the message is saved with author and link, indexed by the watcher and cited', async () => {
    const alice = fake.user('Alice');
    const target = {
      id: fake.id(),
      author: alice,
      content: 'The parking garage code is changed every Monday by facilities; mail bob@example.com for a badge.',
    };
    const refused = await callback(fake, fake.messageCommand(fake.user('Bob'), 'Save to citebot', target).id);
    expect(refused.body).toMatchObject({
      type: 4,
      data: { flags: MessageFlags.Ephemeral, content: expect.stringContaining('Only admins') },
    });
    expect(t.saved()).toEqual([]);

    const saved = await firstReply(fake, fake.messageCommand(fake.user('Carol'), 'Save to citebot', target, { roles: [SAVERS] }));
    expect(saved.deferred).toBe(true);
    expect(saved.data.content).toMatch(/Saved to the knowledge as `from-chat\/.+\.md`/);
    const [name] = t.saved();
    const text = readFileSync(path.join(t.knowledge, 'from-chat', name!), 'utf8');
    const link = `https://discord.com/channels/${fake.guildId}/${fake.channelId}/${target.id}`;
    expect(text).toContain('author: Alice');
    expect(text).toContain(`url: ${link}`);
    expect(text).toContain('  - from-chat\n  - discord');
    expect(text).not.toContain('bob@example.com');

    await until(() => core.engine.index.fileShare(`from-chat/${name}`) > 0, 5000, 'the watcher to index the saved message');
    const answer = await firstReply(
      fake,
      fake.slash(fake.user('Dan'), 'ask', { options: { question: 'How often is the parking garage code changed?' } }),
    );
    const shown = JSON.stringify(answer.data);
    expect(shown).toContain(`from-chat/${name}`);
    expect(shown).toContain(link);
  });

  it('an admin with Manage Server may save without the role', async () => {
    const target = { id: fake.id(), author: fake.user('Alice'), content: 'Badges are printed at the front desk.' };
    const saved = await firstReply(fake, fake.messageCommand(fake.user('Ada'), 'Save to citebot', target, { admin: true }));
    expect(saved.data.content).toContain('Saved to the knowledge');
  });

  it('Ask citebot about this answers the message privately', async () => {
    const target = { id: fake.id(), author: fake.user('Alice'), content: 'When does the office open?' };
    const reply = await firstReply(fake, fake.messageCommand(fake.user('Bob'), 'Ask citebot about this', target));
    expect(reply.data.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(JSON.stringify(reply.data.embeds)).toContain('nine');
  });

  it('/citebot gaps shows the top gaps to Manage Server members only, ephemeral', async () => {
    await firstReply(fake, fake.slash(fake.user('Bob'), 'ask', { options: { question: 'Who owns the kubernetes cluster?' } }));
    const admin = await firstReply(fake, fake.slash(fake.user('Ada'), 'citebot', { sub: 'gaps', admin: true }));
    expect(admin.data.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(admin.data.content).toContain('kubernetes');
    const member = await firstReply(fake, fake.slash(fake.user('Bob'), 'citebot', { sub: 'gaps' }));
    expect(member.data.content).toContain('Only admins');
    expect(member.data.content).not.toContain('kubernetes');
  });
});
