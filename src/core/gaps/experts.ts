/**
 * Ask the experts: a question the bot could not answer goes to the platform's gaps channel (once per
 * distinct question per day) with an "Answer this" button; the expert's answer is saved as knowledge,
 * the knowledge re-read, the question asked again, and everyone who asked it told where the answer is.
 * Adapters connect an `ExpertChannel` for their platform; the core never imports a chat library.
 */
import { randomId } from '../ids.js';
import type { Clock } from '../clock.js';
import type { Actor, Place, Platform } from '../quiz/index.js';
import { errorFields, type Logger } from '../logger.js';
import type { AnswerReply } from '../search/index.js';
import { dayOf, reasonTerms } from './report.js';
import { saveNote } from './save.js';

/** Who asked, and where to tell them. */
export interface Asker {
  platform: Platform;
  workspace: string;
  channel: string;
  thread?: string;
  dm: boolean;
  userId: string;
}

/** A question waiting for an expert. `id` is what the "Answer this" button carries. */
export interface GapTicket {
  id: string;
  question: string;
  /** The terms the abstention named. */
  terms: string[];
  platform: Platform;
  at: number;
  askers: Asker[];
}

/** What an adapter does for the desk on its platform. */
export interface ExpertChannel {
  /** Posts the ticket to the gaps channel with an "Answer this" button carrying `ticket.id`. */
  postGap(ticket: GapTicket): Promise<void>;
  /** Tells an asker (in their thread, channel or DM) that an answer exists: `reply` cites the saved file. */
  tellAsker(asker: Asker, reply: AnswerReply): Promise<void>;
}

export type ExpertAnswerResult =
  | { ok: true; file: string; reply: AnswerReply; told: number; question: string }
  | { ok: false; code: 'gaps.unknown' | 'save.empty' | 'save.too-long'; message: string };

export interface ExpertDeskDeps {
  knowledgeDir: string;
  /** Re-reads the knowledge folder (and re-indexes); resolves when done. */
  refresh: () => Promise<unknown>;
  /** Whether the answer engine has indexed this file (relative path). */
  hasFile: (file: string) => boolean;
  answer: (question: string) => AnswerReply;
  clock: Clock;
  logger: Logger;
}

/** Open tickets kept (oldest dropped first): a day of unanswered questions in a busy team. */
const MAX_TICKETS = 1000;
/** Re-reads of the knowledge tried before giving up on seeing a saved file (a watcher's refresh may be in flight). */
const REFRESH_TRIES = 3;

/** A question as compared for "the same question": case, spacing and end punctuation ignored. */
export function questionKey(question: string): string {
  return question
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[\s?!.]+$/, '')
    .trim();
}

export class ExpertDesk {
  private readonly channels = new Map<Platform, ExpertChannel>();
  private readonly tickets = new Map<string, GapTicket>();
  /** `${platform}\n${day}\n${questionKey}` → ticket id, so a question is posted once per day. */
  private readonly posted = new Map<string, string>();
  /** Tickets opened by a direct message: a DM's text is never shown in a channel, so they wait for someone to ask in one. */
  private readonly unposted = new Set<string>();

  constructor(private readonly deps: ExpertDeskDeps) {}

  /** Routes a platform's unanswered questions to `channel`; returns a function that disconnects it. */
  connect(platform: Platform, channel: ExpertChannel): () => void {
    this.channels.set(platform, channel);
    return () => {
      if (this.channels.get(platform) === channel) this.channels.delete(platform);
    };
  }

