/**
 * `citebot start` (`npm start`): every configured chat front end in one process, sharing one
 * core (rate limits, quiz sessions, stores); with no chat tokens set, the terminal chat.
 * SIGINT/SIGTERM: stop taking requests, finish replies in flight, save quiz scores, exit 0.
 */
import type { Citebot } from '../../core/app.js';
import { frontEnds, type Config } from '../../core/config.js';
import { chat } from './chat.js';
import { ansi, plain } from './render.js';

interface Running {
  name: string;
  stop(): Promise<void>;
}

export async function startFrontEnds(cfg: Config, watch: boolean, load: () => Promise<{ core: Citebot }>): Promise<void> {
  const enabled = frontEnds(cfg);
  const { core } = await load();
  if (!enabled.discord && !enabled.slack) {
    try {
      await chat(core.bot, process.stdin, process.stdout, process.stdout.isTTY ? ansi : plain);
    } finally {
      await core.close();
    }
    return;
  }
  const { logger } = core;
  const running: Running[] = [];
  try {
    if (enabled.discord) {
      const { startDiscord } = await import('../discord/index.js');
      const d = await startDiscord({
        bot: core.bot,
        config: { token: cfg.DISCORD_TOKEN!, appId: cfg.DISCORD_APP_ID!, apiUrl: cfg.DISCORD_API_URL },
        logger: logger.child({ part: 'discord' }),
        messageContent: cfg.DISCORD_MESSAGE_CONTENT,
        ...(cfg.DISCORD_GAPS_CHANNEL ? { experts: { desk: core.experts, channel: cfg.DISCORD_GAPS_CHANNEL } } : {}),
        fromChat: { knowledgeDir: core.knowledge.dir, ...(cfg.DISCORD_SAVE_ROLE ? { saveRole: cfg.DISCORD_SAVE_ROLE } : {}) },
      });
      running.push({ name: 'discord', stop: () => d.stop() });
    }
    if (enabled.slack) {
      const { startSlack } = await import('../slack/index.js');
      const s = await startSlack({
        bot: core.bot,
        config: { botToken: cfg.SLACK_BOT_TOKEN!, signingSecret: cfg.SLACK_SIGNING_SECRET!, appToken: cfg.SLACK_APP_TOKEN, apiUrl: cfg.SLACK_API_URL, port: cfg.PORT },
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
      running.push({ name: 'slack', stop: () => s.stop() });
    }
  } catch (err) {
    await Promise.allSettled(running.map((r) => r.stop()));
    await core.close();
    throw err;
  }
  logger.info({ frontEnds: running.map((r) => r.name), passages: core.engine.index.size, watch }, 'citebot is running');
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const results = await Promise.allSettled(running.map((r) => r.stop()));
    for (const [i, r] of results.entries()) if (r.status === 'rejected') logger.error({ err: r.reason, frontEnd: running[i]!.name }, 'front end did not stop cleanly');
    await core.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}
