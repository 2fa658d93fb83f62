/**
 * Slack message shortcuts and the App Home tab. "Save to citebot" (workspace admins, or members
 * listed in SLACK_SAVE_USERS) saves the message, and the thread's question, as knowledge with a link
 * back; "Ask citebot" answers the message privately. The Home tab shows how to ask, the team's
 * leaderboard and, for admins, the open gaps with their "Answer this" buttons.
 */
import type { App, MessageShortcut, webApi } from '@slack/bolt';
import type { Bot } from '../../core/bot/index.js';
import { findMessageCommand, MESSAGE_COMMANDS, NOT_ALLOWED, savedText } from '../../core/gaps/index.js';
import type { ExpertDesk } from '../../core/gaps/index.js';
import type { Gap } from '../../core/gaps/index.js';
import { saveMessage } from '../../core/gaps/index.js';
import { INTERNAL_ERROR } from '../../core/bot/index.js';
import { errorFields, type Logger } from '../../core/logger.js';
import type { LeaderboardEntry } from '../../core/storage/index.js';
import { GAP_ACTION } from './gaps.js';
import { cut, escapeMrkdwn, oneLine } from './mrkdwn.js';
import { postToResponseUrl, replyChannels, type RetryOptions, type Track } from './replies.js';
import type { SlackUsers } from './users.js';

export interface SlackFromChatConfig {
  /** The knowledge folder messages are saved in (under `from-chat/`). */
  knowledgeDir: string;
  /** User ids (besides workspace admins) who may save messages. */
  saveUsers: readonly string[];
  /** All-time quiz leaderboard of a scope (`slack:<team>`), for the Home tab. */
  leaderboard?: (workspace: string) => LeaderboardEntry[];
  /** Open gaps, for admins on the Home tab. */
  experts?: ExpertDesk;
  /** The most frequent gaps recorded on Slack (the gaps report), for admins on the Home tab. */
  topGaps?: () => Gap[];
}

export interface FromChatDeps {
  bot: Bot;
  users: SlackUsers;
  logger: Logger;
  retry: RetryOptions;
  /** How long one Slack call may take before it is abandoned. */
  callTimeoutMs: number;
  track: Track;
}

/** Gaps and leaderboard rows shown on the Home tab. */
const HOME_ROWS = 10;

