/**
 * The Discord front end: logs in, waits for ready, turns interactions and messages into
 * `BotRequest`s for the core, and renders the replies. One error boundary per event answers
 * the user privately and logs the cause; discord.js reconnects the gateway on its own.
 */
import {
  Client,
  Events,
  GatewayCloseCodes,
  GatewayIntentBits,
  MessageFlags,
  Options,
  Partials,
  WebSocketShardEvents,
  type AutocompleteInteraction,
  type Interaction,
  type Message,
} from 'discord.js';
import type { Bot } from '../../core/bot/index.js';
import { findCommand } from '../../core/bot/index.js';
import type { BotRequest, ReplyChannels } from '../../core/bot/index.js';
import { errorFields, type Logger } from '../../core/logger.js';
import { BUSY_TEXT, InFlight, withBoundary } from '../../core/bot/index.js';
import { DiscordStartError, loginAndWaitReady, startError } from './login.js';
import { attachExperts, type DiscordExpertsConfig } from './gaps.js';
import { attachFromChat, type DiscordFromChatConfig } from './from-chat.js';
import { renderReply } from './render.js';
import { channelPoster, interactionReplies, messageReplies, type Render } from './replies.js';
import { actionRequest, commandRequest, defersFirst, expectedVisibility, messageRequest, topicChoices } from './requests.js';

export interface DiscordConfig {
  token: string;
  appId: string;
  /** REST base without the version (`https://discord.com/api`): a rate-limit proxy, or a fake in tests. */
  apiUrl?: string;
}

export interface DiscordDeps {
  bot: Bot;
  config: DiscordConfig;
  logger: Logger;
  /** The privileged message-content intent is granted: typed quiz answers are read from the channel. */
  messageContent?: boolean;
  /** Defer an interaction response when no reply came within this time (default 2,000 ms; Discord allows 3 s). */
  deferAfterMs?: number;
  /** How long to wait for the gateway to become ready (default 30 s). */
  readyTimeoutMs?: number;
  /**
   * Called when Discord ends the connection for good after start-up (4004: the token was reset;
   * 4014: a privileged intent was turned off): the front end is deaf from then on. Default: logged.
   */
  onFatal?: (err: DiscordStartError) => void;
  /** Ask the experts: unanswered questions go to this channel (DISCORD_GAPS_CHANNEL). */
  experts?: DiscordExpertsConfig;
  /** "Save to citebot" and "Ask citebot about this" message commands (saving needs the knowledge folder). */
  fromChat?: Omit<DiscordFromChatConfig, 'bot'>;
}

/** One REST call (a reply, a post) that has not answered in this time is abandoned (and retried up to `REST_RETRIES` times). */
export const REST_TIMEOUT_MS = 10_000;
/** Retries of a REST call that timed out or got a 5xx (429s wait as Discord asks, separately). */
export const REST_RETRIES = 2;
/**
 * Cache bounds: every interaction caches its user and member, so without bounds memory grows with
 * each distinct user (112 → 251 MiB over 6,000). The bot reads users and members only from the
 * event in hand; a thousand of each covers the active ones.
 */
export const CACHE_LIMITS = { users: 1000, members: 1000, messages: 50 } as const;
/** How often the caches are swept of users, members and messages not needed (seconds). */
const SWEEP_INTERVAL_S = 600;

/** Close codes after which Discord will not take the connection back without an operator. */
const FATAL_CLOSE: ReadonlyMap<number, Parameters<typeof startError>[0]> = new Map([
  [GatewayCloseCodes.AuthenticationFailed, 'discord.token-rejected'],
  [GatewayCloseCodes.DisallowedIntents, 'discord.intents-disallowed'],
]);

export interface DiscordFrontEnd {
  client: Client;
  /** Events and replies still in flight (what a shutdown deadline abandons). */
  pending(): number;
  /**
   * Stops taking events, waits for replies in flight, ends running quizzes (their end and scores
   * are posted; the scores are saved), then closes the connection.
   */
  stop(): Promise<void>;
}

/**
 * Connects to Discord and serves the bot. Rejects with a `DiscordStartError` when the token is
 * rejected or Discord is unreachable. When the message-content intent is asked for but not enabled
 * for the app, it logs a warning and runs without it (typed quiz answers then use `/quiz answer`).
 */
