/**
 * `citebot quiz`: a quiz session in the terminal, players sharing one keyboard (`name: answer`,
 * `name@team: answer`, `/hint`, `/skip`, `/stop`, `/scores`); with `--json`, one event a line.
 * `citebot quiz export`: the questions a seed gives, for an organiser to review.
 */
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { Citebot } from '../../core/app.js';
import type { Actor, BotReply, Place, ReplyChannels } from '../../core/bot/index.js';
import type { QuizOptions } from '../../core/quiz/index.js';
import { errorFields } from '../../core/logger.js';
import { buildBank } from '../../core/quiz/index.js';
import { formatProblem } from '../../core/quiz/index.js';
import { LETTERS } from '../../core/quiz/index.js';
import type { PlayerScore, QuizEvent, TeamScore } from '../../core/quiz/index.js';
import { exportQuiz, type ExportedQuestion } from '../../core/quiz/index.js';
import { RULE_TEXT } from '../../core/quiz/index.js';
import { shortfall } from '../../core/quiz/index.js';
import { citationLine, terminalSafe } from './render.js';

interface QuizFlags {
  seed?: string;
  count?: number;
  seconds?: number;
  mode?: 'mc' | 'text';
  teams?: string;
  topic?: string;
  hints?: boolean;
  json?: boolean;
  check?: boolean;
  all?: boolean;
}

const PLACE: Place = { platform: 'cli', workspace: 'local', channel: 'terminal' };
/** Whoever runs the terminal started the quiz: `/skip` and `/stop` act at once. */
const HOST: Actor = { id: 'host', name: 'host', isAdmin: true };
const LINE = /^(\p{L}[\p{L}\p{N} _.'-]{0,39}?)\s*(?:@\s*([^:]{1,40}?))?\s*:\s*(.+)$/u;
const HOW =
  'Type `name: answer` (or `name@team: answer` to join a team); for multiple choice, the letter. Commands: /hint, /skip, /stop, /scores.';

const whole = (min: number, max: number) => (value: string) => {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) throw new InvalidArgumentError(`Expected a whole number from ${min} to ${max}.`);
  return n;
};
const seedOption = () => new Option('--seed <seed>', 'the same seed gives the same questions in the same order');
const topicOption = () => new Option('--topic <topic>', 'only questions from this knowledge file or tag');

/** Adds `quiz` and `quiz export` to the program; `load` opens the core as the other commands do. */
export function addQuizCommand(program: Command, load: () => Promise<{ core: Citebot }>): void {
  const quiz = program
    .command('quiz')
    .description('play a quiz in the terminal: players type `name: answer`; --json prints one event a line')
    .addOption(seedOption())
    .addOption(new Option('--count <n>', 'number of questions (default 10)').argParser(whole(1, 50)))
    .addOption(new Option('--seconds <t>', 'seconds per question (default 30)').argParser(whole(5, 300)))
    .addOption(new Option('--mode <mode>', 'multiple choice or free text (default mc)').choices(['mc', 'text']))
    .option('--teams <A,B>', 'team names, comma-separated')
    .addOption(topicOption())
    .option('--no-hints', 'no hints')
    .option('--json', 'print one JSON event a line')
    .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2))
    .action(async (flags: QuizFlags) => {
      const { core } = await load();
      try {
        await play(core, flags);
      } finally {
        await core.close();
      }
    });

  quiz
    .command('export')
    .description('print the questions a seed gives (the same seed, the same quiz), for review')
    .addOption(seedOption())
    .addOption(new Option('--count <n>', 'number of questions (default 10)').argParser(whole(1, 50)))
    .addOption(
      new Option('--mode <mode>', 'the quiz of this mode: multiple choice asks only questions with choices (default mc)').choices([
        'mc',
        'text',
      ]),
    )
    .addOption(topicOption())
    .option('--check', 'list the rules each question breaks (exit code 1 when one does)')
    .option('--all', "every question the knowledge gives, not a seed's draw")
    .option('--json', 'print as JSON')
    .action(async (_flags: QuizFlags, command: Command) => {
      // Options given after `export` may land on `quiz`, which has the same ones.
      const flags = command.optsWithGlobals<QuizFlags>();
      const { core } = await load();
      const bank = buildBank(core.knowledge);
      await core.close();
      for (const p of bank.problems) process.stderr.write(`citebot: skipped a quiz question: ${formatProblem(p)}\n`);
      if (flags.topic && bank.filter(flags.topic).length === 0)
        return usageError(`No questions about "${flags.topic}". Topics: ${bank.topics().join(', ')}.`);
      const count = flags.count ?? 10;
      const exported = exportQuiz(bank, {
        seed: flags.seed ?? randomUUID().slice(0, 8),
        count,
        topic: flags.topic,
        mode: flags.mode,
        check: flags.check,
        all: flags.all,
      });
      if (!flags.all && exported.questions.length < count)
        process.stderr.write(`citebot: ${shortfall(count, exported.questions.length, flags.mode ?? 'mc')}\n`);
      process.stdout.write(flags.json ? `${JSON.stringify(exported)}\n` : terminalSafe(exportText(exported)));
      if (exported.questions.some((q) => (q.problems ?? []).length > 0)) process.exitCode = 1;
    });
}

