/** Test doubles for the core side of the Discord adapter: a fixed answerer, a quiz controller and a recording logger. */
import type { Answerer, QuizController } from '../../src/core/bot/ports.js';
import type { Logger } from '../../src/core/logger.js';
import type { AnsweredReply } from '../../src/core/search/types.js';

/** An answer with two snippets, a short answer, Markdown in the text and a source url. */
export function sampleAnswer(question: string): AnsweredReply {
  return {
    question,
    abstained: false,
    reason: null,
    reasonCode: null,
    answer: 'Gen Nakatani',
    answerKind: 'person',
    confidence: 0.82,
    snippets: [
      {
        text: 'Hegseth met *Gen Nakatani* in Tokyo on 30 March.',
        highlights: [
          { start: 12, end: 26 },
          { start: 30, end: 35 },
        ],
        citation: {
          file: 'defense/japan.md',
          title: 'US–Japan talks',
          section: 'Tokyo › Meetings',
          paragraph: 3,
          lines: [12, 13],
          url: 'https://example.org/japan',
        },
        passageId: 'defense/japan.md#p3s0',
        score: 9.1,
      },
      {
        text: 'The ministers agreed to upgrade the command.',
        highlights: [],
        citation: { file: 'defense/japan.md', title: 'US–Japan talks', section: null, paragraph: 4, lines: [15, 15], url: null },
        passageId: 'defense/japan.md#p4s0',
        score: 5.2,
      },
    ],
  };
}

/** Answers every question with `sampleAnswer`; "unknown" abstains and "boom" throws (a handler bug). */
export const fixedAnswerer: Answerer = {
  answer(question) {
    if (question.includes('boom')) throw new Error('index exploded');
    if (question.includes('unknown')) {
      return {
        question,
        abstained: true,
        reason: 'Nothing in the knowledge matches "unknown".',
        reasonCode: 'no-match',
        answer: null,
        answerKind: null,
        confidence: 0,
        snippets: [],
      };
    }
    return sampleAnswer(question);
  },
};

export interface LogLine {
  level: 'error' | 'warn' | 'info' | 'debug';
  obj: object;
  msg?: string;
}

/** A logger that keeps what it was told, to check that failures are logged with their cause. */
export function recordingLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const make = (bindings: object): Logger => ({
    error: (obj, msg) => void lines.push({ level: 'error', obj: { ...bindings, ...obj }, msg }),
    warn: (obj, msg) => void lines.push({ level: 'warn', obj: { ...bindings, ...obj }, msg }),
    info: (obj, msg) => void lines.push({ level: 'info', obj: { ...bindings, ...obj }, msg }),
    debug: (obj, msg) => void lines.push({ level: 'debug', obj: { ...bindings, ...obj }, msg }),
    child: (more) => make({ ...bindings, ...more }),
  });
  return Object.assign(make({}), { lines });
}

/** A quiz controller that does nothing but what `overrides` say (topics: none; messages: not taken). */
export function quizDouble(overrides: Partial<QuizController> = {}): QuizController {
  return {
    command: async () => {},
    message: async () => false,
    choose: async () => {},
    topics: () => [],
    shutdown: async () => {},
    ...overrides,
  };
}
