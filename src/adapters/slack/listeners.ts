/**
 * The Bolt listeners: each acknowledges at once, maps the payload to a `BotRequest`, and hands it
 * to the bot inside one error boundary. Also: work in flight is counted (for shutdown) and events
 * Slack retries are answered once.
 */
import type { App, BlockAction, webApi } from '@slack/bolt';
import type { Bot } from '../../core/bot/bot.js';
import type { BotRequest, ReplyChannels } from '../../core/bot/types.js';
import type { Logger } from '../../core/logger.js';
import { replyChannels, type ReplyTarget, type RetryOptions, type Track } from './replies.js';
import { isFromPerson, mapAction, mapCommand, mapMessage, type MessagePayload } from './requests.js';
import type { SlackUsers } from './users.js';

export interface ListenerDeps {
  bot: Bot;
  botUserId: string;
  users: SlackUsers;
  logger: Logger;
  retry: RetryOptions;
  track: Track;
}

/** How many recent event ids are remembered to drop Slack's retries of them. */
const REMEMBERED_EVENTS = 10_000;

export function registerListeners(app: App, deps: ListenerDeps): void {
  const { bot, botUserId, users, logger, retry, track } = deps;

  // Counted from the first middleware on, so stop() also waits for requests still being mapped.
  app.use(async ({ next }) => {
    await track(next());
  });

  // Slack re-sends an event (same event_id, `x-slack-retry-num` / `retry_attempt`) when it thinks it was missed.
  const seen = new Set<string>();
  app.use(async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string') {
      if (seen.has(eventId)) return logger.debug({ eventId }, 'slack event retry ignored');
      seen.add(eventId);
      if (seen.size > REMEMBERED_EVENTS) seen.delete(seen.values().next().value!);
    }
    await next();
  });

  /** The error boundary: a failure is logged with its cause and the asker told privately. */
  const handle = async (io: ReplyChannels, work: () => Promise<BotRequest | string | null>): Promise<void> => {
    try {
      const request = await work();
      if (typeof request === 'string') return await io.reply({ type: 'notice', visibility: 'private', code: 'usage', text: request });
      if (request) await bot.handle({ ...request, user: await users.actor(request.user.id, request.user.name) }, io);
    } catch (error) {
      logger.error({ err: error }, 'slack request failed');
      await io
        .reply({ type: 'notice', visibility: 'private', code: 'internal-error', text: 'Sorry, something went wrong on my side. Please try again.' })
        .catch((e: unknown) => logger.error({ err: e }, 'slack could not report the failure'));
    }
  };
  const channels = (client: webApi.WebClient, target: ReplyTarget) => replyChannels(target, client, retry, track, logger);

  const onCommand: Parameters<App['command']>[1] = async ({ command, ack, client }) => {
    await ack();
    const io = channels(client, { channel: command.channel_id, user: command.user_id, responseUrl: command.response_url, dm: command.channel_id.startsWith('D') });
    await handle(io, async () => {
      const mapped = mapCommand(command, { id: command.user_id, name: command.user_name }, () => bot.topics());
      return mapped.ok ? mapped.request : mapped.usage;
    });
  };
  app.command('/ask', onCommand);
  app.command('/quiz', onCommand);
  app.command('/citebot', onCommand);

  const onMessage = async (event: MessagePayload, workspace: string, client: webApi.WebClient): Promise<void> => {
    if (!isFromPerson(event)) return;
    const request = mapMessage(event, workspace, botUserId, { id: event.user, name: event.user });
    if (!request) return;
    const thread = request.place.thread;
    const io = channels(client, { channel: event.channel, user: event.user, replyThread: thread, postThread: thread, dm: request.place.dm });
    await handle(io, async () => request);
  };
  app.event('app_mention', async ({ event, body, client }) => onMessage(event as MessagePayload, body.team_id, client));
  app.message(async ({ message, body, client }) => onMessage(message as MessagePayload, body.team_id, client));

  app.action<BlockAction>(/^citebot\./, async ({ ack, body, action, client }) => {
    await ack();
    if (action.type !== 'button') return;
    const request = mapAction(body, action.action_id, action.value ?? '', { id: body.user.id, name: body.user.name ?? body.user.id });
    if (!request) return; // the link button: Slack opens the URL itself
    const target = { channel: request.place.channel, user: body.user.id, responseUrl: body.response_url, postThread: request.place.thread, dm: request.place.dm };
    await handle(channels(client, target), async () => request);
  });

  // Errors outside the boundary (Bolt's own, e.g. a failed acknowledgement): logged, never rethrown.
  app.error(async (error) => {
    logger.error({ err: error, code: error.code }, 'slack bolt error');
  });
}
