/**
 * One quiz session in one channel, as a state machine on an injectable clock: players and teams,
 * the question in play with its timer and hints, answers (typed or by choice), skip votes, stop,
 * and scores. Every method changes the state synchronously before anything is sent, so answers
 * arriving together still give one winner. Each award is stored as it is made; the game when the
 * session ends.
 */
import type { Clock, Timer } from '../clock.js';
import { silentLogger, type Logger } from '../logger.js';
import { checkAnswer } from './check.js';
import { choiceNamed, choicesFor, LETTERS } from './choices.js';
import type { PlayerScore, QuizEvent, QuizSettings, TeamScore } from './events.js';
import type { Actor, QuizNoticeCode, QuizReply, ScoreStore } from './ports.js';
import { letterHint } from './hints.js';
import type { Question } from './question-model.js';
import { awardFor, basePoints, rulesText, type ScoringRules } from './scoring.js';

/** Pause before the first question and between questions: time to read the result and get ready. */
const DEFAULT_PAUSE_MS = 5000;

export interface SessionOptions {
  id: string;
  /** Leaderboard scope: `${platform}:${workspace}`. */
  workspace: string;
  starter: Actor;
  settings: QuizSettings;
  /** The questions to ask, in order (`settings.seed` orders the choices). */
  questions: Question[];
  rules: ScoringRules;
  clock: Clock;
  store: ScoreStore;
  /** Sends a public event to the channel (questions, timed hints, reveals). */
  post: (event: QuizEvent) => void;
  /** Pause before the first question and between questions (default 5 s). */
  pauseMs?: number;
  /** Lines said before the rules (the knowledge gives fewer questions than asked). */
  notes?: string[];
  /** A question whose source changed since the draw is left out. */
  isStale?: (q: Question) => boolean;
  /** Called once when the session ends. */
  onEnd?: () => void;
  logger?: Logger;
}

interface OpenQuestion {
  q: Question;
  number: number;
  choices: string[] | null;
  askedAt: number;
  hints: number;
  /** Wrong choices taken away by hints. */
  removed: number[];
  /** Players who answered this multiple-choice question. */
  chosen: Set<string>;
  /** Wrong typed answers per player (free text): at most `rules.guessesPerQuestion`. */
  guesses: Map<string, number>;
  /** Players who scored on this question, fastest first, with their points. */
  scorers: Winner[];
  skipVotes: Set<string>;
  timers: Timer[];
}

type Winner = { player: string; playerId: string; team: string | null; points: number };

const quiz = (event: QuizEvent, visibility: 'public' | 'private' = 'public'): QuizReply => ({ type: 'quiz', visibility, event });
/** An expected refusal: a private notice with a stable code. */
export const notice = (code: QuizNoticeCode, text: string): QuizReply => ({ type: 'notice', visibility: 'private', code, text });

export class QuizSession {
  readonly id: string;
  readonly starter: Actor;
  readonly settings: QuizSettings;
  private readonly players = new Map<string, PlayerScore>();
  private readonly pauseMs: number;
  private readonly logger: Logger;
  private next = 0;
  private asked = 0;
  private open: OpenQuestion | null = null;
  private pause: Timer | null = null;
  /** Questions won in a row, by player, up to the last question. */
  private streaks = new Map<string, number>();
  private ended = false;

  constructor(private readonly options: SessionOptions) {
    this.id = options.id;
    this.starter = options.starter;
    this.settings = options.settings;
    this.pauseMs = options.pauseMs ?? DEFAULT_PAUSE_MS;
    this.logger = options.logger ?? silentLogger;
  }

  /** The start event (with the rules); the first question follows after the pause. */
  begin(): QuizReply {
    this.schedulePause();
    return quiz({
      type: 'start',
      sessionId: this.id,
      starter: this.starter.name,
      settings: this.settings,
      rules: [...(this.options.notes ?? []), ...rulesText(this.options.rules, this.settings)],
    });
  }

