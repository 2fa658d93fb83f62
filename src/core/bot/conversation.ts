/**
 * Conversation memory: what each person last asked in each conversation (a Slack thread, a
 * Discord channel or DM, the terminal session), so that a follow-up lacking its own subject
 * (`and when was that?`, `who said it?`, `what about the missiles?`) is answered in its context.
 * In memory only, for a limited time, and bounded in size.
 */
import { tokenize } from '../text/index.js';
import type { Actor, Place } from './types.js';

/** Openings that carry the conversation on (`and when…`, `what about the missiles?`). */
const CONTINUES = /^\s*(and|but|also|so|then|what about|how about|and what about)\b/i;
/** Words that point back at something said before. */
const POINTS_BACK = new Set([
  'it',
  'its',
  'that',
  'this',
  'these',
  'those',
  'they',
  'them',
  'their',
  'he',
  'him',
  'his',
  'she',
  'her',
  'there',
  'then',
]);
/** A question pointing back with at most this many words of its own is a follow-up; with more, it has a subject of its own. */
const MAX_OWN_WORDS = 2;
/** The context kept is at most this many words: the last question, its follow-ups and short answer, not a whole chat. */
const MAX_CONTEXT_WORDS = 24;

/**
 * Whether a question lacks its own subject and goes on from the one before: it opens with `and`,
 * `what about`…, has no words of its own to look for, or points back (`it`, `that`, `he`) with
 * at most two words of its own.
 */
export function isFollowUp(question: string): boolean {
  if (CONTINUES.test(question)) return true;
  const tokens = tokenize(question);
  const own = tokens.filter((t) => !t.stop && !t.part);
  if (own.length === 0) return true;
  return own.length <= MAX_OWN_WORDS && tokens.some((t) => POINTS_BACK.has(t.word));
}

/** For a reply to a follow-up: which words came from the conversation, for people. */
export function followUpNote(followUp: { context: string; words: string[] }): string {
  return `Following on from your earlier question (${followUp.words.map((w) => `“${w}”`).join(', ')}).`;
}

/** The conversation a request belongs to: per platform, workspace, channel, thread and person. */
export function conversationKey(place: Place, user: Actor): string {
  return JSON.stringify([place.platform, place.workspace, place.channel, place.thread ?? '', user.id]);
}

export interface ConversationOptions {
  /** A conversation is forgotten this long after its last question. */
  ttlMs: number;
  /** Conversations kept at most; the oldest goes first. */
  max: number;
}

/** The context of each recent conversation: what was asked (with follow-ups folded in) and answered. */
export class Conversations {
  private readonly turns = new Map<string, { context: string; at: number }>();

  constructor(
    private readonly now: () => number,
    private readonly options: ConversationOptions,
  ) {}

  /** The context to answer `question` in: the conversation's earlier question when this one is a follow-up and it is recent; else null. */
  contextFor(key: string, question: string): string | null {
    const turn = this.turns.get(key);
    if (!turn) return null;
    if (this.now() - turn.at > this.options.ttlMs) {
      this.turns.delete(key);
      return null;
    }
    return isFollowUp(question) ? turn.context : null;
  }

  /** Remembers what a conversation is about after an answer: the question (in its context, for a follow-up) and the short answer. */
  remember(key: string, question: string, context: string | null, answer: string | null): void {
    const words = [context ?? '', question, answer ?? ''].join(' ').split(/\s+/).filter(Boolean);
    this.turns.delete(key);
    this.turns.set(key, { context: words.slice(-MAX_CONTEXT_WORDS).join(' '), at: this.now() });
    const [oldest] = this.turns.keys();
    if (this.turns.size > this.options.max && oldest !== undefined) this.turns.delete(oldest);
  }
}
