/**
 * `npm run bench:load`: the reliability targets, measured against the built bot (`bin/citebot.js start`,
 * as `npm start` runs it) in a child process, driven over loopback by the fake Slack and fake Discord
 * of tests/fakes. Bounded in count and time (about three minutes); nothing leaves 127.0.0.1.
 *  1. Slack HTTP: signed /ask at 600 requests/s for 30 s — errors, ack p50/p99/max, replies delivered
 *     (counted after waiting for those in flight; any missing listed with the cause and the bot's
 *     warnings), /healthz throughout (each probe on a new connection), RSS after warm-up and at the end.
 *  2. A 5 MiB file added to the knowledge folder under load (50 requests/s): acks while it is indexed.
 *  3. SIGTERM while replies hang (a response_url that never answers): time to exit.
 *  4. Discord: 1,000 /ask from 250 users (p99 reply), then 20,000 distinct users (RSS).
 * The knowledge is the bundled one (as the issue's probes used), or with `--docs` the docs-dev corpus
 * (../shared/bench/docs-dev, 21 READMEs: answers cost about ten times more).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { FakeDiscord, type ApiRequest } from '../tests/fakes/discord/server.js';
import { BOT_TOKEN, FakeSlack } from '../tests/fakes/slack/fake-slack.js';
import { SIGNING_SECRET, SlackSender, slashCommand } from '../tests/fakes/slack/slack-requests.js';
import { INTERNAL_ERROR } from '../src/core/bot/index.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DOCS = path.resolve(ROOT, '..', 'shared', 'bench', 'docs-dev');

/** `--quick`: a tenth of the counts, to try the bench out. */
const QUICK = process.argv.includes('--quick');
/** `--profile DIR`: the bot child writes a V8 CPU profile into DIR when it exits (open it in Chrome DevTools). */
const PROFILE_DIR = process.argv.includes('--profile')
  ? path.resolve(process.argv[process.argv.indexOf('--profile') + 1] ?? '.')
  : undefined;
/** `--only slack` or `--only discord`: runs one front end's sections. */
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
/** Load of the main Slack run (the target: 600 signed /ask a second for 30 s; `--rate N` to try another). */
const SLACK_RATE = process.argv.includes('--rate') ? Number(process.argv[process.argv.indexOf('--rate') + 1]) : 600;
/** Its length (`--seconds N` for a longer run, e.g. to see RSS settle). */
const SLACK_SECONDS = process.argv.includes('--seconds') ? Number(process.argv[process.argv.indexOf('--seconds') + 1]) : QUICK ? 5 : 30;
/** Users the requests come from: the bot allows 5 questions per user per 10 s, so 600/s needs more than 1,200. */
const SLACK_USERS = 5000;
/** Lighter load while the 5 MiB file is indexed, and for how long. */
const INDEX_RATE = 50;
const INDEX_SECONDS = QUICK ? 8 : 15;
/** Just under the knowledge base's 5 MiB file limit. */
const BIG_FILE_BYTES = 5 * 1024 * 1024 - 4096;
const DISCORD_ASKS = QUICK ? 200 : 1000;
const DISCORD_USERS = 250;
const DISCORD_RATE = 200;
const DISTINCT_USERS = QUICK ? 2000 : 20_000;
const DISTINCT_RATE = 500;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;
const ms = (x: number) => `${x.toFixed(0)} ms`;

/** The resident set of a process in MiB (Linux), or NaN. */
function rssMiB(pid: number | undefined): number {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** CPU time (user + system) a process has used, in ms (Linux), or NaN: a cost figure that holds on a busy machine, where latencies do not. */
function cpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return NaN;
  }
}

interface Bot {
  child: ChildProcess;
  stderr(): string;
  exit: Promise<number | null>;
  dispose(): void;
}