  /** Joins a player to a team by name (any case), or to the smallest team. */
  join(user: Actor, team?: string | null): QuizReply {
    const known = this.players.get(user.id);
    if (known) return notice('quiz.already-joined', `You are already playing${known.team ? ` for team ${known.team}` : ''}.`);
    const teams = this.settings.teams;
    let chosen: string | null = null;
    if (teams.length > 0) {
      const wanted = team?.trim();
      if (wanted) {
        chosen = teams.find((t) => t.toLowerCase() === wanted.toLowerCase()) ?? null;
        if (!chosen) return notice('quiz.unknown-team', `There is no team "${wanted}". Teams: ${teams.join(', ')}.`);
      } else {
        const size = (t: string) => [...this.players.values()].filter((p) => p.team === t).length;
        chosen = teams.reduce((a, b) => (size(b) < size(a) ? b : a));
      }
    }
    this.players.set(user.id, { id: user.id, name: user.name, team: chosen, score: 0, correct: 0 });
    return quiz({ type: 'joined', player: user.name, playerId: user.id, team: chosen });
  }

  /**
   * A typed answer. In multiple choice it must name a choice (letter or text). Returns null when
   * `strict` is off and the text is not an answer here (channel chatter), else the reply.
   */
  answer(user: Actor, text: string): QuizReply;
  answer(user: Actor, text: string, strict: boolean): QuizReply | null;
  answer(user: Actor, text: string, strict = true): QuizReply | null {
    const open = this.open;
    if (!open) return strict ? notice('quiz.no-question', 'No question is open right now.') : null;
    let choice: number | null = null;
    if (open.choices) {
      choice = choiceNamed(open.choices, text);
      if (choice === null)
        return strict ? notice('quiz.not-a-choice', `Answer with a letter, ${LETTERS.slice(0, open.choices.length).join(', ')}.`) : null;
      if (open.chosen.has(user.id))
        return notice('quiz.already-answered', 'You have answered this question already: one answer per player.');
    } else if ((open.guesses.get(user.id) ?? 0) >= this.options.rules.guessesPerQuestion) {
      const limit = this.options.rules.guessesPerQuestion;
      return strict
        ? notice('quiz.out-of-guesses', `You have used your ${limit} guess${limit === 1 ? '' : 'es'} for this question.`)
        : null;
    }
    const correct = choice !== null ? choice === open.choices?.indexOf(open.q.answer) : checkAnswer(open.q, text).correct;
    if (choice === null && !correct) open.guesses.set(user.id, (open.guesses.get(user.id) ?? 0) + 1);
    if (!correct && choice === null && !strict && !this.players.has(user.id)) {
      // Channel chatter that is not the answer does not make someone a player (skip votes, team balance).
      return quiz({ type: 'answer', number: open.number, player: user.name, playerId: user.id, text, correct }, 'private');
    }
    const player = this.autoJoin(user);
    const reply = quiz({ type: 'answer', number: open.number, player: player.name, playerId: player.id, text, correct }, 'private');
    if (choice !== null) this.locked(open, player, correct);
    else if (correct) this.win(open, player);
    return reply;
  }

  /** A choice button press for `questionId`; one per player per question. */
  choose(user: Actor, questionId: string, choice: number): QuizReply {
    const open = this.open;
    if (!open || open.q.id !== questionId || !open.choices) return notice('quiz.expired', 'That question is closed.');
    if (!Number.isInteger(choice) || choice < 0 || choice >= open.choices.length)
      return notice('quiz.not-a-choice', 'That is not one of the choices.');
    const player = this.autoJoin(user);
    const event = { type: 'choice', number: open.number, player: player.name, playerId: player.id, choice } as const;
    if (open.chosen.has(user.id)) return quiz({ ...event, accepted: false }, 'private');
    const correct = open.choices[choice] === open.q.answer;
    this.locked(open, player, correct);
    return quiz({ ...event, accepted: true, correct }, 'private');
  }

  /** A hint on demand (the timed ones come by themselves). */
  hint(): QuizReply {
    if (!this.settings.hints) return notice('quiz.hints-off', 'Hints are off in this quiz.');
    if (!this.open) return notice('quiz.no-question', 'No question is open right now.');
    const event = this.nextHint();
    return event ? quiz(event) : notice('quiz.no-more-hints', 'No more hints for this question.');
  }

  /** Skips at once for the starter; otherwise counts a vote, skipping when most players agree. */
  skip(user: Actor): QuizReply {
    const open = this.open;
    if (!open) return notice('quiz.no-question', 'No question is open right now.');
    if (user.id !== this.starter.id) {
      if (!this.players.has(user.id)) return notice('quiz.not-playing', 'Only players can vote to skip; join first.');
      open.skipVotes.add(user.id);
      const needed = Math.floor(this.players.size / 2) + 1;
      if (open.skipVotes.size < needed) {
        return {
          type: 'notice',
          visibility: 'public',
          code: 'quiz.skip-vote',
          text: `${user.name} votes to skip (${open.skipVotes.size} of ${needed} needed).`,
        };
      }
    }
    return quiz(this.closeQuestion(open, 'skipped'));
  }

