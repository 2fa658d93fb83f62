import { spawn } from 'node:child_process';
import { mkdtempSync, copyFileSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { FakeDiscord } from '/work/wt13/tests/fakes/discord/server.js';
const ROOT = '/work/wt13/';
const dir = mkdtempSync('/tmp/t13/dk-'); const data = mkdtempSync('/tmp/t13/dd-');
copyFileSync(ROOT + 'knowledge/us-japan-defense-2025.md', path.join(dir, 'a.md'));
const fake = await FakeDiscord.start();
const child = spawn(process.execPath, ['--heapsnapshot-signal=SIGUSR2', '--diagnostic-dir=/tmp/t13/snaps', ROOT + 'bin/citebot.js', 'start'], {
  cwd: ROOT, env: { PATH: process.env.PATH, HOME: process.env.HOME, KNOWLEDGE_DIR: dir, DATA_DIR: data, LOG_LEVEL: 'warn', DISCORD_TOKEN: fake.token, DISCORD_APP_ID: fake.appId, DISCORD_API_URL: fake.apiUrl },
  stdio: ['ignore', 'ignore', 'pipe'] });
let err = ''; child.stderr!.on('data', (c) => (err += c));
const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) / 1024;
await sleep(6000);
const N = Number(process.argv[2] ?? 6000);
const snapAt = new Set([1000, N]);
for (let n = 0; n < N; n++) {
  if (n % 500 === 0) await sleep(1000);
  fake.slash(fake.user(`Distinct${n}`), 'ask', { options: { question: 'Who did Hegseth meet in Tokyo?' } });
  if (snapAt.has(n + 1)) { await sleep(3000); console.log(n + 1, 'rss', rss().toFixed(0)); child.kill("SIGUSR2"); await sleep(n + 1 === N ? 40000 : 15000); }
}
console.log(readdirSync('/tmp/t13/snaps'));
child.kill('SIGKILL'); await fake.stop(); console.log(err.slice(-1500));
