/**
 * Maps Slack payloads (slash commands, message events, button presses) to the core's `BotRequest`.
 * Pure functions over the few payload fields they read, so they are testable with plain objects.
 */
import { findCommand, parseCommandText } from '../../core/bot/index.js';
import { namesTopic } from '../../core/quiz/index.js';
import { parseActionId } from '../../core/bot/index.js';
import { type Actor, type BotRequest, type OptionValue, type Place } from '../../core/bot/index.js';

/** The fields of a slash-command payload this adapter reads. */
export interface CommandPayload {
  command: string;
  text: string;
  team_id: string;
  channel_id: string;
  channel_name?: string;
}

/** The fields of a `message` or `app_mention` event this adapter reads. */
export interface MessagePayload {
  type: string;
  subtype?: string;
  text?: string;
  user?: string;
  bot_id?: string;
  channel: string;
  channel_type?: string;
  ts: string;
  thread_ts?: string;
}

/** The fields of a `block_actions` payload (and of the pressed button) this adapter reads. */
export interface ActionPayload {
  team?: { id: string } | null;
  user: { id: string; team_id?: string };
  channel?: { id: string };
  container?: { channel_id?: string; thread_ts?: string };
  message?: { ts: string; thread_ts?: string };
}

/** A mapped request, or a usage message for text that does not parse. */
export type Mapped = { ok: true; request: BotRequest } | { ok: false; usage: string };

/** `-p` / `--private` at the start of `/ask` text: only the asker sees the answer. */
const PRIVATE_FLAG = /^(?:-p|--private)(?:\s+|$)/i;

/**
 * Maps `/ask …` and `/quiz …` (text parsed by the command's spec) to a command request.
 * `topics` lists the quiz topics, so `/quiz start 5 japan` means topic japan rather than one team.
 */
export function mapCommand(payload: CommandPayload, user: Actor, topics: () => readonly string[] = () => []): Mapped {
  const place = commandPlace(payload);
  const name = payload.command.replace(/^\//, '').toLowerCase();
  const spec = findCommand(name);
  if (!spec) return { ok: false, usage: `Unknown command ${payload.command}. Try /ask or /quiz help.` };
  let text = payload.text.trim();
  if (name === 'ask') {
    const isPrivate = PRIVATE_FLAG.test(text);
    text = text.replace(PRIVATE_FLAG, '');
    const parsed = parseCommandText(spec, text);
    // No question: the bot answers with how to ask.
    const options: Record<string, OptionValue | undefined> = parsed.ok ? parsed.options : { question: '' };
    if (isPrivate) options.private = true;
    return { ok: true, request: { kind: 'command', command: 'ask', options, place, user } };
  }
  if (text === '') return { ok: true, request: { kind: 'command', command: name, sub: 'help', options: {}, place, user } };
  const parsed = parseCommandText(spec, text);
  if (!parsed.ok) return { ok: false, usage: `${parsed.message} Try \`/${name} help\`.` };
  const options = name === 'quiz' && parsed.sub === 'start' ? topicNotTeam(parsed.options, topics) : parsed.options;
  return { ok: true, request: { kind: 'command', command: name, sub: parsed.sub, options, place, user } };
}

/**
 * In `/quiz start` text, the first free word fills `teams` (then `topic`). A single word that is no
 * team list (no comma) but names a topic is taken as the topic, when no topic is given.
 */
function topicNotTeam(
  options: Record<string, OptionValue | undefined>,
  topics: () => readonly string[],
): Record<string, OptionValue | undefined> {
  const { teams, topic } = options;
  if (typeof teams !== 'string' || teams.includes(',') || topic !== undefined) return options;
  if (!topics().some((t) => namesTopic(teams, t))) return options;
  const { teams: _teams, ...rest } = options;
  return { ...rest, topic: teams };
}

export function commandPlace(payload: CommandPayload): Place {
  const dm = payload.channel_id.startsWith('D') || payload.channel_name === 'directmessage';
  return { platform: 'slack', workspace: payload.team_id, channel: payload.channel_id, dm };
}

/** Whether a message event is one a person wrote (not a bot, not an edit, join or deletion). */
export function isFromPerson(event: MessagePayload): event is MessagePayload & { user: string } {
  const plain = event.subtype === undefined || event.subtype === 'thread_broadcast' || event.subtype === 'file_share';
  return plain && event.bot_id === undefined && typeof event.user === 'string';
}

/** True when the text mentions the bot (`<@UBOT>` or `<@UBOT|name>`). */
export function mentions(text: string, botUserId: string): boolean {
  return text.includes(`<@${botUserId}>`) || text.includes(`<@${botUserId}|`);
}

/**
 * Maps a message event. An `app_mention` or a direct message is a question (`addressed`), with the
 * bot's mention removed; a mention is answered in its thread. Other channel messages are chatter a
 * running quiz may take as answers; those that mention the bot are left to the `app_mention` event.
 * Returns null for messages the bot must not answer: its own, other bots', edits and joins.
 */
export function mapMessage(event: MessagePayload, workspace: string, botUserId: string, user: Actor): BotRequest | null {
  if (!isFromPerson(event) || event.user === botUserId) return null;
  const raw = event.text ?? '';
  const dm = event.channel_type === 'im';
  const mention = event.type === 'app_mention';
  if (!mention && !dm && mentions(raw, botUserId)) return null;
  const text = raw.replace(new RegExp(`<@${botUserId}(?:\\|[^>]*)?>`, 'g'), ' ').trim();
  const thread = mention ? (event.thread_ts ?? event.ts) : event.thread_ts;
  const place: Place = { platform: 'slack', workspace, channel: event.channel, ...(thread ? { thread } : {}), ...(dm ? { dm } : {}) };
  return { kind: 'message', text, addressed: mention || dm, place, user };
}

/**
 * Maps a button press; null for buttons that are not core actions (the link button). The value is
 * the button's own (buttons made before ids carried it have it only there).
 */
export function mapAction(body: ActionPayload, actionId: string, value: string, user: Actor): BotRequest | null {
  const id = parseActionId(actionId);
  if (!id.ours) return null;
  const channel = body.channel?.id ?? body.container?.channel_id ?? '';
  const thread = body.container?.thread_ts ?? body.message?.thread_ts;
  const place: Place = {
    platform: 'slack',
    workspace: body.team?.id ?? body.user.team_id ?? '',
    channel,
    ...(thread ? { thread } : {}),
    ...(channel.startsWith('D') ? { dm: true } : {}),
  };
  return { kind: 'action', action: id.action, value, place, user };
}