/** Slack markup in a saved message made readable: `<url|text>` → `text (url)`, `<@U1>` → `@U1`. */
export function plainSlackText(text: string): string {
  return text
    .replace(/<((?:https?|mailto):[^|>]+)\|([^>]+)>/g, '$2 ($1)')
    .replace(/<((?:https?|mailto):[^>]+)>/g, '$1')
    .replace(/<[@#!]([^|>]+)(?:\|([^>]+))?>/g, (_m, id: string, label?: string) => `@${label ?? id}`)
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The Home tab view. */
export function homeView(opts: {
  leaderboard: LeaderboardEntry[];
  /** For admins: open tickets (with Answer this) and the most frequent recorded gaps; null for others. */
  gaps: { id: string; question: string; askers: number }[] | null;
  topGaps?: Gap[];
}): { type: 'home'; blocks: object[] } {
  const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
  const blocks: object[] = [
    { type: 'header', text: { type: 'plain_text', text: 'citebot' } },
    section(
      '*How to ask:* mention me in a channel (`@citebot how many troops are in Japan?`), send me a direct message, or use `/ask <question>` (`/ask -p …` answers only you). ' +
        'Every answer quotes the passage it comes from, with its source. On any message: *⋮ → Ask citebot* answers it privately; *Save to citebot* adds it to the knowledge.',
    ),
    { type: 'divider' },
    section('*Leaderboard*'),
    section(
      opts.leaderboard.length
        ? opts.leaderboard
            .map((e, i) => `${i + 1}. ${escapeMrkdwn(e.name)} — ${e.score} points (${e.games} games, ${e.wins} wins)`)
            .join('\n')
        : 'No quiz played yet: start one with `/quiz start`.',
    ),
  ];
  if (opts.gaps) {
    blocks.push(
      { type: 'divider' },
      section('*Open gaps* (admins): questions nobody could answer today. Answer one and it becomes knowledge.'),
    );
    if (opts.gaps.length === 0) blocks.push(section('No open gaps.'));
    for (const g of opts.gaps) {
      blocks.push({
        type: 'section',
        text: { type: 'mrkdwn', text: `“${escapeMrkdwn(cut(oneLine(g.question), 2900))}” — asked by ${g.askers}` },
        accessory: { type: 'button', action_id: GAP_ACTION, text: { type: 'plain_text', text: 'Answer this' }, value: g.id },
      });
    }
    if (opts.topGaps?.length) {
      blocks.push(section('*Top gaps* (all recorded questions on Slack)'));
      for (const g of opts.topGaps) blocks.push(section(`*${escapeMrkdwn(g.term)}* — ${g.count}× · ${escapeMrkdwn(cut(g.hint, 2800))}`));
    }
  }
  return { type: 'home', blocks };
}

/** Registers the message shortcuts and the Home tab. */
export function registerFromChat(app: App, config: SlackFromChatConfig, deps: FromChatDeps): void {
  const { bot, users, logger, retry, track, callTimeoutMs } = deps;

  for (const spec of MESSAGE_COMMANDS) {
    app.shortcut<MessageShortcut>({ callback_id: spec.slack.callbackId, type: 'message_action' }, async ({ shortcut, ack, client }) => {
      await ack();
      const tell = (text: string) =>
        postToResponseUrl(shortcut.response_url, { response_type: 'ephemeral', text }, retry, callTimeoutMs, logger);
      try {
        const user = await users.actor(shortcut.user.id, shortcut.user.name);
        const text = shortcut.message.text ?? '';
        const place = {
          platform: 'slack' as const,
          workspace: shortcut.team?.id ?? '',
          channel: shortcut.channel.id,
          dm: shortcut.channel.id.startsWith('D'),
        };
        if (findMessageCommand({ slack: spec.slack.callbackId })?.id === 'ask') {
          const io = replyChannels(
            { channel: place.channel, user: user.id, responseUrl: shortcut.response_url, dm: place.dm },
            client,
            retry,
            track,
            logger,
            callTimeoutMs,
          );
          return await bot.handle(
            { kind: 'command', command: 'ask', options: { question: plainSlackText(text), private: true }, place, user },
            io,
          );
        }
        if (!user.isAdmin && !config.saveUsers.includes(user.id)) return await tell(NOT_ALLOWED);
        const author = shortcut.message.user ? (await users.actor(shortcut.message.user)).name : 'unknown';
        const [question, url] = await Promise.all([threadQuestion(client, shortcut), permalink(client, shortcut)]);
        const result = await saveMessage(config.knowledgeDir, {
          text: plainSlackText(text),
          author,
          at: Math.round(Number(shortcut.message.ts) * 1000) || Date.now(),
          platform: 'slack',
          ...(url ? { url } : {}),
          ...(question ? { question: plainSlackText(question) } : {}),
        });
        await tell(result.ok ? savedText(result.file) : result.message);
      } catch (err) {
        logger.error({ err: errorFields(err), shortcut: spec.slack.callbackId }, 'slack message shortcut failed');
        await tell(INTERNAL_ERROR.text).catch(() => undefined);
      }
    });
  }

  app.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab !== 'home') return;
    const user = await users.actor(event.user);
    const workspace = body.team_id ?? '';
    const gaps =
      user.isAdmin && config.experts
        ? config.experts.open('slack', HOME_ROWS).map((t) => ({ id: t.id, question: t.question, askers: t.askers.length }))
        : null;
    const view = homeView({
      leaderboard: config.leaderboard?.(`slack:${workspace}`).slice(0, HOME_ROWS) ?? [],
      gaps,
      ...(gaps && config.topGaps ? { topGaps: config.topGaps().slice(0, HOME_ROWS) } : {}),
    });
    await client.views.publish({ user_id: event.user, view: view as never });
  });
}

/** The thread's first message (its question), when the message is a reply in a thread. */
async function threadQuestion(client: webApi.WebClient, s: MessageShortcut): Promise<string | undefined> {
  const thread = s.message.thread_ts;
  if (!thread || thread === s.message.ts) return undefined;
  const replies = await client.conversations.replies({ channel: s.channel.id, ts: thread, limit: 1, inclusive: true });
  return replies.messages?.[0]?.text || undefined;
}

/** The message's permalink, or undefined when Slack gives none. */
async function permalink(client: webApi.WebClient, s: MessageShortcut): Promise<string | undefined> {
  const found = await client.chat.getPermalink({ channel: s.channel.id, message_ts: s.message.ts });
  return typeof found.permalink === 'string' ? found.permalink : undefined;
}
