/**
 * The quiz as the bot dispatches to it: one session per channel (many channels at once),
 * `/quiz` subcommands, typed answers in the channel, choice buttons, the all-time leaderboard.
 * Expected failures are private notices with stable `quiz.*` codes, never exceptions.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import { MAX_DRAW, QuestionSource } from './bank.js';
import { MAX_ANSWER_LENGTH } from './check.js';
import type { QuizEvent, QuizSettings } from './events.js';
import type { QuizKnowledge } from './knowledge.js';
import type { Actor, Place, QuizChannels, QuizOptions, QuizReply, ScoreStore } from './ports.js';
import { defaultScoringRules, type ScoringRules } from './scoring.js';
import { notice, QuizSession } from './session.js';

export interface QuizControllerDeps {
  knowledge: QuizKnowledge;
  store: ScoreStore;
  clock: Clock;
  logger: Logger;
  rules?: Partial<ScoringRules>;
  /** Pause before the first question and between questions (default 5 s; the terminal uses 0). */
  pauseMs?: number;
}

const HELP = [
  'How to play:',
  '• `/quiz start` starts a quiz in this channel (options: questions, seconds, mode mc|text, teams Red,Blue, topic, hints).',
  '• `/quiz join [team]` joins (answering joins you too); `/quiz answer <text>` or just type the answer; multiple choice: press a button or type its letter.',
  '• `/quiz hint` reveals a hint (fewer points); `/quiz skip` skips (the starter, or a vote); `/quiz stop` ends it (the starter or an admin).',
  '• `/quiz scores` shows this quiz’s scores; `/quiz leaderboard` the all-time scores here.',
].join('\n');

/** Characters of a session id (a UUID's first two groups): distinct among one process's sessions, short in logs. */
const SESSION_ID_LENGTH = 13;
/** Characters of a random seed: short enough to read out, enough for distinct quizzes. */
const SEED_LENGTH = 8;

/** Subcommands that act on the channel's running session. */
const SESSION_COMMANDS = new Set(['join', 'answer', 'hint', 'skip', 'stop', 'scores']);
/** Teams in a quiz: more than a channel can follow on one scoreboard. */
const MAX_TEAMS = 10;
/** Characters of a team name: enough for a name, short enough for a scoreboard line. */
const MAX_TEAM_NAME = 40;

/** The `/quiz start` ranges and defaults, here once: the command data declares them to the platforms, `settingsFrom` clamps to them. */
export const QUIZ_START_LIMITS = {
  /** Questions in a quiz: more tires a channel (and no more than `MAX_DRAW` are drawn). */
  questions: { min: 1, max: Math.min(50, MAX_DRAW), default: 10 },
  /** Seconds per question: fewer leaves no time to type; more stalls the channel. */
  seconds: { min: 5, max: 300, default: 30 },
} as const;

/** The quiz as the bot dispatches to it (the bot's `QuizController` port has this shape). */
export interface Quiz {
  /** `/quiz <sub> …` */
  command(sub: string, options: QuizOptions, place: Place, user: Actor, io: QuizChannels): Promise<void>;
  /** A channel message that was not addressed to the bot; true when a running quiz took it as an answer. */
  message(text: string, place: Place, user: Actor, io: QuizChannels): Promise<boolean>;
  /** A multiple-choice button press; `value` is what the choice button carried. */
  choose(value: string, place: Place, user: Actor, io: QuizChannels): Promise<void>;
  /** Files and tags a quiz can be limited to (autocomplete). */
  topics(): string[];
  /** Ends every session, saving scores of the questions played. */
  shutdown(): Promise<void>;
}

