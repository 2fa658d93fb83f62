/** Request verification, Slack's retries, Web API failures and shutdown, through real Bolt. */
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { createRequire } from 'node:module';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BOT_USER_ID } from '../fakes/slack/fake-slack.js';
import { eventCallback, nowSeconds, signature, slashCommand } from '../fakes/slack/slack-requests.js';
import { startHarness, type Harness } from './harness.js';

/** Bolt's own signature check (the module its HTTP receiver calls), to see that it is not called. */
const boltVerifyModule = createRequire(import.meta.url)('@slack/bolt/dist/receivers/verify-request.js') as {
  verifySlackRequest: (options: unknown) => void;
};
const FORM = 'application/x-www-form-urlencoded';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const mention = (ts: string) =>
  eventCallback({ type: 'app_mention', user: 'UALICE', text: `<@${BOT_USER_ID}> Tokyo?`, channel: 'C0001', ts });

describe('request verification', () => {
  it('refuses a bad signature, a stale timestamp, a tampered body and missing headers with 401, answering nothing', async () => {
    const { url } = h.fake.responseUrl();
    const command = slashCommand('/ask', 'Tokyo?', url, { user: 'UALICE' });
    const body = new URLSearchParams(command).toString();
    const stale = nowSeconds() - 6 * 60;
    const refused = [
      await h.sender.command(command, { headers: { 'x-slack-signature': signature(body, nowSeconds(), 'wrong-secret') } }),
      await h.sender.command(command, {
        headers: { 'x-slack-request-timestamp': String(stale), 'x-slack-signature': signature(body, stale) },
      }),
      await h.sender.command(command, { tamper: (b) => b.replace('Tokyo', 'Kyoto') }),
      await h.sender.command(command, { headers: { 'x-slack-request-timestamp': undefined, 'x-slack-signature': undefined } }),
      await h.sender.event(mention('1.1'), { tamper: (b) => b.replace('Tokyo', 'Kyoto') }),
    ];
    expect(refused.map((r) => r.status)).toEqual([401, 401, 401, 401, 401]);
    expect(h.logger.lines.filter((l) => l.level === 'warn').map((l) => l.msg)).toEqual([
      'slack request wrongly signed (or its body changed); refused',
      'slack request stamped too long ago; refused',
      'slack request wrongly signed (or its body changed); refused',
      'slack request not signed; refused',
      'slack request wrongly signed (or its body changed); refused',
    ]);
    await h.slack.stop();
    expect(h.answerer.questions).toEqual([]);
    expect(h.fake.responses).toEqual([]);
    expect(h.fake.calls.map((c) => c.method)).toEqual(['auth.test']); // the start-up check only
  });

  it('verifies a signed request once: Bolt does not check the signature again', async () => {
    const boltVerify = vi.spyOn(boltVerifyModule, 'verifySlackRequest');
    try {
      const { id, url } = h.fake.responseUrl();
      expect((await h.sender.command(slashCommand('/ask', 'Tokyo?', url, { user: 'UALICE' }))).status).toBe(200);
      await h.fake.waitForResponse(id);
      expect(boltVerify).not.toHaveBeenCalled();
    } finally {
      boltVerify.mockRestore();
    }
  });

  it("answers Slack's unsigned ssl_check with 200 and passes nothing else of its body on", async () => {
    const { url } = h.fake.responseUrl();
    const smuggled = new URLSearchParams({ ssl_check: '1', ...slashCommand('/ask', 'Tokyo?', url, { user: 'UALICE' }) }).toString();
    const headers = { 'x-slack-request-timestamp': undefined, 'x-slack-signature': undefined };
    const sent = [await h.sender.post('ssl_check=1', FORM, { headers }), await h.sender.post(smuggled, FORM, { headers })];
    expect(sent.map((r) => r.status)).toEqual([200, 200]);
    await h.slack.stop();
    expect(h.answerer.questions).toEqual([]);
    expect(h.fake.responses).toEqual([]);
  });

  it('accepts the same request correctly signed', async () => {
    const { id, url } = h.fake.responseUrl();
    expect((await h.sender.command(slashCommand('/ask', 'Tokyo?', url, { user: 'UALICE' }))).status).toBe(200);
    await h.fake.waitForResponse(id);
  });
});

