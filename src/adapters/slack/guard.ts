/**
 * The one check of Slack's requests, in front of Bolt's HTTP receiver (whose own signature check is
 * turned off, so a request is verified once): the body read with a size limit; unsigned, wrongly
 * signed, tampered and stale requests (Slack's 5 minutes) refused with 401, and — what Bolt let
 * through — requests stamped in the future, signed requests sent again (a replay within the five
 * minutes a signature is valid), and signed bodies that are not an object (`null`, `payload=null`,
 * which throw inside Bolt where nothing catches it). Slack's unsigned `ssl_check` is passed on with
 * nothing else in its body, as Bolt does. Everything else is handed to Bolt with the body already
 * read (Bolt reuses `rawBody`).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { HTTPReceiver } from '@slack/bolt';
import type { Logger } from '../../core/logger.js';

/** Slack signs each request with its time: those older than this, or newer by as much, are refused (Slack's own rule for replays). */
export const MAX_CLOCK_SKEW_S = 5 * 60;
/** Largest request body read (Bolt's own limit): bigger bodies are refused with 413 before any parsing. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;
/**
 * Signatures remembered to drop replays. A signature is accepted for 5 minutes; at the 600 requests
 * a second the bot is sized for that is 180,000 — a bound on memory (about 20 MB), not on time.
 */
export const MAX_REMEMBERED_SIGNATURES = 200_000;

export interface GuardOptions {
  signingSecret: string;
  logger: Logger;
  /** Paths Bolt takes events at (default `/slack/events`). */
  endpoints?: readonly string[];
  now?: () => number;
}

/** Puts the screen in front of `receiver` (before `app.start()`). */
export function guardReceiver(receiver: HTTPReceiver, options: GuardOptions): void {
  const bolt = receiver.requestListener;
  receiver.requestListener = screen(bolt, options);
}

/** The request listener that screens requests to the event endpoints, then calls `next`. */
export function screen(next: RequestListener, options: GuardOptions): RequestListener {
  const { signingSecret, logger } = options;
  const endpoints = new Set(options.endpoints ?? ['/slack/events']);
  const now = options.now ?? Date.now;
  /** Signature digest → when it stops being valid (ms); insertion order is expiry order. */
  const seen = new Map<string, number>();

  const refuse = (res: ServerResponse, status: number) => {
    res.writeHead(status);
    res.end();
  };

  const check = async (req: IncomingMessage & { rawBody?: Buffer }, res: ServerResponse): Promise<void> => {
    const raw = await readBody(req);
    if (raw === null) {
      logger.warn({ limit: MAX_BODY_BYTES }, 'slack request body too large; refused');
      res.writeHead(413, { connection: 'close' });
      res.end();
      return;
    }
    req.rawBody = raw;
    if (isSslCheck(raw, req.headers['content-type'])) {
      req.rawBody = Buffer.from(SSL_CHECK); // what Bolt keeps of it: nothing unsigned gets through with it
      return next(req, res);
    }
    const stampText = req.headers['x-slack-request-timestamp'];
    const signature = req.headers['x-slack-signature'];
    const stamp = Number(stampText);
    if (typeof signature !== 'string' || typeof stampText !== 'string' || !Number.isFinite(stamp)) {
      logger.warn({}, 'slack request not signed; refused');
      return refuse(res, 401);
    }
    const skewSeconds = Math.round(stamp - now() / 1000);
    if (Math.abs(skewSeconds) > MAX_CLOCK_SKEW_S) {
      logger.warn({ skewSeconds }, `slack request stamped ${skewSeconds > 0 ? 'in the future' : 'too long ago'}; refused`);
      return refuse(res, 401);
    }
    if (!signedBySlack(signingSecret, raw, stampText, signature)) {
      logger.warn({}, 'slack request wrongly signed (or its body changed); refused');
      return refuse(res, 401);
    }
    const key = createHash('sha256').update(signature).digest('base64');
    const at = now();
    for (const [k, until] of seen) {
      if (until > at && seen.size <= MAX_REMEMBERED_SIGNATURES) break;
      seen.delete(k);
    }
    if (seen.has(key)) {
      logger.info({}, 'slack signed request replayed; acknowledged, not answered again');
      return refuse(res, 200);
    }
    seen.set(key, stamp * 1000 + MAX_CLOCK_SKEW_S * 1000);
    if (!isObjectBody(raw, req.headers['content-type'])) {
      logger.warn({ contentType: req.headers['content-type'] }, 'slack signed request body is not an object; refused');
      return refuse(res, 400);
    }
    next(req, res);
  };

  return (req, res) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (req.method !== 'POST' || !endpoints.has(path)) return next(req, res);
    check(req, res).catch((err: unknown) => {
      logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'slack request could not be read');
      if (!res.headersSent) refuse(res, 400);
      else res.destroy();
    });
  };
}

/** The body, or null when it is over `MAX_BODY_BYTES` (the rest is not read). */
async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const declared = Number(req.headers['content-length']);
  if (declared > MAX_BODY_BYTES) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Whether `signature` is Slack's `v0=` HMAC-SHA256 of `v0:<stamp>:<body>` with the signing secret (compared in constant time). */
function signedBySlack(signingSecret: string, raw: Buffer, stamp: string, signature: string): boolean {
  const expected = Buffer.from(`v0=${createHmac('sha256', signingSecret).update(`v0:${stamp}:`).update(raw).digest('hex')}`);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Slack's certificate check (sent unsigned): answered by Bolt with 200. */
const SSL_CHECK = 'ssl_check=1';
const FORM = 'application/x-www-form-urlencoded';

/** Whether the body is Slack's `ssl_check` (as Bolt tells it: a form, exactly that content type, with `ssl_check=1`). */
function isSslCheck(raw: Buffer, contentType: string | undefined): boolean {
  return contentType === FORM && new URLSearchParams(raw.toString('utf8')).get('ssl_check') === '1';
}

/** Whether the body is what Bolt can read: a JSON object, or a form whose `payload` (if any) is a JSON object. */
export function isObjectBody(raw: Buffer, contentType: string | undefined): boolean {
  const isObject = (text: string) => {
    try {
      const value: unknown = JSON.parse(text);
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    } catch {
      return false;
    }
  };
  const text = raw.toString('utf8');
  if (contentType?.startsWith(FORM)) {
    const payload = new URLSearchParams(text).get('payload');
    return payload === null || isObject(payload);
  }
  return isObject(text);
}