export async function startDiscord(deps: DiscordDeps): Promise<DiscordFrontEnd> {
  const { bot, config } = deps;
  const logger = deps.logger.child({ frontEnd: 'discord' });
  const messageContent = deps.messageContent ?? false;
  const deferAfterMs = deps.deferAfterMs ?? 2000;
  const client = new Client({
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.DirectMessages,
      ...(messageContent ? [GatewayIntentBits.MessageContent] : []),
    ],
    // DM channels are not cached: without this partial, direct messages never arrive.
    partials: [Partials.Channel],
    allowedMentions: { parse: [] },
    failIfNotExists: false,
    rest: { timeout: REST_TIMEOUT_MS, retries: REST_RETRIES, ...(config.apiUrl ? { api: config.apiUrl } : {}) },
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: CACHE_LIMITS.messages,
      UserManager: { maxSize: CACHE_LIMITS.users, keepOverLimit: (user) => user.id === user.client.user.id },
      GuildMemberManager: { maxSize: CACHE_LIMITS.members, keepOverLimit: (member) => member.id === member.client.user.id },
      ReactionManager: 0,
      PresenceManager: 0,
    }),
    sweepers: {
      ...Options.DefaultSweeperSettings,
      messages: { interval: SWEEP_INTERVAL_S, lifetime: SWEEP_INTERVAL_S },
      users: { interval: SWEEP_INTERVAL_S, filter: () => (user) => user.id !== user.client.user.id },
      guildMembers: { interval: SWEEP_INTERVAL_S, filter: () => (member) => member.id !== member.client.user.id },
    },
  });
  guardPackets(client, logger);

  const render: Render = (reply) => renderReply(reply, { typedAnswers: messageContent });
  const inFlight = new InFlight(logger);
  /** Set by `stop()`: new events are ignored. */
  let stopping = false;
  /** Set once the connection is closing: posts are dropped. */
  let closed = false;
  const track = (work: Promise<void>) => void inFlight.track(work);
  /**
   * Channel posts for quiz timers. A failed post (a Discord outage) is logged and does not reject:
   * the timer that posted keeps its state and the process keeps running.
   */
  const poster = (channelId: string) => {
    const post = channelPoster(client, channelId, render, logger, () => closed);
    return (reply: Parameters<typeof post>[0]): Promise<void> => {
      const work = post(reply).catch((err: unknown) =>
        logger.error({ err: errorFields(err), channelId, reply: reply.type }, 'could not post to the channel'),
      );
      track(work);
      return work;
    };
  };

  /** The core's error boundary: a failure is logged with its cause and answered privately; the bot keeps running. */
  const guarded = (req: BotRequest, io: ReplyChannels): Promise<void> =>
    withBoundary(() => bot.handle(req, io), io, logger, { request: req.kind, user: req.user.id, place: req.place });

  const onInteraction = async (i: Interaction): Promise<void> => {
    if (i.user.bot) return logger.debug({ user: i.user.id, type: i.type }, 'interaction by a bot ignored');
    if (i.isAutocomplete()) return autocomplete(i);
    const req = i.isChatInputCommand() ? commandRequest(i) : i.isButton() ? actionRequest(i) : null;
    if (!req || !i.isRepliable())
      return logger.debug({ type: i.type, customId: i.isButton() ? i.customId.slice(0, 100) : undefined }, 'interaction not ours; ignored');
    const io = interactionReplies(i, poster(i.channelId ?? req.place.channel), render, expectedVisibility(req), deferAfterMs);
    if (defersFirst(req)) await io.defer();
    try {
      await guarded(req, io);
    } finally {
      io.done();
    }
  };

  const autocomplete = async (i: AutocompleteInteraction): Promise<void> => {
    const focused = i.options.getFocused(true);
    const spec = findCommand(i.commandName);
    const sub = i.options.getSubcommand(false);
    const option = (sub ? spec?.subcommands.find((s) => s.name === sub)?.options : spec?.options)?.find((o) => o.name === focused.name);
    const choices = option?.autocomplete === 'topics' ? topicChoices(bot.topics(), String(focused.value)) : [];
    await i.respond(choices).catch((err: unknown) => logger.warn({ err: errorFields(err) }, 'autocomplete failed'));
  };

  const onMessage = async (m: Message): Promise<void> => {
    const req = messageRequest(m, client.user?.id ?? config.appId, messageContent);
    if (!req) return;
    await guarded(req, messageReplies(m, poster(m.channelId), render, logger));
  };

  const admitted = (work: () => Promise<void>) => inFlight.admitted(() => turn().then(work));
  let dropped = 0;
  const drop = (what: string) => {
    if (dropped++ === 0) logger.info({ what }, 'events dropped: shutting down'); // once, not once an event
  };
  client.on(Events.InteractionCreate, (i) => {
    if (stopping) return drop('interaction');
    if (!inFlight.enter()) {
      if (i.isRepliable())
        track(
          i.reply({ content: BUSY_TEXT, flags: MessageFlags.Ephemeral }).then(
            () => undefined,
            (err: unknown) => logger.warn({ err: errorFields(err) }, 'could not say busy'),
          ),
        );
      return;
    }
    track(admitted(() => onInteraction(i)).catch((err: unknown) => logger.error({ err: errorFields(err) }, 'interaction failed')));
  });
  client.on(Events.MessageCreate, (m) => {
    if (stopping) return drop('message');
    if (!inFlight.enter()) return;
    track(admitted(() => onMessage(m)).catch((err: unknown) => logger.error({ err: errorFields(err) }, 'message failed')));
  });
  const trackUnlessStopping = (work: Promise<void>) => void (!stopping && track(work));
  const detachExperts = deps.experts ? attachExperts(client, deps.experts, logger, trackUnlessStopping) : () => {};
  const detachFromChat = deps.fromChat ? attachFromChat(client, { ...deps.fromChat, bot }, logger, trackUnlessStopping) : () => {};
  client.on(Events.Error, (err) => logger.error({ err: errorFields(err) }, 'Discord client error'));
  client.on(Events.Warn, (message) => logger.warn({ message }, 'Discord client warning'));
  let ready = false;
  client.on(Events.ShardDisconnect, (event, shard) => {
    logger.warn({ shard, code: event.code }, 'gateway disconnected');
    const fatal = FATAL_CLOSE.get(event.code);
    if (!fatal || !ready || stopping) return; // before ready, the login reports it
    const err = startError(fatal, undefined, `the gateway closed with ${event.code} while running`);
    if (deps.onFatal) deps.onFatal(err);
    else logger.error({ code: err.code }, err.message);
  });
  /** The close code of each shard's last connection, for the reconnect log line. */
  const lastClose = new Map<number, number>();
  client.on(Events.ShardReconnecting, (shard) => logger.info({ shard, code: lastClose.get(shard) ?? null }, 'gateway reconnecting'));
  client.on(Events.ShardResume, (shard, replayed) => logger.info({ shard, replayed }, 'gateway resumed'));
  client.on(Events.ShardReady, (shard) => {
    if (ready) logger.info({ shard }, 'gateway ready again (new session)');
  });
  client.on(Events.ShardError, (err, shard) => logger.error({ shard, err: errorFields(err) }, 'gateway error'));

  try {
    await loginAndWaitReady(client, config.token, deps.readyTimeoutMs ?? 30_000);
  } catch (err) {
    if (err instanceof DiscordStartError && err.code === 'discord.intents-disallowed' && messageContent) {
      logger.warn(
        {},
        'The message-content intent is not enabled for this bot: typed quiz answers need /quiz answer. Enable it under Bot → Privileged Gateway Intents.',
      );
      return startDiscord({ ...deps, messageContent: false });
    }
    throw err;
  }
  ready = true;
  for (const [id, shard] of client.ws.shards) shard.on(WebSocketShardEvents.Close, (event) => lastClose.set(id, event.code));
  logger.info({ user: client.user?.tag, guilds: client.guilds.cache.size, messageContent }, 'Discord ready');

  return {
    client,
    pending: () => inFlight.pending(),
    async stop() {
      stopping = true;
      detachExperts();
      detachFromChat();
      await inFlight.drain();
      // Quizzes end while the connection is still open, so their channels see the end and the
      // scores (which are saved). The core's close() does this too; a second time is a no-op.
      await bot.shutdown().catch((err: unknown) => logger.error({ err: errorFields(err) }, 'could not end the quizzes'));
      await inFlight.drain();
      closed = true;
      await client.destroy();
      logger.info({}, 'Discord stopped');
    },
  };
}

/**
 * A gateway payload discord.js cannot build (an INTERACTION_CREATE without `member`/`user`, without
 * `data`, a button press without `message`) throws inside its packet handler, where nothing would
 * catch it: the packet is dropped with a warning, and the connection keeps going.
 */
function guardPackets(client: Client, logger: Logger): void {
  const ws = client.ws as unknown as { handlePacket(packet?: { t?: unknown }, shard?: unknown): boolean };
  const handle = ws.handlePacket.bind(ws);
  ws.handlePacket = (packet, shard) => {
    try {
      return handle(packet, shard);
    } catch (err) {
      logger.warn({ event: typeof packet?.t === 'string' ? packet.t : null, err: errorFields(err) }, 'malformed gateway payload dropped');
      return false;
    }
  };
}

/**
 * Waits for the event loop's next turn. A burst of gateway events arrives in one read and would
 * otherwise be worked on in one go, starving timers and signal handlers (the shutdown deadline).
 */
function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
