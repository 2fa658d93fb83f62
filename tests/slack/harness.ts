/**
 * Test harness: the fake Slack plus the real adapter (real Bolt) over a `Bot` with a small test
 * answerer, a vote store that records, and a logger that keeps what it is given.
 */
import { Bot, type BotOptions } from '../../src/core/bot/bot.js';
import type { Answerer, Vote } from '../../src/core/bot/ports.js';
import { ManualClock } from '../../src/core/clock.js';
import type { Logger } from '../../src/core/logger.js';
import type { AnsweredReply, AnswerReply } from '../../src/core/search/types.js';
import { startSlack, type SlackFrontEnd } from '../../src/adapters/slack/index.js';
import { APP_TOKEN, BOT_TOKEN, FakeSlack } from '../fakes/slack/fake-slack.js';
import { SIGNING_SECRET, SlackSender } from '../fakes/slack/slack-requests.js';

/** The answer the test answerer gives to questions about Tokyo. Its text has characters to escape. */
export const TOKYO: AnsweredReply = {
  question: 'Who did Hegseth meet in Tokyo?',
  abstained: false,
  reason: null,
  reasonCode: null,
  answer: 'Gen Nakatani',
  answerKind: 'person',
  confidence: 0.8,
  snippets: [
    {
      text: 'Hegseth met Gen Nakatani in Tokyo & said <!channel> @here troops > 50,000.',
      highlights: [
        { start: 0, end: 7 },
        { start: 28, end: 33 },
      ],
      citation: {
        file: 'news/tokyo.md',
        title: 'Tokyo visit',
        section: 'Meeting',
        paragraph: 2,
        lines: [5, 6],
        url: 'https://example.com/tokyo',
      },
      passageId: 'news/tokyo.md#p2s0',
      score: 3,
    },
    {
      text: 'Nakatani is the Minister of Defense.',
      highlights: [{ start: 0, end: 8 }],
      citation: { file: 'news/cabinet.md', title: 'Cabinet', section: null, paragraph: 1, lines: [3, 3], url: null },
      passageId: 'news/cabinet.md#p1s0',
      score: 2,
    },
  ],
};

/** Answers questions mentioning Tokyo, throws on "boom", abstains otherwise; records the questions. */
export class TestAnswerer implements Answerer {
  readonly questions: string[] = [];

  answer(question: string): AnswerReply {
    this.questions.push(question);
    if (question.includes('boom')) throw new Error('index exploded');
    if (/tokyo/i.test(question)) return { ...TOKYO, question };
    return {
      question,
      abstained: true,
      reason: 'Nothing in the knowledge matches "weather".',
      reasonCode: 'no-match',
      answer: null,
      answerKind: null,
      confidence: 0,
      snippets: [],
    };
  }
}

export interface LogLine {
  level: 'error' | 'warn' | 'info' | 'debug';
  obj: object;
  msg?: string;
}

/** A logger that keeps every line (to check what is logged, and that secrets are not). */
export function recordingLogger(lines: LogLine[] = []): Logger & { lines: LogLine[] } {
  const at = (level: LogLine['level']) => (obj: object, msg?: string) => void lines.push({ level, obj, msg });
  const logger = { lines, error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug'), child: () => logger };
  return logger;
}

export interface Harness {
  fake: FakeSlack;
  slack: SlackFrontEnd;
  sender: SlackSender;
  bot: Bot;
  answerer: TestAnswerer;
  votes: Vote[];
  logger: ReturnType<typeof recordingLogger>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  socketMode?: boolean;
  /** Options for the test bot (over the test answerer). */
  botOptions?: Partial<BotOptions>;
  /** A ready bot instead (the real core). */
  bot?: Bot;
  /** Timeouts for the adapter (fault tests keep them short). */
  timeouts?: { callTimeoutMs?: number; userLookupWaitMs?: number; maxConcurrent?: number };
}

/** Starts the fake Slack, then the adapter against it (HTTP mode, or Socket Mode). */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const fake = await FakeSlack.start();
  fake.users.set('UALICE', { name: 'Alice' });
  fake.users.set('UBOB', { name: 'Bob' });
  fake.users.set('UADMIN', { name: 'Ada', isAdmin: true });
  const answerer = new TestAnswerer();
  const votes: Vote[] = [];
  const bot =
    options.bot ??
    new Bot(answerer, { clock: new ManualClock(), feedback: { recordVote: (_id, vote) => void votes.push(vote) }, ...options.botOptions });
  const logger = recordingLogger();
  const slack = await startSlack({
    bot,
    logger,
    config: {
      botToken: BOT_TOKEN,
      signingSecret: SIGNING_SECRET,
      ...(options.socketMode ? { appToken: APP_TOKEN } : {}),
      apiUrl: fake.apiUrl,
      port: 0,
      host: '127.0.0.1',
    },
    retryConfig: { retries: 3, minTimeout: 0, maxTimeout: 0 },
    ...options.timeouts,
  });
  return {
    fake,
    slack,
    sender: new SlackSender(`http://127.0.0.1:${slack.port}`),
    bot,
    answerer,
    votes,
    logger,
    async close() {
      await slack.stop();
      await fake.close();
    },
  };
}