  /** Ends the session early (the starter or an admin), keeping the points so far. */
  stop(user: Actor): QuizReply {
    if (user.id !== this.starter.id && !user.isAdmin)
      return notice('quiz.not-allowed', 'Only the person who started the quiz or an admin can stop it.');
    return quiz(this.end('stopped'));
  }

  /** This session's team and player tables. */
  scores(): QuizReply {
    return quiz({ type: 'scores', ...this.tables() });
  }

  /** Ends the session at shutdown and posts its end. */
  shutdown(): void {
    if (!this.ended) this.options.post(this.end('stopped'));
  }

  /** Ends the session now, saving the game; the end event. Every way a session ends goes through here. */
  private end(reason: 'finished' | 'stopped'): QuizEvent {
    this.clearTimers();
    this.pause?.cancel();
    this.open = null;
    const tables = this.tables();
    if (!this.ended) {
      this.ended = true;
      this.save(tables);
      this.options.onEnd?.();
    }
    return { type: 'end', reason, ...tables };
  }

  private tables(): { teams: TeamScore[]; players: PlayerScore[] } {
    // Ties keep the order of joining (the sort is stable).
    const players = [...this.players.values()].sort((a, b) => b.score - a.score || b.correct - a.correct).map((p) => ({ ...p }));
    const teams = this.settings.teams
      .map((name) => {
        const members = players.filter((p) => p.team === name);
        const sum = members.reduce((total, p) => total + p.score, 0);
        // Multiple choice: a team scores its players' average, so covering every letter does not pay.
        const score = this.settings.mode === 'mc' && members.length > 0 ? Math.round(sum / members.length) : sum;
        return { name, score, players: members.map((p) => p.name) };
      })
      .sort((a, b) => b.score - a.score);
    return { teams, players };
  }

  private save(tables: { teams: TeamScore[]; players: PlayerScore[] }): void {
    const best = tables.teams.length > 0 ? (tables.teams[0]?.score ?? 0) : (tables.players[0]?.score ?? 0);
    const won = (p: PlayerScore) =>
      best > 0 && (tables.teams.length > 0 ? tables.teams.find((t) => t.name === p.team)?.score === best : p.score === best);
    this.write('game', () =>
      this.options.store.recordGame({
        workspace: this.options.workspace,
        sessionId: this.id,
        at: this.options.clock.now(),
        players: tables.players.map((p) => ({ playerId: p.id, name: p.name, score: p.score, won: won(p) })),
      }),
    );
  }

  /** A store failure is logged; the game goes on. Returns whether the write was saved. */
  private write(what: string, run: () => void): boolean {
    try {
      run();
      return true;
    } catch (err) {
      this.logger.error({ err, session: this.id }, `could not save the quiz ${what}`);
      return false;
    }
  }

  private autoJoin(user: Actor): PlayerScore {
    if (!this.players.has(user.id)) {
      const joined = this.join(user);
      if (joined.type === 'quiz') this.options.post(joined.event);
    }
    return this.players.get(user.id)!;
  }

  private schedulePause(): void {
    const go = () => {
      this.pause = null;
      this.ask();
    };
    if (this.pauseMs <= 0) queueMicrotask(() => !this.ended && go());
    else this.pause = this.options.clock.schedule(this.pauseMs, go);
  }

