/**
 * The `citebot` command line: `ask`, `chat`, `index`, `quiz`, `gaps`, `report`, `discord register`, `start`.
 * Answers go to standard output; logs to standard error.
 */
import { createInterface } from 'node:readline';
import { Command, Option } from 'commander';
import dotenv from 'dotenv';
import { ConfigError, frontEnds, loadConfig, type Config } from '../../core/config.js';
import { createCitebot, type Citebot, type CitebotOptions } from '../../core/app.js';
import { KnowledgeError } from '../../core/knowledge/index.js';
import { createLogger } from '../../core/logger.js';
import { StoreError } from '../../core/storage/index.js';
import type { BotReply, BotRequest } from '../../core/bot/index.js';
import { chat, chatKnowledge, chatLogFile, TERMINAL_PLACE, TERMINAL_USER } from './chat.js';
import { terminalProgress } from './progress.js';
import { addQuizCommand } from './quiz.js';
import { addGapsCommands } from './gaps.js';
import { ansi, escapeControls, plain, renderAnswer, terminalSafe } from './render.js';
import { startFrontEnds } from './start.js';
import { FrontEndStartError } from '../start-error.js';

interface GlobalOptions {
  knowledge?: string;
  data?: string;
}

/** Configuration from the environment and `.env`, with command-line overrides. */
function config(program: Command): Config {
  dotenv.config({ quiet: true });
  const opts = program.opts<GlobalOptions>();
  return loadConfig({
    ...process.env,
    ...(opts.knowledge ? { KNOWLEDGE_DIR: opts.knowledge } : {}),
    ...(opts.data ? { DATA_DIR: opts.data } : {}),
  });
}

/**
 * Loads the core. Logs go to standard error at LOG_LEVEL when it is set; otherwise at `info` for
 * a server (chat front ends) and at `warn` for terminal commands, so they do not clutter the terminal.
 */
async function load(
  program: Command,
  watch = false,
  server = false,
  options: Partial<CitebotOptions> = {},
  logFile?: string,
): Promise<{ core: Citebot; config: Config }> {
  const cfg = config(program);
  const logger = createLogger(process.env.LOG_LEVEL || server ? cfg.LOG_LEVEL : 'warn', logFile);
  const onProgress = process.stderr.isTTY ? terminalProgress(process.stderr) : null;
  const core = await createCitebot({
    knowledgeDir: cfg.KNOWLEDGE_DIR,
    dataDir: cfg.DATA_DIR,
    watch,
    logger,
    ...options,
    knowledge: { onProgress, ...options.knowledge },
  });
  return { core, config: cfg };
}

const style = () => (process.stdout.isTTY ? ansi : plain);

