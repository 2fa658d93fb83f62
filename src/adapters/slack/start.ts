/**
 * Starts the Slack front end: checks the bot token with `auth.test`, then runs Bolt in HTTP mode
 * (events, commands and actions at `/slack/events`, plus `GET /healthz`) or in Socket Mode when an
 * app-level token is given.
 */
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, SocketModeReceiver, type CustomRoute, type webApi } from '@slack/bolt';
import type { Bot } from '../../core/bot/bot.js';
import type { Logger } from '../../core/logger.js';
import { boltLogger } from './bolt-logger.js';
import { registerListeners } from './listeners.js';
import { registerExperts, type SlackExpertsConfig } from './gaps.js';
import { registerFromChat, type SlackFromChatConfig } from './from-chat.js';
import type { RetryOptions, Track } from './replies.js';
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
  /** Retries of Slack calls answered 429/5xx (default: the Web API client's, ten retries in about 30 minutes). */
  retryConfig?: RetryOptions;
  /** Ask the experts: unanswered questions go to this channel (SLACK_GAPS_CHANNEL). */
  experts?: SlackExpertsConfig;
  /** Message shortcuts (Save to citebot, Ask citebot) and the Home tab. */
  fromChat?: SlackFromChatConfig;
}

export interface SlackFrontEnd {
  app: App;
  /** The HTTP port listened on; 0 in Socket Mode. */
  port: number;
  /** Stops taking requests, then waits for the replies in flight. */
  stop(): Promise<void>;
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
  const clientOptions: webApi.WebClientOptions = {
    logger: bolt,
    ...(slackApiUrl ? { slackApiUrl } : {}),
    ...(deps.retryConfig ? { retryConfig: deps.retryConfig } : {}),
  };
  const identity = await checkBotToken(config.botToken, { ...clientOptions, retryConfig: deps.retryConfig ?? { retries: 2 } });

  const receiver = config.appToken
    ? new SocketModeReceiver({ appToken: config.appToken, logger: bolt, installerOptions: { clientOptions } })
    : new HTTPReceiver({ signingSecret: config.signingSecret, logger: bolt, customRoutes: [healthRoute] });
  const app = new App({ token: config.botToken, botId: identity.botId, botUserId: identity.userId, receiver, logger: bolt, clientOptions });

  const inFlight = new Set<Promise<unknown>>();
  const track: Track = (work) => {
    inFlight.add(work);
    const done = () => inFlight.delete(work);
    work.then(done, done);
    return work;
  };
  const users = new SlackUsers(app.client, logger);
  registerListeners(app, {
    bot,
    botUserId: identity.userId,
    users,
    logger,
    retry: deps.retryConfig ?? {},
    track,
  });
  if (deps.fromChat) registerFromChat(app, deps.fromChat, { bot, users, logger, retry: deps.retryConfig ?? {}, track });
  const disconnectExperts = deps.experts ? registerExperts(app, deps.experts, logger) : () => {};

  let port = 0;
  try {
    if (receiver instanceof SocketModeReceiver) {
      await app.start();
    } else {
      const server = await app.start({ port: config.port, host: config.host });
      port = (server.address() as AddressInfo).port;
    }
  } catch (error) {
    throw startError(error, config.appToken ? 'app' : 'bot', slackApiUrl, config.port);
  }
  logger.info({ mode: config.appToken ? 'socket' : 'http', port, team: identity.team, botUserId: identity.userId }, 'slack front end started');

  let stopping: Promise<void> | undefined;
  const stop = async () => {
    disconnectExperts();
    // Socket Mode: wait for the socket to close (the receiver's stop() does not).
    if (receiver instanceof SocketModeReceiver) await receiver.client.disconnect();
    else await app.stop();
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    logger.info({}, 'slack front end stopped');
  };
  return { app, port, stop: () => (stopping ??= stop()) };
}
