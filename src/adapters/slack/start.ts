/**
 * Starts the Slack front end: checks the bot token with `auth.test`, then runs Bolt in HTTP mode
 * (events, commands and actions at `/slack/events`, plus `GET /healthz`) or in Socket Mode when an
 * app-level token is given.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, ErrorCode, HTTPReceiver, SocketModeReceiver, type CustomRoute, type webApi } from '@slack/bolt';
import type { Bot } from '../../core/bot/index.js';
import { errorFields, type Logger } from '../../core/logger.js';
import { INTERNAL_ERROR, InFlight } from '../../core/bot/index.js';
import { boltLogger } from './bolt-logger.js';
import { guardReceiver } from './guard.js';
import { registerListeners } from './listeners.js';
import { reconnectBeforeClosing } from './socket-refresh.js';
import { registerExperts, type SlackExpertsConfig } from './gaps.js';
import { registerFromChat, type SlackFromChatConfig } from './from-chat.js';
import type { RetryOptions } from './replies.js';
import { checkBotToken, startError } from './startup.js';
import { SlackUsers } from './users.js';

export interface SlackConfig {
  /** Bot User OAuth Token (`xoxb-…`). */
  botToken: string;
  signingSecret: string;
  /** App-level token (`xapp-…`): runs in Socket Mode instead of HTTP. */
  appToken?: string;
  /** Web API base, e.g. `https://slack.com/api/` (GovSlack, tests). */
  apiUrl?: string;
  /** HTTP port (0 for any free port); unused in Socket Mode. */
  port: number;
  host?: string;
}

export interface SlackDeps {
  bot: Bot;
  config: SlackConfig;
  logger: Logger;
  /** Retries of Slack calls answered 429/5xx, or that timed out (default `DEFAULT_RETRY`). */
  retryConfig?: RetryOptions;
  /** How long one Slack call (Web API or `response_url`) may take before it is abandoned (default `SLACK_CALL_TIMEOUT_MS`). */
  callTimeoutMs?: number;
  /** How long an answer waits for the asker's name from `users.info` before using the id (default `USER_LOOKUP_WAIT_MS`). */
  userLookupWaitMs?: number;
  /** Requests worked on at once; past this, new ones are told the bot is busy (default `MAX_CONCURRENT_REQUESTS`). */
  maxConcurrent?: number;
  /** Ask the experts: unanswered questions go to this channel (SLACK_GAPS_CHANNEL). */
  experts?: SlackExpertsConfig;
  /** Message shortcuts (Save to citebot, Ask citebot) and the Home tab. */
  fromChat?: SlackFromChatConfig;
}

/** A Slack call that has not answered in this time will not (Node's own default is 300 s): it is abandoned and retried. */
export const SLACK_CALL_TIMEOUT_MS = 10_000;
/**
 * Retries of a Slack call answered 429/5xx or timed out: 3, spaced 0.5–5 s (the Web API client's own
 * default is 10 over about 30 minutes, which held replies and shutdown for that long).
 */
export const DEFAULT_RETRY: RetryOptions = { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 5000 };
/**
 * An idle keep-alive connection to the HTTP front end is kept this long (Node's default is 5 s): longer
 * than a load balancer's idle timeout (AWS ALB 60 s, most others less), so it is always the balancer,
 * never the bot, that closes an idle connection — else the balancer may send a request (or a health
 * probe) on a socket the bot is closing, and it fails with a reset.
 */
export const HTTP_KEEP_ALIVE_MS = 65_000;
/** Time a request's headers may take: Node requires it above the keep-alive timeout (else it can cut a kept-alive connection's next request short). */
export const HTTP_HEADERS_TIMEOUT_MS = HTTP_KEEP_ALIVE_MS + 1000;
/** Once stopping, a connection is closed this soon after its last answer (so a stop is not held up by the long keep-alive). */
const STOPPING_KEEP_ALIVE_MS = 1;
/** An answer waits at most this long for the asker's display name; it is answered with the id otherwise (the name is cached when it comes). */
export const USER_LOOKUP_WAIT_MS = 1000;

/** A polite private reply for a request that failed before it could be answered (the HTTP body of a slash command is shown to its sender). */
const FAILED_REQUEST = { response_type: 'ephemeral', text: INTERNAL_ERROR.text };

export interface SlackFrontEnd {
  app: App;
  /** The HTTP port listened on; 0 in Socket Mode. */
  port: number;
  /** Stops taking requests, then waits for the replies in flight. */
  stop(): Promise<void>;
  /** Requests and Slack calls still in flight (what a shutdown deadline abandons). */
  pending(): number;
}

/** Answers `GET /healthz` with `{"ok":true}` (load balancers, container probes). */
const healthRoute: CustomRoute = {
  path: '/healthz',
  method: ['GET'],
  handler: (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  },
};

/**
 * Starts the front end. Rejects with a `SlackStartError` saying what to fix when Slack rejects a token,
 * cannot be reached, or the port is taken.
 */
