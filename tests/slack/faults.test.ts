/**
 * Faults and hostile input through real Bolt against the fake Slack: bodies Bolt cannot read,
 * malformed payloads, timestamps in the future, replays, peers that never answer. None may crash the
 * process (vitest fails the run on an unhandled rejection), hang a reply or hang shutdown.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BOT_USER_ID } from '../fakes/slack/fake-slack.js';
import { eventCallback, nowSeconds, signature, slashCommand } from '../fakes/slack/slack-requests.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const FORM = 'application/x-www-form-urlencoded';

/** A signed `/ask Tokyo?` still gets its answer: the front end kept serving. */
async function stillAnswers(harness: Harness): Promise<void> {
  const { id, url } = harness.fake.responseUrl();
  expect((await harness.sender.command(slashCommand('/ask', 'Tokyo?', url, { user: 'UALICE' }))).status).toBe(200);
  await harness.fake.waitForResponse(id);
  expect((await fetch(`http://127.0.0.1:${harness.slack.port}/healthz`)).status).toBe(200);
}

describe('bodies Bolt cannot read', () => {
  it('refuses a signed JSON null, payload=null, an array and a non-JSON payload with 400 and keeps serving', async () => {
    h = await startHarness();
    const statuses = [
      (await h.sender.post('null', 'application/json')).status,
      (await h.sender.post('payload=null', FORM)).status,
      (await h.sender.post('[1,2]', 'application/json')).status,
      (await h.sender.post('payload=%7Bnot%20json', FORM)).status,
    ];
    expect(statuses).toEqual([400, 400, 400, 400]);
    await stillAnswers(h);
  });

  it('refuses a body over 4 MiB with 413 before reading it', async () => {
    h = await startHarness();
    const big = 'x'.repeat(5 * 1024 * 1024);
    expect((await h.sender.post(`text=${big}`, FORM)).status).toBe(413);
    await stillAnswers(h);
  });
});

describe('malformed signed payloads', () => {
  it('answers /ask without channel_id with a polite private error in the acknowledgement', async () => {
    h = await startHarness();
    const { url } = h.fake.responseUrl();
    const { channel_id: _dropped, ...command } = slashCommand('/ask', 'Tokyo?', url, { user: 'UALICE' });
    const sent = await h.sender.command(command);
    expect(sent.status).toBe(200);
    expect(JSON.parse(sent.text)).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/^Sorry/) });
    expect(h.answerer.questions).toEqual([]);
    expect(h.logger.lines.some((l) => l.level === 'warn' && l.msg?.includes('missing fields'))).toBe(true);
    await stillAnswers(h);
  });

  it('ignores a DM event whose text is not a string, with a log, and answers the next one', async () => {
    h = await startHarness();
    const bad = eventCallback({ type: 'message', channel_type: 'im', user: 'UALICE', text: 42, channel: 'D0001', ts: '1.1' });
    expect((await h.sender.event(bad)).status).toBe(200);
    const good = eventCallback({ type: 'message', channel_type: 'im', user: 'UALICE', text: 'Tokyo?', channel: 'D0001', ts: '1.2' });
    await h.sender.event(good);
    await h.fake.waitForCall('chat.postMessage');
    await h.slack.stop();
    expect(h.answerer.questions).toEqual(['Tokyo?']);
    expect(h.logger.lines.some((l) => l.level === 'warn' && l.msg === 'slack message event is malformed; ignored')).toBe(true);
  });
});

describe('timestamps and replays', () => {
  it('refuses a correctly signed request stamped more than 5 minutes in the future', async () => {
    h = await startHarness();
    const { url } = h.fake.responseUrl();
    const body = new URLSearchParams(slashCommand('/ask', 'Tokyo?', url, { user: 'UALICE' })).toString();
    const future = nowSeconds() + 6 * 60;
    const sent = await h.sender.post(body, FORM, {
      headers: { 'x-slack-request-timestamp': String(future), 'x-slack-signature': signature(body, future) },
    });
    expect(sent.status).toBe(401);
    await h.slack.stop();
    expect(h.answerer.questions).toEqual([]);
  });

  it('answers a replayed signed slash command once (same body, same signature)', async () => {
    h = await startHarness();
    const { id, url } = h.fake.responseUrl();
    const body = new URLSearchParams(slashCommand('/ask', 'Tokyo?', url, { user: 'UALICE' })).toString();
    const ts = nowSeconds();
    const headers = { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature(body, ts) };
    const sent = [await h.sender.post(body, FORM, { headers }), await h.sender.post(body, FORM, { headers })];
    expect(sent.map((s) => s.status)).toEqual([200, 200]);
    await h.fake.waitForResponse(id);
    await h.slack.stop();
    expect(h.answerer.questions).toEqual(['Tokyo?']);
  });

  it('answers the same question asked twice (two signed requests) twice', async () => {
    h = await startHarness();
    const { url } = h.fake.responseUrl();
    await h.sender.command(slashCommand('/ask', 'Tokyo?', url, { user: 'UALICE' }));
    await h.sender.command(slashCommand('/ask', 'Tokyo?', url, { user: 'UALICE' }));
    await h.slack.stop();
    expect(h.answerer.questions).toEqual(['Tokyo?', 'Tokyo?']);
  });
});

