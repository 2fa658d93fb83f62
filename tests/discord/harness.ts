/** Starts the real Discord adapter against a fresh fake Discord, and helpers to read what it sent. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDiscord, type DiscordDeps, type DiscordFrontEnd } from '../../src/adapters/discord/start.js';
import { createCitebot, type Citebot } from '../../src/core/app.js';
import { Bot } from '../../src/core/bot/bot.js';
import { ManualClock } from '../../src/core/clock.js';
import { FakeDiscord, type ApiRequest, type FakeDiscordOptions } from '../fakes/discord/server.js';
import { fixedAnswerer, recordingLogger } from './doubles.js';

export interface Harness {
  fake: FakeDiscord;
  bot: Bot;
  discord: DiscordFrontEnd;
  logger: ReturnType<typeof recordingLogger>;
  clock: ManualClock;
  close(): Promise<void>;
}

export async function startHarness(
  opts: {
    bot?: (clock: ManualClock) => Bot | Promise<Bot>;
    messageContent?: boolean;
    deferAfterMs?: number;
    onClose?: () => Promise<void>;
    fake?: FakeDiscordOptions;
    onFatal?: DiscordDeps['onFatal'];
  } = {},
): Promise<Harness> {
  const fake = await FakeDiscord.start(opts.fake);
  const logger = recordingLogger();
  const clock = new ManualClock();
  const bot = (await opts.bot?.(clock)) ?? new Bot(fixedAnswerer, { clock, logger });
  const discord = await startDiscord({
    bot,
    config: { token: fake.token, appId: fake.appId, apiUrl: fake.apiUrl },
    logger,
    messageContent: opts.messageContent ?? false,
    ...(opts.deferAfterMs !== undefined ? { deferAfterMs: opts.deferAfterMs } : {}),
    ...(opts.onFatal ? { onFatal: opts.onFatal } : {}),
  });
  return {
    fake,
    bot,
    discord,
    logger,
    clock,
    async close() {
      await discord.stop();
      await opts.onClose?.();
      await fake.stop();
    },
  };
}

/**
 * The adapter on the real core (`createCitebot` on the bundled knowledge, the real quiz controller
 * on the harness's manual clock), scores and votes in a temporary folder removed on close.
 */
export async function startOnCore(opts: { messageContent?: boolean } = {}): Promise<Harness & { citebot: Citebot; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'citebot-discord-'));
  let citebot: Citebot | undefined;
  const harness = await startHarness({
    ...opts,
    bot: async (clock) => (citebot = await createCitebot({ knowledgeDir: 'knowledge', dataDir, clock, watch: false })).bot,
    onClose: async () => {
      await citebot?.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
  return { ...harness, citebot: citebot!, dataDir };
}

/** The interaction response (`type` 4 reply, 5 deferred) the bot sent for interaction `id`. */
export function callback(fake: FakeDiscord, id: string): Promise<ApiRequest> {
  return fake.requests.waitFor((r) => r.method === 'POST' && r.path.startsWith(`/interactions/${id}/`) && r.path.endsWith('/callback'), {
    what: `the callback of interaction ${id}`,
  });
}

/**
 * What the user sees first for interaction `i`: the reply (callback type 4) or, when the response was
 * deferred (type 5), the edit or follow-up that replaces it.
 */
export async function firstReply(fake: FakeDiscord, i: { id: string; token: string }): Promise<{ deferred: boolean; data: Json }> {
  const { body } = await callback(fake, i.id);
  if (body.type !== 5) return { deferred: false, data: body.data };
  const hook = `/webhooks/${fake.appId}/${i.token}`;
  const sent = await fake.requests.waitFor(
    (r) => (r.method === 'PATCH' && r.path === `${hook}/messages/@original`) || (r.method === 'POST' && r.path === hook),
    {
      what: `the reply to deferred interaction ${i.id}`,
    },
  );
  return { deferred: true, data: sent.body };
}

/** A message the bot sent to channel `channelId` after `after` (a `fake.requests.mark()`), matching `match`. */
export function channelMessage(
  fake: FakeDiscord,
  channelId: string,
  after: number,
  match: (body: Json) => boolean = () => true,
): Promise<ApiRequest> {
  return fake.requests.waitFor((r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages` && match(r.body), {
    after,
    what: `a message to channel ${channelId}`,
  });
}

/** Embed and component JSON as the fake received them. */
export type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- wire JSON, read field by field
