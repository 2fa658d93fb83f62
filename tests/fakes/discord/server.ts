/**
 * A fake Discord on 127.0.0.1: the REST routes and the gateway (JSON over WebSocket) that
 * discord.js uses, enough to run the real client against it. It records every REST request
 * the bot makes and every gateway op it sends, and lets a test dispatch gateway events
 * (slash commands, button presses, messages) as Discord would.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { Recorder } from './recorder.js';

/** A REST request the bot made. `body` is the parsed JSON body, or null. */
export interface ApiRequest {
  method: string;
  /** Path after `/api/v10`, decoded, without the query string (`/webhooks/1/t/messages/@original`). */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON as sent; tests read the fields they check
}

/** A gateway payload the bot sent (`op` 2 identify, 6 resume, 1 heartbeat…). */
export interface GatewayOp {
  op: number;
  d: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON as sent
}

export interface FakeUser {
  id: string;
  username: string;
  global_name: string | null;
  discriminator: string;
  avatar: null;
  bot?: boolean;
}

export interface FakeDiscordOptions {
  token?: string;
  appId?: string;
  guildId?: string;
  channelId?: string;
  /** The app may use the privileged message-content intent (default true); if not, IDENTIFY asking for it is closed with 4014. */
  messageContentAllowed?: boolean;
  /** Ids of extra roles the guild has (members get them with `roles` on an interaction). */
  roles?: string[];
}

const MESSAGE_CONTENT_INTENT = 1n << 15n;

const MANAGE_GUILD = 1n << 5n;
/** Permissions of an ordinary member (view channel, send messages, read history…). */
const MEMBER_PERMISSIONS = ((1n << 10n) | (1n << 11n) | (1n << 14n) | (1n << 16n) | (1n << 6n) | (1n << 31n)).toString();

export class FakeDiscord {
  readonly token: string;
  readonly appId: string;
  readonly guildId: string;
  readonly channelId: string;
  readonly bot: FakeUser;
  readonly messageContentAllowed: boolean;
  readonly roles: string[];
  readonly requests = new Recorder<ApiRequest>();
  readonly gateway = new Recorder<GatewayOp>();
  /** Number of gateway connections opened so far. */
  connections = 0;
  /** The close code of each gateway connection that ended (1000: the bot closed it cleanly). */
  readonly closes = new Recorder<number>();
  /** While true, every REST route answers 503, as during a Discord outage. */
  outage = false;

  private http!: Server;
  private wss = new WebSocketServer({ noServer: true });
  private socket: WebSocket | null = null;
  private sessionId = '';
  private seq = 0;
  /** Dispatches sent (or queued while disconnected), for replay on resume. */
  private sent: { s: number; t: string; d: unknown }[] = [];
  private nextId = 1_300_000_000_000_000_000n;
  private dmChannels = new Map<string, string>();

  private constructor(opts: FakeDiscordOptions) {
    this.token = opts.token ?? 'test-token';
    this.appId = opts.appId ?? '1200000000000000001';
    this.guildId = opts.guildId ?? '1200000000000000100';
    this.channelId = opts.channelId ?? '1200000000000000200';
    this.messageContentAllowed = opts.messageContentAllowed ?? true;
    this.roles = opts.roles ?? [];
    this.bot = { id: this.appId, username: 'citebot', global_name: null, discriminator: '0', avatar: null, bot: true };
  }

  /** Starts the fake on 127.0.0.1, on a free port. */
  static async start(opts: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(opts);
    fake.http = createServer((req, res) => void fake.onRequest(req, res));
    fake.http.on('upgrade', (req, socket, head) => {
      if (!req.url?.startsWith('/gateway')) return socket.destroy();
      fake.wss.handleUpgrade(req, socket, head, (ws) => fake.onConnection(ws));
    });
    fake.http.listen(0, '127.0.0.1');
    await once(fake.http, 'listening');
    return fake;
  }

  get port(): number {
    return (this.http.address() as AddressInfo).port;
  }

  /** The REST base to give discord.js (`rest.api`): it appends `/v10/...`. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  async stop(): Promise<void> {
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  /** A new snowflake id. */
  id(): string {
    return (this.nextId++).toString();
  }

