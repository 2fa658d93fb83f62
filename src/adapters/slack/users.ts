/**
 * Who sent a request: display names and admin status from `users.info`, cached for the process
 * (message events carry only a user id; quiz scores need names, `/quiz stop` needs admin status).
 * A slow or hanging `users.info` never holds an answer: after `waitMs` the request goes on with
 * the fallback name, and the name is cached when it comes.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { webApi } from '@slack/bolt';
import type { Actor } from '../../core/bot/index.js';
import type { Logger } from '../../core/logger.js';

/** Users whose names are kept (one entry each, the oldest dropped first). */
const MAX_CACHED = 5000;

export class SlackUsers {
  private readonly cache = new Map<string, Promise<Actor>>();

  constructor(
    private readonly client: webApi.WebClient,
    private readonly logger: Logger,
    private readonly waitMs: number,
  ) {}

  /** The actor for a user id; `fallbackName` (from the payload) is used when `users.info` fails or is slower than `waitMs`. */
  actor(id: string, fallbackName?: string): Promise<Actor> {
    let found = this.cache.get(id);
    if (!found) {
      found = this.lookup(id, fallbackName ?? id);
      this.cache.set(id, found);
      if (this.cache.size > MAX_CACHED) this.cache.delete(this.cache.keys().next().value!);
    }
    const waited = new AbortController();
    const late = sleep(this.waitMs, { id, name: fallbackName ?? id } as Actor, { signal: waited.signal, ref: false }).catch(() => null);
    return Promise.race([found.finally(() => waited.abort()), late]).then((actor) => actor ?? found);
  }

  private async lookup(id: string, fallbackName: string): Promise<Actor> {
    try {
      const { user } = await this.client.users.info({ user: id });
      const name = user?.profile?.display_name || user?.real_name || user?.name || fallbackName;
      return { id, name, isAdmin: user?.is_admin === true || user?.is_owner === true };
    } catch (error) {
      this.logger.warn(
        { user: id, error: error instanceof Error ? error.message : String(error) },
        'slack users.info failed; using the id as name',
      );
      return { id, name: fallbackName };
    }
  }
}
