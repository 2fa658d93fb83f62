/**
 * The process-level policy of `npm start` (`citebot start`), in child processes against the fakes:
 * SIGTERM exits by the shutdown deadline even while a reply hangs, and Discord closing the gateway
 * for good after start-up (4004: the token was reset) stops the process with a clear message and exit 1.
 */
import { afterAll, describe, test } from 'vitest';
import { GatewayCloseCodes } from 'discord.js';
import { FakeDiscord } from '../fakes/discord/server.js';
import { BOT_TOKEN, FakeSlack } from '../fakes/slack/fake-slack.js';
import { SIGNING_SECRET, SlackSender, slashCommand } from '../fakes/slack/slack-requests.js';
import { startCitebot } from '../helpers.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const clean of cleanups.splice(0)) await clean();
});

function citebot(args: string[], env: Record<string, string>) {
  const run = startCitebot(args, env);
  cleanups.push(() => run.dispose());
  return run;
}

describe.concurrent('npm start under faults', () => {
  test('SIGTERM while a reply to response_url hangs: exits by the deadline, logging what it abandoned', async ({ expect }) => {
    const fake = await FakeSlack.start();
    cleanups.push(() => fake.close());
    const run = citebot(['start', '--no-watch'], {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: '0',
      SHUTDOWN_DEADLINE_MS: '1000',
      LOG_LEVEL: 'info',
    });
    // PORT 0: the port is read from the start-up log line.
    await expect.poll(() => /"port":\d+/.test(run.stderr()), { timeout: 20_000 }).toBe(true);
    const port = Number(/"port":(\d+)/.exec(run.stderr())![1]);
    const held = fake.hold('respond'); // never answers
    const { url } = fake.responseUrl();
    await new SlackSender(`http://127.0.0.1:${port}`).command(
      slashCommand('/ask', 'How many US troops are in Japan?', url, { user: 'UALICE' }),
    );
    await held.arrived;
    const signalled = Date.now();
    run.child.kill('SIGTERM');
    expect(await run.exit).toBe(1);
    expect(Date.now() - signalled).toBeLessThan(5000);
    expect(run.stderr()).toContain('shutdown did not finish in time');
    expect(run.stderr()).toContain('"frontEnd":"slack","inFlight":');
    held.release();
  });

  test('Discord closes with 4004 after start-up: a clear message and exit 1, not a deaf process', async ({ expect }) => {
    const fake = await FakeDiscord.start();
    cleanups.push(() => fake.stop());
    const run = citebot(['start', '--no-watch'], {
      DISCORD_TOKEN: fake.token,
      DISCORD_APP_ID: fake.appId,
      DISCORD_API_URL: fake.apiUrl,
      LOG_LEVEL: 'info',
    });
    await expect.poll(() => run.stderr().includes('citebot is running'), { timeout: 20_000 }).toBe(true);
    fake.closeGateway(GatewayCloseCodes.AuthenticationFailed);
    expect(await run.exit).toBe(1);
    expect(run.stderr()).toContain('Discord rejected the token');
    expect(run.stderr()).toContain('DISCORD_TOKEN');
  });
});
