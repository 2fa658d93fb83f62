/** End to end: the real core (`createCitebot` on the bundled knowledge) behind the Slack adapter. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitebot, type Citebot } from '../../src/core/app.js';
import { ManualClock } from '../../src/core/clock.js';
import { BOT_USER_ID } from '../fakes/slack/fake-slack.js';
import { eventCallback, slashCommand } from '../fakes/slack/slack-requests.js';
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
  it('answers with the short answer, the snippet with matched words in bold, its citation and how sure it is', async () => {
    expect(JSON.stringify((await ask('When will Japan double its defense spending?')).blocks)).toContain('*Answer:* 2027');
    const body = await ask('How many US troops are in Japan?');
    const text = JSON.stringify(body.blocks);
    expect(text).toMatch(/This passage (very likely|likely) answers your question/);
    expect(text).toMatch(/\*Japan\* is also home to more than 50,000 .*troops/);
    expect(text).toContain('`us-japan-defense-2025.md`');
    expect(text).toContain('line 18');
  });

  it('says it does not know, and why, when the knowledge has no answer', async () => {
    const body = await ask('What is the capital of France?');
    expect(JSON.stringify(body.blocks)).toMatch(/I don't know\.\* nothing in the knowledge mentions France/);
  });

  it('answers a follow-up mention in a thread in the context of the question before it', async () => {
    const mention = (text: string, ts: string, thread?: string) =>
      h.sender.event(
        eventCallback({
          type: 'app_mention',
          user: 'UBOB',
          text: `<@${BOT_USER_ID}> ${text}`,
          channel: 'C0042',
          ts,
          ...(thread ? { thread_ts: thread } : {}),
        }),
      );
    const nth = (n: number) => h.fake.waitForCall('chat.postMessage', (c) => h.fake.callsOf('chat.postMessage').indexOf(c) === n - 1);
    await mention('Who did Hegseth meet in Tokyo?', '1700000500.000100');
    await nth(1);
    await mention('and when was that?', '1700000500.000200', '1700000500.000100');
    const post = await nth(2);
    expect(post.params.thread_ts).toBe('1700000500.000100');
    const text = JSON.stringify(post.params.blocks);
    expect(text).toContain('late-March 2025');
    expect(text).toContain('Following on from your earlier question (“hegseth”, “meet”, “tokyo”)');
    // Another person in the same thread starts fresh: the question alone has nothing to look for.
    await h.sender.event(
      eventCallback({
        type: 'app_mention',
        user: 'UCAROL',
        text: `<@${BOT_USER_ID}> and when was that?`,
        channel: 'C0042',
        ts: '1700000500.000300',
        thread_ts: '1700000500.000100',
      }),
    );
    expect(JSON.stringify((await nth(3)).params.blocks)).toContain("I don't know");
  });
});
