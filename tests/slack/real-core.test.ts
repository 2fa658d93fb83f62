/** End to end: the real core (`createCitebot` on the bundled knowledge) behind the Slack adapter. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitebot, type Citebot } from '../../src/core/app.js';
import { ManualClock } from '../../src/core/clock.js';
import { slashCommand } from '../fakes/slack/slack-requests.js';
import { startHarness, type Harness } from './harness.js';

let dataDir: string;
let citebot: Citebot;
let h: Harness;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'citebot-slack-'));
  citebot = await createCitebot({ knowledgeDir: 'knowledge', dataDir, clock: new ManualClock(), watch: false });
  h = await startHarness({ bot: citebot.bot });
});
afterAll(async () => {
  await h.close();
  await citebot.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function ask(text: string) {
  const { id, url } = h.fake.responseUrl();
  await h.sender.command(slashCommand('/ask', text, url, { user: 'UALICE' }));
  return (await h.fake.waitForResponse(id)).body;
}

describe('/ask on the bundled knowledge', () => {
  it('answers with the short answer, the snippet with matched words in bold, and its citation', async () => {
    const body = await ask('How many US troops are in Japan?');
    const text = JSON.stringify(body.blocks);
    expect(text).toContain('*Answer:* more than 50,000');
    expect(text).toMatch(/\*Japan\* is also home to more than 50,000 .*troops/);
    expect(text).toContain('`us-japan-defense-2025.md`');
    expect(text).toContain('line 18');
  });

  it('says it does not know, and why, when the knowledge has no answer', async () => {
    const body = await ask('What is the capital of France?');
    expect(JSON.stringify(body.blocks)).toMatch(/I don't know\.\* .*capital/);
  });
});
