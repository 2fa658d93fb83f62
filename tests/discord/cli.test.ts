/**
 * The `citebot` command as people run it (`npm start`, `citebot discord register`) against the fake
 * Discord: configuration from the environment, start-up messages, and SIGTERM (in a child process).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { GatewayIntentBits } from 'discord.js';
import { inviteUrl } from '../../src/adapters/discord/commands.js';
import { main } from '../../src/adapters/cli/main.js';
import { COMMANDS } from '../../src/core/bot/commands.js';
import { MESSAGE_COMMANDS } from '../../src/core/gaps/commands.js';
import { FakeDiscord } from '../fakes/discord/server.js';
import { callback } from './harness.js';
import { startCitebot } from '../helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const clean of cleanups.splice(0)) await clean();
});

async function startFake(): Promise<FakeDiscord> {
  const fake = await FakeDiscord.start();
  cleanups.push(() => fake.stop());
  return fake;
}

/** `citebot …args` in a child process (tests/helpers.ts), stopped after the test. */
function citebot(args: string[], env: Record<string, string>) {
  const run = startCitebot(args, env);
  cleanups.push(() => run.dispose());
  return run;
}

function discordEnv(f: FakeDiscord, token = f.token): Record<string, string> {
  return { DISCORD_TOKEN: token, DISCORD_APP_ID: f.appId, DISCORD_API_URL: f.apiUrl };
}

/** Runs `citebot …args` in this process (no signal handlers are installed on these paths) and returns what it printed. */
async function citebotHere(args: string[], env: Record<string, string>): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'citebot-cli-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  for (const [k, v] of Object.entries({
    SLACK_BOT_TOKEN: '',
    SLACK_SIGNING_SECRET: '',
    SLACK_APP_TOKEN: '',
    KNOWLEDGE_DIR: join(ROOT, 'knowledge'),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    ...env,
  })) {
    vi.stubEnv(k, v);
  }
  const out = { stdout: '', stderr: '' };
  const capture = (stream: 'stdout' | 'stderr') =>
    vi.spyOn(process[stream], 'write').mockImplementation((chunk: string | Uint8Array) => ((out[stream] += String(chunk)), true));
  const spies = [capture('stdout'), capture('stderr')];
  const before = process.exitCode;
  try {
    await main(['node', 'citebot', ...args]);
    return { exitCode: Number(process.exitCode ?? 0), ...out };
  } finally {
    process.exitCode = before;
    for (const spy of spies) spy.mockRestore();
    vi.unstubAllEnvs();
  }
}

describe('citebot discord register', () => {
  test('registers the commands in one server and prints the invite link', async () => {
    const fake = await startFake();
    const run = await citebotHere(['discord', 'register', '--guild', fake.guildId], discordEnv(fake));
    expect(run).toEqual({
      exitCode: 0,
      stdout: `Registered ${COMMANDS.length + MESSAGE_COMMANDS.length} commands in server ${fake.guildId}.\nInvite the bot: ${inviteUrl(fake.appId)}\n`,
      stderr: '',
    });
    const put = await fake.requests.waitFor((r) => r.method === 'PUT');
    expect(put.path).toBe(`/applications/${fake.appId}/guilds/${fake.guildId}/commands`);
  });

  test('a rejected token is said plainly (exit 1)', async () => {
    const fake = await startFake();
    const run = await citebotHere(['discord', 'register'], discordEnv(fake, 'wrong-secret-token'));
    expect(run).toEqual({ exitCode: 1, stdout: '', stderr: 'citebot: Discord rejected the token (401) — check DISCORD_TOKEN\n' });
  });
});

describe('npm start (citebot start)', () => {
  test('a rejected token stops start-up with a message saying so (exit 1), never the token', async () => {
    const fake = await startFake();
    const run = await citebotHere(['start', '--no-watch'], discordEnv(fake, 'wrong-secret-token'));
    expect(run).toEqual({ exitCode: 1, stdout: '', stderr: 'citebot: Discord rejected the token (401) — check DISCORD_TOKEN\n' });
    expect(fake.connections).toBe(0);
  });

  // A child process: SIGTERM and process.exit cannot be tried in the test process.
  test('serves Discord with DISCORD_API_URL; on SIGTERM it closes the connection cleanly and exits 0', { timeout: 60_000 }, async () => {
    const fake = await startFake();
    const run = citebot(['start', '--no-watch'], { ...discordEnv(fake), DISCORD_MESSAGE_CONTENT: 'false' });
    // The knowledge loads first (seconds on a busy machine); events sent after IDENTIFY are handled once the client is ready.
    const identify = await fake.gateway.waitFor((op) => op.op === 2, { timeoutMs: 45_000, what: 'the IDENTIFY of the started bot' });
    expect(identify.d.token).toBe(fake.token);
    expect(BigInt(identify.d.intents) & BigInt(GatewayIntentBits.MessageContent)).toBe(0n);

    const { body } = await callback(
      fake,
      fake.slash(fake.user('Alice'), 'ask', { options: { question: 'How many U.S. troops are in Japan?' } }).id,
    );
    expect(body.data.embeds[0].fields[0].name).toBe('Source');

    run.child.kill('SIGTERM');
    expect(await run.exit).toBe(0);
    expect(await fake.closes.waitFor(() => true)).toBe(1000);
    expect(run.stderr()).toBe('');
  });
});
