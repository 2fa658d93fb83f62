import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { GapsReport } from '../../src/core/gaps/report.js';
import { FileUnansweredLog } from '../../src/core/storage/unanswered-log.js';
import { startCitebot, tempDir, type CitebotProcess } from '../helpers.js';

const T0 = Date.UTC(2026, 10, 2, 9);
const DAY = 86_400_000;
let running: CitebotProcess[] = [];
afterEach(() => {
  for (const p of running) p.dispose();
  running = [];
});

async function citebot(args: string[], data: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const p = startCitebot(args, { DATA_DIR: data });
  running.push(p);
  const code = await p.exit;
  return { code, stdout: p.stdout(), stderr: p.stderr() };
}

function seed(data: string): void {
  const log = new FileUnansweredLog(data);
  log.record({
    question: 'How do I rotate the kubernetes certs?',
    reason: 'no passage mentions "kubernetes", "certs"',
    at: T0,
    platform: 'slack',
    user: 'U1',
    workspace: 'T1',
  });
  log.record({
    question: 'kubernetes on call?',
    reason: 'no passage mentions "kubernetes"',
    at: T0 + DAY,
    platform: 'discord',
    user: '42',
    workspace: 'G1',
  });
  log.record({
    question: 'Where is the VPN guide?',
    reason: 'no passage mentions "vpn"',
    at: T0 + 2 * DAY,
    platform: 'slack',
    user: 'U2',
    workspace: 'T1',
  });
}

describe('citebot gaps', () => {
  it('prints the gaps most frequent first, with counts, last asked, askers and what to write', async () => {
    const data = tempDir();
    seed(data);
    const { code, stdout } = await citebot(['gaps'], data);
    expect(code).toBe(0);
    expect(stdout).toMatch(/2× \*\*kubernetes\*\* \(with certs\) — last asked 2026-11-03 by slack:U1, discord:42/);
    expect(stdout.indexOf('kubernetes')).toBeLessThan(stdout.indexOf('vpn'));
    expect(stdout).toContain('Write a passage about "kubernetes"');
  });

  it('prints JSON filtered by platform and date', async () => {
    const data = tempDir();
    seed(data);
    const slack = JSON.parse(
      (await citebot(['gaps', '--json', '--platform', 'slack', '--since', '2026-11-04'], data)).stdout,
    ) as GapsReport;
    expect(slack.gaps.map((g) => [g.term, g.count])).toEqual([['vpn', 1]]);
    const until = JSON.parse((await citebot(['gaps', '--json', '--until', '2026-11-03'], data)).stdout) as GapsReport;
    expect(until.totals.unanswered).toBe(2);
  });

  it('refuses a malformed date with a clear message', async () => {
    const { code, stderr } = await citebot(['gaps', '--since', 'yesterday'], tempDir());
    expect(code).not.toBe(0);
    expect(stderr).toContain('Expected a date as YYYY-MM-DD');
  });

  it('report --html says plainly when the file cannot be written', async () => {
    const data = tempDir();
    const { code, stderr } = await citebot(['report', '--html', path.join(data, 'no-such-folder', 'r.html')], data);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^citebot: cannot write .*r\.html \(ENOENT\)/);
  });

  it('report --html writes one page that names the gaps', async () => {
    const data = tempDir();
    seed(data);
    const file = path.join(data, 'report.html');
    const { code } = await citebot(['report', '--html', file], data);
    expect(code).toBe(0);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('kubernetes');
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=["']?https?:/i);
  });
});
