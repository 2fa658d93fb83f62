/**
 * `ReplyChannels` for Discord: the reply to an interaction (deferred when the work runs long,
 * later replies as edits and follow-ups), the reply to a plain message, and posts to a channel
 * that keep working after the interaction token is gone.
 */
import { MessageFlags, type Client, type Message, type RepliableInteraction } from 'discord.js';
import type { BotReply, ReplyChannels, Visibility } from '../../core/bot/index.js';
import type { Logger } from '../../core/logger.js';
import { reactionFor, type DiscordMessage } from './render.js';

/** Sends public replies to a channel by id (quiz questions and reveals driven by timers). */
export type Poster = (reply: BotReply) => Promise<void>;

/** `renderReply` with the running bot's `RenderOptions`. */
export type Render = (reply: BotReply) => DiscordMessage;

/** A poster for `channelId`. Private replies cannot be posted to a channel and are dropped; so is everything after `closed()`. */
export function channelPoster(client: Client, channelId: string, render: Render, logger: Logger, closed: () => boolean): Poster {
  return async (reply) => {
    if (reply.visibility === 'private' || closed()) {
      logger.debug({ channelId, reply: reply.type, private: reply.visibility === 'private' }, 'post dropped');
      return;
    }
    const channel = await client.channels.fetch(channelId);
    if (!channel?.isSendable()) throw new Error(`Channel ${channelId} cannot be sent to`);
    await channel.send(render(reply));
  };
}

export interface InteractionReplies extends ReplyChannels {
  /** Defers the response now, for work that may block longer than Discord's 3 seconds. */
  defer(): Promise<void>;
  /** Stops the deferral timer (the handler is done). */
  done(): void;
}

/**
 * Replies to an interaction. The first reply is the interaction response; if none is sent within
 * `deferAfterMs`, the response is deferred (ephemeral when `expected` is private) so Discord's
 * 3-second window is kept. Later replies edit the deferred message or follow up. Replies are sent
 * one at a time, in order. Private replies are ephemeral.
 */
export function interactionReplies(
  interaction: RepliableInteraction,
  post: Poster,
  render: Render,
  expected: Visibility,
  deferAfterMs: number,
): InteractionReplies {
  let state: 'open' | 'deferred' | 'answered' = 'open';
  let queue = Promise.resolve();
  const run = (step: () => Promise<unknown>): Promise<void> => {
    const next = queue.then(step).then(() => undefined);
    queue = next.catch(() => undefined);
    return next;
  };
  const defer = () =>
    run(async () => {
      if (state !== 'open') return;
      await interaction.deferReply(expected === 'private' ? { flags: MessageFlags.Ephemeral } : {});
      state = 'deferred';
    }).catch(() => undefined); // a failed deferral surfaces on the reply that follows
  const timer = setTimeout(() => void defer(), deferAfterMs);
  timer.unref();

  return {
    post,
    defer: () => {
      clearTimeout(timer);
      return defer();
    },
    done: () => clearTimeout(timer),
    reply: (reply) =>
      run(async () => {
        const payload = render(reply);
        const flags = reply.visibility === 'private' ? { flags: MessageFlags.Ephemeral as const } : {};
        // The state moves only when Discord accepted the call: after a failure, the next reply
        // (the error boundary's notice) tries the same route again.
        if (state === 'open') {
          clearTimeout(timer);
          await interaction.reply({ ...payload, ...flags });
          state = 'answered';
        } else if (state === 'deferred') {
          if (reply.visibility === expected) {
            await interaction.editReply(payload);
          } else {
            // The deferred message has the wrong visibility: remove it and follow up instead.
            await interaction.deleteReply();
            await interaction.followUp({ ...payload, ...flags });
          }
          state = 'answered';
        } else {
          await interaction.followUp({ ...payload, ...flags });
        }
      }),
  };
}

/**
 * Replies to a plain message. In a DM every reply is private already; in a server channel a
 * private reply cannot be ephemeral, so it becomes a reaction (❌ for a wrong quiz answer,
 * ⏳ when rate-limited…) or nothing — never a public post.
 */
export function messageReplies(message: Message, post: Poster, render: Render, logger: Logger): ReplyChannels {
  return {
    post,
    async reply(reply) {
      if (reply.visibility === 'public' || !message.inGuild()) {
        await message.reply({ ...render(reply), allowedMentions: { parse: [], repliedUser: false } });
        return;
      }
      const emoji = reactionFor(reply);
      if (emoji) await message.react(emoji);
      else logger.debug({ reply: reply.type }, 'private reply to a channel message dropped');
    },
  };
}
