/**
 * `citebot start` (`npm start`): every configured chat front end in one process, sharing one
 * core (rate limits, quiz sessions, stores); with no chat tokens set, the terminal chat.
 * SIGINT/SIGTERM: stop taking requests, finish replies in flight, save quiz scores, exit 0 — or,
 * when that takes longer than SHUTDOWN_DEADLINE_MS, log what is abandoned and exit 1.
 * A fatal error of a front end (Discord closing with 4004 or 4014) stops the process the same way, exit 1.
 * Unhandled rejections and uncaught exceptions are logged and the bot keeps serving.
 */
import type { Citebot } from '../../core/app.js';
import { frontEnds, type Config } from '../../core/config.js';
import { errorFields } from '../../core/logger.js';
import { keepServing, within } from '../process-policy.js';
import { chat, chatKnowledge, chatLogFile } from './chat.js';
import { ansi, plain } from './render.js';

interface Running {
  name: string;
  stop(): Promise<void>;
  /** Requests and calls still in flight. */
  pending(): number;
}

export async function startFrontEnds(cfg: Config, watch: boolean, load: () => Promise<{ core: Citebot }>): Promise<void> {
  const enabled = frontEnds(cfg);
  const { core } = await load();
  if (!enabled.discord && !enabled.slack) {
    try {
      await chat(
        core.bot,
        chatKnowledge(core, chatLogFile(cfg.DATA_DIR)),
        process.stdin,
        process.stdout,
        process.stdout.isTTY ? ansi : plain,
        core.logger,
      );
    } finally {
      await core.close();
    }
    return;
  }
  const { logger } = core;
  keepServing(logger);
  const running: Running[] = [];
  /** Replaced once everything started; a fatal error during start-up is kept for it. */
  let early: string | null = null;
  let shutdown = async (reason: string, _code: number): Promise<void> => void (early ??= reason);
  try {
    if (enabled.discord) {
      const { startDiscord } = await import('../discord/index.js');
      const d = await startDiscord({
        bot: core.bot,
        config: { token: cfg.DISCORD_TOKEN!, appId: cfg.DISCORD_APP_ID!, apiUrl: cfg.DISCORD_API_URL },
        logger: logger.child({ part: 'discord' }),
        messageContent: cfg.DISCORD_MESSAGE_CONTENT,
        onFatal: (err) => {
          logger.error({ code: err.code }, `citebot: ${err.message}. Stopping.`);
          void shutdown(err.code, 1);
        },
        ...(cfg.DISCORD_GAPS_CHANNEL ? { experts: { desk: core.experts, channel: cfg.DISCORD_GAPS_CHANNEL } } : {}),
        fromChat: { knowledgeDir: core.knowledge.dir, ...(cfg.DISCORD_SAVE_ROLE ? { saveRole: cfg.DISCORD_SAVE_ROLE } : {}) },
      });
      running.push({ name: 'discord', stop: () => d.stop(), pending: () => d.pending() });
    }
    if (enabled.slack) {
      const { startSlack } = await import('../slack/index.js');
      const s = await startSlack({
        bot: core.bot,
        config: {
          botToken: cfg.SLACK_BOT_TOKEN!,
          signingSecret: cfg.SLACK_SIGNING_SECRET!,
          appToken: cfg.SLACK_APP_TOKEN,
          apiUrl: cfg.SLACK_API_URL,
          port: cfg.PORT,
        },
        logger: logger.child({ part: 'slack' }),
        ...(cfg.SLACK_GAPS_CHANNEL ? { experts: { desk: core.experts, channel: cfg.SLACK_GAPS_CHANNEL } } : {}),
        fromChat: {
          knowledgeDir: core.knowledge.dir,
          saveUsers: cfg.SLACK_SAVE_USERS,
          leaderboard: (w) => core.store.leaderboard(w),
          experts: core.experts,
          topGaps: () => core.gaps({ filter: { platform: 'slack' } }).gaps,
        },
      });
      running.push({ name: 'slack', stop: () => s.stop(), pending: () => s.pending() });
    }
  } catch (err) {
    await Promise.allSettled(running.map((r) => r.stop()));
    await core.close();
    throw err;
  }
  logger.info({ frontEnds: running.map((r) => r.name), passages: core.engine.index.size, watch }, 'citebot is running');
  let stopping = false;
  shutdown = async (reason: string, code: number) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, 'shutting down');
    const stopped = new Set<string>();
    const work = (async () => {
      const results = await Promise.allSettled(running.map((r) => r.stop().finally(() => stopped.add(r.name))));
      for (const [i, r] of results.entries())
        if (r.status === 'rejected')
          logger.error({ err: errorFields(r.reason), frontEnd: running[i]!.name }, 'front end did not stop cleanly');
      await core.close().catch((err: unknown) => logger.error({ err: errorFields(err) }, 'could not close the stores cleanly'));
    })();
    if (await within(work, cfg.SHUTDOWN_DEADLINE_MS)) process.exit(code);
    const abandoned = running.filter((r) => !stopped.has(r.name)).map((r) => ({ frontEnd: r.name, inFlight: r.pending() }));
    logger.error(
      { deadlineMs: cfg.SHUTDOWN_DEADLINE_MS, abandoned },
      'shutdown did not finish in time; exiting with the work in flight abandoned',
    );
    process.exit(1);
  };
  if (early !== null) return shutdown(early, 1);
  process.once('SIGINT', () => void shutdown('SIGINT', 0));
  process.once('SIGTERM', () => void shutdown('SIGTERM', 0));
}
