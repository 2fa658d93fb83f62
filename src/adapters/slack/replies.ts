/**
 * Where a Slack request's replies go. `reply` answers the request: through its `response_url`
 * (slash commands, buttons; `ephemeral` when private) or, for messages, with `chat.postMessage`
 * in the thread (`chat.postEphemeral` when private). `post` always uses `chat.postMessage`, so
 * quiz timers can keep posting long after the request is gone; it logs failures instead of
 * rejecting, so a Slack outage cannot break a timer.
 */
import http from 'node:http';
import https from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import type { webApi } from '@slack/bolt';
import type { BotReply, ReplyChannels } from '../../core/bot/index.js';
import { errorFields, type Logger } from '../../core/logger.js';
import { render } from './render.js';

/** Where one request's replies are addressed. */
export interface ReplyTarget {
  channel: string;
  /** The person who asked: private replies are shown only to them. */
  user: string;
  /** Thread `reply` answers in (a mention's thread, or the thread of the message). */
  replyThread?: string;
  /** Thread `post` sends to (the place's thread). */
  postThread?: string;
  /** The request's `response_url` (slash commands and buttons). */
  responseUrl?: string;
  /** A direct message: private and public replies are the same. */
  dm?: boolean;
}

/** How replies to a `response_url` are retried on 429 and 5xx (same fields as the Web API client's `retryConfig`). */
export interface RetryOptions {
  retries?: number;
  factor?: number;
  minTimeout?: number;
  maxTimeout?: number;
}

/** Counts Slack calls in flight, so shutdown can wait for them. */
export type Track = <T>(work: Promise<T>) => Promise<T>;

/** The longest `Retry-After` obeyed: a longer one is treated as this, so a reply is never held for hours. */
const MAX_RETRY_AFTER_MS = 30_000;

export function replyChannels(
  target: ReplyTarget,
  client: webApi.WebClient,
  retry: RetryOptions,
  track: Track,
  logger: Logger,
  timeoutMs: number,
): ReplyChannels {
  const send = async (reply: BotReply, thread: string | undefined): Promise<void> => {
    const message = render(reply);
    const thread_ts = thread ? { thread_ts: thread } : {};
    if (reply.visibility === 'private' && !target.dm) {
      await client.chat.postEphemeral({ channel: target.channel, user: target.user, ...thread_ts, ...message });
    } else {
      await client.chat.postMessage({ channel: target.channel, ...thread_ts, ...message });
    }
  };
  return {
    reply: (reply) =>
      track(
        target.responseUrl
          ? postToResponseUrl(
              target.responseUrl,
              { response_type: reply.visibility === 'private' ? 'ephemeral' : 'in_channel', replace_original: false, ...render(reply) },
              retry,
              timeoutMs,
              logger,
            )
          : send(reply, target.replyThread),
      ),
    post: (reply) =>
      track(send(reply, target.postThread)).catch((error: unknown) => {
        logger.error({ err: errorFields(error), channel: target.channel, reply: reply.type }, 'slack post failed');
      }),
  };
}

/**
 * Connection failures of a reply POST that are retried: the request got no answer because the
 * connection was refused or closed under it — above all a keep-alive socket the server closed just
 * as the reply was written on it, where the server never saw the request, so sending it again cannot
 * post it twice. A timeout is not retried: the server may have taken the reply and be slow to say so.
 */
const RETRIED_CONNECTION_ERRORS = new Set(['ECONNRESET', 'EPIPE', 'ECONNREFUSED', 'ECONNABORTED']);

/**
 * POSTs a message to a `response_url`. A 429 or 5xx is retried after the `Retry-After` seconds
 * Slack asks for (at most `MAX_RETRY_AFTER_MS`; else with exponential back-off), and a connection
 * closed or refused before any answer (`RETRIED_CONNECTION_ERRORS`) is retried at once on a new
 * connection, each logged, up to `retries` times in all. No answer within `timeoutMs` and other
 * failures throw.
 */
export async function postToResponseUrl(url: string, body: object, retry: RetryOptions, timeoutMs: number, logger?: Logger): Promise<void> {
  const retries = retry.retries ?? 3;
  const payload = JSON.stringify(body);
  for (let attempt = 0; ; attempt++) {
    const res = await post(url, payload, timeoutMs).catch((err: unknown) => {
      const code = (err as { code?: unknown }).code;
      if (typeof code === 'string' && RETRIED_CONNECTION_ERRORS.has(code) && attempt < retries) return code;
      const timedOut = (err as { name?: unknown }).name === 'TimeoutError';
      throw new Error(`The reply to response_url failed: ${timedOut ? `no answer within ${timeoutMs} ms` : (err as Error).message}`, {
        cause: err,
      });
    });
    if (typeof res === 'string') {
      logger?.warn({ code: res, attempt: attempt + 1 }, 'reply to response_url lost its connection; sent again');
      continue;
    }
    if (res.status >= 200 && res.status < 300) return;
    if ((res.status !== 429 && res.status < 500) || attempt >= retries) {
      throw new Error(`Slack refused the reply to response_url: HTTP ${res.status} ${res.text.slice(0, 200)}`);
    }
    const asked = Number.parseInt(res.retryAfter ?? '', 10);
    const backoff = Math.min(retry.maxTimeout ?? 5000, (retry.minTimeout ?? 500) * (retry.factor ?? 2) ** attempt);
    await sleep(Number.isNaN(asked) ? backoff : Math.min(asked * 1000, MAX_RETRY_AFTER_MS));
  }
}

/**
 * An idle connection kept for replies is closed by us after this (or a second before the server's
 * `Keep-Alive: timeout` hint, when lower): below the 5 s idle timeout of Node's and many servers, so
 * we close a quiet socket before the server does, rather than write a reply on it as it closes.
 */
const IDLE_SOCKET_MS = 4000;
/** Connections kept open to Slack for replies (node:http costs about half of `fetch` per request, which counts at hundreds a second). */
const agents = {
  http: new http.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
  https: new https.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
};
/** Characters of a refused reply's body kept for the error message. */
const ERROR_BODY_CHARS = 200;

/** POSTs JSON; rejects with a `TimeoutError` when the whole exchange takes longer than `timeoutMs`. */
function post(url: string, payload: string, timeoutMs: number): Promise<{ status: number; retryAfter?: string; text: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const secure = target.protocol === 'https:';
    if (!secure && target.protocol !== 'http:') return reject(new Error(`unsupported response_url protocol ${target.protocol}`));
    const req = (secure ? https : http).request(
      target,
      {
        method: 'POST',
        agent: secure ? agents.https : agents.http,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
        signal: AbortSignal.timeout(timeoutMs),
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (text.length < ERROR_BODY_CHARS) text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'], text }));
        res.on('error', reject);
      },
    );
    req.on('error', (err: Error) => reject(err.name === 'AbortError' && err.cause instanceof Error ? err.cause : err));
    req.end(payload);
  });
}
