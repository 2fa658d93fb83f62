/**
 * A fake Slack on 127.0.0.1 for driving the real Bolt app: the Web API methods the adapter calls
 * (`POST /api/<method>`), a `response_url` sink (`POST /respond/<id>`) and a Socket Mode endpoint
 * (`apps.connections.open` → `ws://…/socket`). It records what it receives; tests wait on it with
 * bounded helpers. Any call can be scripted to fail first (429 with Retry-After, 5xx).
 */
import { once, EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface ApiCall {
  method: string;
  params: Record<string, unknown>;
  /** The bearer token the call carried. */
  token: string | undefined;
  /** The HTTP status the fake answered (not 200 when scripted to fail). */
  status: number;
  /** When it arrived (ms since the epoch). */
  at: number;
}

export interface Responded {
  /** The `<id>` of `/respond/<id>`. */
  id: string;
  body: Record<string, unknown>;
  status: number;
  /** When it arrived (ms since the epoch). */
  at: number;
}

export interface FakeUser {
  name: string;
  isAdmin?: boolean;
}

interface Failure {
  status: number;
  headers?: Record<string, string>;
}

export const BOT_TOKEN = 'xoxb-test-token';
export const APP_TOKEN = 'xapp-test-token';
export const BOT_USER_ID = 'UBOT';
export const BOT_ID = 'BBOT';
export const TEAM_ID = 'T0001';

const WAIT_MS = 5000;

export class FakeSlack {
  readonly calls: ApiCall[] = [];
  readonly responses: Responded[] = [];
  readonly users = new Map<string, FakeUser>();
  /** Messages by ts, for `conversations.replies` (a thread's first message). */
  readonly messages = new Map<string, { text: string; user: string; ts: string }>();
  private readonly events = new EventEmitter();
  private readonly failures = new Map<string, Failure[]>();
  private readonly holds = new Map<string, { arrived: () => void; released: Promise<void> }>();
  /** Requests to each target still to be answered by closing the connection (see `resetNext`). */
  private readonly resets = new Map<string, number>();
  /** Connections closed under a request by `resetNext`, by target. */
  readonly connectionsReset = new Map<string, number>();
  private readonly sockets = new Set<WebSocket>();
  private readonly acks = new Map<string, (payload: unknown) => void>();
  private tsCounter = 0;
  private envelopeCounter = 0;
  private responseCounter = 0;

  private constructor(
    private readonly server: Server,
    private readonly wss: WebSocketServer,
  ) {}

  /** Starts the fake on 127.0.0.1, on a free port. */
  static async start(): Promise<FakeSlack> {
    const wss = new WebSocketServer({ noServer: true });
    const server = createServer();
    const fake = new FakeSlack(server, wss);
    server.on('request', (req, res) => {
      if (fake.resetting(req)) return req.socket.destroy();
      void fake.route(req).then(({ status, headers, body }) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      });
    });
    server.on('upgrade', (req, socket, head) => {
      if (req.url !== '/socket') return socket.destroy();
      wss.handleUpgrade(req, socket, head, (ws) => fake.connect(ws));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return fake;
  }

  get base(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The Web API base to give the adapter (`SLACK_API_URL`). */
  get apiUrl(): string {
    return `${this.base}/api/`;
  }

  /** A fresh `response_url` on this fake; replies to it are recorded under its id. */
  responseUrl(): { id: string; url: string } {
    const id = `r${++this.responseCounter}`;
    return { id, url: `${this.base}/respond/${id}` };
  }

  /** The next `times` calls of `target` (a Web API method, or `respond`) answer `status` first. */
  failNext(target: string, status: number, headers?: Record<string, string>, times = 1): void {
    const queue = this.failures.get(target) ?? [];
    for (let i = 0; i < times; i++) queue.push({ status, headers });
    this.failures.set(target, queue);
  }

  /**
   * The next `times` requests to `target` (a Web API method, or `respond`) get no answer: their
   * connection is closed as they arrive (a keep-alive socket the server closed under the request).
   */
  resetNext(target: string, times = 1): void {
    this.resets.set(target, (this.resets.get(target) ?? 0) + times);
  }

  private resetting(req: IncomingMessage): boolean {
    const [, kind, name = ''] = (req.url ?? '/').split('?')[0]!.split('/');
    const target = kind === 'respond' ? 'respond' : name;
    const left = this.resets.get(target) ?? 0;
    if (left === 0) return false;
    this.resets.set(target, left - 1);
    this.connectionsReset.set(target, (this.connectionsReset.get(target) ?? 0) + 1);
    return true;
  }

  /**
   * Holds the next request to `target` until `release()`; `arrived` resolves when it is being held.
   * (Lets a test stop the app while a reply is in flight.)
   */
  hold(target: string): { arrived: Promise<void>; release: () => void } {
    let arrived!: () => void;
    let release!: () => void;
    const hold = { arrived: new Promise<void>((r) => (arrived = r)), released: new Promise<void>((r) => (release = r)) };
    this.holds.set(target, { arrived, released: hold.released });
    return { arrived: this.bounded(`a request to ${target}`, hold.arrived), release };
  }

  /** Web API calls of `method` (answered or scripted to fail). */
  callsOf(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Waits for an answered (200) Web API call of `method` matching `match` (already made or still to come). */
  waitForCall(method: string, match: (c: ApiCall) => boolean = () => true): Promise<ApiCall> {
    return this.waitFor(`a ${method} call`, () => this.calls.find((c) => c.method === method && c.status === 200 && match(c)));
  }

  /** Waits for an accepted (200) reply to the `response_url` with this id. */
  waitForResponse(id: string, match: (r: Responded) => boolean = () => true): Promise<Responded> {
    return this.waitFor(`a reply to response_url ${id}`, () => this.responses.find((r) => r.id === id && r.status === 200 && match(r)));
  }

  /** Waits until a Socket Mode client is connected (and greeted); `ms` bounds the wait (default 5 s). */
  waitForSocket(ms = WAIT_MS): Promise<WebSocket> {
    return this.waitFor('a Socket Mode connection', () => [...this.sockets][0], ms);
  }

  /** Socket Mode connections open now, oldest first. */
  openSockets(): WebSocket[] {
    return [...this.sockets];
  }

  /**
   * What Slack does to recycle a connection: a `disconnect` notice (`refresh_requested`) on `ws`,
   * which it keeps serving for `closeAfterMs` before closing it (envelopes may still come on it).
   */
  refreshConnection(ws: WebSocket, closeAfterMs: number): void {
    ws.send(JSON.stringify({ type: 'disconnect', reason: 'refresh_requested', debug_info: { host: 'fake' } }));
    setTimeout(() => ws.close(1000), closeAfterMs).unref();
  }

  /** Sends a Socket Mode envelope and resolves with the client's ack payload. */
  async sendEnvelope(
    type: 'slash_commands' | 'events_api' | 'interactive',
    payload: object,
    retryAttempt = 0,
    envelopeId?: string,
  ): Promise<unknown> {
    const ws = await this.waitForSocket();
    const envelope_id = envelopeId ?? `env-${++this.envelopeCounter}`;
    const acked = new Promise<unknown>((resolve) => this.acks.set(envelope_id, resolve));
    ws.send(
      JSON.stringify({
        envelope_id,
        type,
        payload,
        accepts_response_payload: type !== 'events_api',
        retry_attempt: retryAttempt,
        retry_reason: '',
      }),
    );
    return this.bounded(`the ack of ${envelope_id}`, acked);
  }

  /** Closes the socket connections and the server. */
  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close');
  }

  private async route(req: IncomingMessage): Promise<{ status: number; headers?: Record<string, string>; body: unknown }> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', this.base);
    const [, kind, name = ''] = url.pathname.split('/');
    const target = kind === 'respond' ? 'respond' : name;
    const hold = this.holds.get(target);
    if (hold) {
      this.holds.delete(target);
      hold.arrived();
      await hold.released;
    }
    const failure = this.failures.get(target)?.shift();
    const status = failure?.status ?? 200;
    const failed = { status, headers: failure?.headers, body: { ok: false, error: 'fake_failure' } };
    if (kind === 'respond') {
      this.record(this.responses, { id: name, body: JSON.parse(raw) as Record<string, unknown>, status, at: Date.now() });
      return failure ? failed : { status, body: { ok: true } };
    }
    if (kind !== 'api') return { status: 404, body: { ok: false, error: 'unknown_route' } };
    const params = parseParams(raw, req.headers['content-type']);
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? (params.token as string | undefined);
    this.record(this.calls, { method: name, params, token, status, at: Date.now() });
    return failure ? failed : { status, body: this.answer(name, params, token) };
  }

  private answer(method: string, params: Record<string, unknown>, token: string | undefined): object {
    if (method === 'apps.connections.open') {
      return token === APP_TOKEN ? { ok: true, url: `${this.base.replace('http', 'ws')}/socket` } : { ok: false, error: 'invalid_auth' };
    }
    if (token !== BOT_TOKEN) return { ok: false, error: 'invalid_auth' };
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://fake.slack.com/',
          team: 'Fake',
          user: 'citebot',
          team_id: TEAM_ID,
          user_id: BOT_USER_ID,
          bot_id: BOT_ID,
        };
      case 'chat.postMessage': {
        const ts = this.nextTs();
        return { ok: true, channel: params.channel, ts, message: { text: params.text, ts } };
      }
      case 'chat.getPermalink':
        return {
          ok: true,
          channel: params.channel,
          permalink: `https://fake.slack.com/archives/${String(params.channel)}/p${String(params.message_ts).replace('.', '')}`,
        };
      case 'conversations.replies': {
        const first = this.messages.get(String(params.ts));
        return { ok: true, messages: first ? [first] : [], has_more: false };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.nextTs() };
      case 'users.info': {
        const id = String(params.user);
        const user = this.users.get(id);
        if (!user) return { ok: false, error: 'user_not_found' };
        return {
          ok: true,
          user: {
            id,
            name: user.name.toLowerCase(),
            real_name: user.name,
            is_admin: user.isAdmin ?? false,
            profile: { display_name: user.name },
          },
        };
      }
      default:
        return { ok: true };
    }
  }

  private connect(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as { envelope_id?: string; payload?: unknown };
      if (message.envelope_id) this.acks.get(message.envelope_id)?.(message.payload ?? {});
    });
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0001' }, debug_info: { host: 'fake' } }));
    this.events.emit('record');
  }

  private nextTs(): string {
    return `1700000000.${String(++this.tsCounter).padStart(6, '0')}`;
  }

  private record<T>(list: T[], item: T): void {
    list.push(item);
    this.events.emit('record');
  }

  private waitFor<T>(what: string, find: () => T | undefined, ms = WAIT_MS): Promise<T> {
    const found = find();
    if (found !== undefined) return Promise.resolve(found);
    return this.bounded(
      what,
      new Promise<T>((resolve) => {
        const check = () => {
          const item = find();
          if (item === undefined) return;
          this.events.off('record', check);
          resolve(item);
        };
        this.events.on('record', check);
      }),
      ms,
    );
  }

  /** Rejects with a clear message when `promise` has not settled within WAIT_MS. */
  private bounded<T>(what: string, promise: Promise<T>, ms = WAIT_MS): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`fake Slack: timed out waiting for ${what}`)), ms);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Web API bodies are form-encoded (JSON-valued fields such as `blocks` decoded) or JSON. */
function parseParams(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes('application/json')) return JSON.parse(raw || '{}') as Record<string, unknown>;
  const params: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    params[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return params;
}