function usageError(message: string): void {
  process.stderr.write(`citebot: ${message}\n`);
  process.exitCode = 2;
}

/** Runs one session on standard input until it ends, `/stop`, or the end of input (which stops it, saving scores). */
async function play(core: Citebot, flags: QuizFlags): Promise<void> {
  const quiz = core.bot.options.quiz;
  if (!quiz) return usageError('Quizzes are not available.');
  let over = false;
  let finish = () => {};
  const ended = new Promise<void>((resolve) => (finish = resolve));
  const print = async (reply: BotReply) => {
    process.stdout.write(`${flags.json ? JSON.stringify(reply.type === 'quiz' ? reply.event : reply) : terminalSafe(replyText(reply))}\n`);
    if (reply.type === 'quiz' && reply.event.type === 'end') {
      over = true;
      finish();
    }
  };
  const io: ReplyChannels = { reply: print, post: print };
  const options: QuizOptions = {
    seed: flags.seed,
    questions: flags.count,
    seconds: flags.seconds,
    mode: flags.mode,
    teams: flags.teams,
    topic: flags.topic,
    hints: flags.hints,
  };
  const refused: string[] = [];
  await quiz.command('start', options, PLACE, HOST, {
    ...io,
    reply: async (r) => (r.type === 'notice' ? void refused.push(r.text) : print(r)),
  });
  if (refused.length > 0) return usageError(refused.join('\n'));

  const joined = new Set<string>();
  const handle = async (line: string) => {
    const text = line.trim();
    if (over || text === '') return;
    const command = /^\/(\w+)$/.exec(text)?.[1]?.toLowerCase();
    if (command) return quiz.command(command, {}, PLACE, HOST, io);
    const m = LINE.exec(text);
    if (!m) return print({ type: 'notice', visibility: 'private', code: 'quiz.usage', text: HOW });
    const user: Actor = { id: `player:${m[1]!.toLowerCase()}`, name: m[1]! };
    // Joining first (answering would too) keeps the joined line before the answer. A refused join
    // (no such team) holds the answer back, so a mistyped team does not place the player elsewhere.
    if (!joined.has(user.id)) {
      let refused = false;
      const watch: ReplyChannels = { ...io, reply: (r) => ((refused = r.type === 'notice'), io.reply(r)) };
      await quiz.command('join', { team: m[2] }, PLACE, user, watch);
      if (refused) return;
      joined.add(user.id);
    }
    await quiz.command('answer', { text: m[3] }, PLACE, user, io);
  };
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let queue = Promise.resolve();
  // Each line waits for the one before and for the posts it caused (the next question).
  // The chain logs its own failures and never rejects; the listener returns nothing.
  rl.on('line', (line) => {
    queue = queue
      .then(() => handle(line))
      .catch((err: unknown) => core.logger.error({ err: errorFields(err) }, 'quiz line failed'))
      .then(() => new Promise((resolve) => setImmediate(resolve)));
  });
  rl.on('close', () => void queue.finally(finish));
  // Ctrl+C stops the quiz as the end of input does, saving the scores.
  process.once('SIGINT', finish);
  await ended;
  process.off('SIGINT', finish);
  rl.close();
  await quiz.shutdown();
  process.stdin.unref?.();
}

