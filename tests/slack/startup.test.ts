/**
 * Start-up failures people can fix stop start-up with a message saying what to change:
 * a rejected bot or app-level token, an unreachable Web API, a port in use; and `citebot start`
 * prints that message plainly (no stack trace) and exits 1.
 */
import { createServer } from 'node:net';
import { once } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Bot } from '../../src/core/bot/bot.js';
import { silentLogger } from '../../src/core/logger.js';
import { main } from '../../src/adapters/cli/main.js';
import { SlackStartError, startSlack, type SlackConfig } from '../../src/adapters/slack/index.js';
import { BOT_TOKEN, FakeSlack } from '../fakes/slack/fake-slack.js';
import { SIGNING_SECRET } from '../fakes/slack/slack-requests.js';
import { tempDir } from '../helpers.js';
import { TestAnswerer } from './harness.js';

let fake: FakeSlack;
beforeEach(async () => {
  fake = await FakeSlack.start();
});
afterEach(async () => {
  await fake.close();
});

const start = (config: Partial<SlackConfig>) =>
  startSlack({
    bot: new Bot(new TestAnswerer()),
    logger: silentLogger,
    config: { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl, port: 0, host: '127.0.0.1', ...config },
    retryConfig: { retries: 0 },
  });

/** What `start` rejected with. */
async function failure(config: Partial<SlackConfig>): Promise<SlackStartError> {
  const error = await start(config).then(
    () => new Error('started'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SlackStartError);
  return error as SlackStartError;
}

describe('start-up failures', () => {
  it('stops with a clear message when Slack rejects the bot token', async () => {
    const error = await failure({ botToken: 'xoxb-revoked' });
    expect(error.code).toBe('slack.token-rejected');
    expect(error.message).toMatch(/^Slack rejected SLACK_BOT_TOKEN \(invalid_auth\) — use the app's Bot User OAuth Token \(xoxb-…\)/);
    expect(error.message).not.toContain('xoxb-revoked');
  });

  it('stops with a clear message when Slack rejects the app-level token (Socket Mode), and does not retry', async () => {
    const error = await failure({ appToken: 'xapp-revoked' });
    expect(error.code).toBe('slack.app-token-rejected');
    expect(error.message).toMatch(/^Slack rejected SLACK_APP_TOKEN \(invalid_auth\) — .*connections:write/);
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.callsOf('apps.connections.open')).toHaveLength(1);
  });

  it('says so when the Slack API cannot be reached', async () => {
    const gone = await FakeSlack.start();
    const apiUrl = gone.apiUrl;
    await gone.close();
    const error = await failure({ apiUrl });
    expect(error.code).toBe('slack.unreachable');
    expect(error.message).toMatch(
      /^Could not reach the Slack Web API at http:\/\/127\.0\.0\.1:\d+\/api\/ .* check the network or SLACK_API_URL\.$/,
    );
  });

  it('says so when the port is taken', async () => {
    const taken = createServer().listen(0, '127.0.0.1');
    await once(taken, 'listening');
    const port = (taken.address() as { port: number }).port;
    try {
      const error = await failure({ port });
      expect(error.code).toBe('slack.port-in-use');
      expect(error.message).toBe(`Port ${port} is already in use — stop what listens there or set PORT to another port.`);
    } finally {
      taken.close();
    }
  });
});

describe('citebot start', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    process.exitCode = undefined;
    vi.restoreAllMocks();
  });

  it('prints why Slack refused the token, without a stack trace, and exits 1', async () => {
    const env = { KNOWLEDGE_DIR: 'knowledge', DATA_DIR: tempDir(), LOG_LEVEL: 'silent', PORT: '0' };
    const slack = { SLACK_BOT_TOKEN: 'xoxb-revoked', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl };
    process.env = { PATH: process.env.PATH, ...env, ...slack };
    let stderr = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr += String(chunk);
      return true;
    });
    await main(['node', 'citebot', 'start', '--no-watch']);
    expect(stderr).toMatch(/^citebot: Slack rejected SLACK_BOT_TOKEN \(invalid_auth\) — [^\n]+\n$/);
    expect(process.exitCode).toBe(1);
  });
});