describe('acknowledgement', () => {
  it('acknowledges a command before any slow work (Slack allows 3 seconds)', async () => {
    const held = h.fake.hold('respond'); // the reply, made after the ack
    const { id, url } = h.fake.responseUrl();
    const sent = await h.sender.command(slashCommand('/ask', 'Tokyo?', url, { user: 'UALICE' }));
    expect(sent.status).toBe(200);
    await held.arrived;
    expect(h.fake.responses).toEqual([]);
    held.release();
    await h.fake.waitForResponse(id);
  });
});

describe('Slack retries', () => {
  it('answers an event once when Slack sends it again (x-slack-retry-num)', async () => {
    const event = mention('1700000100.000100');
    await h.sender.event(event);
    await h.sender.event(event, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    await h.sender.event(event, { headers: { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_timeout' } });
    await h.slack.stop();
    expect(h.answerer.questions).toEqual(['Tokyo?']);
    expect(h.fake.callsOf('chat.postMessage')).toHaveLength(1);
  });

  it('answers distinct events about the same thing each time', async () => {
    await h.sender.event(mention('1.1'));
    await h.sender.event(mention('1.2'));
    await h.slack.stop();
    expect(h.fake.callsOf('chat.postMessage').map((c) => c.params.thread_ts)).toEqual(expect.arrayContaining(['1.1', '1.2']));
  });
});

describe('Slack API failures', () => {
  it('retries chat.postMessage answered 429 after the Retry-After Slack asks for', async () => {
    h.fake.failNext('chat.postMessage', 429, { 'retry-after': '0' });
    await h.sender.event(mention('1.1'));
    const post = await h.fake.waitForCall('chat.postMessage');
    expect(post.params.thread_ts).toBe('1.1');
    expect(h.fake.callsOf('chat.postMessage').map((c) => c.status)).toEqual([429, 200]);
  });

  it('retries chat.postMessage answered 503', async () => {
    h.fake.failNext('chat.postMessage', 503);
    await h.sender.event(mention('1.1'));
    await h.fake.waitForCall('chat.postMessage');
    expect(h.fake.callsOf('chat.postMessage').map((c) => c.status)).toEqual([503, 200]);
  });

  it('retries a reply to response_url answered 429 (Retry-After) and then 500', async () => {
    h.fake.failNext('respond', 429, { 'retry-after': '0' });
    h.fake.failNext('respond', 500);
    const { id, url } = h.fake.responseUrl();
    await h.sender.command(slashCommand('/ask', 'Tokyo?', url, { user: 'UALICE' }));
    const reply = await h.fake.waitForResponse(id);
    expect(reply.body.response_type).toBe('in_channel');
    expect(h.fake.responses.map((r) => r.status)).toEqual([429, 500, 200]);
  });

  it('sends a reply again, on a new connection, when its connection is closed before any answer, and logs it', async () => {
    h.fake.resetNext('respond', 2);
    const { id, url } = h.fake.responseUrl();
    await h.sender.command(slashCommand('/ask', 'Tokyo?', url, { user: 'UALICE' }));
    const reply = await h.fake.waitForResponse(id);
    expect(reply.body.text).toContain('Tokyo');
    expect(h.fake.connectionsReset.get('respond')).toBe(2);
    expect(h.fake.responses.map((r) => r.status)).toEqual([200]); // the answer once, not the error notice
    const retried = h.logger.lines.filter((l) => l.msg === 'reply to response_url lost its connection; sent again');
    expect(retried.map((l) => [l.level, (l.obj as { attempt?: number }).attempt])).toEqual([
      ['warn', 1],
      ['warn', 2],
    ]);
  });

  it('gives up on a reply whose connection keeps closing after the retries, with the error logged', async () => {
    h.fake.resetNext('respond', 4 + 4); // the answer and the error notice, each sent once and retried 3 times
    const { url } = h.fake.responseUrl();
    await h.sender.command(slashCommand('/ask', 'Tokyo?', url, { user: 'UALICE' }));
    await h.slack.stop();
    expect(h.fake.connectionsReset.get('respond')).toBe(8);
    expect(h.logger.lines.filter((l) => l.level === 'error').map((l) => l.msg)).toEqual([
      'request failed',
      'could not tell the user about a failure',
    ]);
  });

  it('waits the Retry-After seconds Slack asks for before sending again', async () => {
    h.fake.failNext('chat.postMessage', 429, { 'retry-after': '1' });
    h.fake.failNext('respond', 429, { 'retry-after': '1' });
    const { id, url } = h.fake.responseUrl();
    await Promise.all([h.sender.event(mention('1.1')), h.sender.command(slashCommand('/ask', 'Tokyo?', url, { user: 'UALICE' }))]);
    const [post, reply] = await Promise.all([h.fake.waitForCall('chat.postMessage'), h.fake.waitForResponse(id)]);
    const [refusedPost, refusedReply] = [h.fake.callsOf('chat.postMessage')[0]!, h.fake.responses[0]!];
    expect([refusedPost.status, refusedReply.status]).toEqual([429, 429]);
    expect(post.at - refusedPost.at).toBeGreaterThanOrEqual(950);
    expect(reply.at - refusedReply.at).toBeGreaterThanOrEqual(950);
  });

  it('logs a reply Slack keeps refusing, without an unhandled rejection', async () => {
    h.fake.failNext('respond', 404, undefined, 10);
    const { url } = h.fake.responseUrl();
    await h.sender.command(slashCommand('/ask', 'Tokyo?', url, { user: 'UALICE' }));
    await h.slack.stop();
    expect(h.fake.responses.map((r) => r.status)).toEqual([404, 404]); // the answer, then the private error notice
    expect(h.logger.lines.filter((l) => l.level === 'error').map((l) => l.msg)).toEqual([
      'request failed',
      'could not tell the user about a failure',
    ]);
  });
});

/** GET /healthz on `agent`'s kept-alive connection: the status and whether the connection was reused. */
function getOn(agent: http.Agent, port: number): Promise<{ status?: number; reused: boolean }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/healthz', agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, reused: req.reusedSocket }));
    });
    req.on('error', reject);
  });
}