  /** A user who can talk to the bot. */
  user(name: string, extra: Partial<FakeUser> = {}): FakeUser {
    return { id: this.id(), username: name.toLowerCase(), global_name: name, discriminator: '0', avatar: null, ...extra };
  }

  // ---- gateway -------------------------------------------------------------------------

  /** Sends a dispatch (`op` 0) to the bot; while disconnected it is queued and replayed on resume. */
  dispatch(t: string, d: unknown): void {
    const s = ++this.seq;
    this.sent.push({ s, t, d });
    this.socket?.send(JSON.stringify({ op: 0, t, s, d }));
  }

  /** Drops the gateway connection without a close frame, as a network failure would. */
  dropGateway(): void {
    const ws = this.socket;
    this.socket = null;
    ws?.terminate();
  }

  /** Closes the gateway connection with a close frame carrying `code`, as Discord does (4000 unknown error…). */
  closeGateway(code: number): void {
    const ws = this.socket;
    this.socket = null;
    ws?.close(code, 'closed by the fake');
  }

  private onConnection(ws: WebSocket): void {
    this.connections++;
    ws.on('message', (raw) => this.onGatewayMessage(ws, JSON.parse(String(raw)) as GatewayOp));
    ws.on('close', (code) => {
      if (this.socket === ws) this.socket = null;
      this.closes.push(code);
    });
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 45_000 } }));
  }

  private onGatewayMessage(ws: WebSocket, msg: GatewayOp): void {
    this.gateway.push(msg);
    switch (msg.op) {
      case 1:
        ws.send(JSON.stringify({ op: 11 }));
        return;
      case 2:
        if (!this.messageContentAllowed && (BigInt((msg.d as { intents: number }).intents) & MESSAGE_CONTENT_INTENT) !== 0n) {
          ws.close(4014, 'Disallowed intent(s).');
          return;
        }
        return this.identify(ws);
      case 6:
        return this.resume(ws, msg.d as { session_id: string; seq: number });
    }
  }

  private identify(ws: WebSocket): void {
    this.socket = ws;
    this.sessionId = `session-${this.connections}`;
    this.dispatch('READY', {
      v: 10,
      user: this.bot,
      guilds: [{ id: this.guildId, unavailable: true }],
      session_id: this.sessionId,
      resume_gateway_url: `ws://127.0.0.1:${this.port}/gateway`,
      application: { id: this.appId, flags: 0 },
      private_channels: [],
    });
    this.dispatch('GUILD_CREATE', this.guildPayload());
  }

  private resume(ws: WebSocket, d: { session_id: string; seq: number }): void {
    if (d.session_id !== this.sessionId) {
      ws.send(JSON.stringify({ op: 9, d: false }));
      return;
    }
    this.socket = ws;
    for (const e of this.sent.filter((e) => e.s > d.seq)) ws.send(JSON.stringify({ op: 0, ...e }));
    this.dispatch('RESUMED', {});
  }

  private guildPayload() {
    return {
      id: this.guildId,
      name: 'Test server',
      icon: null,
      owner_id: this.id(),
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      features: [],
      mfa_level: 0,
      system_channel_flags: 0,
      premium_tier: 0,
      preferred_locale: 'en-US',
      nsfw_level: 0,
      unavailable: false,
      member_count: 1,
      large: false,
      joined_at: new Date().toISOString(),
      roles: [this.guildId, ...this.roles].map((id, i) => ({
        id,
        name: i === 0 ? '@everyone' : `role-${id}`,
        permissions: MEMBER_PERMISSIONS,
        position: i,
        color: 0,
        hoist: false,
        managed: false,
        mentionable: false,
        flags: 0,
      })),
      channels: [this.channelPayload()],
      threads: [],
      members: [{ user: this.bot, roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 }],
      emojis: [],
      stickers: [],
      voice_states: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
    };
  }

  private channelPayload() {
    return {
      id: this.channelId,
      type: 0,
      guild_id: this.guildId,
      name: 'general',
      position: 0,
      permission_overwrites: [],
      nsfw: false,
      parent_id: null,
    };
  }

  private dmChannelOf(user: FakeUser): string {
    let id = this.dmChannels.get(user.id);
    if (!id) this.dmChannels.set(user.id, (id = this.id()));
    return id;
  }

  // ---- events a test sends -------------------------------------------------------------

  /** A message from `user`: in the guild channel, or a DM with `dm: true`. `mention` puts `<@bot>` in front. */
  message(user: FakeUser, content: string, opts: { dm?: boolean; mention?: boolean } = {}): { id: string; channelId: string } {
    const id = this.id();
    const channelId = opts.dm ? this.dmChannelOf(user) : this.channelId;
    const text = opts.mention ? `<@${this.bot.id}> ${content}` : content;
    this.dispatch('MESSAGE_CREATE', {
      id,
      channel_id: channelId,
      // Discord sends the channel type; without it discord.js cannot build an uncached DM channel.
      channel_type: opts.dm ? 1 : 0,
      ...(opts.dm
        ? {}
        : { guild_id: this.guildId, member: { roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 } }),
      author: user,
      content: text,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: opts.mention ? [this.bot] : [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      pinned: false,
      type: 0,
      flags: 0,
    });
    return { id, channelId };
  }

  /** A slash command. Options are typed by their JS type (string, integer, boolean). */
  slash(
    user: FakeUser,
    name: string,
    opts: { sub?: string; options?: Record<string, string | number | boolean>; dm?: boolean; admin?: boolean } = {},
  ): { id: string; token: string } {
    const options = Object.entries(opts.options ?? {}).map(([n, value]) => ({ name: n, type: optionType(value), value }));
    const data = { id: this.id(), name, type: 1, options: opts.sub ? [{ name: opts.sub, type: 1, options }] : options };
    return this.interaction(user, 2, data, opts);
  }

  /** Typing in an autocompleted option (`focused`) of a slash command. */
  autocomplete(user: FakeUser, name: string, sub: string, focused: { name: string; value: string }): { id: string; token: string } {
    const options = [{ name: focused.name, type: 3, value: focused.value, focused: true }];
    return this.interaction(user, 4, { id: this.id(), name, type: 1, options: [{ name: sub, type: 1, options }] }, {});
  }

  /** A button press on a message the bot sent. */
  button(user: FakeUser, customId: string, opts: { dm?: boolean; messageId?: string } = {}): { id: string; token: string } {
    const channelId = opts.dm ? this.dmChannelOf(user) : this.channelId;
    const message = {
      id: opts.messageId ?? this.id(),
      channel_id: channelId,
      author: this.bot,
      content: '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      components: [],
      pinned: false,
      type: 0,
      flags: 0,
    };
    return this.interaction(user, 3, { custom_id: customId, component_type: 2 }, { ...opts, message });
  }

  /** A modal submitted: `values` by text input custom id. */
  modalSubmit(
    user: FakeUser,
    customId: string,
    values: Record<string, string>,
    opts: { dm?: boolean; admin?: boolean } = {},
  ): { id: string; token: string } {
    const components = Object.entries(values).map(([id, value]) => ({ type: 1, components: [{ type: 4, custom_id: id, value }] }));
    return this.interaction(user, 5, { custom_id: customId, components }, opts);
  }

  /** A message context-menu command (`name`) on a message `target` wrote in the guild channel. */
  messageCommand(
    user: FakeUser,
    name: string,
    target: { id: string; author: FakeUser; content: string },
    opts: { admin?: boolean; roles?: string[] } = {},
  ): { id: string; token: string } {
    const message = { ...this.messageObject(this.channelId, { content: target.content }), id: target.id, author: target.author };
    const data = { id: this.id(), name, type: 3, target_id: target.id, resolved: { messages: { [target.id]: message } } };
    return this.interaction(user, 2, data, opts);
  }

  private interaction(
    user: FakeUser,
    type: number,
    data: unknown,
    opts: { dm?: boolean; admin?: boolean; message?: unknown; roles?: string[] },
  ): { id: string; token: string } {
    const id = this.id();
    const token = `interaction-token-${id}`;
    const channelId = opts.dm ? this.dmChannelOf(user) : this.channelId;
    const permissions = opts.admin ? (BigInt(MEMBER_PERMISSIONS) | MANAGE_GUILD).toString() : MEMBER_PERMISSIONS;
    this.dispatch('INTERACTION_CREATE', {
      id,
      application_id: this.appId,
      type,
      data,
      token,
      version: 1,
      locale: 'en-US',
      app_permissions: MEMBER_PERMISSIONS,
      entitlements: [],
      ...(opts.message ? { message: opts.message } : {}),
      ...(opts.dm
        ? {
            channel_id: channelId,
            channel: { id: channelId, type: 1, recipients: [user] },
            user,
            context: 1,
            authorizing_integration_owners: { '1': user.id },
          }
        : {
            guild_id: this.guildId,
            guild_locale: 'en-US',
            guild: { id: this.guildId, locale: 'en-US', features: [] },
            channel_id: channelId,
            channel: this.channelPayload(),
            member: { user, roles: opts.roles ?? [], permissions, joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 },
            context: 0,
            authorizing_integration_owners: { '0': this.guildId },
          }),
    });
    return { id, token };
  }

  // ---- REST ----------------------------------------------------------------------------

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '');
    const request: ApiRequest = {
      method: req.method ?? 'GET',
      path,
      query: url.searchParams,
      headers: req.headers,
      body: raw ? JSON.parse(raw) : null,
    };
    const [status, body] = this.route(request);
    this.requests.push(request);
    res.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  }

  private route(r: ApiRequest): [number, unknown?] {
    if (this.outage) return [503, { message: 'Service Unavailable', code: 0 }];
    const authorized = r.headers.authorization === `Bot ${this.token}`;
    const key = `${r.method} ${r.path}`;
    let m: RegExpExecArray | null;
    if (key === 'GET /gateway/bot') {
      if (!authorized) return [401, { message: '401: Unauthorized', code: 0 }];
      return [
        200,
        {
          url: `ws://127.0.0.1:${this.port}/gateway`,
          shards: 1,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
        },
      ];
    }
    if ((m = /^PUT \/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(key))) {
      if (!authorized) return [401, { message: '401: Unauthorized', code: 0 }];
      if (m[2] !== undefined && m[2] !== this.guildId) return [403, { message: 'Missing Access', code: 50001 }];
      const list = r.body as { name: string }[];
      return [200, list.map((c) => ({ ...c, id: this.id(), application_id: m![1], guild_id: m![2], version: '1' }))];
    }
    if (/^POST \/interactions\/\d+\/[^/]+\/callback$/.test(key)) return [204];
    if (/^(PATCH|POST) \/webhooks\/\d+\/[^/]+(\/messages\/@original)?$/.test(key)) return [200, this.messageObject(this.channelId, r.body)];
    if (/^DELETE \/webhooks\/\d+\/[^/]+\/messages\/@original$/.test(key)) return [204];
    if ((m = /^POST \/channels\/(\d+)\/messages$/.exec(key)) && authorized) return [200, this.messageObject(m[1]!, r.body)];
    if (/^PUT \/channels\/\d+\/messages\/\d+\/reactions\/[^/]+\/@me$/.test(key) && authorized) return [204];
    if ((m = /^GET \/channels\/(\d+)$/.exec(key)) && authorized) {
      if (m[1] === this.channelId) return [200, this.channelPayload()];
      const owner = [...this.dmChannels].find(([, c]) => c === m![1]);
      if (owner) return [200, { id: m[1], type: 1, recipients: [] }];
    }
    return [404, { message: `Unknown route ${key}`, code: 0 }];
  }

  private messageObject(channelId: string, body: { content?: string; embeds?: unknown[]; components?: unknown[]; flags?: number } | null) {
    return {
      id: this.id(),
      channel_id: channelId,
      author: this.bot,
      content: body?.content ?? '',
      embeds: body?.embeds ?? [],
      components: body?.components ?? [],
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      pinned: false,
      type: 0,
      flags: body?.flags ?? 0,
    };
  }
}

function optionType(value: string | number | boolean): number {
  if (typeof value === 'boolean') return 5;
  if (typeof value === 'number') return 4;
  return 3;
}
