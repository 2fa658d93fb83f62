/** The bot: turns a chat message into a reply (questions, commands, follow-ups, rate limits) behind ports. */
export { Bot, type BotOptions } from './bot.js';
export { BUSY_TEXT, INTERNAL_ERROR, InFlight, withBoundary } from './boundary.js';
export { COMMANDS, findCommand, parseCommandText, type CommandSpec, type OptionSpec } from './commands.js';
export {
  ACTIONS,
  type ActionId,
  type Actor,
  type BotReply,
  type BotRequest,
  type OptionValue,
  type Place,
  type ReplyChannels,
  type Visibility,
} from './types.js';
export { followUpNote } from './conversation.js';
export { BOT_ID_PATTERN, encodeActionId, parseActionId } from './action-id.js';
export type { AskedQuestion, FeedbackStore, UnansweredLog, Vote } from './ports.js';