describe('keep-alive connections (load balancers, health probes)', () => {
  it("keeps an idle connection open past Node's 5 s default, so a probe sent on it after 5.5 s is answered", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      expect(await getOn(agent, h.slack.port)).toEqual({ status: 200, reused: false });
      await sleep(5500);
      expect(await getOn(agent, h.slack.port)).toEqual({ status: 200, reused: true });
    } finally {
      agent.destroy();
    }
  }, 10_000);

  it('stops promptly with a kept-alive connection busy at the stop (closed after its answer, not 65 s later)', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      // A request still being sent when the stop begins: its connection is answered, then closed.
      const req = http.request({ host: '127.0.0.1', port: h.slack.port, path: '/slack/events', method: 'POST', agent });
      const answered = new Promise<number | undefined>((resolve, reject) => {
        req.on('response', (res) => resolve(res.resume().statusCode));
        req.on('error', reject);
      });
      req.write('text=');
      await sleep(100);
      const started = Date.now();
      const stopped = h.slack.stop();
      req.end('Tokyo');
      expect(await answered).toBe(401); // unsigned
      await stopped;
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      agent.destroy();
    }
  });
});

describe('shutdown', () => {
  it('stop() stops taking requests and waits for the replies in flight', async () => {
    const held = h.fake.hold('respond');
    const { id, url } = h.fake.responseUrl();
    await h.sender.command(slashCommand('/ask', 'Tokyo?', url, { user: 'UALICE' }));
    await held.arrived;
    const order: string[] = [];
    const stopped = h.slack.stop().then(() => order.push('stopped'));
    // The HTTP server closes first: new requests are refused.
    await expect(fetch(`http://127.0.0.1:${h.slack.port}/healthz`)).rejects.toThrow();
    order.push('released');
    held.release();
    await stopped;
    expect(order).toEqual(['released', 'stopped']);
    expect(h.fake.responses.find((r) => r.id === id)?.status).toBe(200);
  });
});
