/**
 * What Slack sends an app, built and signed as Slack does: slash commands (form-encoded),
 * Events API callbacks (JSON) and `block_actions` (form field `payload`). The same payloads
 * are what Socket Mode envelopes carry.
 */
import { createHmac } from 'node:crypto';
import { BOT_USER_ID, TEAM_ID } from './fake-slack.js';

export const SIGNING_SECRET = 'test-signing-secret';

/** `v0=<hex HMAC-SHA256(secret, "v0:<ts>:<body>")>` */
export function signature(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

export interface Sent {
  status: number;
  text: string;
}

export interface SendOptions {
  /** Headers replacing the signed ones (a bad signature, a stale timestamp, none at all). */
  headers?: Record<string, string | undefined>;
  /** Changes the body after signing (a tampered request). */
  tamper?: (body: string) => string;
}

/** Posts signed requests to an app's `/slack/events`. */
export class SlackSender {
  constructor(private readonly baseUrl: string) {}

  async post(body: string, contentType: string, options: SendOptions = {}): Promise<Sent> {
    const ts = nowSeconds();
    const headers: Record<string, string> = {
      'content-type': contentType,
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': signature(body, ts),
    };
    for (const [key, value] of Object.entries(options.headers ?? {})) {
      if (value === undefined) delete headers[key];
      else headers[key] = value;
    }
    const res = await fetch(`${this.baseUrl}/slack/events`, {
      method: 'POST',
      headers,
      body: options.tamper ? options.tamper(body) : body,
    });
    return { status: res.status, text: await res.text() };
  }

  command(fields: Record<string, string>, options?: SendOptions): Promise<Sent> {
    return this.post(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', options);
  }

  event(body: object, options?: SendOptions): Promise<Sent> {
    return this.post(JSON.stringify(body), 'application/json', options);
  }

  action(payload: object, options?: SendOptions): Promise<Sent> {
    return this.post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded', options);
  }
}

export interface Who {
  user: string;
  userName?: string;
  channel?: string;
}

/** A slash-command payload. */
export function slashCommand(command: string, text: string, responseUrl: string, who: Who): Record<string, string> {
  return {
    token: 'verification-token',
    team_id: TEAM_ID,
    team_domain: 'fake',
    channel_id: who.channel ?? 'C0001',
    channel_name: 'general',
    user_id: who.user,
    user_name: who.userName ?? who.user.toLowerCase(),
    command,
    text,
    api_app_id: 'A0001',
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: `trigger-${Math.random().toString(36).slice(2)}`,
  };
}

let eventCounter = 0;

/** An Events API `event_callback` around `event`. */
export function eventCallback(event: Record<string, unknown>, eventId = `Ev${++eventCounter}`): Record<string, unknown> {
  return {
    token: 'verification-token',
    team_id: TEAM_ID,
    api_app_id: 'A0001',
    event: { event_ts: event.ts, ...event },
    type: 'event_callback',
    event_id: eventId,
    event_time: nowSeconds(),
    authorizations: [{ enterprise_id: null, team_id: TEAM_ID, user_id: BOT_USER_ID, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
}

/** A `block_actions` payload: `who` pressed the button `actionId` carrying `value`. */
export function blockActions(
  actionId: string,
  value: string,
  responseUrl: string,
  who: Who & { messageTs?: string },
): Record<string, unknown> {
  const channel = who.channel ?? 'C0001';
  return {
    type: 'block_actions',
    user: {
      id: who.user,
      username: who.userName ?? who.user.toLowerCase(),
      name: who.userName ?? who.user.toLowerCase(),
      team_id: TEAM_ID,
    },
    api_app_id: 'A0001',
    token: 'verification-token',
    container: { type: 'message', message_ts: who.messageTs ?? '1700000000.000001', channel_id: channel, is_ephemeral: false },
    trigger_id: `trigger-${Math.random().toString(36).slice(2)}`,
    team: { id: TEAM_ID, domain: 'fake' },
    channel: { id: channel, name: 'general' },
    message: { type: 'message', ts: who.messageTs ?? '1700000000.000001', text: 'question', user: BOT_USER_ID },
    response_url: responseUrl,
    actions: [
      {
        type: 'button',
        action_id: actionId,
        block_id: 'b1',
        value,
        text: { type: 'plain_text', text: 'x' },
        action_ts: String(nowSeconds()),
      },
    ],
  };
}
