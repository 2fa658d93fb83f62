/** Logging in to Discord and waiting until the client is ready, with the failures people can fix named. */
import { once } from 'node:events';
import { DiscordjsErrorCodes, Events, GatewayCloseCodes, type Client } from 'discord.js';
import { FrontEndStartError } from '../start-error.js';

export type DiscordStartErrorCode =
  'discord.token-rejected' | 'discord.intents-disallowed' | 'discord.unreachable' | 'discord.register-refused';

/** Start-up failed for a reason the message explains; `code` is stable. */
export class DiscordStartError extends FrontEndStartError<DiscordStartErrorCode> {}

const MESSAGES: Record<DiscordStartErrorCode, string> = {
  'discord.token-rejected': 'Discord rejected the token (401) — check DISCORD_TOKEN',
  'discord.intents-disallowed':
    'Discord refused the message-content intent (4014) — enable it under Bot → Privileged Gateway Intents in the developer portal',
  'discord.unreachable': 'Could not connect to Discord',
  'discord.register-refused': 'Discord refused the slash commands',
};

/**
 * Logs `client` in and resolves once it is ready. Rejects with a `DiscordStartError` when the token
 * is rejected, a privileged intent is not enabled, or the gateway is not ready within `timeoutMs`.
 * The client is destroyed on failure.
 */
export async function loginAndWaitReady(client: Client, token: string, timeoutMs: number): Promise<void> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const onDisconnect = (event: { code: number }) => {
    if (event.code === GatewayCloseCodes.AuthenticationFailed) controller.abort(startError('discord.token-rejected'));
    if (event.code === GatewayCloseCodes.DisallowedIntents) controller.abort(startError('discord.intents-disallowed'));
  };
  client.on(Events.ShardDisconnect, onDisconnect);
  try {
    const ready = once(client, Events.ClientReady, { signal: controller.signal });
    ready.catch(() => undefined); // awaited below; a failed login must not leave it unhandled
    await client.login(token);
    await ready;
  } catch (err) {
    await client.destroy();
    if (controller.signal.reason instanceof DiscordStartError) throw controller.signal.reason;
    if (isRejectedToken(err)) throw startError('discord.token-rejected', err);
    throw startError('discord.unreachable', err, controller.signal.aborted ? `not ready after ${timeoutMs} ms` : messageOf(err));
  } finally {
    clearTimeout(timer);
    client.off(Events.ShardDisconnect, onDisconnect);
  }
}

/** The start-up error for `code`, with its message for people (and `detail` after a colon). */
export function startError(code: DiscordStartErrorCode, cause?: unknown, detail?: string): DiscordStartError {
  return new DiscordStartError(code, detail ? `${MESSAGES[code]}: ${detail}` : MESSAGES[code], { cause });
}

/** An error's message, for people (never its stack). */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function isRejectedToken(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { code?: unknown; status?: unknown };
  return e.code === DiscordjsErrorCodes.TokenInvalid || e.status === 401;
}