  /**
   * An unanswered question. Posted to the platform's gaps channel the first time it is asked on a
   * day; asked again, the asker is added to the ticket. Asked in a direct message, it is not posted
   * (its text stays private) until someone asks it in a channel; the DM asker is still told when it
   * is answered. Never rejects (a failed post is logged).
   */
  async unanswered(question: string, reason: string, place: Place, user: Actor): Promise<void> {
    const channel = this.channels.get(place.platform);
    if (!channel) return;
    const asker: Asker = {
      platform: place.platform,
      workspace: place.workspace,
      channel: place.channel,
      ...(place.thread ? { thread: place.thread } : {}),
      dm: place.dm === true,
      userId: user.id,
    };
    const now = this.deps.clock.now();
    const key = `${place.platform}\n${dayOf(now)}\n${questionKey(question)}`;
    const existing = this.tickets.get(this.posted.get(key) ?? '');
    if (existing) {
      if (!existing.askers.some((a) => a.userId === asker.userId && a.channel === asker.channel)) existing.askers.push(asker);
      if (asker.dm || !this.unposted.delete(existing.id)) return;
      // First asked in a DM, now in a channel: post it in this asker's words, naming channel askers only.
      existing.askers.sort((a, b) => Number(a.dm) - Number(b.dm));
      return this.post(channel, Object.assign(existing, { question }));
    }
    const ticket: GapTicket = {
      id: randomId(),
      question,
      terms: reasonTerms(reason),
      platform: place.platform,
      at: now,
      askers: [asker],
    };
    this.tickets.set(ticket.id, ticket);
    this.posted.set(key, ticket.id);
    this.trim();
    if (asker.dm) return void this.unposted.add(ticket.id);
    return this.post(channel, ticket);
  }

  private async post(channel: ExpertChannel, ticket: GapTicket): Promise<void> {
    try {
      await channel.postGap(ticket);
    } catch (err) {
      this.deps.logger.error({ err: errorFields(err), ticket: ticket.id }, 'could not post the question to the gaps channel');
    }
  }

  /** An open ticket by id (button values are user input: a Map lookup, never an object key). */
  ticket(id: string): GapTicket | undefined {
    return this.tickets.get(id);
  }

  /** Open tickets, the most asked (then the most recent) first. */
  open(platform?: Platform, limit = 10): GapTicket[] {
    return [...this.tickets.values()]
      .filter((t) => (platform === undefined || t.platform === platform) && !this.unposted.has(t.id))
      .sort((a, b) => b.askers.length - a.askers.length || b.at - a.at)
      .slice(0, limit);
  }

  /**
   * An expert's answer to a ticket: saved as Markdown under `from-chat/`, the knowledge re-read, the
   * question answered again and every asker told (when it now answers; the ticket is then closed).
   */
  async answer(id: string, text: string, expert: { name: string; url?: string }): Promise<ExpertAnswerResult> {
    const ticket = this.tickets.get(id);
    if (!ticket)
      return {
        ok: false,
        code: 'gaps.unknown',
        message: 'That question is no longer open (it was answered, or the bot restarted). Ask it again to reopen it.',
      };
    const saved = await saveNote(this.deps.knowledgeDir, {
      title: ticket.question,
      question: ticket.question,
      body: text,
      author: expert.name,
      at: this.deps.clock.now(),
      ...(expert.url ? { url: expert.url } : {}),
      tags: ['from-chat', 'expert-answer', ...ticket.terms.slice(0, 3)],
    });
    if (!saved.ok) return saved;
    for (let i = 0; i < REFRESH_TRIES && !this.deps.hasFile(saved.file); i++) await this.deps.refresh();
    const reply = this.deps.answer(ticket.question);
    let told = 0;
    // Still not answered: the ticket stays open, so another answer (with the missing words) can follow.
    if (!reply.abstained) {
      this.tickets.delete(id);
      const channel = this.channels.get(ticket.platform);
      const results = await Promise.allSettled(
        ticket.askers.map((a) => channel?.tellAsker(a, reply) ?? Promise.reject(new Error('platform disconnected'))),
      );
      for (const r of results) {
        if (r.status === 'fulfilled') told++;
        else this.deps.logger.error({ err: errorFields(r.reason), ticket: id }, 'could not tell the asker about the answer');
      }
    }
    return { ok: true, file: saved.file, reply, told, question: ticket.question };
  }

  private trim(): void {
    for (const oldest of this.tickets.keys()) {
      if (this.tickets.size <= MAX_TICKETS) break;
      this.tickets.delete(oldest);
      this.unposted.delete(oldest);
    }
    for (const oldest of this.posted.keys()) {
      if (this.posted.size <= MAX_TICKETS) break;
      this.posted.delete(oldest);
    }
  }
}
