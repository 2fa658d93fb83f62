/**
 * The composition root of the core: loads the knowledge, builds the search engine,
 * opens the stores and wires the bot. Front ends receive the `Citebot` it returns.
 */
import type { Clock } from './clock.js';
import type { Logger } from './logger.js';
import type { Bot } from './bot/bot.js';

export interface CitebotOptions {
  knowledgeDir: string;
  dataDir: string;
  /** Re-index files as they change (default true for the bot, false for one-shot commands). */
  watch?: boolean;
  clock?: Clock;
  logger?: Logger;
}

export interface Citebot {
  bot: Bot;
  /** Stops watching, ends quiz sessions (saving scores) and closes the stores. */
  close(): Promise<void>;
}

// createCitebot(options: CitebotOptions): Promise<Citebot> — implemented next.
export {};
