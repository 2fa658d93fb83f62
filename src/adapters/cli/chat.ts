/**
 * `citebot chat`: an interactive prompt over the same bot the chat platforms use. A line is a
 * question (a follow-up goes on from the one before); `/help` lists the commands, which are the
 * core's (`/quiz …`, `/scores`, `/leaderboard`), as in Slack and Discord. Replies that arrive
 * while you type (quiz timers) are printed above the prompt, never in the middle of it.
 */
import path from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import type { Citebot } from '../../core/app.js';
import type { Bot } from '../../core/bot/index.js';
import { withBoundary } from '../../core/bot/index.js';
import { silentLogger, type Logger } from '../../core/logger.js';
import { COMMANDS, findCommand, parseCommandText } from '../../core/bot/index.js';
import type { BotReply, BotRequest, Place, ReplyChannels } from '../../core/bot/index.js';
import { replyText } from './quiz.js';
import { renderAnswer, terminalSafe, type Style } from './render.js';

/** Where the terminal's questions are asked, and by whom: the one local user. */
export const TERMINAL_PLACE: Place = { platform: 'cli', workspace: 'local', channel: 'terminal' };
export const TERMINAL_USER = { id: 'local', name: 'you', isAdmin: true };
/** Quiz commands that also work without `/quiz` in front, as in the platforms' help. */
const SHORTCUTS = new Set(['scores', 'leaderboard', 'hint', 'skip', 'stop', 'join', 'answer']);
/** How to play, in the chat: while a quiz runs, a line is an answer. */
const HOW = 'While the quiz runs, type your answer (for multiple choice, the letter); /hint, /skip, /stop, /scores.';

/** What the banner says about the loaded knowledge. */
export interface ChatKnowledge {
  dir: string;
  files: number;
  passages: number;
  skipped: { file: string; reason: string }[];
  /** Where the logs go, when to a file. */
  logFile?: string;
}

export function renderReply(reply: BotReply, style: Style): string {
  switch (reply.type) {
    case 'answer':
    case 'sources':
      return renderAnswer(reply.reply, style);
    case 'notice':
      return terminalSafe(reply.text);
    case 'quiz':
      return replyText(reply, HOW);
  }
}

/** The banner: what is loaded, and how to get help. */
export function banner(k: ChatKnowledge): string {
  const skipped = k.skipped.length ? `; skipped ${k.skipped.length}: ${k.skipped.map((s) => `${s.file} (${s.reason})`).join(', ')}` : '';
  return [
    `citebot — ${k.files} file(s), ${k.passages} passages from ${k.dir}${skipped}.`,
    `Ask a question about them; /help lists the commands, /quit leaves.${k.logFile ? ` Logs go to ${k.logFile}.` : ''}`,
  ].join('\n');
}

/** The terminal chat logs to `DATA_DIR/citebot.log`: on standard error, lines would land in the middle of the prompt. */
export const chatLogFile = (dataDir: string): string => path.join(dataDir, 'citebot.log');

/** The banner's facts from a loaded core. */
export function chatKnowledge(core: Pick<Citebot, 'knowledge' | 'engine'>, logFile?: string): ChatKnowledge {
  return {
    dir: core.knowledge.dir,
    files: core.knowledge.files().length,
    passages: core.engine.index.size,
    skipped: core.knowledge.skipped(),
    ...(logFile ? { logFile } : {}),
  };
}

/** `/help`: the commands, from the core's command data. */
export function helpText(): string {
  const lines = ['Type a question to ask it (a follow-up like "and when was that?" goes on from the one before). Commands:'];
  for (const c of COMMANDS) {
    if (c.subcommands.length === 0) {
      lines.push(`  /${c.name} ${c.options.map((o) => (o.required ? `<${o.name}>` : `[${o.name}]`)).join(' ')} — ${c.description}`);
      continue;
    }
    for (const s of c.subcommands) lines.push(`  /${c.name} ${s.name}${s.options.map((o) => ` [${o.name}]`).join('')} — ${s.description}`);
  }
  lines.push('  /scores, /leaderboard, /hint, /skip, /stop, /answer <text> — the same without /quiz');
  lines.push('  /explain <question> — the answer with why: the key words (and which came from the conversation), scores');
  lines.push('  /help — this list;  /quit — leave');
  return lines.join('\n');
}

/** The request a line makes, or a text to print (help, a usage error). While a quiz runs, a line that is no command is an answer. */
export function requestFor(line: string, quizRunning = false): BotRequest | { print: string } {
  const text = line.trim();
  if (text === '') return { print: helpText() };
  const base = { place: TERMINAL_PLACE, user: TERMINAL_USER };
  const command = /^\/(\w+)\s*(.*)$/s.exec(text);
  if (!command)
    return quizRunning
      ? { kind: 'command', command: 'quiz', sub: 'answer', options: { text }, ...base }
      : { kind: 'message', text, addressed: true, ...base };
  const [, name, rest] = command as unknown as [string, string, string];
  const lower = name.toLowerCase();
  if (lower === 'help') return { print: helpText() };
  if (lower === 'ask' || lower === 'explain')
    return { kind: 'command', command: 'ask', options: { question: rest }, explain: lower === 'explain', ...base };
  const quizText = lower === 'quiz' ? rest : SHORTCUTS.has(lower) ? `${lower} ${rest}` : null;
  if (quizText === null) return { print: `Unknown command /${name}. /help lists the commands.` };
  const parsed = parseCommandText(findCommand('quiz')!, quizText);
  if (!parsed.ok) return { print: `${parsed.message} /help lists the commands.` };
  return { kind: 'command', command: 'quiz', sub: parsed.sub, options: parsed.options, ...base };
}

/** Writes above the prompt: on a terminal, the line being typed is redrawn after it. */
function printer(rl: Interface, output: NodeJS.WritableStream, tty: boolean, busy: () => boolean): (text: string) => void {
  return (text) => {
    if (!tty) return void output.write(`${text}\n\n`);
    output.write('\r\x1b[2K');
    output.write(`${text}\n\n`);
    // A reply to the line just entered is followed by the prompt anyway; one that arrives later redraws it.
    if (!busy()) rl.prompt(true);
  };
}

/** Reads questions and commands until end of input or `/quit`; a request that fails is logged to `logger` and answered politely. */
export async function chat(
  bot: Bot,
  knowledge: ChatKnowledge,
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
  style: Style,
  logger: Logger = silentLogger,
): Promise<void> {
  const tty = (output as NodeJS.WriteStream).isTTY === true;
  const rl = createInterface({ input, output, terminal: tty });
  let busy = false;
  const print = printer(rl, output, tty, () => busy);
  let quizRunning = false;
  const write = async (r: BotReply) => {
    if (r.type === 'quiz' && (r.event.type === 'start' || r.event.type === 'end')) quizRunning = r.event.type === 'start';
    print(renderReply(r, style));
  };
  const io: ReplyChannels = { reply: write, post: write };
  output.write(`${banner(knowledge)}\n`);
  rl.setPrompt('> ');
  rl.prompt();
  for await (const line of rl) {
    const text = line.trim();
    if (text === '/quit' || text === '/exit') break;
    busy = true;
    const request = requestFor(text, quizRunning);
    if ('print' in request) print(request.print);
    // One failed request is logged and answered politely (the core's boundary), and the chat goes on.
    else await withBoundary(() => bot.handle(request, io), io, logger, { request: request.kind });
    busy = false;
    rl.prompt();
  }
  rl.close();
}
