/**
 * Message context-menu commands on Discord: "Save to citebot" (admins with Manage Server, or members
 * with the configured role) saves the message as knowledge with a link back to it; "Ask citebot about
 * this" answers the message privately.
 */
import {
  ApplicationCommandType,
  Events,
  GuildMember,
  MessageFlags,
  PermissionFlagsBits,
  type Client,
  type Interaction,
  type MessageContextMenuCommandInteraction,
  type RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord.js';
import type { Bot } from '../../core/bot/index.js';
import { findMessageCommand, MESSAGE_COMMANDS, NOT_ALLOWED, savedText } from '../../core/gaps/index.js';
import { saveMessage } from '../../core/gaps/index.js';
import { INTERNAL_ERROR } from '../../core/bot/index.js';
import { errorFields, type Logger } from '../../core/logger.js';
import { renderReply } from './render.js';
import { interactionReplies } from './replies.js';
import { placeOf } from './requests.js';

export interface DiscordFromChatConfig {
  bot: Bot;
  /** The knowledge folder messages are saved in (under `from-chat/`). */
  knowledgeDir: string;
  /** The role id whose members may save (admins with Manage Server always may). */
  saveRole?: string;
}

/** The message commands as Discord's JSON, from the core's `MESSAGE_COMMANDS`. */
export function messageCommands(): RESTPostAPIContextMenuApplicationCommandsJSONBody[] {
  return MESSAGE_COMMANDS.map((c) => ({ name: c.discord, type: ApplicationCommandType.Message }));
}

/** Whether the member may save: Manage Server, or the configured role. */
export function maySave(i: MessageContextMenuCommandInteraction, saveRole: string | undefined): boolean {
  if (i.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) return true;
  if (!saveRole || !i.member) return false;
  const roles = i.member instanceof GuildMember ? [...i.member.roles.cache.keys()] : i.member.roles;
  return roles.includes(saveRole);
}

/** Handles the message commands. Returns a function that stops. */
export function attachFromChat(
  client: Client,
  config: DiscordFromChatConfig,
  logger: Logger,
  track: (work: Promise<void>) => void,
): () => void {
  const onInteraction = async (i: Interaction): Promise<void> => {
    if (!i.isMessageContextMenuCommand()) return;
    const spec = findMessageCommand({ discord: i.commandName });
    if (!spec) return;
    const target = i.targetMessage;
    if (spec.id === 'ask') {
      const io = interactionReplies(
        i,
        async () => {},
        (r) => renderReply(r),
        'private',
        2000,
      );
      try {
        const user = { id: i.user.id, name: i.member instanceof GuildMember ? i.member.displayName : i.user.displayName };
        await config.bot.handle(
          {
            kind: 'command',
            command: 'ask',
            options: { question: target.content, private: true },
            place: placeOf(i.guildId, i.channelId),
            user,
          },
          io,
        );
      } finally {
        io.done();
      }
      return;
    }
    if (!maySave(i, config.saveRole)) return void (await i.reply({ content: NOT_ALLOWED, flags: MessageFlags.Ephemeral }));
    await i.deferReply({ flags: MessageFlags.Ephemeral });
    const author = target.member?.displayName ?? target.author.displayName;
    const result = await saveMessage(config.knowledgeDir, {
      text: target.content,
      author,
      at: target.createdTimestamp,
      url: target.url,
      platform: 'discord',
    });
    await i.editReply({ content: result.ok ? savedText(result.file) : result.message });
  };
  const listener = (i: Interaction) =>
    track(
      onInteraction(i).catch((err: unknown) => {
        logger.error({ err: errorFields(err) }, 'message command failed');
        if (i.isRepliable() && !i.replied) {
          const say = { content: INTERNAL_ERROR.text };
          void (i.deferred ? i.editReply(say) : i.reply({ ...say, flags: MessageFlags.Ephemeral })).catch(() => undefined);
        }
      }),
    );
  client.on(Events.InteractionCreate, listener);
  return () => void client.off(Events.InteractionCreate, listener);
}