/** Creates the quiz controller the bot dispatches `/quiz`, channel messages and choice buttons to. */
export function createQuizController(deps: QuizControllerDeps): Quiz {
  const rules: ScoringRules = { ...defaultScoringRules, ...deps.rules };
  const source = new QuestionSource(deps.knowledge, deps.logger);
  /** Running sessions by channel, with a wait for their posts in flight. */
  const sessions = new Map<string, { session: QuizSession; drain: () => Promise<void> }>();
  const keyOf = (place: Place) => `${place.platform}:${place.workspace}:${place.channel}`;
  const workspaceOf = (place: Place) => `${place.platform}:${place.workspace}`;

  function start(options: QuizOptions, place: Place, user: Actor, io: QuizChannels): QuizReply {
    const key = keyOf(place);
    if (sessions.has(key)) return notice('quiz.already-running', 'A quiz is already running in this channel; join it with `/quiz join`.');
    const bank = source.bank();
    const settings = settingsFrom(options);
    if (settings.topic && bank.filter(settings.topic).length === 0) {
      return notice('quiz.unknown-topic', `No questions about "${settings.topic}". Topics: ${bank.topics().join(', ') || 'none'}.`);
    }
    // Multiple choice asks only questions with three good wrong choices; free text asks them all.
    const questions = bank.draw({
      seed: settings.seed,
      count: settings.count,
      topic: settings.topic,
      choicesOnly: settings.mode === 'mc',
    });
    if (questions.length === 0) {
      return notice(
        'quiz.no-questions',
        settings.mode === 'mc' && bank.questions.length > 0
          ? 'The knowledge has no multiple-choice questions; try `mode: text`.'
          : 'There are no quiz questions in the knowledge yet.',
      );
    }
    const notes = questions.length < settings.count ? [shortfall(settings.count, questions.length, settings.mode)] : [];
    settings.count = questions.length;
    let posting = Promise.resolve();
    const post = (event: QuizEvent) => {
      posting = posting
        .then(() => io.post({ type: 'quiz', visibility: 'public', event }))
        .catch((err: unknown) => deps.logger.error({ err }, 'quiz post failed'));
    };
    const session: QuizSession = new QuizSession({
      id: randomUUID().slice(0, SESSION_ID_LENGTH),
      workspace: workspaceOf(place),
      starter: user,
      settings,
      questions,
      rules,
      clock: deps.clock,
      store: deps.store,
      post,
      pauseMs: deps.pauseMs,
      notes,
      isStale: (q) => source.isStale(q),
      onEnd: () => {
        if (sessions.get(key)?.session === session) sessions.delete(key);
      },
      logger: deps.logger,
    });
    sessions.set(key, { session, drain: () => posting });
    deps.logger.info({ session: session.id, channel: key, count: settings.count, mode: settings.mode }, 'quiz started');
    return session.begin();
  }

  function command(sub: string, options: QuizOptions, place: Place, user: Actor, io: QuizChannels): QuizReply {
    if (sub === 'start') return start(options, place, user, io);
    if (sub === 'help') return notice('quiz.help', HELP);
    if (sub === 'leaderboard') {
      const workspace = workspaceOf(place);
      return {
        type: 'quiz',
        visibility: 'public',
        event: { type: 'leaderboard', workspace, entries: deps.store.leaderboard(workspace) },
      } as const;
    }
    if (!SESSION_COMMANDS.has(sub)) return notice('quiz.unknown-command', `Unknown quiz command "${sub}".\n${HELP}`);
    const session = sessions.get(keyOf(place))?.session;
    if (!session) return notice('quiz.no-session', 'No quiz is running in this channel; start one with `/quiz start`.');
    switch (sub) {
      case 'join':
        return session.join(user, options.team ?? null);
      case 'answer': {
        const text = (options.text ?? '').trim();
        if (text === '') return notice('quiz.usage', 'Usage: `/quiz answer <your answer>`.');
        return session.answer(user, text);
      }
      case 'hint':
        return session.hint();
      case 'skip':
        return session.skip(user);
      case 'stop':
        return session.stop(user);
      default:
        return session.scores();
    }
  }

  return {
    async command(sub, options, place, user, io) {
      await io.reply(command(sub, options, place, user, io));
    },

    async message(text, place, user, io) {
      const session = sessions.get(keyOf(place))?.session;
      if (!session || text.length > MAX_ANSWER_LENGTH || text.trim().startsWith('/')) return false;
      const reply = session.answer(user, text, false);
      if (!reply) return false;
      await io.reply(reply);
      return true;
    },

    async choose(value, place, user, io) {
      const session = sessions.get(keyOf(place))?.session;
      const at = value.lastIndexOf(':');
      if (!session) return io.reply(notice('quiz.no-session', 'This quiz has ended.'));
      await io.reply(session.choose(user, value.slice(0, Math.max(0, at)), Number(value.slice(at + 1))));
    },

    topics: () => source.bank().topics(),

    async shutdown() {
      const running = [...sessions.values()];
      for (const { session } of running) session.shutdown();
      await Promise.all(running.map(({ drain }) => drain()));
    },
  };
}

/** Says plainly that the knowledge gives fewer questions than asked. */
export function shortfall(asked: number, available: number, mode: QuizSettings['mode']): string {
  return `You asked for ${asked} questions; the knowledge gives ${available}${mode === 'mc' ? ' with multiple choices (free text may give more)' : ''}, so this quiz has ${available}.`;
}

/** Settings from the `/quiz start` options, clamped to `QUIZ_START_LIMITS`, with defaults. */
export function settingsFrom(options: QuizOptions): QuizSettings & { seed: string } {
  const int = (value: number | undefined, limits: { min: number; max: number; default: number }) =>
    value !== undefined && Number.isFinite(value) ? Math.min(limits.max, Math.max(limits.min, Math.round(value))) : limits.default;
  const teams: string[] = [];
  for (const name of (options.teams ?? '').split(',')) {
    const team = name.trim().slice(0, MAX_TEAM_NAME);
    if (team && !teams.some((t) => t.toLowerCase() === team.toLowerCase()) && teams.length < MAX_TEAMS) teams.push(team);
  }
  const topic = options.topic?.trim() || null;
  const seed = options.seed?.trim() || randomUUID().slice(0, SEED_LENGTH);
  return {
    count: int(options.questions, QUIZ_START_LIMITS.questions),
    seconds: int(options.seconds, QUIZ_START_LIMITS.seconds),
    mode: options.mode === 'text' ? 'text' : 'mc',
    teams,
    hints: options.hints !== false,
    topic,
    seed,
  };
}
