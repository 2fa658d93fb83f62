/**
 * `npm start` (`citebot start`) as people run it, in a child process against the fake Slack:
 * configuration from the environment (SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_APP_TOKEN,
 * SLACK_API_URL, PORT), HTTP mode with GET /healthz, Socket Mode, and SIGTERM (a clean stop that
 * ends a running quiz, exit 0).
 */
import { once } from 'node:events';
import { createServer } from 'node:net';
import { afterAll, describe, test } from 'vitest';
import { APP_TOKEN, BOT_TOKEN, FakeSlack } from '../fakes/slack/fake-slack.js';
import { SIGNING_SECRET, SlackSender, slashCommand } from '../fakes/slack/slack-requests.js';
import { startCitebot } from '../helpers.js';

// The tests run concurrently (each starts a process): each cleans up after itself here.
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const clean of cleanups.splice(0)) await clean();
});

async function startFake(): Promise<FakeSlack> {
  const fake = await FakeSlack.start();
  cleanups.push(() => fake.close());
  return fake;
}

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** `citebot …args` in a child process (tests/helpers.ts), stopped after the test. */
function citebot(args: string[], env: Record<string, string>) {
  const run = startCitebot(args, env);
  cleanups.push(() => run.dispose());
  return run;
}

const slackEnv = (fake: FakeSlack) => ({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl });

/** Polls GET /healthz until it answers (start-up loads the knowledge first). */
async function healthy(port: number, run: ReturnType<typeof citebot>): Promise<Response> {
  const end = Date.now() + 15_000;
  for (;;) {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null);
    if (res) return res;
    if (run.child.exitCode !== null || Date.now() > end) throw new Error(`citebot did not start: ${run.stderr()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.concurrent('npm start (citebot start) with Slack', () => {
  test('HTTP mode on PORT: /healthz, a signed /ask answered; on SIGTERM a running quiz is ended, exit 0', async ({ expect }) => {
    const fake = await startFake();
    const port = await freePort();
    const run = citebot(['start', '--no-watch'], { ...slackEnv(fake), PORT: String(port) });
    const health = await healthy(port, run);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
    expect(fake.callsOf('auth.test').map((c) => c.token)).toEqual([BOT_TOKEN]);

    const sender = new SlackSender(`http://127.0.0.1:${port}`);
    const asked = fake.responseUrl();
    expect(
      (await sender.command(slashCommand('/ask', 'When will Japan double its defense spending?', asked.url, { user: 'UALICE' }))).status,
    ).toBe(200);
    expect(JSON.stringify((await fake.waitForResponse(asked.id)).body.blocks)).toContain('*Answer:* 2027');

    const started = fake.responseUrl();
    await sender.command(slashCommand('/quiz', 'start 3 20 text', started.url, { user: 'UALICE' }));
    await fake.waitForResponse(started.id);

    run.child.kill('SIGTERM');
    expect(await run.exit).toBe(0);
    const ended = fake.callsOf('chat.postMessage').find((c) => JSON.stringify(c.params.blocks).includes('Quiz stopped.'));
    expect(ended?.params.channel).toBe('C0001');
    expect(run.stderr()).toBe('');
  });

  test('Socket Mode when SLACK_APP_TOKEN is set: /ask on the socket; on SIGTERM the socket closes, exit 0', async ({ expect }) => {
    const fake = await startFake();
    const run = citebot(['start', '--no-watch'], { ...slackEnv(fake), SLACK_APP_TOKEN: APP_TOKEN });
    const socket = await fake.waitForSocket(15_000);
    expect(fake.callsOf('apps.connections.open').map((c) => c.token)).toEqual([APP_TOKEN]);

    const asked = fake.responseUrl();
    expect(
      await fake.sendEnvelope(
        'slash_commands',
        slashCommand('/ask', 'When will Japan double its defense spending?', asked.url, { user: 'UALICE' }),
      ),
    ).toEqual({});
    expect(JSON.stringify((await fake.waitForResponse(asked.id)).body.blocks)).toContain('*Answer:* 2027');

    const closed = once(socket, 'close');
    run.child.kill('SIGTERM');
    expect(await run.exit).toBe(0);
    await closed;
    expect(run.stderr()).toBe('');
  });
});
