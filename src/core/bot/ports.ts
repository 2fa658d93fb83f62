/** What the bot needs from the rest of the core, as small interfaces (tests pass fakes or the real thing). */
import type { AnswerReply } from '../search/index.js';
import type { QuizOptions } from '../quiz/index.js';
import type { Place, Actor, ReplyChannels } from './types.js';

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
  /** Voted in a direct message: reports hide the question unless configured to show it. */
  dm?: boolean;
}

export interface FeedbackStore {
  /** Records a vote; a second vote by the same user on the same answer replaces the first. */
  recordVote(answerId: string, vote: Vote): void;
}

/** A question asked, as the question log records it (the fields after `platform` are optional for older callers). */
export interface AskedQuestion {
  question: string;
  /** Why it was not answered (the abstention's words, naming the missing terms); '' when answered. */
  reason: string;
  at: number;
  platform: string;
  /** Whether it was answered (default: not). */
  answered?: boolean;
  workspace?: string;
  /** The asker's platform user id (never a name or email). */
  user?: string;
  /** Asked in a direct message: reports hide the text unless configured to show it. */
  dm?: boolean;
  /** The answer's source file title, for answered questions. */
  topic?: string;
  passageId?: string;
}

/** Logs questions: the ones the bot could not answer (`DATA_DIR/unanswered.jsonl`) and, for the gaps report, answered ones. */
export interface UnansweredLog {
  record(entry: AskedQuestion): void;
}

/** Sends questions the bot could not answer to the experts (`src/core/gaps/experts.ts`). Never rejects. */
export interface ExpertRouter {
  unanswered(question: string, reason: string, place: Place, user: Actor): Promise<void>;
}

/** The quiz, as the bot dispatches to it. `src/core/quiz`'s controller has this shape (`app.ts` wires it in). */
export interface QuizController {
  /** `/quiz <sub> …` */
  command(sub: string, options: QuizOptions, place: Place, user: Actor, io: ReplyChannels): Promise<void>;
  /** A channel message that was not addressed to the bot; true when a running quiz took it as an answer. */
  message(text: string, place: Place, user: Actor, io: ReplyChannels): Promise<boolean>;
  /** A multiple-choice button press; `value` is what the choice button carried. */
  choose(value: string, place: Place, user: Actor, io: ReplyChannels): Promise<void>;
  /** Files and tags a quiz can be limited to (autocomplete). */
  topics(): string[];
  /** Ends every session, saving scores of the questions played. */
  shutdown(): Promise<void>;
}
