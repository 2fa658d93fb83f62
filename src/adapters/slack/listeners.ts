/**
 * The Bolt listeners: each acknowledges at once, maps the payload to a `BotRequest`, and hands it
 * to the bot inside one error boundary. Also: work in flight is counted (for shutdown) and events
 * Slack retries are answered once.
 */
import type { App, BlockAction, webApi } from '@slack/bolt';
import type { Bot } from '../../core/bot/index.js';
import type { BotRequest, ReplyChannels } from '../../core/bot/index.js';
import { errorFields, type Logger } from '../../core/logger.js';
import { BOT_ID_PATTERN } from '../../core/bot/index.js';
import { BUSY_TEXT, withBoundary, type InFlight } from '../../core/bot/index.js';
import { replyChannels, type ReplyTarget, type RetryOptions } from './replies.js';
import { isFromPerson, mapAction, mapCommand, mapMessage, type MessagePayload } from './requests.js';
import type { SlackUsers } from './users.js';

export interface ListenerDeps {
  bot: Bot;
  botUserId: string;
  users: SlackUsers;
  logger: Logger;
  retry: RetryOptions;
  /** How long one reply to a `response_url` may take. */
  callTimeoutMs: number;
  /** Counts the work in flight (for shutdown) and admits requests (turning away the ones past its limit). */
  inFlight: InFlight;
}

/** How many recent event ids (and Socket Mode envelope ids) are remembered to drop Slack's retries of them. */
const REMEMBERED_EVENTS = 10_000;

/** The polite reply (as the acknowledgement, shown only to the sender) to a slash command whose payload lacks what is needed to answer. */
const MALFORMED_COMMAND = 'Sorry, I could not read that request from Slack. Please try again.';

/** Adds `id` to `seen` (bounded to `REMEMBERED_EVENTS`, oldest dropped); false when it was there already. */
function firstTime(seen: Set<string>, id: string): boolean {
  if (seen.has(id)) return false;
  seen.add(id);
  if (seen.size > REMEMBERED_EVENTS) seen.delete(seen.values().next().value!);
  return true;
}

const isText = (v: unknown): v is string => typeof v === 'string';

/** Whether a request needs the asker's name or admin status from `users.info` (quizzes, `/citebot`); a question needs neither. */
const needsActor = (request: BotRequest): boolean =>
  !((request.kind === 'command' && request.command === 'ask') || (request.kind === 'message' && request.addressed));

export function registerListeners(app: App, deps: ListenerDeps): void {
  const { bot, botUserId, users, logger, retry, inFlight } = deps;
  const track = <T>(work: Promise<T>) => inFlight.track(work);

  // Counted from the first middleware on, so stop() also waits for requests still being mapped.
  app.use(async ({ next }) => {
    await track(next());
  });

  // Slack re-sends an event (same event_id, `x-slack-retry-num` / `retry_attempt`) when it thinks it was missed.
  // Socket Mode may deliver an envelope twice (same envelope_id): it is acknowledged again, answered once.
  const seen = new Set<string>();
  const envelopes = new Set<string>();
  app.use(async (args) => {
    const { body, context, next } = args;
    const envelopeId = context.envelopeId;
    if (isText(envelopeId) && !firstTime(envelopes, envelopeId)) {
      await (args as { ack?: () => Promise<void> }).ack?.();
      return logger.debug({ envelopeId }, 'slack envelope delivered again; ignored');
    }
    const eventId = (body as { event_id?: unknown }).event_id;
    if (isText(eventId) && !firstTime(seen, eventId)) return logger.debug({ eventId }, 'slack event retry ignored');
    await next();
  });

  /** Maps and handles a request inside the core's error boundary: a failure is logged with its cause and the asker told privately. */
  const handle = (io: ReplyChannels, work: () => Promise<BotRequest | string | null>): Promise<void> =>
    withBoundary(
      async () => {
        // Answers wait for the requests already received to be acknowledged first: under a burst, acks never queue behind answers.
        await new Promise((resolve) => setImmediate(resolve));
        const request = await work();
        if (typeof request === 'string') return await io.reply({ type: 'notice', visibility: 'private', code: 'usage', text: request });
        if (request)
          await bot.handle(needsActor(request) ? { ...request, user: await users.actor(request.user.id, request.user.name) } : request, io);
      },
      io,
      logger,
    );
  const channels = (client: webApi.WebClient, target: ReplyTarget) =>
    replyChannels(target, client, retry, track, logger, deps.callTimeoutMs);

  const onCommand: Parameters<App['command']>[1] = async ({ command, ack, client }) => {
    const fields = [command.command, command.text, command.team_id, command.channel_id, command.user_id, command.response_url];
    if (!fields.every(isText)) {
      logger.warn(
        { command: isText(command.command) ? command.command : typeof command.command },
        'slack slash command payload is missing fields; answered with an error',
      );
      return ack({ response_type: 'ephemeral', text: MALFORMED_COMMAND });
    }
    if (!inFlight.enter()) return ack({ response_type: 'ephemeral', text: BUSY_TEXT });
    await inFlight.admitted(async () => {
      await ack();
      const io = channels(client, {
        channel: command.channel_id,
        user: command.user_id,
        responseUrl: command.response_url,
        dm: command.channel_id.startsWith('D'),
      });
      await handle(io, async () => {
        const mapped = mapCommand(command, { id: command.user_id, name: command.user_name }, () => bot.topics());
        return mapped.ok ? mapped.request : mapped.usage;
      });
    });
  };
  app.command('/ask', onCommand);
  app.command('/quiz', onCommand);
  app.command('/citebot', onCommand);

  const onMessage = async (event: MessagePayload, workspace: string, client: webApi.WebClient): Promise<void> => {
    if (!isFromPerson(event)) return;
    if (
      !isText(event.channel) ||
      !isText(event.ts) ||
      !(event.text === undefined || isText(event.text)) ||
      !(event.thread_ts === undefined || isText(event.thread_ts))
    ) {
      return logger.warn({ type: event.type }, 'slack message event is malformed; ignored');
    }
    const request = mapMessage(event, workspace, botUserId, { id: event.user, name: event.user });
    if (!request) return;
    const thread = request.place.thread;
    const io = channels(client, {
      channel: event.channel,
      user: event.user,
      replyThread: thread,
      postThread: thread,
      dm: request.place.dm,
    });
    if (!inFlight.enter()) return handle(io, async () => (request.kind === 'message' && request.addressed ? BUSY_TEXT : null));
    await inFlight.admitted(() => handle(io, async () => request));
  };
  app.event('app_mention', async ({ event, body, client }) => onMessage(event as MessagePayload, body.team_id, client));
  app.message(async ({ message, body, client }) => onMessage(message as MessagePayload, body.team_id, client));

  app.action<BlockAction>(BOT_ID_PATTERN, async ({ ack, body, action, client }) => {
    await ack();
    if (action.type !== 'button') return;
    if (!isText(body.user?.id) || !isText(action.action_id)) return logger.warn({}, 'slack button press is malformed; ignored');
    const request = mapAction(body, action.action_id, action.value ?? '', { id: body.user.id, name: body.user.name ?? body.user.id });
    if (!request) return; // the link button: Slack opens the URL itself
    const target = {
      channel: request.place.channel,
      user: body.user.id,
      responseUrl: body.response_url,
      postThread: request.place.thread,
      dm: request.place.dm,
    };
    await handle(channels(client, target), async () => request);
  });

  // Errors outside the boundary (Bolt's own, e.g. a failed acknowledgement): logged, never rethrown.
  app.error(async (error) => {
    logger.error({ err: errorFields(error) }, 'slack bolt error');
  });
}