export async function startSlack(deps: SlackDeps): Promise<SlackFrontEnd> {
  const { bot, config } = deps;
  const logger = deps.logger.child({ frontEnd: 'slack' });
  const bolt = boltLogger(logger);
  const slackApiUrl = config.apiUrl?.replace(/\/?$/, '/');
  const retry = deps.retryConfig ?? DEFAULT_RETRY;
  const timeout = deps.callTimeoutMs ?? SLACK_CALL_TIMEOUT_MS;
  const clientOptions: webApi.WebClientOptions = { logger: bolt, timeout, retryConfig: retry, ...(slackApiUrl ? { slackApiUrl } : {}) };
  const identity = await checkBotToken(config.botToken, clientOptions);

  // The one error boundary for what fails outside a listener: logged; the sender gets a polite private reply.
  const failed = (error: unknown, where: string) => logger.error({ err: errorFields(error) }, `slack request failed ${where}`);
  const receiver = config.appToken
    ? new SocketModeReceiver({
        appToken: config.appToken,
        logger: bolt,
        installerOptions: { clientOptions },
        customPropertiesExtractor: (args) => ({ envelopeId: (args as { envelope_id?: unknown }).envelope_id }),
        processEventErrorHandler: async ({ error }) => {
          failed(error, 'outside a listener');
          return true; // acknowledged: Slack must not send it again
        },
      })
    : new HTTPReceiver({
        signingSecret: config.signingSecret,
        signatureVerification: false, // the guard verifies each request, once (guard.ts)
        logger: bolt,
        customRoutes: [healthRoute],
        // Synchronous: bolt calls it without awaiting, so an async handler's failure would be an unhandled rejection.
        dispatchErrorHandler: ({ error, request, response }) => {
          const unknownRoute = (error as { code?: unknown }).code === ErrorCode.HTTPReceiverDeferredRequestError;
          if (!unknownRoute) failed(error, 'before it was read');
          if (!response.headersSent) response.writeHead(unknownRoute ? 404 : 500).end();
          if (unknownRoute) logger.debug({ method: request.method }, 'request to an unknown path');
        },
        processEventErrorHandler: async ({ error, response }) => {
          failed(error, 'outside a listener');
          if (response.headersSent) return false;
          response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(FAILED_REQUEST));
          return true;
        },
        unhandledRequestHandler: ({ response }) => {
          logger.warn({}, 'slack request not acknowledged within 3 s');
          if (!response.headersSent) response.writeHead(200).end();
        },
      });
  if (receiver instanceof HTTPReceiver) guardReceiver(receiver, { signingSecret: config.signingSecret, logger });
  else reconnectBeforeClosing(receiver, logger);
  // convoStore: false — Bolt's conversation store is unused here and costs an Error (with its stack) per request.
  const app = new App({
    token: config.botToken,
    botId: identity.botId,
    botUserId: identity.userId,
    receiver,
    logger: bolt,
    clientOptions,
    convoStore: false,
  });

  const inFlight = new InFlight(logger, deps.maxConcurrent);
  const track = <T>(work: Promise<T>) => inFlight.track(work);
  const users = new SlackUsers(app.client, logger, deps.userLookupWaitMs ?? USER_LOOKUP_WAIT_MS);
  registerListeners(app, {
    bot,
    botUserId: identity.userId,
    users,
    logger,
    retry,
    callTimeoutMs: timeout,
    inFlight,
  });
  if (deps.fromChat) registerFromChat(app, deps.fromChat, { bot, users, logger, retry, callTimeoutMs: timeout, track });
  const disconnectExperts = deps.experts ? registerExperts(app, deps.experts, logger) : () => {};

  let port = 0;
  let server: Server | undefined;
  try {
    if (receiver instanceof SocketModeReceiver) {
      await app.start();
    } else {
      server = (await app.start({ port: config.port, host: config.host })) as Server;
      server.keepAliveTimeout = HTTP_KEEP_ALIVE_MS;
      server.headersTimeout = HTTP_HEADERS_TIMEOUT_MS;
      port = (server.address() as AddressInfo).port;
    }
  } catch (error) {
    throw startError(error, config.appToken ? 'app' : 'bot', slackApiUrl, config.port);
  }
  logger.info(
    { mode: config.appToken ? 'socket' : 'http', port, team: identity.team, botUserId: identity.userId },
    'slack front end started',
  );

  let stopping: Promise<void> | undefined;
  const stop = async () => {
    disconnectExperts();
    // Socket Mode: wait for the socket to close (the receiver's stop() does not).
    if (receiver instanceof SocketModeReceiver) await receiver.client.disconnect();
    else {
      if (server) server.keepAliveTimeout = STOPPING_KEEP_ALIVE_MS;
      await app.stop(); // closes the idle connections at once, the others after their last answer
    }
    await inFlight.drain();
    logger.info({}, 'slack front end stopped');
  };
  return { app, port, stop: () => (stopping ??= stop()), pending: () => inFlight.pending() };
}
