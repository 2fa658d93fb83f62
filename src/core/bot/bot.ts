/**
 * The bot: turns a normalized `BotRequest` into core calls and `BotReply` values.
 * Every front end (Discord, Slack, terminal) goes through here, so rate limits,
 * input checks and the answer cache behave the same everywhere.
 */
import { systemClock, type Clock } from '../clock.js';
import { randomId } from '../ids.js';
import { silentLogger, type Logger } from '../logger.js';
import { MAX_QUESTION_LENGTH, type AbstainCode, type AbstainedReply, type AnswerReply } from '../search/index.js';
import type { Answerer, ExpertRouter, FeedbackStore, QuizController, UnansweredLog } from './ports.js';
import { gapsSummary, type GapsOptions, type GapsReport } from '../gaps/index.js';
import { RateLimiter } from './rate-limit.js';
import { Conversations, conversationKey, isFollowUp } from './conversation.js';
import { ASK_SPEC, QUIZ_SPEC, readOptions, type AskOptions, type QuizCommandOptions } from './commands.js';
import { ACTIONS, type Actor, type BotRequest, type Place, type ReplyChannels, type Visibility } from './types.js';

/** An abstention on a question the knowledge could not answer (not an empty or overlong one). */
type UnansweredReply = AbstainedReply & { reasonCode: Exclude<AbstainCode, 'empty' | 'too-long'> };

/** Whether a reply is a question the knowledge could not answer (not an empty or overlong one): worth logging. */
export function isUnanswered(reply: AnswerReply): reply is UnansweredReply {
  return reply.abstained && reply.reasonCode !== 'empty' && reply.reasonCode !== 'too-long';
}

export interface BotOptions {
  /** Questions a user may ask per `rateWindowMs` (default 5). */
  rateLimit: number;
  /** Window of the rate limit in milliseconds (default 10 s). */
  rateWindowMs: number;
  /** How many recent answers keep their More sources / vote buttons working (default 1,000). */
  answerCacheSize: number;
  /** A follow-up is answered in its conversation's context for this long after the last question (default 10 minutes: a chat, not a day). */
  conversationTtlMs: number;
  /** Conversations remembered at most (default 10,000; the oldest is forgotten first). */
  conversations: number;
  clock: Clock;
  logger: Logger;
  feedback: FeedbackStore | null;
  unanswered: UnansweredLog | null;
  quiz: QuizController | null;
  /** Where unanswered questions go to be answered by people (the gaps channels). */
  experts: ExpertRouter | null;
  /** The gaps report, for `/citebot gaps`. */
  insights: ((options: Partial<GapsOptions>) => GapsReport) | null;
}

export const defaultBotOptions: BotOptions = {
  rateLimit: 5,
  rateWindowMs: 10_000,
  answerCacheSize: 1000,
  conversationTtlMs: 10 * 60_000,
  conversations: 10_000,
  clock: systemClock,
  logger: silentLogger,
  feedback: null,
  unanswered: null,
  quiz: null,
  experts: null,
  insights: null,
};

/** Gaps listed by `/citebot gaps`: what fits one chat message. */
const GAPS_SHOWN = 5;

const NOTHING_TO_FOLLOW =
  'that goes on from an earlier question, and there is none in this conversation in the last few minutes; ask it with its subject (When did Hegseth meet Nakatani?)';
const USAGE_ASK = 'Ask me a question about the knowledge, for example: `/ask Who did Hegseth meet in Tokyo?`';

export class Bot {
  readonly options: BotOptions;
  private readonly limiter: RateLimiter;
  private readonly answers = new Map<string, { reply: AnswerReply; place: Place }>();
  private readonly conversations: Conversations;

  constructor(
    private readonly answerer: Answerer,
    options: Partial<BotOptions> = {},
  ) {
    this.options = { ...defaultBotOptions, ...options };
    this.limiter = new RateLimiter(this.options.clock, this.options.rateLimit, this.options.rateWindowMs);
    this.conversations = new Conversations(() => this.options.clock.now(), {
      ttlMs: this.options.conversationTtlMs,
      max: this.options.conversations,
    });
  }

  /** Handles one request; replies go to `io`. Throws only on bugs (the adapter's error boundary catches). */
  async handle(req: BotRequest, io: ReplyChannels): Promise<void> {
    switch (req.kind) {
      case 'command':
        if (req.command === 'ask') {
          const options: AskOptions = readOptions(ASK_SPEC.options, req.options);
          return this.ask(options.question ?? '', options.private ? 'private' : 'public', req.place, req.user, io, req.explain === true);
        }
        if (req.command === 'citebot') return this.gaps(req.place, req.user, io);
        if (req.command === 'quiz') {
          const sub = req.sub ?? 'help';
          const specs = QUIZ_SPEC.subcommands.find((s) => s.name === sub)?.options ?? [];
          const options: QuizCommandOptions = readOptions(specs, req.options);
          return this.quiz(io, (q) => q.command(sub, options, req.place, req.user, io));
        }
        return io.reply({ type: 'notice', visibility: 'private', code: 'usage', text: `Unknown command "${req.command}".` });
      case 'message':
        if (req.addressed) return this.ask(req.text, 'public', req.place, req.user, io);
        if (this.options.quiz) await this.options.quiz.message(req.text, req.place, req.user, io);
        return;
      case 'action':
        return this.action(req.action, req.value, req.place, req.user, io);
    }
  }

  /** Files and tags for topic autocompletion. */
  topics(): string[] {
    return this.options.quiz?.topics() ?? [];
  }

  /** Ends quiz sessions (saving their scores). */
  async shutdown(): Promise<void> {
    await this.options.quiz?.shutdown();
  }

