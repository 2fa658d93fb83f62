/**
 * Recent answers, kept so that a question asked again is not worked out again: teams ask the
 * same questions, and under load every millisecond of the one event loop is an acknowledgement
 * delayed. An answer depends only on the index and on what is asked — the question, the
 * conversation context it was resolved in (a follow-up) and the options — so those are the key,
 * and the whole cache is dropped whenever the index changes.
 */
import type { AnswerReply } from './types.js';

/** Answers kept (the least recently used goes first): a few MB at most, and far more than a team's distinct questions in a day. */
export const ANSWER_CACHE_SIZE = 1000;

/** What the cache answers with when it has nothing: the engine's `answer`. */
export interface AnswerSource {
  answer(question: string, options?: { explain?: boolean; maxSnippets?: number; context?: string }): AnswerReply;
}

/** An `AnswerSource` that remembers its last `size` answers; `clear()` after every change of the index. */
export class AnswerCache implements AnswerSource {
  private readonly recent = new Map<string, AnswerReply>();
  /** Answers served from the cache, and worked out, since the start (for logs and tests). */
  hits = 0;
  misses = 0;

  constructor(
    private readonly source: AnswerSource,
    private readonly size = ANSWER_CACHE_SIZE,
  ) {}

  /** The source's answer to `question` in `options`, remembered (the same object is returned for the same key until `clear()`). */
  answer(question: string, options: { explain?: boolean; maxSnippets?: number; context?: string } = {}): AnswerReply {
    const key = JSON.stringify([question, options.context ?? null, options.explain === true, options.maxSnippets ?? null]);
    const found = this.recent.get(key);
    if (found) {
      this.hits++;
      this.recent.delete(key);
      this.recent.set(key, found);
      return found;
    }
    this.misses++;
    const reply = this.source.answer(question, options);
    this.recent.set(key, reply);
    if (this.recent.size > this.size) this.recent.delete(this.recent.keys().next().value!);
    return reply;
  }

  /** Forgets every answer: the index changed, so any of them may be out of date. */
  clear(): void {
    this.recent.clear();
  }
}
