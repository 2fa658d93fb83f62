/** A quiz controller on a manual clock and a memory store, with everything it says recorded. */
import type { QuizController } from '../../src/core/bot/ports.js';
import type { Actor, BotReply, Place, ReplyChannels } from '../../src/core/bot/types.js';
import { ManualClock } from '../../src/core/clock.js';
import { KnowledgeBase } from '../../src/core/knowledge/knowledge-base.js';
import { silentLogger } from '../../src/core/logger.js';
import { buildBank } from '../../src/core/quiz/bank.js';
import { createQuizController } from '../../src/core/quiz/controller.js';
import type { QuizEvent } from '../../src/core/quiz/events.js';
import type { Question } from '../../src/core/quiz/question-model.js';
import { MemoryStore } from '../../src/core/storage/memory.js';
import type { ScoreStore } from '../../src/core/storage/types.js';

export const KNOWLEDGE_DIR = new URL('../../knowledge', import.meta.url).pathname;

let loaded: Promise<KnowledgeBase> | null = null;
/** The bundled knowledge, loaded once per test file. */
export const bundledKnowledge = () => (loaded ??= KnowledgeBase.load(KNOWLEDGE_DIR));

export const place = (channel = 'quiz-room'): Place => ({ platform: 'discord', workspace: 'g1', channel });
export const actor = (name: string, extra: Partial<Actor> = {}): Actor => ({ id: name.toLowerCase(), name, ...extra });

type Question_ = Extract<QuizEvent, { type: 'question' }>;

export async function quizHarness(options: { store?: ScoreStore; pauseMs?: number; knowledge?: KnowledgeBase } = {}) {
  const knowledge = options.knowledge ?? (await bundledKnowledge());
  const questions = new Map<string, Question>(buildBank(knowledge).questions.map((q) => [q.id, q]));
  const clock = new ManualClock();
  const store = options.store ?? new MemoryStore();
  const quiz: QuizController = createQuizController({ knowledge, store, clock, logger: silentLogger, pauseMs: options.pauseMs });
  /** Public events posted to the channel (timers), in order. */
  const posted: QuizEvent[] = [];
  /** Direct replies, in order. */
  const replies: BotReply[] = [];
  const io: ReplyChannels = {
    reply: async (r) => void replies.push(r),
    post: async (r) => void (r.type === 'quiz' && posted.push(r.event)),
  };
  /** Lets chained posts go out. */
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
  const lastReply = () => replies[replies.length - 1]!;
  const run = async <T>(work: Promise<T>): Promise<BotReply> => {
    await work;
    await settle();
    return lastReply();
  };
  return {
    quiz,
    clock,
    store,
    posted,
    replies,
    io,
    settle,
    /** `/quiz <sub>`; the direct reply. */
    command: (sub: string, user: Actor, opts: Record<string, string | number | boolean> = {}, where = place()) =>
      run(quiz.command(sub, opts, where, user, io)),
    /** A channel message; whether the quiz took it. */
    say: async (user: Actor, text: string, where = place()) => {
      const taken = await quiz.message(text, where, user, io);
      await settle();
      return taken;
    },
    press: (user: Actor, value: string, where = place()) => run(quiz.choose(value, where, user, io)),
    advance: async (ms: number) => {
      clock.advance(ms);
      await settle();
    },
    /** The question in play (the last one posted). */
    current: (): Question_ & { q: Question } => {
      const e = [...posted].reverse().find((x): x is Question_ => x.type === 'question')!;
      return { ...e, q: questions.get(e.questionId)! };
    },
    events: (type: QuizEvent['type']) => posted.filter((e) => e.type === type),
  };
}

/** The event of a quiz reply (fails the test otherwise). */
export function eventOf(reply: BotReply): QuizEvent {
  if (reply.type !== 'quiz') throw new Error(`expected a quiz event, got ${JSON.stringify(reply)}`);
  return reply.event;
}

/** The code of a notice reply. */
export function codeOf(reply: BotReply): string {
  return reply.type === 'notice' ? reply.code : `(${reply.type})`;
}
