/**
 * Discord events as the core's `BotRequest`s: slash commands (options read by the command's spec),
 * button presses (`${action}:${value}` custom ids), and messages (mentions and DMs are questions).
 */
import { GuildMember, PermissionFlagsBits, type ButtonInteraction, type ChatInputCommandInteraction, type Message } from 'discord.js';
import { findCommand } from '../../core/bot/index.js';
import { parseActionId } from '../../core/bot/index.js';
import { type Actor, type BotRequest, type OptionValue, type Place, type Visibility } from '../../core/bot/index.js';

export function placeOf(guildId: string | null, channelId: string): Place {
  return { platform: 'discord', workspace: guildId ?? 'dm', channel: channelId, dm: guildId === null };
}

function actor(user: { id: string; displayName: string }, member: unknown, isAdmin: boolean): Actor {
  return { id: user.id, name: member instanceof GuildMember ? member.displayName : user.displayName, isAdmin };
}

/** A slash command, with the options its spec declares (undefined when not given). */
export function commandRequest(i: ChatInputCommandInteraction): BotRequest {
  const spec = findCommand(i.commandName);
  const sub = i.options.getSubcommand(false) ?? undefined;
  const specs = (sub ? spec?.subcommands.find((s) => s.name === sub)?.options : spec?.options) ?? [];
  const options: Record<string, OptionValue | undefined> = {};
  for (const o of specs) options[o.name] = i.options.get(o.name)?.value ?? undefined;
  return {
    kind: 'command',
    command: i.commandName,
    ...(sub ? { sub } : {}),
    options,
    place: placeOf(i.guildId, i.channelId),
    user: actor(i.user, i.member, i.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false),
  };
}

/** A button press on one of the bot's buttons, or null for a custom id that is not ours. */
export function actionRequest(i: ButtonInteraction): BotRequest | null {
  const id = parseActionId(i.customId);
  if (!id.ours) return null;
  return {
    kind: 'action',
    action: id.action,
    value: id.value,
    place: placeOf(i.guildId, i.channelId),
    user: actor(i.user, i.member, i.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false),
  };
}

/**
 * A message as a request, or null when the bot must ignore it: messages by bots (itself included)
 * and system messages, and — without the message-content intent — channel chatter that does not
 * mention the bot. The mention is stripped from the question.
 */
export function messageRequest(m: Message, botId: string, messageContent: boolean): BotRequest | null {
  if (m.author.bot || m.author.id === botId || m.system) return null;
  const mention = new RegExp(`<@!?${botId}>`, 'g');
  const mentioned = mention.test(m.content);
  const dm = !m.inGuild();
  if (!dm && !mentioned && !messageContent) return null;
  const text = m.content.replace(mention, ' ').replace(/\s+/g, ' ').trim();
  const isAdmin = m.member?.permissions.has(PermissionFlagsBits.ManageGuild) ?? false;
  return {
    kind: 'message',
    text,
    addressed: dm || mentioned,
    place: placeOf(m.guildId, m.channelId),
    user: actor(m.author, m.member, isAdmin),
  };
}

/** How the reply to a request will most likely be seen: a deferred response is made the same way. */
export function expectedVisibility(req: BotRequest): Visibility {
  if (req.kind !== 'command') return 'private';
  if (req.command === 'ask') return req.options.private === true ? 'private' : 'public';
  return req.sub === 'answer' || req.sub === 'help' || req.command === 'citebot' ? 'private' : 'public';
}

/**
 * Requests whose handling may block the event loop for long before the first reply, so the
 * deferral timer could not fire in time: `/quiz start` builds the question bank from the whole
 * knowledge when it changed. These are deferred before the work starts.
 */
export function defersFirst(req: BotRequest): boolean {
  return req.kind === 'command' && req.command === 'quiz' && req.sub === 'start';
}

/** Up to 25 topics containing what was typed, for autocompletion. */
export function topicChoices(topics: string[], typed: string): { name: string; value: string }[] {
  const needle = typed.trim().toLowerCase();
  return topics
    .filter((t) => t.length <= 100 && t.toLowerCase().includes(needle))
    .slice(0, 25)
    .map((t) => ({ name: t, value: t }));
}
