/**
 * The bot's commands, described once as data. Each adapter maps them to its platform:
 * a Discord `SlashCommandBuilder`, a Slack `app.command`, CLI arguments.
 */
import { QUIZ_START_LIMITS } from '../quiz/index.js';
import type { CommandOptions, OptionValue } from './types.js';

export interface OptionSpec {
  readonly name: string;
  readonly description: string;
  readonly type: 'string' | 'integer' | 'boolean';
  readonly required?: boolean;
  readonly choices?: readonly { readonly name: string; readonly value: string }[];
  readonly min?: number;
  readonly max?: number;
  /** Values come from the knowledge (files and tags) and should autocomplete. */
  readonly autocomplete?: 'topics';
  /** Slack/CLI text: this option takes the rest of the words. */
  readonly rest?: boolean;
}

export interface SubcommandSpec {
  readonly name: string;
  readonly description: string;
  readonly options: readonly OptionSpec[];
}

export interface CommandSpec {
  readonly name: string;
  readonly description: string;
  readonly options: readonly OptionSpec[];
  readonly subcommands: readonly SubcommandSpec[];
  /** Only admins may use it (Discord: shown by default only to members with Manage Server). */
  readonly adminOnly?: boolean;
}

const { questions, seconds } = QUIZ_START_LIMITS;

/** The command data, typed to the letter (option names, types and choices give the handlers' option types). */
const SPECS = [
  {
    name: 'ask',
    description: 'Ask a question about the knowledge; get the passage that answers, with its source',
    options: [
      { name: 'question', description: 'Your question', type: 'string', required: true, rest: true },
      { name: 'private', description: 'Only you see the answer', type: 'boolean' },
    ],
    subcommands: [],
  },
  {
    name: 'quiz',
    description: 'Team quiz sessions built from the knowledge',
    options: [],
    subcommands: [
      {
        name: 'start',
        description: 'Start a quiz in this channel',
        options: [
          {
            name: 'questions',
            description: `Number of questions (default ${questions.default})`,
            type: 'integer',
            min: questions.min,
            max: questions.max,
          },
          {
            name: 'seconds',
            description: `Seconds per question (default ${seconds.default})`,
            type: 'integer',
            min: seconds.min,
            max: seconds.max,
          },
          {
            name: 'mode',
            description: 'Multiple choice or free text (default multiple choice)',
            type: 'string',
            choices: [
              { name: 'multiple choice', value: 'mc' },
              { name: 'free text', value: 'text' },
            ],
          },
          { name: 'teams', description: 'Team names, comma-separated (e.g. Red,Blue); empty for individual play', type: 'string' },
          { name: 'topic', description: 'Only questions from this file or tag', type: 'string', autocomplete: 'topics' },
          { name: 'hints', description: 'Reveal letters as time runs (default on)', type: 'boolean' },
        ],
      },
      {
        name: 'join',
        description: 'Join the quiz, optionally a team',
        options: [{ name: 'team', description: 'Team name', type: 'string' }],
      },
      {
        name: 'answer',
        description: 'Answer the current question',
        options: [{ name: 'text', description: 'Your answer', type: 'string', required: true, rest: true }],
      },
      { name: 'hint', description: 'Reveal a hint (lowers the points)', options: [] },
      { name: 'skip', description: 'Skip the question (the starter, or a vote)', options: [] },
      { name: 'stop', description: 'Stop the quiz (the starter or an admin); scores so far are kept', options: [] },
      { name: 'scores', description: 'Scores of this session', options: [] },
      { name: 'leaderboard', description: 'All-time scores in this server or workspace', options: [] },
      { name: 'help', description: 'How to play', options: [] },
    ],
  },
  {
    name: 'citebot',
    description: 'What the knowledge misses (admins)',
    options: [],
    subcommands: [{ name: 'gaps', description: 'Top unanswered questions and 👎 passages on this platform; only you see it', options: [] }],
    adminOnly: true,
  },
] as const satisfies readonly CommandSpec[];

export const COMMANDS: readonly CommandSpec[] = SPECS;

/** `/ask` and `/quiz`, typed to the letter: the bot reads their options by them. */
export const [ASK_SPEC, QUIZ_SPEC] = SPECS;

/** The value an option of this spec holds: a number, a boolean, one of its choices, or text. */
type ValueOf<O extends OptionSpec> = O extends { type: 'integer' }
  ? number
  : O extends { type: 'boolean' }
    ? boolean
    : O extends { choices: readonly { value: infer V }[] }
      ? V
      : string;

