/**
 * A scripted quiz for adapter tests: two questions (multiple choice, then free text), revealed by
 * the clock or by the first right typed answer. Questions and reveals go through `post` of the
 * request that started the quiz, as the real controller's timers do.
 */
import type { QuizController } from '../../src/core/bot/ports.js';
import type { Actor, Place, ReplyChannels } from '../../src/core/bot/types.js';
import type { Clock, Timer } from '../../src/core/clock.js';
import type { PlayerScore, QuizEvent } from '../../src/core/quiz/events.js';

const citation = {
  file: 'us-japan-defense-2025.md',
  title: 'US–Japan defense talks',
  section: null,
  paragraph: 3,
  lines: [10, 10] as [number, number],
  url: null,
};
const QUESTIONS = [
  {
    prompt: 'Who is Japan’s Defense Minister?',
    choices: ['Gen Nakatani', 'Taro Kono', 'Shinzo Abe'],
    answer: 0,
    source: 'Hegseth, after his talks with Defense Minister Gen Nakatani, said…',
  },
  {
    prompt: 'By which year will Japan double its defense spending?',
    choices: null,
    answer: '2027',
    source: 'Japan’s plans to double its defense and other security spending by 2027.',
  },
];

interface Session {
  io: ReplyChannels;
  index: number;
  seconds: number;
  timer: Timer | null;
  chosen: Map<string, number>;
  names: Map<string, string>;
  scores: Map<string, PlayerScore>;
}

export class ScriptedQuiz implements QuizController {
  /** Who sent each `/quiz` command, as the adapter described them. */
  readonly actors: Actor[] = [];
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly clock: Clock) {}

  async command(sub: string, options: Record<string, unknown>, place: Place, user: Actor, io: ReplyChannels): Promise<void> {
    this.actors.push(user);
    const key = `${place.workspace}:${place.channel}`;
    const session = this.sessions.get(key);
    if (sub === 'start') {
      const seconds = typeof options.seconds === 'number' ? options.seconds : 30;
      const started: Session = { io, index: 0, seconds, timer: null, chosen: new Map(), names: new Map(), scores: new Map() };
      this.sessions.set(key, started);
      const settings = { count: QUESTIONS.length, seconds, mode: 'mc' as const, teams: [], hints: false, topic: null, seed: null };
      await io.reply({
        type: 'quiz',
        visibility: 'public',
        event: { type: 'start', sessionId: key, starter: user.name, settings, rules: ['First right answer scores.'] },
      });
      return this.ask(key, started);
    }
    if (sub === 'join')
      return io.reply({ type: 'quiz', visibility: 'public', event: { type: 'joined', player: user.name, playerId: user.id, team: null } });
    if (sub === 'scores' && session)
      return io.reply({ type: 'quiz', visibility: 'public', event: { type: 'scores', teams: [], players: [...session.scores.values()] } });
    return io.reply({
      type: 'notice',
      visibility: 'private',
      code: 'quiz.help',
      text: 'Start with `/quiz start`; join with `/quiz join`.',
    });
  }

  async choose(value: string, place: Place, user: Actor, io: ReplyChannels): Promise<void> {
    const session = this.sessions.get(`${place.workspace}:${place.channel}`);
    const [questionId, choice] = value.split(':');
    const open = session && questionId === `q${session.index}` && !session.chosen.has(user.id);
    if (open) session.chosen.set(user.id, Number(choice));
    session?.names.set(user.id, user.name);
    const event: QuizEvent = {
      type: 'choice',
      number: (session?.index ?? 0) + 1,
      player: user.name,
      playerId: user.id,
      choice: Number(choice),
      accepted: !!open,
    };
    await io.reply({ type: 'quiz', visibility: 'private', event });
  }

  async message(text: string, place: Place, user: Actor, io: ReplyChannels): Promise<boolean> {
    const key = `${place.workspace}:${place.channel}`;
    const session = this.sessions.get(key);
    const question = session ? QUESTIONS[session.index] : undefined;
    if (!session || !question || question.choices) return false;
    session.names.set(user.id, user.name);
    const correct = text.trim() === question.answer;
    await io.reply({
      type: 'quiz',
      visibility: 'public',
      event: { type: 'answer', number: session.index + 1, player: user.name, playerId: user.id, text, correct },
    });
    if (correct) await this.reveal(key, session, user);
    return true;
  }

  topics(): string[] {
    return [];
  }

  async shutdown(): Promise<void> {
    for (const [key, session] of this.sessions) await this.end(key, session, 'stopped');
  }

  private async ask(key: string, session: Session): Promise<void> {
    const q = QUESTIONS[session.index]!;
    session.chosen.clear();
    session.timer = this.clock.schedule(session.seconds * 1000, () => void this.reveal(key, session, null));
    await session.io.post({
      type: 'quiz',
      visibility: 'public',
      event: {
        type: 'question',
        sessionId: key,
        questionId: `q${session.index}`,
        number: session.index + 1,
        total: QUESTIONS.length,
        prompt: q.prompt,
        choices: q.choices,
        kind: 'other',
        seconds: session.seconds,
        points: 10,
      },
    });
  }

  private async reveal(key: string, session: Session, typedWinner: Actor | null): Promise<void> {
    session.timer?.cancel();
    const q = QUESTIONS[session.index]!;
    const firstRight = [...session.chosen].find(([, choice]) => choice === q.answer)?.[0];
    const winnerId = typedWinner?.id ?? firstRight;
    const name = session.names.get(winnerId ?? '') ?? '';
    const score = winnerId ? (session.scores.get(winnerId) ?? { id: winnerId, name, team: null, score: 0, correct: 0 }) : null;
    if (score) session.scores.set(score.id, { ...score, score: score.score + 10, correct: score.correct + 1 });
    const answer = typeof q.answer === 'number' ? q.choices![q.answer]! : q.answer;
    const winner = score ? { player: score.name, playerId: score.id, team: null, points: 10 } : null;
    await session.io.post({
      type: 'quiz',
      visibility: 'public',
      event: {
        type: 'reveal',
        number: session.index + 1,
        answer,
        reason: winner ? 'answered' : 'timeout',
        winner,
        citation,
        source: q.source,
      },
    });
    session.index += 1;
    if (session.index < QUESTIONS.length) await this.ask(key, session);
    else await this.end(key, session, 'finished');
  }

  private async end(key: string, session: Session, reason: 'finished' | 'stopped'): Promise<void> {
    session.timer?.cancel();
    this.sessions.delete(key);
    await session.io.post({
      type: 'quiz',
      visibility: 'public',
      event: { type: 'end', reason, teams: [], players: [...session.scores.values()] },
    });
  }
}