export function buildProgram(): Command {
  const program = new Command('citebot')
    .description('Answers questions about a folder of knowledge files with cited snippets; runs team quizzes.')
    .option('--knowledge <dir>', 'knowledge folder (default $KNOWLEDGE_DIR or ./knowledge)')
    .option('--data <dir>', 'data folder for scores and logs (default $DATA_DIR or ./data)')
    .showHelpAfterError();

  program
    .command('ask')
    .description('answer a question; with no question, answer one question a line from standard input as JSON lines')
    .argument('[question...]', 'the question')
    .option('--json', 'print the reply value as JSON')
    .option('--explain', 'show why: matched and corrected terms, scores of the top candidates')
    .action(async (words: string[], opts: { json?: boolean; explain?: boolean }) => {
      const question = words.join(' ');
      if (words.length > 0 && question.trim() === '') {
        process.stderr.write('Usage: citebot ask "your question" — for example: citebot ask "Who did Hegseth meet in Tokyo?"\n');
        process.exitCode = 2;
        return;
      }
      const { core } = await load(program);
      try {
        if (words.length > 0) {
          // One question goes through the bot as in every front end: its checks, its log, its reply.
          const request: BotRequest = {
            kind: 'command',
            command: 'ask',
            options: { question },
            explain: opts.explain === true,
            place: TERMINAL_PLACE,
            user: TERMINAL_USER,
          };
          const print = async (r: BotReply) => {
            if (r.type === 'answer')
              process.stdout.write(opts.json ? `${JSON.stringify(r.reply)}\n` : `${renderAnswer(r.reply, style())}\n`);
            else if (r.type === 'notice') {
              process.stderr.write(`${terminalSafe(r.text)}\n`);
              process.exitCode = 2;
            }
          };
          await core.bot.handle(request, { reply: print, post: print });
          return;
        }
        // Batch mode: one start-up, one JSON line per question (an empty or overlong one too, as an
        // abstention); each line is its own conversation, so no question is read as a follow-up.
        let n = 0;
        for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
          const reply = core.bot.answer(line, { ...TERMINAL_PLACE, thread: `line-${++n}` }, TERMINAL_USER, opts.explain === true);
          process.stdout.write(`${JSON.stringify(reply)}\n`);
        }
      } finally {
        await core.close();
      }
    });

  program
    .command('chat')
    .description('an interactive prompt on the knowledge')
    .action(async () => {
      const file = chatLogFile(config(program).DATA_DIR);
      const { core } = await load(program, true, false, {}, file);
      try {
        await chat(core.bot, chatKnowledge(core, file), process.stdin, process.stdout, style(), core.logger);
      } finally {
        await core.close();
      }
    });

  program
    .command('index')
    .description('what is loaded: files, passages, skipped files and why (the analysis is saved in DATA_DIR/index)')
    .option('--json', 'print as JSON')
    .option('--rebuild', 'discard the saved analysis and analyse every file again')
    .action(async (opts: { json?: boolean; rebuild?: boolean }) => {
      const { core } = await load(program, false, false, { knowledge: { rebuild: opts.rebuild === true } });
      const files = core.knowledge
        .files()
        .map((f) => ({ file: f.file, title: f.title, passages: f.passages.length, url: f.url, tags: f.tags }));
      const summary = {
        dir: core.knowledge.dir,
        files,
        passages: core.engine.index.size,
        skipped: core.knowledge.skipped(),
        synonyms: core.knowledge.synonyms().length,
        acronyms: core.knowledge.acronyms(),
        load: core.knowledge.lastLoad,
      };
      await core.close();
      if (opts.json) return void process.stdout.write(`${JSON.stringify(summary)}\n`);
      // One line per file: a newline or an escape sequence in a name or title is shown escaped.
      const e = escapeControls;
      const { fromSnapshot, analysed, ms } = summary.load;
      const out = [
        `Knowledge in ${e(summary.dir)}: ${files.length} file(s), ${summary.passages} passages (${analysed} analysed, ${fromSnapshot} from the saved analysis, in ${(ms / 1000).toFixed(1)} s).`,
      ];
      for (const f of files)
        out.push(`  ${e(f.file)} — ${e(f.title)} (${f.passages} passages${f.tags.length ? `; tags ${e(f.tags.join(', '))}` : ''})`);
      for (const s of summary.skipped) out.push(`  skipped ${e(s.file)}: ${e(s.reason)}`);
      // An acronym several files define the same way (`LTS = Long Term Support` in 20 release notes) is listed once.
      const acronyms = [
        ...new Map(summary.acronyms.map((a) => [`${a.short} = ${a.long}`.toLowerCase(), `${a.short} = ${a.long}`])).values(),
      ];
      if (acronyms.length) out.push(`Acronyms: ${e(acronyms.join('; '))}`);
      if (summary.synonyms) out.push(`Synonym groups: ${summary.synonyms}`);
      process.stdout.write(`${out.join('\n')}\n`);
    });

  addQuizCommand(program, () => load(program, false, false, { quizPauseMs: 0 }));
  addGapsCommands(program, () => load(program), style);

  const discord = program.command('discord').description('Discord set-up');
  discord
    .command('register')
    .description('register the slash commands (global, or one server with --guild) and print the invite link')
    .option('--guild <id>', 'register in one server only (instant; for testing)')
    .action(async (opts: { guild?: string }) => {
      const cfg = config(program);
      if (!cfg.DISCORD_TOKEN || !cfg.DISCORD_APP_ID)
        throw new ConfigError(['DISCORD_TOKEN and DISCORD_APP_ID must be set to register commands']);
      const { registerDiscordCommands } = await import('../discord/index.js');
      const { count, inviteUrl } = await registerDiscordCommands({
        token: cfg.DISCORD_TOKEN,
        appId: cfg.DISCORD_APP_ID,
        apiUrl: cfg.DISCORD_API_URL,
        guildId: opts.guild,
      });
      process.stdout.write(
        `Registered ${count} commands ${opts.guild ? `in server ${opts.guild}` : 'globally (may take up to an hour to appear)'}.\nInvite the bot: ${inviteUrl}\n`,
      );
    });

  program
    .command('start', { isDefault: true })
    .description('run the configured chat front ends (Discord, Slack); with none configured, the terminal chat')
    .addOption(new Option('--no-watch', 'do not re-index the knowledge when files change'))
    .action(async (opts: { watch: boolean }) => {
      const cfg = config(program);
      const enabled = frontEnds(cfg);
      const server = enabled.discord || enabled.slack;
      await startFrontEnds(cfg, opts.watch, () => load(program, opts.watch, server, {}, server ? undefined : chatLogFile(cfg.DATA_DIR)));
    });

  return program;
}

/** Runs the command line; user-facing errors are printed plainly, bugs with their stack. */
export async function main(argv = process.argv): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (err) {
    if (err instanceof ConfigError || err instanceof KnowledgeError || err instanceof StoreError || err instanceof FrontEndStartError) {
      process.stderr.write(`citebot: ${err.message}\n`);
    } else {
      process.stderr.write(`citebot: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    }
    process.exitCode = 1;
  }
}
