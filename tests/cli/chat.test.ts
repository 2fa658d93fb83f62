/** The terminal chat on the real core: commands from the core's data, follow-ups, quizzes, no rate limit. */
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chat, chatKnowledge } from '../../src/adapters/cli/chat.js';
import { plain } from '../../src/adapters/cli/render.js';
import { createCitebot, type Citebot } from '../../src/core/app.js';
import { until } from '../helpers.js';

let core: Citebot;
beforeAll(async () => {
  core = await createCitebot({ knowledgeDir: 'knowledge', dataDir: null, quizPauseMs: 0 });
});
afterAll(() => core.close());

/** A chat session on piped streams: `say` types a line and waits until the output has grown past `expect`. */
function session(on: Citebot = core) {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (c: Buffer) => (text += c.toString()));
  const done = chat(on.bot, chatKnowledge(on, '/tmp/citebot.log'), input, output, plain);
  return {
    output: () => text,
    async say(line: string, expected: RegExp): Promise<string> {
      const from = text.length;
      input.write(`${line}\n`);
      return until(() => expected.exec(text.slice(from)) && text.slice(from), 5000, `a reply to ${line}`);
    },
    async quit() {
      input.end('/quit\n');
      await done;
    },
  };
}

describe('citebot chat', () => {
  it('says which knowledge is loaded and where the logs go', async () => {
    const s = session();
    await until(() => s.output().includes('/help'));
    expect(s.output()).toMatch(/^citebot — 1 file\(s\), 17 passages from .*knowledge\./);
    expect(s.output()).toContain('Logs go to /tmp/citebot.log');
    await s.quit();
  });

  it('lists the commands on /help, from the core command data', async () => {
    const s = session();
    const help = await s.say('/help', /leave/);
    for (const c of [
      '/ask <question>',
      '/quiz start [questions] [seconds] [mode] [teams] [topic] [hints]',
      '/quiz leaderboard',
      '/scores',
      '/explain <question>',
      '/quit',
    ])
      expect(help).toContain(c);
    expect(help).not.toContain('alleviate');
    await s.quit();
  });

  it('answers a follow-up in the context of the question before it, and explains which words came from it', async () => {
    const s = session();
    await s.say('Who did Hegseth meet in Tokyo?', /answers your question/);
    const followUp = await s.say('and when was that?', /earlier question/);
    expect(followUp).toContain('late-March 2025');
    expect(followUp).toContain('Following on from your earlier question (“hegseth”, “meet”, “tokyo”)');
    const explained = await s.say('/explain who said it?', /ms\n/);
    expect(explained).toMatch(/term hegseth — from the previous question/);
    expect(explained).toMatch(/Confidence [\d.]+: the estimated probability that the first snippet answers/);
    // A question with its own subject starts afresh.
    const fresh = await s.say('How many US troops are in Japan?', /answers your question/);
    expect(fresh).toContain('50,000');
    expect(fresh).not.toContain('earlier question');
    await s.quit();
  });

  it('says why it cannot answer a follow-up with no question before it', async () => {
    const fresh = await createCitebot({ knowledgeDir: 'knowledge', dataDir: null });
    const s = session(fresh);
    expect(await s.say('and when was that?', /know/)).toContain(
      "I don't know: that goes on from an earlier question, and there is none in this conversation",
    );
    await s.quit();
    await fresh.close();
  });

  it('does not rate-limit the local user', async () => {
    const s = session();
    for (let i = 0; i < 7; i++)
      expect(await s.say('Where are the Senkaku Islands?', /answers your question|asking quickly/)).not.toContain('asking quickly');
    await s.quit();
  });

  it('runs the quiz commands through the core, as in Slack and Discord', async () => {
    const s = session();
    expect(await s.say('/scores', /\S/)).toMatch(/no quiz|not running|No quiz/i);
    const started = await s.say('/quiz start 2 mode:text', /Question 1\/2/);
    expect(started).toMatch(/Quiz: 2 questions/);
    expect(started).toContain('While the quiz runs, type your answer');
    // While it runs, a line is an answer, not a question.
    expect(await s.say('Tokyo', /✗|✓|you:/)).toMatch(/you: Tokyo|✗ you|✓ you/);
    expect(await s.say('/scores', /Scores/)).toContain('Scores');
    expect(await s.say('/stop', /Quiz stopped/)).toContain('Quiz stopped');
    expect(await s.say('/leaderboard', /All-time scores|no scores|No scores/i)).toBeTruthy();
    expect(await s.say('/quiz frobnicate', /Unknown subcommand/)).toContain('/help');
    await s.quit();
  });
});