/** The options a list of specs declares, typed by name (each absent when not given). */
export type OptionsOf<Os extends readonly OptionSpec[]> = { [O in Os[number] as O['name']]?: ValueOf<O> };

type SpecNamed<N extends string> = Extract<(typeof SPECS)[number], { name: N }>;

/** `/ask`'s options, as the bot's handler receives them. */
export type AskOptions = OptionsOf<SpecNamed<'ask'>['options']>;

/** The options of any `/quiz` subcommand. */
export type QuizCommandOptions = OptionsOf<SpecNamed<'quiz'>['subcommands'][number]['options']>;

/**
 * Reads an adapter's raw options by their specs, once: only declared options of the declared type
 * are kept, integers clamped to their range, strings limited to their choices. What a handler gets.
 */
export function readOptions<Os extends readonly OptionSpec[]>(specs: Os, raw: CommandOptions): OptionsOf<Os> {
  const out: Partial<Record<string, OptionValue>> = {};
  for (const o of specs) {
    const value = Object.hasOwn(raw, o.name) ? raw[o.name] : undefined;
    const read = readValue(o, value);
    if (read !== undefined) out[o.name] = read;
  }
  return out as OptionsOf<Os>;
}

function readValue(o: OptionSpec, value: OptionValue | undefined): OptionValue | undefined {
  switch (o.type) {
    case 'integer':
      if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
      return Math.min(o.max ?? Infinity, Math.max(o.min ?? -Infinity, Math.round(value)));
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined;
    case 'string':
      if (typeof value !== 'string') return undefined;
      return !o.choices || o.choices.some((c) => c.value === value) ? value : undefined;
  }
}

/** Finds a command by name. */
export function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name);
}

export type ParsedText = { ok: true; sub?: string; options: Record<string, OptionValue | undefined> } | { ok: false; message: string };

/**
 * Parses the free text of a Slack slash command or a terminal line (`start 5 20 mc Red,Blue`)
 * into options, by the command's spec. Words are matched to options in order, by type:
 * `key:value` or `key=value` names an option explicitly; an option marked `rest` takes the remaining words.
 */
export function parseCommandText(spec: CommandSpec, text: string): ParsedText {
  let words = text.trim().split(/\s+/).filter(Boolean);
  let options: readonly OptionSpec[] = spec.options;
  let sub: string | undefined;
  if (spec.subcommands.length > 0) {
    const first = words[0]?.toLowerCase();
    const found = spec.subcommands.find((s) => s.name === first);
    if (!found) {
      return { ok: false, message: first ? `Unknown subcommand "${first}".` : 'Missing subcommand.' };
    }
    sub = found.name;
    options = found.options;
    words = words.slice(1);
  }
  const out: Record<string, OptionValue | undefined> = {};
  const pending = [...options];
  for (const [i, word] of words.entries()) {
    const [, key, given = ''] = /^([a-z]+)[:=](.*)$/i.exec(word) ?? [];
    const byName = key ? pending.find((o) => o.name === key.toLowerCase()) : undefined;
    if (byName) {
      const value = coerce(byName, given);
      if (value === undefined) return { ok: false, message: `"${given}" is not a valid ${byName.name}.` };
      out[byName.name] = value;
      pending.splice(pending.indexOf(byName), 1);
      continue;
    }
    const index = pending.findIndex((o) => o.rest || coerce(o, word) !== undefined);
    const option = pending[index];
    if (!option) return { ok: false, message: `Did not understand "${word}".` };
    if (option.rest) {
      out[option.name] = words.slice(i).join(' ');
      pending.splice(index, 1);
      break;
    }
    out[option.name] = coerce(option, word);
    pending.splice(index, 1);
  }
  const missing = pending.find((o) => o.required);
  if (missing) return { ok: false, message: `Missing ${missing.name}.` };
  return { ok: true, sub, options: out };
}

function coerce(option: OptionSpec, word: string): OptionValue | undefined {
  switch (option.type) {
    case 'integer': {
      if (!/^\d+$/.test(word)) return undefined;
      const n = Number(word);
      if ((option.min !== undefined && n < option.min) || (option.max !== undefined && n > option.max)) return undefined;
      return n;
    }
    case 'boolean':
      if (/^(true|yes|on)$/i.test(word)) return true;
      if (/^(false|no|off)$/i.test(word)) return false;
      return undefined;
    case 'string':
      if (option.choices) {
        const lower = word.toLowerCase();
        return option.choices.find((c) => c.value === lower || c.name === lower)?.value;
      }
      return word;
  }
}
