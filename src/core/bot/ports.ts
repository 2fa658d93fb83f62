/** What the bot needs from the rest of the core, as small interfaces (tests pass fakes or the real thing). */
import type { AnswerReply } from '../search/types.js';
import type { OptionValue, Place, Actor, ReplyChannels } from './types.js';

/** Answers questions from the knowledge. */
export interface Answerer {
  /** `context`: the conversation's earlier question, for a follow-up (`and when was that?`). */
  answer(question: string, options?: { explain?: boolean; maxSnippets?: number; context?: string }): AnswerReply;
}

/** A 👍/👎 on an answer, stored with the question and the passage it showed. */
export interface Vote {
  platform: string;
  workspace: string;
  userId: string;
  question: string;
  passageId: string | null;
  vote: 1 | -1;
  at: number;
}

export interface FeedbackStore {
  /** Records a vote; a second vote by the same user on the same answer replaces the first. */
  recordVote(answerId: string, vote: Vote): void;
}

/** Logs questions the bot could not answer (to `DATA_DIR/unanswered.jsonl`). */
export interface UnansweredLog {
  record(entry: { question: string; reason: string; at: number; platform: string }): void;
}

/** The quiz, as the bot dispatches to it. Implemented in `src/core/quiz`. */
export interface QuizController {
  /** `/quiz <sub> …` */
  command(sub: string, options: Record<string, OptionValue | undefined>, place: Place, user: Actor, io: ReplyChannels): Promise<void>;
  /** A channel message that was not addressed to the bot; true when a running quiz took it as an answer. */
  message(text: string, place: Place, user: Actor, io: ReplyChannels): Promise<boolean>;
  /** A multiple-choice button press; `value` is what the choice button carried. */
  choose(value: string, place: Place, user: Actor, io: ReplyChannels): Promise<void>;
  /** Files and tags a quiz can be limited to (autocomplete). */
  topics(): string[];
  /** Ends every session, saving scores of the questions played. */
  shutdown(): Promise<void>;
}
