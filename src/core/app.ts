/**
 * The composition root of the core: loads the knowledge, builds the answer engine,
 * opens the stores and wires the bot. Front ends receive the `Citebot` it returns.
 */
import { systemClock, type Clock } from './clock.js';
import { silentLogger, type Logger } from './logger.js';
import { Bot, type BotOptions } from './bot/index.js';
import path from 'node:path';
import { KnowledgeBase, type KnowledgeOptions } from './knowledge/index.js';
import { AnswerEngine, type EngineOptions } from './search/index.js';
import { AnswerCache, ANSWER_CACHE_SIZE } from './search/index.js';
import { openStore } from './storage/index.js';
import { MemoryStore } from './storage/index.js';
import type { Store } from './storage/index.js';
import { FileUnansweredLog } from './storage/index.js';
import { createQuizController } from './quiz/index.js';
import { buildGapsReport, type GapsOptions, type GapsReport } from './gaps/index.js';
import { ExpertDesk } from './gaps/index.js';

export interface CitebotOptions {
  knowledgeDir: string;
  /** Where scores, votes and the unanswered log live; null keeps everything in memory. */
  dataDir: string | null;
  /** Re-index files as they change (default false; the bot's `npm start` turns it on). */
  watch?: boolean;
  clock?: Clock;
  logger?: Logger;
  engine?: Partial<EngineOptions>;
  /** Loading options (progress, `rebuild`); the analysis snapshot is kept in `dataDir/index` unless set here. */
  knowledge?: Partial<Omit<KnowledgeOptions, 'logger'>>;
  /** Recent answers the bot keeps to answer the same question again without working it out (default `ANSWER_CACHE_SIZE`; 0: none). */
  answerCacheSize?: number;
  /** Pause before and between quiz questions in ms (default 5,000; the terminal quiz uses 0). */
  quizPauseMs?: number;
  bot?: Partial<Omit<BotOptions, 'clock' | 'logger' | 'feedback' | 'unanswered' | 'quiz' | 'experts'>>;
}

export interface Citebot {
  bot: Bot;
  knowledge: KnowledgeBase;
  engine: AnswerEngine;
  store: Store;
  /** Unanswered questions to the gaps channels, experts' answers to the knowledge. */
  experts: ExpertDesk;
  clock: Clock;
  logger: Logger;
  /** The gaps report on what was recorded (questions, votes, quizzes). */
  gaps(options?: Partial<GapsOptions>): GapsReport;
  /** Stops watching, ends quiz sessions (saving scores), finishes saving the search index and closes the stores. */
  close(): Promise<void>;
}

/** Loads everything. Throws `KnowledgeError`, `StoreError` with a message for the user when something is wrong. */
export async function createCitebot(options: CitebotOptions): Promise<Citebot> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const knowledge = await KnowledgeBase.load(options.knowledgeDir, {
    snapshotDir: options.dataDir ? path.join(options.dataDir, 'index') : null,
    ...options.knowledge,
    logger: logger.child({ part: 'knowledge' }),
  });
  const engine = new AnswerEngine(knowledge, options.engine);
  const warnNotIndexed = () => {
    for (const [file, reason] of engine.notIndexed) logger.warn({ file, reason }, 'knowledge file not indexed');
  };
  warnNotIndexed();
  const cacheSize = options.answerCacheSize ?? ANSWER_CACHE_SIZE;
  const answers = cacheSize > 0 ? new AnswerCache(engine, cacheSize) : engine;
  // Indexed a slice at a time, so a big file does not stop the answers (nor the acknowledgements) while it goes in.
  knowledge.on('change', () => {
    engine.syncGradually().then(
      ({ indexed, removed }) => {
        if (answers instanceof AnswerCache) answers.clear();
        warnNotIndexed();
        logger.info({ indexed, removed, passages: engine.index.size }, 'index updated');
      },
      (err: unknown) => logger.error({ err }, 'index update failed; still answering from the index before'),
    );
  });
  const store: Store = options.dataDir ? openStore(options.dataDir, logger.child({ part: 'store' })) : new MemoryStore();
  const quiz = createQuizController({ knowledge, store, clock, logger: logger.child({ part: 'quiz' }), pauseMs: options.quizPauseMs });
  const questions = options.dataDir ? new FileUnansweredLog(options.dataDir, logger) : null;
  const gaps = (gapsOptions?: Partial<GapsOptions>): GapsReport =>
    buildGapsReport(
      { questions: questions ?? { questions: () => [] }, activity: store, passage: (id) => knowledge.passage(id), now: clock.now() },
      gapsOptions,
    );
  const experts = new ExpertDesk({
    knowledgeDir: knowledge.dir,
    // Resolves once the index has caught up with what the refresh read (syncs run in order).
    refresh: () => knowledge.refresh().then(() => engine.syncGradually()),
    hasFile: (file) => engine.index.fileShare(file) > 0,
    answer: (question) => engine.answer(question),
    clock,
    logger: logger.child({ part: 'experts' }),
  });
  const bot = new Bot(answers, {
    ...options.bot,
    clock,
    logger,
    feedback: store,
    unanswered: questions,
    quiz,
    experts,
    insights: (gapsOptions) => gaps(gapsOptions),
  });
  const unwatch = options.watch ? knowledge.watch() : () => {};
  // A bot that keeps running decodes passages and makes ranking's term sets between requests, so the first questions do not.
  const preparing = new AbortController();
  if (options.watch)
    engine.prepare(preparing.signal).then(
      ({ ms, longestSliceMs, stopped }) =>
        logger.debug(
          { ms: Math.round(ms), longestSliceMs: +longestSliceMs.toFixed(1) },
          stopped ? 'preparing passages stopped' : 'passages prepared',
        ),
      (err: unknown) => logger.error({ err }, 'preparing passages failed; they are decoded as questions meet them'),
    );
  let closed = false;
  return {
    bot,
    knowledge,
    engine,
    store,
    experts,
    clock,
    logger,
    gaps,
    async close() {
      if (closed) return;
      closed = true;
      unwatch();
      preparing.abort();
      await bot.shutdown();
      await questions?.flush();
      await engine.saved();
      store.close();
    },
  };
}
