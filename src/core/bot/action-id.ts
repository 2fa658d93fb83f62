/**
 * The ids the bot's buttons carry (Discord `custom_id`, Slack `action_id`): one format for every
 * front end, `v1/<action>:<value>`. The version prefix lets a later format tell old buttons apart;
 * ids without it are the format before versions (buttons still on old messages), and any other id
 * (another app's, a link button's) parses to "not ours".
 */
import { ACTIONS, type ActionId } from './types.js';

/** Put first on every id the bot makes; a new format takes a new version. */
export const ACTION_ID_PREFIX = 'v1/';

/** Every id the bot makes starts so, whatever its version (a front end routes button presses on it). */
export const BOT_ID_PATTERN = /^(?:v\d+\/)?citebot\./;

const ACTION_IDS: ReadonlySet<string> = new Set(Object.values(ACTIONS));

/** What a button id says: one of the bot's actions with its value, or an id that is not the bot's. */
export type ParsedActionId = { ours: true; action: ActionId; value: string } | { ours: false };

/** The id of a button for `action` carrying `value` (an answer id, `questionId:choice`). */
export function encodeActionId(action: ActionId, value: string): string {
  return `${ACTION_ID_PREFIX}${action}:${value}`;
}

/** Reads a button id made by `encodeActionId` (or by the unversioned format before it). */
export function parseActionId(id: string): ParsedActionId {
  const body = id.startsWith(ACTION_ID_PREFIX) ? id.slice(ACTION_ID_PREFIX.length) : id;
  const at = body.indexOf(':');
  const action = at < 0 ? body : body.slice(0, at);
  if (!ACTION_IDS.has(action)) return { ours: false };
  return { ours: true, action: action as ActionId, value: at < 0 ? '' : body.slice(at + 1) };
}