/** `node bin/citebot.js start` with `env`, its own data folder and knowledge folder `knowledge`. */
function startBot(knowledge: string, env: Record<string, string>): Bot {
  const data = mkdtempSync(path.join(tmpdir(), 'citebot-load-data-'));
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(DISCORD_|SLACK_|KNOWLEDGE_DIR|DATA_DIR|LOG_LEVEL|PORT)/.test(k)),
  );
  const profile = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
  const child = spawn(process.execPath, [...profile, path.join(ROOT, 'bin', 'citebot.js'), 'start'], {
    cwd: ROOT,
    env: { ...inherited, KNOWLEDGE_DIR: knowledge, DATA_DIR: data, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => {
    stderr += c.toString();
    if (stderr.length > 4_000_000) stderr = stderr.slice(-1_000_000);
  });
  const exit = once(child, 'exit').then(([code]) => code as number | null);
  return {
    child,
    stderr: () => stderr,
    exit,
    dispose() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      rmSync(data, { recursive: true, force: true });
    },
  };
}

async function until(what: string, check: () => boolean, timeoutMs = 60_000, bot?: Bot): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end || bot?.child.exitCode != null)
      throw new Error(`bench:load: timed out waiting for ${what}${bot ? `\n${bot.stderr().slice(-2000)}` : ''}`);
    await sleep(50);
  }
}

/** A copy of the knowledge to load (the docs-dev corpus, else the bundled knowledge) and questions about it. */
function knowledge(): { dir: string; questions: string[]; what: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'citebot-load-knowledge-'));
  if (process.argv.includes('--docs') && existsSync(path.join(DOCS, 'corpus'))) {
    for (const f of readdirSync(path.join(DOCS, 'corpus')).filter((f) => f.endsWith('.md')))
      copyFileSync(path.join(DOCS, 'corpus', f), path.join(dir, f));
    const qa = JSON.parse(readFileSync(path.join(DOCS, 'docs-qa.json'), 'utf8')) as { answerable: { q: string }[]; out_of_scope: string[] };
    return { dir, questions: [...qa.answerable.map((a) => a.q), ...qa.out_of_scope], what: 'docs-dev corpus (21 READMEs)' };
  }
  copyFileSync(path.join(ROOT, 'knowledge', 'us-japan-defense-2025.md'), path.join(dir, 'us-japan-defense-2025.md'));
  const qa = JSON.parse(readFileSync(path.join(ROOT, 'tests', 'fixtures', 'dev-qa.json'), 'utf8')) as {
    answerable: { q: string }[];
    out_of_scope: string[];
  };
  return { dir, questions: [...qa.answerable.map((a) => a.q), ...qa.out_of_scope], what: 'bundled knowledge' };
}

/** Prose of about `bytes` bytes: the knowledge's own sentences, shuffled into new paragraphs. */
function bigFile(from: string, bytes: number): string {
  const words = readdirSync(from)
    .filter((f) => f.endsWith('.md'))
    .map((f) => readFileSync(path.join(from, f), 'utf8'))
    .join(' ')
    .split(/\s+/)
    .filter((w) => /^[a-z]{2,12}[.,]?$/i.test(w));
  const out: string[] = ['# Load test notes\n'];
  let size = 20;
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  while (size < bytes - 400) {
    const sentence = `${Array.from({ length: 8 + (next() % 14) }, () => words[next() % words.length]).join(' ')}.`;
    const paragraph = next() % 6 === 0 ? `\n${sentence}\n` : sentence;
    out.push(paragraph);
    size += Buffer.byteLength(paragraph) + 1;
  }
  return out.join(' ');
}

interface LoadResult {
  sent: number;
  errors: number;
  /** Why the acks counted in `errors` failed: HTTP status or the client's error code. */
  errorCauses: Map<string, number>;
  statuses: Map<number, number>;
  acks: number[];
  /** Acknowledged with the "busy, ask again" reply (admission control): told in the ack, no reply expected. */
  busy: number;
  /** Requests whose reply reached the fake's response_url (an error notice included). */
  answered: number;
  /** Replies that were the error notice (the bot could not answer, and said so). */
  notices: number;
  /** How long the bench waited after the last ack for the replies in flight, in ms. */
  drainMs: number;
  /** Replies expected and never delivered, by cause (empty when all arrived). */
  missing: Map<string, number>;
  /** Warnings and errors the bot logged during the run, by message (where anything missing went). */
  problems: Map<string, number>;
  health: { ok: number; failed: number; maxMs: number; causes: Set<string> };
  rss: number[];
  /** CPU the bot used from the first request until the replies were in, in ms. */
  cpu: number;
}

