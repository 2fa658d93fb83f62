/**
 * Slash commands built from the core's `COMMANDS` data, their registration with Discord
 * (global, or one server for testing), and the invite link with the permissions the bot needs.
 */
import {
  DiscordAPIError,
  PermissionsBitField,
  REST,
  Routes,
  SlashCommandBuilder,
  SlashCommandSubcommandBuilder,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { COMMANDS, type CommandSpec, type OptionSpec } from '../../core/bot/index.js';
import { messageOf, startError } from './login.js';
import { messageCommands } from './from-chat.js';

/** Discord caps command and option descriptions at 100 characters. */
const DESCRIPTION_MAX = 100;

/**
 * What the bot needs in a channel: read it, answer mentions and post quiz questions with embeds and
 * buttons (in threads too), react to typed quiz answers.
 */
export const BOT_PERMISSIONS = new PermissionsBitField([
  PermissionsBitField.Flags.ViewChannel,
  PermissionsBitField.Flags.SendMessages,
  PermissionsBitField.Flags.SendMessagesInThreads,
  PermissionsBitField.Flags.EmbedLinks,
  PermissionsBitField.Flags.ReadMessageHistory,
  PermissionsBitField.Flags.AddReactions,
  PermissionsBitField.Flags.UseApplicationCommands,
]);

/** The OAuth2 link that adds the bot to a server, with its commands and permissions. */
export function inviteUrl(appId: string): string {
  const params = new URLSearchParams({
    client_id: appId,
    scope: 'bot applications.commands',
    permissions: BOT_PERMISSIONS.bitfield.toString(),
  });
  return `https://discord.com/oauth2/authorize?${params.toString()}`;
}

/** The slash commands as Discord's JSON, one per `COMMANDS` entry. */
export function slashCommands(specs: readonly CommandSpec[] = COMMANDS): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return specs.map((spec) => {
    const builder = new SlashCommandBuilder().setName(spec.name).setDescription(describe(spec.description));
    if (spec.adminOnly) builder.setDefaultMemberPermissions(PermissionsBitField.Flags.ManageGuild);
    for (const option of spec.options) addOption(builder, option);
    for (const sub of spec.subcommands) {
      builder.addSubcommand((s) => {
        s.setName(sub.name).setDescription(describe(sub.description));
        for (const option of sub.options) addOption(s, option);
        return s;
      });
    }
    return builder.toJSON();
  });
}

function addOption(builder: SlashCommandBuilder | SlashCommandSubcommandBuilder, o: OptionSpec): void {
  const base = <T extends { setName(n: string): T; setDescription(d: string): T; setRequired(r: boolean): T }>(x: T) =>
    x
      .setName(o.name)
      .setDescription(describe(o.description))
      .setRequired(o.required ?? false);
  switch (o.type) {
    case 'string':
      builder.addStringOption((x) => {
        base(x);
        if (o.choices) x.addChoices(...o.choices);
        if (o.autocomplete) x.setAutocomplete(true);
        return x;
      });
      return;
    case 'integer':
      builder.addIntegerOption((x) => {
        base(x);
        if (o.min !== undefined) x.setMinValue(o.min);
        if (o.max !== undefined) x.setMaxValue(o.max);
        return x;
      });
      return;
    case 'boolean':
      builder.addBooleanOption((x) => base(x));
      return;
  }
}

function describe(text: string): string {
  return text.length <= DESCRIPTION_MAX ? text : `${text.slice(0, DESCRIPTION_MAX - 1)}…`;
}

export interface RegisterOptions {
  token: string;
  appId: string;
  /** REST base without the version, e.g. `https://discord.com/api` (the default). */
  apiUrl?: string;
  /** Register in one server only (instant, for testing); global otherwise. */
  guildId?: string;
}

/**
 * Registers (overwrites) the slash commands, globally or in one server, and returns how many
 * were registered with the invite link. Throws a `DiscordStartError` saying what went wrong: a
 * rejected token, a refusal (a server the bot is not in), or Discord out of reach.
 */
export async function registerDiscordCommands(opts: RegisterOptions): Promise<{ count: number; inviteUrl: string }> {
  const rest = new REST({ version: '10', ...(opts.apiUrl ? { api: opts.apiUrl } : {}) }).setToken(opts.token);
  const route = opts.guildId ? Routes.applicationGuildCommands(opts.appId, opts.guildId) : Routes.applicationCommands(opts.appId);
  try {
    const registered = (await rest.put(route, { body: [...slashCommands(), ...messageCommands()] })) as unknown[];
    return { count: registered.length, inviteUrl: inviteUrl(opts.appId) };
  } catch (err) {
    if (!(err instanceof DiscordAPIError)) throw startError('discord.unreachable', err, messageOf(err));
    if (err.status === 401) throw startError('discord.token-rejected', err);
    const hint =
      err.status === 403 && opts.guildId ? ` — is the bot in server ${opts.guildId}? Invite it first: ${inviteUrl(opts.appId)}` : '';
    throw startError('discord.register-refused', err, `${err.status} ${err.message}${hint}`);
  }
}