  private ask(): void {
    if (this.ended) return;
    const { questions } = this.options;
    while (this.next < questions.length && this.options.isStale?.(questions[this.next]!)) this.next++;
    const q = questions[this.next++];
    if (!q || this.asked >= this.settings.count) {
      this.options.post(this.end('finished'));
      return;
    }
    const number = ++this.asked;
    const choices = this.settings.mode === 'mc' ? choicesFor(q, this.settings.seed ?? this.id) : null;
    const ms = this.settings.seconds * 1000;
    const open: OpenQuestion = {
      q,
      number,
      choices,
      askedAt: this.options.clock.now(),
      hints: 0,
      removed: [],
      chosen: new Set(),
      guesses: new Map(),
      scorers: [],
      skipVotes: new Set(),
      timers: [],
    };
    this.open = open;
    const steps = this.options.rules.hintsPerQuestion;
    if (this.settings.hints) {
      for (let k = 1; k <= steps; k++) {
        open.timers.push(
          this.options.clock.schedule((ms * k) / (steps + 1), () => {
            const event = this.open === open && open.hints < k ? this.nextHint() : null;
            if (event) this.options.post(event);
          }),
        );
      }
    }
    open.timers.push(this.options.clock.schedule(ms, () => this.open === open && this.options.post(this.closeQuestion(open, 'timeout'))));
    const total = Math.min(this.settings.count, this.asked + questions.length - this.next);
    this.options.post({
      type: 'question',
      sessionId: this.id,
      questionId: q.id,
      number,
      total,
      prompt: q.prompt,
      choices,
      kind: q.kind,
      seconds: this.settings.seconds,
      points: basePoints(this.options.rules, 0),
    });
  }

  private nextHint(): QuizEvent | null {
    const open = this.open;
    if (!open || open.hints >= this.options.rules.hintsPerQuestion) return null;
    let hint: string;
    if (open.choices) {
      const wrong = open.choices.flatMap((c, i) => (c !== open.q.answer && !open.removed.includes(i) ? [i] : []));
      const gone = wrong[0];
      if (gone === undefined || wrong.length <= 1) return null;
      open.removed.push(gone);
      hint = `Not ${LETTERS[gone]} (${open.choices[gone]}).`;
    } else {
      hint = letterHint(open.q.answer, open.hints + 1, this.options.rules.hintsPerQuestion);
    }
    open.hints += 1;
    return { type: 'hint', number: open.number, hint, points: basePoints(this.options.rules, open.hints) };
  }

  /** Points for a correct answer now (hints, speed, streak), stored as they are made. */
  private award(open: OpenQuestion, player: PlayerScore): Winner {
    const count = (this.streaks.get(player.id) ?? 0) + 1;
    const now = this.options.clock.now();
    const { points: earned } = awardFor(this.options.rules, {
      hints: open.hints,
      elapsedMs: now - open.askedAt,
      totalMs: this.settings.seconds * 1000,
      streak: count,
    });
    const saved = this.write('award', () =>
      this.options.store.recordAward({
        workspace: this.options.workspace,
        sessionId: this.id,
        question: open.number,
        playerId: player.id,
        name: player.name,
        team: player.team,
        points: earned,
        at: now,
      }),
    );
    // Points the store lost (after its retries) are not shown as scored: the tables would not keep them.
    const points = saved ? earned : 0;
    player.score += points;
    player.correct += 1;
    const winner = { player: player.name, playerId: player.id, team: player.team, points };
    open.scorers.push(winner);
    return winner;
  }

  /** The first correct typed answer takes the question: points, streak, the question revealed. */
  private win(open: OpenQuestion, player: PlayerScore): void {
    this.award(open, player);
    this.options.post(this.closeQuestion(open, 'answered'));
  }

  /**
   * A multiple-choice answer, locked: a right one scores; the question closes once every player
   * has answered (or when time is up), so each player's own answer counts, not the team's fastest.
   */
  private locked(open: OpenQuestion, player: PlayerScore, correct: boolean): void {
    open.chosen.add(player.id);
    if (correct) this.award(open, player);
    if ([...this.players.keys()].every((id) => open.chosen.has(id))) this.options.post(this.closeQuestion(open, 'answered'));
  }

  /** Closes the question in play; the reveal, with the fastest scorer as the winner. The next question follows after the pause. */
  private closeQuestion(open: OpenQuestion, reason: 'answered' | 'timeout' | 'skipped'): QuizEvent {
    this.clearTimers();
    this.open = null;
    this.streaks = new Map(open.scorers.map((w) => [w.playerId, (this.streaks.get(w.playerId) ?? 0) + 1]));
    this.schedulePause();
    const winner = open.scorers[0] ?? null;
    return {
      type: 'reveal',
      number: open.number,
      answer: open.q.answer,
      reason,
      winner,
      ...(open.choices ? { scorers: open.scorers } : {}),
      citation: open.q.citation,
      source: open.q.source,
    };
  }

  private clearTimers(): void {
    for (const t of this.open?.timers ?? []) t.cancel();
  }
}
