/**
 * One normalized request and reply type for every front end (Discord, Slack, terminal).
 * Adapters translate platform events into a `BotRequest` and render each `BotReply`;
 * nothing platform-specific enters the core.
 */
import type { AnswerReply } from '../search/index.js';
import type { Actor, Place, QuizEventReply, QuizNoticeCode, Visibility } from '../quiz/index.js';

/** Who and where, declared by the quiz (which keys sessions and leaderboards on them); the bot builds on them. */
export type { Actor, Place, Platform, Visibility } from '../quiz/index.js';

export type OptionValue = string | number | boolean;

/** A command's options as an adapter read them, by name; the bot reads them by the command's data (`readOptions`). */
export type CommandOptions = Record<string, OptionValue | undefined>;

export type BotRequest =
  /** A slash command (or CLI command) with its options as read; `sub` is the subcommand (`quiz start`); `explain`: the terminal's `/explain`. */
  | { kind: 'command'; command: string; sub?: string; options: CommandOptions; place: Place; user: Actor; explain?: boolean }
  /**
   * A message. `addressed` is true for a mention of the bot or a DM: then it is a question.
   * Otherwise it is channel chatter, which only a running quiz may take as an answer.
   */
  | { kind: 'message'; text: string; addressed: boolean; place: Place; user: Actor }
  /** A button press. `action` is one of `ACTIONS`; `value` is what the button carried. */
  | { kind: 'action'; action: ActionId; value: string; place: Place; user: Actor };

/** Button actions the core puts on its replies (Discord custom_id / Slack action_id prefix). */
export const ACTIONS = {
  moreSources: 'citebot.more',
  voteUp: 'citebot.up',
  voteDown: 'citebot.down',
  quizChoice: 'citebot.choice',
} as const;
export type ActionId = (typeof ACTIONS)[keyof typeof ACTIONS];

/** Stable codes for expected outcomes that are not answers. Adapters may reword by code; `text` is the default wording. */
export type NoticeCode =
  'usage' | 'too-long' | 'rate-limited' | 'internal-error' | 'expired' | 'vote-recorded' | 'not-found' | QuizNoticeCode | `gaps.${string}`;

export type BotReply =
  /** An answer (or an abstention) to a question. `answerId` identifies it for the More sources / vote buttons. */
  | { type: 'answer'; visibility: Visibility; answerId: string; reply: AnswerReply }
  /** The supporting snippets of an earlier answer. */
  | { type: 'sources'; visibility: Visibility; reply: AnswerReply }
  /** A short message: usage hints, acknowledgements, expected failures. */
  | { type: 'notice'; visibility: Visibility; code: NoticeCode; text: string }
  | QuizEventReply;

/**
 * Where replies go. `reply` answers this request (a Discord interaction response, Slack `respond`,
 * a terminal line); `post` sends to the channel later, for events nobody asked for at that moment
 * (quiz questions and reveals driven by timers), and must keep working after the request is gone.
 */
export interface ReplyChannels {
  reply(reply: BotReply): Promise<void>;
  post(reply: BotReply): Promise<void>;
}