  /** `explain`: add why (the terminal's `/explain`). */
  private async ask(
    question: string,
    visibility: Visibility,
    place: Place,
    user: Actor,
    io: ReplyChannels,
    explain = false,
  ): Promise<void> {
    const text = question.trim();
    if (text === '') return io.reply({ type: 'notice', visibility: 'private', code: 'usage', text: USAGE_ASK });
    if (text.length > MAX_QUESTION_LENGTH) {
      return io.reply({
        type: 'notice',
        visibility: 'private',
        code: 'too-long',
        text: `That question is ${text.length} characters long; please keep it under ${MAX_QUESTION_LENGTH}.`,
      });
    }
    // The terminal has a single local user, who is not slowed down as if in a busy channel.
    const wait = place.platform === 'cli' ? 0 : this.limiter.take(`${place.platform}:${place.workspace}:${user.id}`);
    if (wait > 0) {
      return io.reply({
        type: 'notice',
        visibility: 'private',
        code: 'rate-limited',
        text: `You are asking quickly. Please wait ${Math.ceil(wait / 1000)} s and ask again.`,
      });
    }
    const reply = this.answer(text, place, user, explain);
    const answerId = this.remember(reply, place);
    await io.reply({ type: 'answer', visibility, answerId, reply });
    if (isUnanswered(reply)) await this.options.experts?.unanswered(text, reply.reason, place, user);
  }

  /**
   * Answers a question in its conversation (a follow-up goes on from the one before in `place`)
   * and logs it, answered or not. `ask` checks the question first and sends the reply; the
   * terminal's batch mode calls this directly, one JSON line per question.
   */
  answer(question: string, place: Place, user: Actor, explain = false): AnswerReply {
    const text = question.trim();
    const conversation = conversationKey(place, user);
    const context = this.conversations.contextFor(conversation, text);
    let reply = this.answerer.answer(text, { ...(context ? { context } : {}), ...(explain ? { explain } : {}) });
    // A follow-up with nothing to follow: say why, rather than that it has no words to look for.
    if (reply.reasonCode === 'no-terms' && !context && isFollowUp(text)) reply = { ...reply, reason: NOTHING_TO_FOLLOW };
    // An abstention leaves the conversation where it was: the next follow-up still has its subject.
    if (!reply.abstained) this.conversations.remember(conversation, text, reply.followUp ? context : null, reply.answer);
    if (isUnanswered(reply) || !reply.abstained) {
      const best = reply.abstained ? null : reply.snippets[0];
      this.options.unanswered?.record({
        question: text,
        reason: reply.abstained ? reply.reason : '',
        at: this.options.clock.now(),
        platform: place.platform,
        answered: !reply.abstained,
        workspace: place.workspace,
        user: user.id,
        dm: place.dm === true,
        ...(best ? { topic: best.citation.title, passageId: best.passageId } : {}),
      });
    }
    return reply;
  }

  private async action(action: string, value: string, place: Place, user: Actor, io: ReplyChannels): Promise<void> {
    if (action === ACTIONS.quizChoice) return this.quiz(io, (q) => q.choose(value, place, user, io));
    const remembered = this.answers.get(value);
    if (!remembered) {
      return io.reply({
        type: 'notice',
        visibility: 'private',
        code: 'expired',
        text: 'That answer is too old for this button; please ask again.',
      });
    }
    if (action === ACTIONS.moreSources) {
      return io.reply({ type: 'sources', visibility: 'private', reply: remembered.reply });
    }
    if (action === ACTIONS.voteUp || action === ACTIONS.voteDown) {
      const vote = action === ACTIONS.voteUp ? 1 : -1;
      this.options.feedback?.recordVote(value, {
        platform: place.platform,
        workspace: place.workspace,
        userId: user.id,
        question: remembered.reply.question,
        passageId: remembered.reply.snippets[0]?.passageId ?? null,
        vote,
        at: this.options.clock.now(),
        dm: place.dm === true,
      });
      return io.reply({
        type: 'notice',
        visibility: 'private',
        code: 'vote-recorded',
        text: vote === 1 ? 'Thanks, noted 👍' : 'Thanks, noted 👎 — this helps improve the answers.',
      });
    }
    return io.reply({ type: 'notice', visibility: 'private', code: 'not-found', text: 'That button is not known.' });
  }

  /** `/citebot gaps`: the platform's top gaps, privately, for admins only. */
  private async gaps(place: Place, user: Actor, io: ReplyChannels): Promise<void> {
    if (!user.isAdmin) {
      return io.reply({
        type: 'notice',
        visibility: 'private',
        code: 'gaps.forbidden',
        text: 'Only admins (Manage Server on Discord, workspace admins on Slack) can see the gaps.',
      });
    }
    if (!this.options.insights)
      return io.reply({
        type: 'notice',
        visibility: 'private',
        code: 'gaps.unavailable',
        text: 'Nothing is recorded here (no data folder).',
      });
    const report = this.options.insights({ filter: { platform: place.platform }, limit: GAPS_SHOWN });
    return io.reply({ type: 'notice', visibility: 'private', code: 'gaps.summary', text: gapsSummary(report) });
  }

  private async quiz(io: ReplyChannels, run: (quiz: QuizController) => Promise<unknown>): Promise<void> {
    if (!this.options.quiz) {
      return io.reply({ type: 'notice', visibility: 'private', code: 'quiz.unavailable', text: 'Quizzes are not available here.' });
    }
    await run(this.options.quiz);
  }

  private remember(reply: AnswerReply, place: Place): string {
    const id = randomId();
    this.answers.set(id, { reply, place });
    if (this.answers.size > this.options.answerCacheSize) {
      const oldest = this.answers.keys().next().value;
      if (oldest !== undefined) this.answers.delete(oldest);
    }
    return id;
  }
}