/**
 * How long the bench waits after the last ack for replies still in flight before counting: a reply
 * whose POST is abandoned after the bot's 10 s call timeout is followed by the error notice, so two
 * call timeouts and then some.
 */
const REPLY_DRAIN_MS = 25_000;
/** A /healthz probe waits this long for the answer (a supervisor's probe timeout). */
const PROBE_TIMEOUT_MS = 5000;

/**
 * One /healthz probe on a connection of its own, as a supervisor's probe (kubelet, a load balancer's
 * health check) makes it: a failure means the bot did not answer, never that a pooled keep-alive
 * socket of the load itself was closed under it. Resolves to null when answered 200, else the cause.
 */
function probe(port: number): Promise<string | null> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/healthz', agent: false, timeout: PROBE_TIMEOUT_MS }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode === 200 ? null : `HTTP ${res.statusCode}`));
      res.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TimeoutError' })));
    req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
  });
}

const count = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1);

/**
 * Sends signed /ask at `rate` a second for `seconds` (open loop: on schedule, whatever the answers),
 * probing /healthz every 200 ms and the bot's RSS every second; then waits for the replies in
 * flight (at most `REPLY_DRAIN_MS`) and counts them, with the cause of any that did not come.
 */
async function slackLoad(
  fake: FakeSlack,
  port: number,
  bot: Bot,
  questions: string[],
  rate: number,
  seconds: number,
  firstUser = 0,
  during?: (t: number) => void,
): Promise<LoadResult> {
  const sender = new SlackSender(`http://127.0.0.1:${port}`);
  const result: LoadResult = {
    sent: 0,
    errors: 0,
    errorCauses: new Map(),
    statuses: new Map(),
    acks: [],
    busy: 0,
    answered: 0,
    notices: 0,
    drainMs: 0,
    missing: new Map(),
    problems: new Map(),
    health: { ok: 0, failed: 0, maxMs: 0, causes: new Set() },
    rss: [],
    cpu: 0,
  };
  const logFrom = bot.stderr().length;
  const cpuAtStart = cpuMs(bot.child.pid);
  const pending: Promise<void>[] = [];
  /** response_url id → what the ack said: a reply is expected for 'ok' (and for failed acks, to see). */
  const acked = new Map<string, 'ok' | 'busy' | 'failed'>();
  const total = rate * seconds;
  const started = performance.now();
  let stop = false;
  const health = (async () => {
    while (!stop) {
      const t = performance.now();
      const cause = await probe(port);
      result.health.maxMs = Math.max(result.health.maxMs, performance.now() - t);
      if (cause === null) result.health.ok++;
      else {
        result.health.failed++;
        result.health.causes.add(cause);
      }
      await sleep(200);
    }
  })();
  const rss = (async () => {
    while (!stop) {
      result.rss.push(rssMiB(bot.child.pid));
      await sleep(1000);
    }
  })();
  let lastSecond = -1;
  for (let k = 0; k < total; k++) {
    const due = started + (k * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const second = Math.floor((performance.now() - started) / 1000);
    if (second !== lastSecond) {
      lastSecond = second;
      during?.(second);
    }
    const { id, url } = fake.responseUrl();
    const user = `U${String(firstUser + (k % SLACK_USERS)).padStart(6, '0')}`;
    const command = slashCommand('/ask', questions[k % questions.length]!, url, { user });
    result.sent++;
    const t = performance.now();
    pending.push(
      sender.command(command).then(
        (res) => {
          result.acks.push(performance.now() - t);
          count(result.statuses, res.status);
          if (res.status !== 200) {
            result.errors++;
            count(result.errorCauses, `HTTP ${res.status}`);
          }
          const busy = res.status === 200 && res.text.includes('ask again');
          if (busy) result.busy++;
          acked.set(id, res.status !== 200 ? 'failed' : busy ? 'busy' : 'ok');
        },
        (e: unknown) => {
          result.errors++;
          count(result.errorCauses, e instanceof Error ? ((e.cause as { code?: string } | undefined)?.code ?? e.name) : String(e));
          acked.set(id, 'failed');
        },
      ),
    );
  }
  await Promise.all(pending);
  // Replies go out after the acks: wait for the ones in flight before counting.
  const expected = [...acked].filter(([, how]) => how === 'ok').map(([id]) => id);
  const delivered = () => new Set(fake.responses.filter((r) => r.status === 200).map((r) => r.id));
  const drainStart = performance.now();
  const anyMissing = () => {
    const got = delivered();
    return expected.some((id) => !got.has(id));
  };
  while (performance.now() - drainStart < REPLY_DRAIN_MS && anyMissing()) await sleep(200);
  result.drainMs = performance.now() - drainStart;
  const got = delivered();
  result.answered = [...acked.keys()].filter((id) => got.has(id)).length;
  result.notices = fake.responses.filter((r) => acked.has(r.id) && r.status === 200 && r.body.text === INTERNAL_ERROR.text).length;
  for (const id of expected.filter((i) => !got.has(i))) {
    const refused = fake.responses.filter((r) => r.id === id).map((r) => `HTTP ${r.status}`);
    count(result.missing, refused.length > 0 ? `the fake answered ${refused.join(', ')}` : 'no POST reached the fake');
  }
  for (const line of bot.stderr().slice(logFrom).split('\n')) {
    if (!/^\{"level":(40|50|60)/.test(line)) continue;
    const entry = JSON.parse(line) as { msg?: string; err?: { message?: string } };
    count(result.problems, `${entry.msg}${entry.err?.message ? ` (${entry.err.message})` : ''}`);
  }
  result.cpu = cpuMs(bot.child.pid) - cpuAtStart;
  stop = true;
  await Promise.all([health, rss]);
  return result;
}

function report(title: string, r: LoadResult, seconds: number): void {
  const statuses = [...r.statuses].map(([s, n]) => `${s}×${n}`).join(', ');
  const list = (m: Map<string, number>) => [...m].map(([what, n]) => `${n} × ${what}`).join('; ');
  console.log(`\n${title}`);
  const ackCauses = r.errorCauses.size > 0 ? `: ${list(r.errorCauses)}` : '';
  console.log(
    `  sent ${r.sent} (${(r.sent / seconds).toFixed(0)}/s), acks ${statuses}, errors ${r.errors}${ackCauses}, turned away as busy ${r.busy}`,
  );
  const expected = r.sent - r.busy - r.errors;
  console.log(
    `  replies delivered ${r.answered}/${expected} expected (${r.notices} of them the error notice), waited ${ms(r.drainMs)} after the last ack for those in flight`,
  );
  if (r.missing.size > 0) console.log(`  replies missing ${expected - r.answered}: ${list(r.missing)}`);
  if (r.problems.size > 0) console.log(`  bot warnings/errors meanwhile: ${list(r.problems)}`);
  console.log(`  ack p50 ${ms(pct(r.acks, 50))}, p99 ${ms(pct(r.acks, 99))}, max ${ms(Math.max(...r.acks))}`);
  console.log(`  bot CPU ${(r.cpu / r.sent).toFixed(2)} ms a request (${ms(r.cpu)} in all; one core gives 1,000 ms a second)`);
  const causes = r.health.causes.size > 0 ? ` (${[...r.health.causes].join(', ')})` : '';
  console.log(
    `  /healthz (a new connection each, every 200 ms) ${r.health.ok} ok, ${r.health.failed} failed${causes}, slowest ${ms(r.health.maxMs)}`,
  );
  const warm = r.rss.slice(Math.min(5, r.rss.length - 1));
  console.log(
    `  bot RSS after warm-up ${warm[0]?.toFixed(0)} MiB → end ${warm.at(-1)?.toFixed(0)} MiB (max ${Math.max(...warm).toFixed(0)}; every 5 s: ${warm
      .filter((_, i) => i % 5 === 0)
      .map((x) => x.toFixed(0))
      .join(', ')})`,
  );
}

async function slack(): Promise<void> {
  const k = knowledge();
  const fake = await FakeSlack.start();
  const bot = startBot(k.dir, { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, PORT: '0' });
  try {
    await until('the Slack front end', () => /"port":\d+/.test(bot.stderr()), 60_000, bot);
    const port = Number(/"port":(\d+)/.exec(bot.stderr())![1]);
    console.log(
      `\nSlack HTTP front end on ${k.what}, ${k.questions.length} questions in turn, bot RSS at start ${rssMiB(bot.child.pid).toFixed(0)} MiB`,
    );

    // Warm-up (not reported): the first requests load modules and compile the hot paths.
    await slackLoad(fake, port, bot, k.questions, 100, 2, 2 * SLACK_USERS);
    const main = await slackLoad(fake, port, bot, k.questions, SLACK_RATE, SLACK_SECONDS);
    report(
      `1. Signed /ask at ${SLACK_RATE}/s for ${SLACK_SECONDS} s (targets: 0 errors, p99 ack ≤ 300 ms, /healthz throughout, RSS flat)`,
      main,
      SLACK_SECONDS,
    );

    // 2. A 5 MiB file dropped into the watched folder under lighter load.
    const text = bigFile(k.dir, BIG_FILE_BYTES);
    let addedAt = 0;
    const marker = bot.stderr().length;
    let indexedAt = 0;
    const indexed = () => {
      if (indexedAt === 0 && bot.stderr().slice(marker).includes('index updated')) indexedAt = performance.now();
      return indexedAt > 0;
    };
    const during = await slackLoad(fake, port, bot, k.questions, INDEX_RATE, INDEX_SECONDS, SLACK_USERS, (second) => {
      if (second === 2 && addedAt === 0) {
        writeFileSync(path.join(k.dir, 'load-notes.md'), text);
        addedAt = performance.now();
      }
      indexed();
    });
    const indexedDuring = indexed();
    await until('the big file to be indexed', indexed, 120_000).catch(() => undefined);
    const indexedIn = indexedDuring
      ? `indexed during the run, ${ms(indexedAt - addedAt)} after it was added`
      : indexed()
        ? `indexed ${ms(indexedAt - addedAt)} after it was added (after the run)`
        : 'not indexed within 2 minutes';
    report(
      `2. A ${(Buffer.byteLength(text) / 1024 / 1024).toFixed(1)} MiB file added after 2 s, /ask at ${INDEX_RATE}/s for ${INDEX_SECONDS} s (target: acks ≤ 1 s) — ${indexedIn}`,
      during,
      INDEX_SECONDS,
    );

    // 3. SIGTERM while replies hang.
    const held = fake.hold('respond');
    const sender = new SlackSender(`http://127.0.0.1:${port}`);
    const { url } = fake.responseUrl();
    await sender.command(slashCommand('/ask', k.questions[0]!, url, { user: 'UTERM' }));
    await held.arrived;
    const t = performance.now();
    bot.child.kill('SIGTERM');
    const code = await Promise.race([bot.exit, sleep(30_000).then(() => 'still running after 30 s')]);
    console.log(`\n3. SIGTERM while a response_url never answers (target: exit ≤ 10 s): exited ${code} after ${ms(performance.now() - t)}`);
    held.release();
  } finally {
    bot.dispose();
    await fake.close();
    rmSync(k.dir, { recursive: true, force: true });
  }
}

async function discord(): Promise<void> {
  const k = knowledge();
  const fake = await FakeDiscord.start();
  const bot = startBot(k.dir, { DISCORD_TOKEN: fake.token, DISCORD_APP_ID: fake.appId, DISCORD_API_URL: fake.apiUrl });
  // When each interaction's reply reached the fake.
  const replied = new Map<string, number>();
  const push = fake.requests.push.bind(fake.requests);
  fake.requests.push = (r: ApiRequest) => {
    const id = /^\/interactions\/(\d+)\//.exec(r.path)?.[1];
    if (id) replied.set(id, performance.now());
    else push(r);
  };
  try {
    await until('the Discord front end', () => bot.stderr().includes('citebot is running'), 60_000, bot);
    console.log(`\nDiscord front end on ${k.what}, bot RSS at start ${rssMiB(bot.child.pid).toFixed(0)} MiB`);
    const users = Array.from({ length: DISCORD_USERS }, (_, i) => fake.user(`Asker${i}`));
    const sentAt = new Map<string, number>();
    const started = performance.now();
    for (let n = 0; n < DISCORD_ASKS; n++) {
      const due = started + (n * 1000) / DISCORD_RATE;
      if (due - performance.now() > 1) await sleep(due - performance.now());
      const { id } = fake.slash(users[n % DISCORD_USERS]!, 'ask', { options: { question: k.questions[n % k.questions.length]! } });
      sentAt.set(id, performance.now());
    }
    await until('the replies', () => [...sentAt.keys()].every((id) => replied.has(id)), 20_000).catch(() => undefined);
    const times = [...sentAt].filter(([id]) => replied.has(id)).map(([id, t]) => replied.get(id)! - t);
    console.log(`\n4. ${DISCORD_ASKS} /ask from ${DISCORD_USERS} users at ${DISCORD_RATE}/s (target: all answered, p99 ≤ 1 s)`);
    console.log(
      `  answered ${times.length}/${DISCORD_ASKS}; reply p50 ${ms(pct(times, 50))}, p99 ${ms(pct(times, 99))}, max ${ms(Math.max(...times))}`,
    );

    const rss: string[] = [];
    const distinctStart = performance.now();
    let last = '';
    for (let n = 0; n < DISTINCT_USERS; n++) {
      const due = distinctStart + (n * 1000) / DISTINCT_RATE;
      if (due - performance.now() > 1) await sleep(due - performance.now());
      last = fake.slash(fake.user(`Distinct${n}`), 'ask', { options: { question: k.questions[n % k.questions.length]! } }).id;
      if ((n + 1) % (DISTINCT_USERS / 4) === 0) rss.push(`${n + 1}: ${rssMiB(bot.child.pid).toFixed(0)}`);
    }
    await until('the last reply', () => replied.has(last), 30_000).catch(() => undefined);
    console.log(`\n5. ${DISTINCT_USERS} /ask from as many distinct users at ${DISTINCT_RATE}/s (target: RSS flat)`);
    console.log(`  bot RSS in MiB after n users — ${rss.join(', ')}; after the last reply ${rssMiB(bot.child.pid).toFixed(0)}`);
    const t = performance.now();
    bot.child.kill('SIGTERM');
    const code = await Promise.race([bot.exit, sleep(30_000).then(() => 'still running after 30 s')]);
    console.log(`  SIGTERM: exited ${code} after ${ms(performance.now() - t)}`);
    if (typeof code === 'string') console.log(bot.stderr().slice(-3000));
  } finally {
    bot.dispose();
    await fake.stop();
    rmSync(k.dir, { recursive: true, force: true });
  }
}

/** Runs every section and prints its figures. */
export async function benchLoad(): Promise<void> {
  if (!existsSync(path.join(ROOT, 'dist', 'src', 'adapters', 'cli', 'main.js')))
    throw new Error('bench:load runs the built bot: run `npm run build` first');
  const os = await import('node:os');
  const load = () =>
    os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ');
  console.log(
    `Load and fault bench (loopback, ${os.cpus().length} cores, load average ${load()} — figures are only meaningful on an otherwise idle machine)`,
  );
  if (ONLY !== 'discord') await slack();
  if (ONLY !== 'slack') await discord();
  console.log(`\nLoad average at the end: ${load()}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await benchLoad();