/** One reply as terminal text; `how` tells players how to answer (the chat's way differs from this quiz's). */
export function replyText(reply: BotReply, how = HOW): string {
  if (reply.type === 'notice') return reply.text;
  if (reply.type !== 'quiz') return '';
  return eventText(reply.event, how);
}

function eventText(e: QuizEvent, how: string): string {
  switch (e.type) {
    case 'start': {
      const s = e.settings;
      const head = `Quiz: ${s.count} questions, ${s.seconds} s each, ${s.mode === 'mc' ? 'multiple choice' : 'free text'}${s.teams.length ? `, teams ${s.teams.join(', ')}` : ''} (seed ${s.seed}).`;
      return [head, ...e.rules.map((r) => `  • ${r}`), how].join('\n');
    }
    case 'joined':
      return `${e.player} joined ${e.team ? `team ${e.team}` : 'the quiz'}.`;
    case 'question':
      return [
        `\nQuestion ${e.number}/${e.total} (${e.choices ? '' : 'free text, '}${e.points} points, ${e.seconds} s): ${e.prompt}`,
        ...(e.choices ?? []).map((c, i) => `  ${LETTERS[i]}. ${c}`),
      ].join('\n');
    case 'hint':
      return `Hint: ${e.hint} (now ${e.points} points)`;
    case 'answer':
      return `${e.correct ? '✓' : '✗'} ${e.player}: ${e.text}`;
    case 'choice':
      return `${e.player}: ${LETTERS[e.choice] ?? e.choice}${e.accepted ? '' : ' (not taken: one answer per player)'}`;
    case 'reveal': {
      const also = (e.scorers ?? []).slice(1).map((w) => `${w.player} +${w.points}`);
      const who = e.winner
        ? `${e.winner.player}${e.winner.team ? ` (${e.winner.team})` : ''} +${e.winner.points}${also.length ? `; also right: ${also.join(', ')}` : ''}`
        : e.reason === 'skipped'
          ? 'skipped'
          : e.reason === 'answered'
            ? 'nobody picked it'
            : 'time is up';
      return `Answer: ${e.answer} — ${who}\n  Source: ${e.source}\n  ${citationLine(e.citation)}`;
    }
    case 'scores':
      return tables('Scores', e.teams, e.players);
    case 'end':
      return tables(e.reason === 'finished' ? '\nQuiz finished' : '\nQuiz stopped', e.teams, e.players);
    case 'leaderboard':
      return [
        'All-time scores:',
        ...e.entries.map((x, i) => `  ${i + 1}. ${x.name}: ${x.score} points, ${x.wins} wins, ${x.games} games`),
      ].join('\n');
  }
}

function tables(title: string, teams: TeamScore[], players: PlayerScore[]): string {
  const out = [`${title}.`];
  for (const t of teams) out.push(`  Team ${t.name}: ${t.score} (${t.players.join(', ') || 'no players'})`);
  players.forEach((p, i) => out.push(`  ${i + 1}. ${p.name}${p.team ? ` (${p.team})` : ''}: ${p.score} points, ${p.correct} correct`));
  if (players.length === 0) out.push('  Nobody played.');
  return out.join('\n');
}

function exportText(exported: { seed: string; questions: ExportedQuestion[] }): string {
  const n = exported.questions.length;
  const broken = exported.questions.filter((q) => (q.problems ?? []).length > 0).length;
  const checked = exported.questions.some((q) => q.problems) ? `; ${broken} break${broken === 1 ? 's' : ''} a rule` : '';
  const out = [`${n} question${n === 1 ? '' : 's'} (seed ${exported.seed}${checked}):`];
  exported.questions.forEach((q, i) => {
    out.push('', `${i + 1}. [${q.kind}] ${q.prompt}`);
    if (q.choices) out.push(`   ${q.choices.map((c, j) => `${LETTERS[j]}. ${c}`).join('   ')}`);
    out.push(`   Answer: ${q.answer}${q.accepted.length ? ` (also: ${q.accepted.join(', ')})` : ''}`);
    out.push(`   ${citationLine({ ...q.citation, section: null, url: null })}`);
    if (q.problems)
      out.push(...(q.problems.length === 0 ? ['   ✓ keeps every rule'] : q.problems.map((p) => `   ✗ ${p}: ${RULE_TEXT[p]}`)));
  });
  return `${out.join('\n')}\n`;
}