describe('peers that never answer', () => {
  it('gives up on a response_url that never answers after the call timeout, logs it, and stops promptly', async () => {
    h = await startHarness({ timeouts: { callTimeoutMs: 200 } });
    const held = h.fake.hold('respond'); // never released
    const { url } = h.fake.responseUrl();
    await h.sender.command(slashCommand('/ask', 'Tokyo?', url, { user: 'UALICE' }));
    await held.arrived;
    const started = Date.now();
    await h.slack.stop();
    expect(Date.now() - started).toBeLessThan(2000);
    const failure = h.logger.lines.find((l) => l.msg === 'request failed')?.obj as { err?: Error } | undefined;
    expect(failure?.err?.message).toContain('no answer within 200 ms');
  });

  it('answers without waiting for a users.info that hangs, using the id as the name', async () => {
    h = await startHarness({ timeouts: { userLookupWaitMs: 100 } });
    const held = h.fake.hold('users.info'); // never released
    // /citebot gaps needs the asker's admin status, so it asks users.info; the fallback (no admin) answers.
    const { id, url } = h.fake.responseUrl();
    const started = Date.now();
    await h.sender.command(slashCommand('/citebot', 'gaps', url, { user: 'UALICE' }));
    await held.arrived;
    const reply = await h.fake.waitForResponse(id);
    expect(String(reply.body.text)).toContain('Only admins');
    expect(Date.now() - started).toBeLessThan(1500);
    held.release();
  });

  it('answers a question without asking users.info at all (a question needs no name or admin status)', async () => {
    h = await startHarness();
    await h.sender.event(
      eventCallback({ type: 'app_mention', user: 'UALICE', text: `<@${BOT_USER_ID}> Tokyo?`, channel: 'C0001', ts: '1.1' }),
    );
    await h.fake.waitForCall('chat.postMessage');
    await stillAnswers(h);
    expect(h.fake.callsOf('users.info')).toEqual([]);
  });

  it('abandons a Web API call that hangs after the call timeout and sends it again', async () => {
    h = await startHarness({ timeouts: { callTimeoutMs: 200 } });
    const held = h.fake.hold('chat.postMessage'); // the first attempt never gets an answer
    const started = Date.now();
    await h.sender.event(
      eventCallback({ type: 'app_mention', user: 'UALICE', text: `<@${BOT_USER_ID}> Tokyo?`, channel: 'C0001', ts: '1.1' }),
    );
    await held.arrived;
    const post = await h.fake.waitForCall('chat.postMessage');
    expect(post.params.thread_ts).toBe('1.1');
    expect(Date.now() - started).toBeLessThan(2000);
    held.release();
  });
});

describe('Socket Mode envelopes', () => {
  it('acknowledges a slash-command envelope delivered twice (same envelope_id) and answers it once', async () => {
    h = await startHarness({ socketMode: true });
    const { id, url } = h.fake.responseUrl();
    const command = slashCommand('/ask', 'Tokyo?', url, { user: 'UALICE' });
    expect(await h.fake.sendEnvelope('slash_commands', command, 0, 'env-twice')).toEqual({});
    expect(await h.fake.sendEnvelope('slash_commands', command, 1, 'env-twice')).toEqual({});
    await h.fake.waitForResponse(id);
    await h.slack.stop();
    expect(h.answerer.questions).toEqual(['Tokyo?']);
  });
});

describe('overload', () => {
  it('acknowledges a command beyond the concurrency limit at once with a private "busy" reply, and answers again once there is room', async () => {
    h = await startHarness({ timeouts: { maxConcurrent: 1 } });
    const held = h.fake.hold('respond');
    const first = h.fake.responseUrl();
    await h.sender.command(slashCommand('/ask', 'Tokyo?', first.url, { user: 'UALICE' }));
    await held.arrived; // the first is being worked on
    const second = await h.sender.command(slashCommand('/ask', 'Tokyo?', h.fake.responseUrl().url, { user: 'UBOB' }));
    expect(JSON.parse(second.text)).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/ask again/) });
    held.release();
    await h.fake.waitForResponse(first.id);
    await h.slack.stop();
    expect(h.answerer.questions).toEqual(['Tokyo?']);
    expect(h.logger.lines.some((l) => l.msg === 'busy: requests turned away')).toBe(true);
  });
});
