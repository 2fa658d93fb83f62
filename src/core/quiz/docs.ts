/**
 * Questions from what technical docs are made of, where the prose generator finds few clean
 * sentences: option lists and tables (`name — description`: `Which option enables …?`), their
 * defaults (`Which of these options is true by default?`, `What is the default maximum time a job may
 * run, in seconds?`), definitions (`ESLint is a tool for …` → `What is a tool for …?`) and how-to sentences
 * (`To configure a command, use .argument()` → `Which method do you use to configure a command?`).
 *
 * Identifiers: a prompt is always in words; a name (`--debug`, `.argument()`, `DEBUG_COLORS`) may
 * only be the ANSWER of a question whose wrong choices are names of the same list (its sibling
 * options, the same file's methods, other packages), so a player picks among names of one sort and
 * never reads or types half an identifier. These questions are of kind `term`.
 */
import type { Passage } from '../knowledge/index.js';
import { STOP_WORDS, taggedWords } from '../text/index.js';
import { pickWrongChoices, type Candidate } from './distractors.js';
import { fromPassage, KIND_QUALITY, type GeneratedQuestion } from './generate.js';
import { answerKey, answerWords, indexOfWords, normalizeAnswer } from './normalize.js';
import { parseNumbers } from './numbers.js';
import { createRandom, shortId } from './random.js';
import { askedRules, isReleaseNotes, opensOnVerb, opensUnresolved, PRODUCT_JS, spokenRankOf, type QuizRule } from './rules.js';

/** The fewest names a list needs: the answer and three wrong choices from the same list. */
const MIN_SIBLINGS = 4;
/** A description shorter than this says too little to pick one name by (`String.`, `Required.`). */
const MIN_DESCRIPTION_WORDS = 3;
/** A description longer than this is a paragraph, not a line of a list. */
const MAX_DESCRIPTION_WORDS = 30;
/** A name longer than this is a sentence, not an option. */
const MAX_NAME_LENGTH = 40;
/** A definition's predicate shorter than this fits anything (`Chalk is a clean alternative.`). */
const MIN_PREDICATE_WORDS = 6;
/** A subject among this many commonest spoken words is a word, not a name (`Default is …`, `Error is …`). */
const COMMON_RANK = 3000;
/** A first word among this many commonest spoken words (`The`, `While`, `This`) opens a phrase, not a name. */
const FUNCTION_WORD_RANK = 500;
/** A sibling whose description shares more than this part of the question's words (and its verb) is a right answer too. */
const SAME_DESCRIPTION_SHARE = 0.5;
/** A list whose names repeat more than this share is not one list of options (examples, several calls' parameters). */
const MAX_REPEATED_SHARE = 0.2;
/** A list item's default is looked for in this many sentences after its first (`Default is 10.` ends a short item). */
const ITEM_SENTENCES = 3;
/** Real questions from docs read better than most clozes: drawn this much more often than their kind alone. */
const DOCS_FORM_BONUS = 1;

/** What a list of names is, by the plural its lead-in or heading uses (`Options:`, `## Environment Variables`). */
const LIST_NOUNS: [RegExp, string][] = [
  [/\benvironment variables\b/i, 'environment variable'],
  [/\bcommand[- ]line (?:options|flags)\b/i, 'command-line option'],
  [/\bsubcommands\b/i, 'subcommand'],
  [/\bcommands\b/i, 'command'],
  [/\boptions\b/i, 'option'],
  [/\bflags\b/i, 'flag'],
  [/\barguments\b/i, 'argument'],
  [/\bparameters\b/i, 'parameter'],
  [/\bproperties\b/i, 'property'],
  [/\bevents\b/i, 'event'],
  [/\bmethods\b/i, 'method'],
  [/\bfunctions\b/i, 'function'],
  [/\bformatters\b/i, 'formatter'],
  [/\bformats\b/i, 'format'],
  [/\bkeywords\b/i, 'keyword'],
  [/\bhooks\b/i, 'hook'],
  [/\bsettings\b/i, 'setting'],
  [/\bfields\b/i, 'field'],
  [/\bvariables\b/i, 'variable'],
  [/\bmodes\b/i, 'mode'],
  [/\blevels\b/i, 'level'],
  [/\brules\b/i, 'rule'],
  [/\bplugins\b/i, 'plugin'],
  [/\battributes\b/i, 'attribute'],
  [/\bheaders\b/i, 'header'],
  [/\bscripts\b/i, 'script'],
  [/\breporters\b/i, 'reporter'],
  [/\bmatchers\b/i, 'matcher'],
  [/\bvalidators\b/i, 'validator'],
];
/** Table headers naming the column that describes a row. */
const DESCRIPTION_HEADER = /^(?:description|purpose|meaning|effect|summary|explanation|what it does|details)$/i;
/** A numeric default is asked only of a setting described in this many words or more (`block size parameter`, `exponential factor to use` do not say of which call). */
const MIN_DEFAULT_WORDS = 5;
/** What a numeric default counts or measures in, said by its setting (`number of retries`, `in milliseconds`, `width of the text`). */
const DEFAULT_UNIT =
  /\b(?:number|count|amount|milliseconds?|seconds?|minutes?|hours?|days?|ms|bytes?|bits?|kb|mb|gb|kib|mib|percent(?:age)?|lines?|columns?|characters?|times|retries|attempts|length|width|height|depth)\b/i;
const DEFAULT_HEADER = /^default(?: value)?$/i;
/** A default written in a description: `(true by default)`, `Default: false`, `defaults to 5000`, `(default: 10)`. */
const DEFAULT_IN_TEXT =
  /\(\s*(?:default(?:s to|:| is)?\s+)([^()\s]+(?:\s*(?:ms|s|seconds|milliseconds|bytes|kb|mb|%))?)\s*\)|\(\s*([^()\s]+)\s+by default\s*\)|\bdefaults?(?: to| is|:)\s+([^\s,;()]+(?:\s*(?:ms|seconds|milliseconds|bytes|%))?)/i;
/** A name as lists write it: one token (an option, a variable, a method), nothing a sentence would start with. */
const NAME = /^(?:--?[\w][\w.-]*(?:[ =]<[\w-]+>|[ =]\[[\w-]+\])?|\.?[\p{L}_$%][\w$.-]*(?:\(\))?|%\p{L})$/u;

/** A heading that names a call: `jwt.sign(payload, …)`, `` `fs.readFile(path[, options], callback)` ``, `.addSchema(schema) -> Ajv`. */
const API_HEADING = /^(?:Class: |Static method: |Method: )?`?((?:[\p{L}_$][\w$]*)?(?:\.[\p{L}_$][\w$]*)+|[\p{L}_$][\w$]*)\s*\(/u;

/**
 * A heading that names one option, flag, variable or setting (`--enable-source-maps`, `-e, --eval "script"`,
 * `NODE_OPTIONS=options...`, `` `audit` ``): the name (the long form of a flag), then at most a value placeholder.
 */
const OPTION_HEADING =
  /^(?:-\w(?: [\w-]+)?, )?(--?\w[\w.-]*|[\p{L}_$][\w$.-]*)(?:[=[][^,]*|\s+(?:"[^"]*"|<[^>]+>|\[[^\]]*\]|\([^)]*\)|\p{Ll}+|\p{Lu}+))?(?:, \S+)?$/u;
/** Text that calls an option deprecated or another's alias: neither the answer nor a wrong choice (`dev`, `shrinkwrap` of npm's settings). */
const DEPRECATED =
  /^(?:deprecated\b|alias (?:for|of)\b)|\((?:deprecated|alias)\b|\bdeprecated (?:in favou?r of|since|alias)\b|\bis deprecated\b/i;
/** Lines of a section that are notes on the item, not what it does: `Stability: 1 - Experimental`, `Type: Boolean`, `Default: false`. */
const META_LINE = /^(?:Stability|Added in|Deprecated|Extends|Type|Types|Returns|Default|Default value|Aliases?|Env|Version)\b:?/i;

/** One line of a list or table: a name and what it does. */
interface Entry {
  passage: Passage;
  name: string;
  /** The first sentence of the description, without its default and trailing period. */
  description: string;
  /** The default the line gives, as written (`false`, `5000`), or null. */
  defaultValue: string | null;
  /** Lines of one list or table share it. */
  group: string;
  /** What the names are, when their shape says it (`method` for an API heading `jwt.sign(…)`). */
  noun?: string;
  /** A heading names it (`### --watch`): its section's first sentence must say what it does. */
  headed?: boolean;
  /** Its own text calls it deprecated or an alias of another (`DEPRECATED: Use --package-lock`, `Alias for --include=dev`). */
  deprecated?: boolean;
}

/** The option a passage's last heading names (`--eval` of `-e, --eval "script"`), or null. */
function headingOption(p: Passage): string | null {
  const heading = p.headings.at(-1) ?? '';
  const m = OPTION_HEADING.exec(heading);
  if (!m || m[1]!.length > MAX_NAME_LENGTH) return null;
  const name = m[1]!;
  // A plain capitalised word (`Usage`, `Examples`) heads prose; a flag, a lower-case key or a constant heads an option.
  return /^-|^\p{Lu}[\p{Lu}\d_]+$|^[\p{Ll}_$]/u.test(name) && !/[.-]$/.test(name) ? name : null;
}

/** Questions from the option lists, tables, definitions and how-to sentences of the passages. */
export function generateDocQuestions(passages: readonly Passage[]): GeneratedQuestion[] {
  const own = passages.filter((p) => !p.file.startsWith('quizzes/') && !isReleaseNotes(p.file));
  const entries = listEntries(own);
  const groups = new Map<string, Entry[]>();
  for (const e of entries) groups.set(e.group, [...(groups.get(e.group) ?? []), e]);
  // A command reference's pages each list a few flags (`docker cp`: three): the flags of the folder's other pages are
  // plausible wrong choices for them.
  const folderFlags = new Map<string, Map<string, Entry>>();
  for (const e of entries) {
    if (!/^--\w/.test(e.name) || e.deprecated) continue;
    const flags = folderFlags.get(folderOf(e.passage.file)) ?? new Map<string, Entry>();
    if (!flags.has(normalizeAnswer(e.name))) flags.set(normalizeAnswer(e.name), e);
    folderFlags.set(folderOf(e.passage.file), flags);
  }
  const out: GeneratedQuestion[] = [];
  for (const all of groups.values()) {
    // Two lines of one list with the same name are not two options: a list of many is (npm's `init-author-name` and its
    // deprecated `init.author.name` among 171 settings); both are left out, as neither alone is the answer.
    const count = new Map<string, number>();
    for (const e of all) count.set(normalizeAnswer(e.name), (count.get(normalizeAnswer(e.name)) ?? 0) + 1);
    const list = all.filter((e) => count.get(normalizeAnswer(e.name)) === 1 && !e.deprecated);
    if (all.length - list.length > all.length * MAX_REPEATED_SHARE || list.length === 0) continue;
    const names = new Set(list.map((e) => normalizeAnswer(e.name)));
    const borrowed =
      list.length < MIN_SIBLINGS && list.every((e) => /^--\w/.test(e.name))
        ? [...(folderFlags.get(folderOf(list[0]!.passage.file))?.values() ?? [])].filter(
            (o) => o.passage.file !== list[0]!.passage.file && !names.has(normalizeAnswer(o.name)),
          )
        : [];
    if (list.length + borrowed.length < MIN_SIBLINGS) continue;
    // A list of `--name` flags is a list of flags, whatever its lead-in says (`The most important are:`).
    const noun = list[0]!.noun ?? listNoun(list[0]!.passage) ?? (list.every((e) => /^--\w/.test(e.name)) ? 'flag' : null);
    if (!noun) continue;
    // `fs.constants.S_IWUSR` under a `methods` heading: a method or function is called, so its name ends in `()`.
    if ((noun === 'method' || noun === 'function') && !list.every((e) => /\)$/.test(e.name))) continue;
    for (const e of list) {
      const q = entryQuestion(e, list, noun, [...list, ...borrowed]);
      if (q) out.push(q);
      // Defaults are compared within the page's own list only.
      const d = borrowed.length === 0 ? defaultQuestion(e, list, noun) : null;
      if (d) out.push(d);
    }
  }
  // Definitions only in structured files (headings, a code block, an option list or table): in plain prose, `Fresno is the
  // largest U.S. city …` is no definition and the other files' subjects (`Victoria`, `DECnet`) are no choices for it.
  const technical = new Set([
    ...entries.map((e) => e.passage.file),
    ...own.filter((p) => p.headings.length > 0 || (p.code?.length ?? 0) > 0).map((p) => p.file),
  ]);
  out.push(
    ...definitionQuestions(own.filter((p) => technical.has(p.file))),
    ...howToQuestions(own),
    ...namedQuestions(own),
    ...commandPageQuestions(own),
  );
  // The same option in several lists of a file (`cwd` of exec, execFile, fork) is asked once; so is one description under
  // several names, in one file or several (`--quiet`, `quiet`, `DOTENV_QUIET` each `suppresses the injected environment variables message`).
  const seen = new Set<string>();
  const nouns = new RegExp(`^which (?:${LIST_NOUNS.map(([, noun]) => noun).join('|')}|method|function) `, 'i');
  return out.filter((q) => {
    // Across files too: a README shipped by several packages (`GTK is a multi-platform toolkit …`) is one question.
    const key = `${normalizeAnswer(q.prompt)}\n${normalizeAnswer(q.answer)}`;
    // `--dry-run` of one page and `dry-run` of the config page `indicates that you don't want npm to make any changes`: once.
    const said = q.choicesOnly ? null : normalizeAnswer(q.prompt.replace(nouns, ''));
    if (seen.has(key) || (said !== null && seen.has(said))) return false;
    seen.add(key);
    if (said !== null) seen.add(said);
    return true;
  });
}

/** The lines of lists and tables that name one thing each (`verbose: include …`, `DEBUG — Purpose Enables …`). */
function listEntries(passages: readonly Passage[]): Entry[] {
  const rows: { passage: Passage; cells: string[] }[] = [];
  const out: Entry[] = [];
  const byId = new Map(passages.map((p) => [p.id, p]));
  const sections = new Set<string>();
  // A section's `Default: false` line (`### --watch`, `* Default: false`).
  const defaults = new Map<string, string>();
  // A section that calls its option deprecated or an alias (`* DEPRECATED: Please use --include=dev instead.`).
  const deprecated = new Set<string>();
  for (const p of passages) {
    const d = /^Default:\s+(\S+?)\.?$/i.exec(p.text);
    const section = `${p.file}\n${p.headings.join('\n')}`;
    if (d && !defaults.has(section)) defaults.set(section, d[1]!.replace(/^["'`]|["'`]$/g, ''));
    if (DEPRECATED.test(p.text)) deprecated.add(section);
  }
  for (const p of passages) {
    // An API reference: a heading naming a call (`jwt.verify(token, …)`, `.addSchema(schema)`) and the section's first sentence.
    const call = API_HEADING.exec(p.headings.at(-1) ?? '');
    const section = `${p.file}\n${p.headings.join('\n')}`;
    // The section's first sentence of prose: not a list item, a stability note or a lead-in to code.
    if (
      call &&
      !sections.has(section) &&
      p.lead === undefined &&
      p.sentence === 0 &&
      !opensUnresolved(p.text) &&
      !/^(?:Stability|Added in|Deprecated|Extends)\b|^(?:Type|Returns):|[:(]$/.test(p.text)
    ) {
      sections.add(section);
      const name = `${call[1]}()`;
      const { description, defaultValue } = describe(p.text);
      out.push({
        passage: p,
        name,
        description,
        defaultValue,
        group: `${groupOf({ ...p, headings: p.headings.slice(0, -1), lead: undefined })}|api`,
        noun: name.includes('.') ? 'method' : 'function',
      });
      continue;
    }
    // A heading naming an option (`--enable-source-maps`, `audit`) and the first sentence of its section.
    const option = call ? null : headingOption(p);
    if (option !== null && !sections.has(section) && p.lead === undefined && !META_LINE.test(p.text)) {
      // Only the first line of prose says what the option does; later ones are details (its lists are read below).
      sections.add(section);
      const parent = { ...p, headings: p.headings.slice(0, -1), lead: undefined };
      const noun = listNoun(parent);
      if (noun && p.sentence === 0 && !opensUnresolved(p.text) && !/:$/.test(p.text)) {
        const { description } = describe(p.text);
        const defaultValue = defaults.get(section) ?? null;
        out.push({
          passage: p,
          name: option,
          description,
          defaultValue,
          group: `${groupOf(parent)}|heading`,
          noun,
          headed: true,
          deprecated: deprecated.has(section),
        });
        continue;
      }
    }
    const cells = p.text.split(' — ');
    // `-q, --quiet` or `--yes, -y` in one cell: the flag by its long name.
    const first = longFlag(cells[0]!);
    if (cells.length >= 2 && (isName(p, cells[0]!) || first !== cells[0])) {
      rows.push({ passage: p, cells: [first, ...cells.slice(1)] });
      continue;
    }
    // `verbose: include …`, `--debug - enable …`, `cwd {string} Current working directory …`: a list item opening on a name
    // (`-P, --save-prod: Package will appear …` by its long name).
    const flags = FLAG_PAIR.exec(p.text)?.[0];
    const text = flags ? longFlag(flags) + p.text.slice(flags.length) : p.text;
    // `` `SADD` adds a new member to a set. `` under `## Basic commands`: the name in code, then what it does (a verb in -s,
    // not `is`/`has`: `` `SIGWINCH` is delivered when … `` says what it is, not what it does).
    const atom = p.atoms?.find(([s]) => s === 0);
    const coded = atom && !flags ? /^ ((?!(?:is|has|was|does)\b)\p{Ll}+s [^:]+)$/u.exec(p.text.slice(atom[1])) : null;
    const item = coded
      ? ([p.text, p.text.slice(0, atom![1]), coded[1]!] as const)
      : /^(\S+?)(?: \{[^{}]+\}(?::| [-–—])? |(?::| [-–—]) )(.+)$/u.exec(text);
    if (item && (p.lead !== undefined || p.headings.length > 0) && isName(p, item[1]!)) {
      const { description, defaultValue } = describe(item[2]!);
      // `Default: process.cwd()`, `Default is 10.`, `Defaults to false.` as a later sentence of the item.
      let nextDefault: string | undefined;
      for (let next = p.next ? byId.get(p.next) : undefined, n = 0; next && n < ITEM_SENTENCES && !nextDefault; n++) {
        nextDefault = /^(?:default:?|defaults? (?:to|is):?)\s+(\S+?)\.?$/i.exec(next.text)?.[1];
        next = next.next ? byId.get(next.next) : undefined;
      }
      out.push({
        passage: p,
        name: bareFlag(item[1]!),
        description,
        defaultValue: defaultValue ?? nextDefault ?? null,
        group: `${groupOf(p)}|item`,
        deprecated: DEPRECATED.test(item[2]!),
      });
    }
  }
  // A table row's cells after the first start with their column's header (`Description Enables …`):
  // the words every row of the table opens that cell with.
  // An empty cell is left out of its row (`--detach-keys — Type string — Description …` beside `--sig-proxy — Type bool —
  // Default true — Description …`), so a cell's header is found among the cells opening on the same word, in any row.
  const tables = new Map<string, { passage: Passage; cells: string[] }[]>();
  for (const r of rows) {
    const key = `${groupOf(r.passage)}|row`;
    tables.set(key, [...(tables.get(key) ?? []), r]);
  }
  for (const [key, table] of tables) {
    if (table.length < 2) continue;
    const byFirstWord = new Map<string, string[]>();
    for (const r of table)
      for (const c of r.cells.slice(1)) byFirstWord.set(c.split(' ')[0]!, [...(byFirstWord.get(c.split(' ')[0]!) ?? []), c]);
    const headerOf = (cell: string) => cellHeader(byFirstWord.get(cell.split(' ')[0]!)!);
    for (const r of table) {
      const headers = r.cells.map((c, i) => (i === 0 ? '' : headerOf(c)));
      const bodies = r.cells.map((c, i) => c.slice(headers[i]!.length).trim());
      const describedAt = headers.findIndex((h, i) => i > 0 && DESCRIPTION_HEADER.test(h.trim()));
      const defaultAt = headers.findIndex((h, i) => i > 0 && DEFAULT_HEADER.test(h.trim()));
      if (describedAt < 0) continue;
      const { description, defaultValue } = describe(bodies[describedAt]!);
      out.push({
        passage: r.passage,
        name: bareFlag(r.cells[0]!),
        description,
        defaultValue: defaultAt >= 0 ? bodies[defaultAt]!.replace(/^`|`$/g, '') || null : defaultValue,
        group: key,
        deprecated: DEPRECATED.test(bodies[describedAt]!),
      });
    }
  }
  return out;
}

/** A flag without its value (`--target=v6.2.1` → `--target`, `--dist-url=$url` → `--dist-url`): a value in one choice gives it away. */
function bareFlag(name: string): string {
  return /^--?[\w-]+=/.test(name) ? name.slice(0, name.indexOf('=')) : name;
}

/** The folder a knowledge file is in (`` for the top). */
function folderOf(file: string): string {
  return file.slice(0, Math.max(0, file.lastIndexOf('/')));
}

/** The list a line belongs to: its file, section and lead-in. */
function groupOf(p: Passage): string {
  return `${p.file}\n${p.headings.join('\n')}\n${p.lead ?? ''}`;
}

/** True when `text` at the start of the passage is a name: inline code, or one identifier-like token. */
function isName(p: Passage, text: string): boolean {
  if (text.length === 0 || text.length > MAX_NAME_LENGTH) return false;
  const atom = p.atoms?.find(([s]) => s === 0);
  if (atom && atom[1] === text.length) return true;
  // A plain word that only starts a sentence (`Note`, `Example`) is not a name; code-shaped tokens are.
  return NAME.test(text) && (/[^\p{L}]|\p{Ll}\p{Lu}|^\p{Lu}+$/u.test(text) || !/^\p{Lu}/u.test(text));
}

/** The header the cells of one column open with (`Description `): the words they all start with; '' for a column seen once. */
function cellHeader(cells: string[]): string {
  return cells.length < 2 ? '' : commonStart(cells);
}

/** `-q, --quiet`, `--yes, -y`, `-f, --file <paths>` opening a list item: one flag written by its short and long names. */
const FLAG_PAIR = /^-{1,2}\w[\w.-]*(?:, -{1,2}\w[\w.-]*)+(?:[ =]<[\w-]+>)?(?=:| [-–—] )/;

/** The long name of a flag written with its short form (`-q, --quiet` → `--quiet`, `--yes, -y` → `--yes`), else the text. */
function longFlag(text: string): string {
  if (!/^-{1,2}\w[\w.-]*(?:, -{1,2}\w[\w.-]*)+(?:[ =]<[\w-]+>)?$/.test(text)) return text;
  const names = text.replace(/[ =]<[\w-]+>$/, '').split(', ');
  return names.find((n) => n.startsWith('--')) ?? names[0]!;
}

/** The words every text starts with, up to a word boundary (`Description `), or ''. */
function commonStart(texts: string[]): string {
  const words = texts.map((t) => t.split(' '));
  const first = words[0]!;
  let n = 0;
  while (n < first.length - 1 && words.every((w) => w.length > n + 1 && w[n] === first[n])) n++;
  return n === 0 ? '' : `${first.slice(0, n).join(' ')} `;
}

/** A description's first sentence without its default and final period, and the default it gives. */
function describe(text: string): { description: string; defaultValue: string | null } {
  const m = DEFAULT_IN_TEXT.exec(text);
  const defaultValue = m ? (m[1] ?? m[2] ?? m[3] ?? null) : null;
  // Source lines wrapped inside a table cell or list item keep their spaces (`should       only report`): one space each.
  const first = text.replace(/\s+/g, ' ').split(/(?<=[.!?])\s+(?=\p{Lu})/u)[0]!;
  // `a timestamp or relative (e.g. 42m for 42 minutes)`: a word only its example explains; without it the line breaks off.
  const description = DANGLING_ASIDE.test(first)
    ? ''
    : first
        .replace(DEFAULT_IN_TEXT, '')
        // Asides that point elsewhere: `(e.g., using ajv-i18n package)`, `(see below)`.
        .replace(/\s*\((?:e\.g\.|i\.e\.|see|for example|for debugging)[^()]*\)/gi, '')
        .replace(/\s+([,.;:])/g, '$1')
        .replace(/[\s.;:,]+$/, '')
        .trim();
  return { description, defaultValue: defaultValue?.replace(/[.,;]$/, '') ?? null };
}

/** An example aside right after `or`/`and` and one word (`or relative (e.g. 42m …)`): the word means nothing without it. */
const DANGLING_ASIDE = /\b(?:or|and) [\w-]+\s*\((?:e\.g\.|i\.e\.|for example)/i;

/** `option` for a list led in by `Options:` or under `## Options`, or null when nothing says what the names are. */
function listNoun(p: Passage): string | null {
  for (const text of [p.lead ?? '', ...[...p.headings].reverse()]) {
    for (const [re, noun] of LIST_NOUNS) if (re.test(text)) return noun;
  }
  // `The following selectors are supported:`: the plural the lead-in names.
  const following = /\bthe following (?:[\w-]+ ){0,3}?(\p{Ll}{3,}s)\b(?! of\b)/u.exec(p.lead ?? '')?.[1];
  return following && !VAGUE_PLURAL.test(following) ? singular(following) : null;
}

/** Plurals a lead-in uses for anything or for parts of the docs (`the following steps`, `the following topics`): no sort of name. */
const VAGUE_PLURAL =
  /^(?:things|items|ones|steps|examples|cases|lines|files|parts|changes|values|ways|points|requirements|instructions|topics|sections|resources|links|articles|pages|guides)$/;

/** `selectors` → `selector`, `classes` → `class`, `properties` → `property`. */
function singular(plural: string): string {
  if (/ies$/.test(plural)) return `${plural.slice(0, -3)}y`;
  if (/(?:ss|sh|ch|x)es$/.test(plural)) return plural.slice(0, -2);
  return plural.slice(0, -1);
}

/** The description as what `Which option …?` asks, or null when it reads badly: `enables debug logging`, `sets whether …`, `is described as “…”`. */
function asPredicate(description: string): string | null {
  const words = answerWords(description);
  if (words.length < MIN_DESCRIPTION_WORDS || words.length > MAX_DESCRIPTION_WORDS) return null;
  const low = description.charAt(0).toLowerCase() + description.slice(1);
  if (/^whether\b/.test(low)) return `sets ${low}`;
  if (/^(?:if|when|see|same|like|deprecated|alias|optional|required|use this|this|it|the same)\b/i.test(low)) return null;
  const first = low.split(/\s+/)[0]!;
  const afterIt = taggedWords(`It ${low}`);
  const afterThe = taggedWords(`The ${low}`);
  const next = afterIt[2]?.pos ?? '';
  const verb =
    afterIt[1]?.pos === 'VERB' && /^\p{Ll}+$/u.test(first) && (afterThe[1]?.pos === 'VERB' || /^(?:DET|NUM|PRON|ADP|ADJ)$/.test(next));
  // `handling of …`, `expressed in …`: a participle, not what the name does; `lists of strings`: a noun.
  if (verb && !/(?:ing|ed)$/.test(first) && afterIt[2]?.value !== 'of')
    return first.endsWith('s') && !first.endsWith('ss') ? low : `${thirdPerson(first)}${low.slice(first.length)}`;
  return `is described as “${description}”`;
}

/** Described-as questions need this many words to pick one name (`Memory upper bound`, `The serialized URL` fit many). */
const MIN_QUOTED_WORDS = 6;
/** A description that opens on a value's type (`String used in stack traces`, `Array of definition objects`) says what it holds, not what it is for. */
const TYPE_OPENING =
  /^(?:(?:the|a|an)\s+)?(?:\S+\s+)?(?:strings?|arrays?|lists?|objects?|functions?|callbacks?|booleans?|integers?|values?|maps?|sets?|buffers?|methods?|class|instances?|promises?|paths?|number(?! of))\b/i;
/** A description that says nothing without its name or its neighbours: `Can be used to cancel …`, `Used to describe …`, `Not directly used …`, `where the mime type is defined`. */
const VAGUE_OPENING = /^(?:can|could|may|might|used|not|where|which|optionally|optional|affects?)\b/i;
/** A description that points at its own item (`this scope`, `the said function`, `set on the property`). */
const SELF_REFERENCE = /\b(?:this|these|said|the (?:option|property|parameter|argument|field|setting|method|function|flag))\b/i;

/** True when a quoted description (`Which option is described as “…”?`) is too vague to pick one name by. */
function isVague(description: string): boolean {
  return (
    answerWords(description).length < MIN_QUOTED_WORDS ||
    TYPE_OPENING.test(description) ||
    VAGUE_OPENING.test(description) ||
    SELF_REFERENCE.test(description)
  );
}

/** `enable` → `enables`, `match` → `matches`, `apply` → `applies`. */
function thirdPerson(verb: string): string {
  if (/(?:s|sh|ch|x|z|o)$/.test(verb)) return `${verb}es`;
  if (/[^aeiou]y$/.test(verb)) return `${verb.slice(0, -1)}ies`;
  return `${verb}s`;
}

/** The rules a docs prompt breaks: markup, code or a URL, or too short or long; its answer shown in it. */
function promptRules(prompt: string, answer: string, atoms: readonly string[], wrong: readonly string[] | null): QuizRule[] {
  const out = askedRules(prompt, answer, wrong);
  const words = answerWords(prompt);
  // A name needs letters a player can type or pick (`--` alone is not one).
  if (answerKey(answer).length === 0) out.push('code');
  // Inline code from the source is an identifier, however plain it looks (`verbose`, `payload`).
  if (atoms.some((a) => indexOfWords(words, answerWords(a)) >= 0)) out.push('code');
  return out;
}

/** The texts of a passage's inline code spans. */
function atomsOf(p: Passage): string[] {
  return (p.atoms ?? []).map(([s, e]) => p.text.slice(s, e)).filter((a) => !new RegExp(`^${PRODUCT_JS.source}$`, 'u').test(a));
}

/** `Which environment variable hides date from debug output?` — the answer a name, the wrong choices its siblings. */
function entryQuestion(e: Entry, list: Entry[], noun: string, choices: Entry[] = list): GeneratedQuestion | null {
  const predicate = asPredicate(e.description);
  // Two lines saying the same (`expressed in seconds …` for expiresIn and notBefore): no one answer.
  if (!predicate || list.some((o) => o !== e && normalizeAnswer(o.description) === normalizeAnswer(e.description))) return null;
  // An API section's first sentence says what the call does (`Cancels the timeout.`), or it is not a description.
  // An option's section may open on what it is (`The browser that is called by npm commands to open websites.`).
  if (e.noun && !e.headed && predicate.startsWith('is described as')) return null;
  // `Which option is described as “String used in stack traces”?`: a type, a vague verb or the item itself, no clue to one name.
  if (predicate.startsWith('is described as') && isVague(e.description)) return null;
  // `Which option affects compilation of referenced schemas?`: a verb that says only that it does something.
  if (/^(?:affects|references to|relates to|is related to)\b/.test(predicate)) return null;
  // `Which command shows this list of special commands?`: `this` is the page the line stood on.
  if (/\b(?:this|these)\b/i.test(predicate)) return null;
  const prompt = `Which ${noun} ${predicate}?`;
  const inCode = atomsOf(e.passage).filter((a) => normalizeAnswer(a) !== normalizeAnswer(e.name));
  const wrong = siblingChoices(e, choices, `${e.passage.id}|which`);
  if (!wrong || promptRules(prompt, e.name, inCode, wrong).length > 0) return null;
  return termQuestion(e.passage, prompt, e.name, wrong, `which:${e.name}`, false);
}

/**
 * A default: `Which of these options is true by default?` among options that are false by default
 * (asked only with its choices), or `What is the default maximum time a job may run, in seconds?` with nearby numbers.
 */
function defaultQuestion(e: Entry, list: Entry[], noun: string): GeneratedQuestion | null {
  const value = e.defaultValue?.toLowerCase();
  if (value === 'true' || value === 'false') {
    const others = list.filter((o) => o !== e && o.defaultValue && /^(?:true|false)$/i.test(o.defaultValue));
    const opposite = others.filter((o) => o.defaultValue!.toLowerCase() !== value);
    // `Which of these settings is false by default?` among 171 mostly false ones picks any: ask only the rarer value.
    if (opposite.length < 3 || opposite.length < others.length - opposite.length) return null;
    const prompt = `Which of these ${noun.replace(/([^aeiou])y$/, '$1ie')}s is ${value} by default?`;
    const wrong = siblingChoices(e, opposite, `${e.passage.id}|default`);
    if (!wrong || promptRules(prompt, e.name, [], wrong).length > 0) return null;
    // One fact for the list's true (or false) defaults: a quiz asks `Which of these settings is true by default?` once a list,
    // not 13 times from one settings page; the other names still come up over the seeds.
    return termQuestion(e.passage, prompt, e.name, wrong, `default:${e.group}|${value}`, true);
  }
  if (!value || !/^\d[\d,._]*(?:\s*(?:ms|s|seconds|milliseconds|bytes|kb|mb|%))?$/i.test(value)) return null;
  // `What is the default maximum time a job may run?`: the description must name a quantity, not an action.
  const predicate = asPredicate(e.description);
  if (!predicate?.startsWith('is described as')) return null;
  // `The maximum amount of times to retry` → `the default maximum amount of times to retry`.
  const thing = (e.description.charAt(0).toLowerCase() + e.description.slice(1)).replace(/^the\s+(?:default\s+)?/, '');
  // `Limit nested quantified extglobs`: what the setting does, not a quantity to ask the default of.
  if (/^(?:the|a|an)\b/.test(thing) || opensOnVerb(e.description)) return null;
  // `block size parameter`, `set group indentation`: too few words to say which setting of which call.
  if (answerWords(thing).length < MIN_DEFAULT_WORDS) return null;
  // `maximum stack size for the thread` → `4`: four what? The setting must say what it counts or measures in.
  if (!/\d\s*\p{L}/u.test(e.defaultValue!) && !DEFAULT_UNIT.test(thing)) return null;
  const prompt = `What is the default ${thing}?`;
  if (promptRules(prompt, e.defaultValue!, atomsOf(e.passage), null).length > 0 || parseNumbers(prompt).length > 0) return null;
  const answer = e.defaultValue!.replace(/_/g, '');
  const wrong = pickWrongChoices(answer, 'number', [], createRandom(`${e.passage.id}|default-number`));
  const q = termQuestion(e.passage, prompt, answer, wrong, `default:${e.name}`, false);
  return { ...q, kind: 'number', quality: KIND_QUALITY.number + (wrong ? 1 : 0) + DOCS_FORM_BONUS };
}

/** Three names from the same list, most alike in shape first (`--debug` for `--quiet`, `DEBUG_DEPTH` for `DEBUG_COLORS`). */
function siblingChoices(e: Entry, list: Entry[], seed: string): string[] | null {
  const candidates: Candidate[] = list
    .filter((o) => normalizeAnswer(o.name) !== normalizeAnswer(e.name) && !saysTheSame(o.description, e.description))
    .map((o) => ({ key: `term:${normalizeAnswer(o.name)}`, text: o.name, likeness: shape(o.name) === shape(e.name) ? 1 : 0 }));
  return pickWrongChoices(e.name, 'term', candidates, createRandom(seed));
}

/**
 * True when a sibling's description fits the question too: the same first word and more than half of the other content
 * words (`Converts a Punycode string … to a string of Unicode symbols` for decode and toUnicode alike).
 */
function saysTheSame(other: string, description: string): boolean {
  const content = (text: string) => answerWords(text).filter((w) => !STOP_WORDS.has(w));
  const [verb, ...rest] = content(description);
  const theirs = content(other);
  if (verb === undefined || theirs[0] !== verb || rest.length === 0) return false;
  return rest.filter((w) => theirs.includes(w)).length > rest.length * SAME_DESCRIPTION_SHARE;
}

/**
 * True when another name's definition calls it the same sort of thing (`httplib2 is a comprehensive HTTP client library …`
 * for `What is a powerful, user-friendly HTTP client for Python?`): the last two words before what it is for.
 */
function sameSort(other: string, predicate: string): boolean {
  const head = answerWords(predicate.split(/\s(?:that|which|who|for|to|used|written|designed|built|made|with|of)\s/)[0]!);
  return head.length >= 2 && indexOfWords(answerWords(other), head.slice(-2)) >= 0;
}

/** A name's shape: a flag, a call, a constant, a plain word. */
function shape(name: string): string {
  if (/^--?/.test(name)) return 'flag';
  if (/^[\w$]+\.[\w$.]+\(\)$/.test(name)) return 'member call';
  if (/\(\)$/.test(name)) return 'call';
  if (/^[\p{Lu}\d_]+$/u.test(name)) return 'constant';
  return 'word';
}

function termQuestion(
  passage: Passage,
  prompt: string,
  answer: string,
  wrong: string[] | null,
  fact: string,
  choicesOnly: boolean,
): GeneratedQuestion {
  return {
    id: `g-${shortId(`${passage.id}|${prompt}|${answer}`)}`,
    origin: 'generated',
    prompt,
    answer,
    accepted: [],
    kind: 'term',
    rivals: wrong ?? [],
    wrong,
    explanation: null,
    ...fromPassage(passage),
    fact: `term:${passage.file}|${fact.replace(/^\w+:/, '')}`,
    ...(choicesOnly ? { choicesOnly: true } : {}),
    quality: KIND_QUALITY.term + (wrong ? 1 : 0) + DOCS_FORM_BONUS,
  };
}

/** The name a file is about: its title when it is a name (`ESLint`, `Ajv` of `Ajv: Another JSON Schema Validator`), else its file name. */
function subjectOf(p: Passage): string | null {
  const title = p.title.split(/:\s| - | — /)[0]!.trim();
  if (title && title.split(/\s+/).length <= 3 && !/^(?:readme|index|about|introduction|overview)$/i.test(title)) return title;
  const parts = p.file.split('/');
  const base = parts.pop()!.replace(/\.[^.]+$/, '');
  if (!/^(?:readme|index)$/i.test(base)) return base;
  return parts.pop() ?? null;
}

/** True when `subject` is what the passage's file is about. */
function isSubjectOf(p: Passage, subject: string): boolean {
  const about = subjectOf(p);
  return about !== null && normalizeAnswer(about) === normalizeAnswer(subject);
}

/** A subject that names something: inline code, the file's subject, or a rare capitalised word or two. */
function isDefinedName(p: Passage, subject: string): boolean {
  if (isSubjectOf(p, subject)) return true;
  const words = subject.split(/\s+/);
  // `The WritableStream`, `While JavaScript`: a function word opens a phrase, not a name.
  return (
    words.length <= 3 &&
    (spokenRankOf(words[0]!) ?? Infinity) >= FUNCTION_WORD_RANK &&
    words.every((w) => /^\p{Lu}[\p{L}\d.-]*$/u.test(w)) &&
    // `Values are an integer number …`: a plural of an everyday word (`value`) is a common noun, not a name.
    words.some((w) => Math.min(spokenRankOf(w) ?? Infinity, spokenRankOf(w.replace(/s$/, '')) ?? Infinity) >= COMMON_RANK)
  );
}

/** `ESLint is a tool for identifying … code.` → `What is a tool for identifying … code?`, the other files' subjects as wrong choices. */
function definitionQuestions(passages: readonly Passage[]): GeneratedQuestion[] {
  const found: { passage: Passage; subject: string; predicate: string }[] = [];
  for (const p of passages) {
    if (p.prev !== null && !p.text.startsWith(subjectOf(p) ?? '\0')) continue;
    const m = /^(\S+(?: \S+){0,2}) (?:is|are) ((?:a|an|the) .+)\.$/u.exec(p.text);
    // `A stream is …`: a common noun, not a name to pick.
    if (!m || /^(?:a|an|the)\s/i.test(m[1]!) || !isDefinedName(p, m[1]!)) continue;
    const predicate = m[2]!;
    if (answerWords(predicate).length < MIN_PREDICATE_WORDS) continue;
    // `a Node.js module, but can be used in the browser`: a second clause the question form cannot carry.
    if (/[,;]\s*(?:but|and|so|yet)\s|;/.test(predicate)) continue;
    // Specific enough to pick one name: the predicate says what it does or is for.
    if (!/\b(?:that|which|who|for|to|used|written|designed|built|made|with|of)\b/.test(predicate)) continue;
    found.push({ passage: p, subject: m[1]!, predicate });
  }
  // Wrong choices are other defined names (a title or a file name may be a topic, `Testing`, not a name).
  const subjects = new Map<string, { text: string; aboutFile: boolean; predicate: string }>();
  for (const f of found)
    subjects.set(normalizeAnswer(f.subject), { text: f.subject, aboutFile: isSubjectOf(f.passage, f.subject), predicate: f.predicate });
  const out: GeneratedQuestion[] = [];
  for (const f of found) {
    const prompt = `What is ${f.predicate}?`;
    const promptWords = answerWords(prompt);
    // A file's subject among other files' subjects (packages for a package), a term among terms.
    const aboutFile = isSubjectOf(f.passage, f.subject);
    const candidates: Candidate[] = [...subjects.entries()]
      .filter(
        ([k, s]) => k !== normalizeAnswer(f.subject) && indexOfWords(promptWords, k.split(' ')) < 0 && !sameSort(s.predicate, f.predicate),
      )
      .map(([k, s]) => ({ key: `term:${k}`, text: s.text, likeness: s.aboutFile === aboutFile ? 1 : 0 }));
    const wrong = pickWrongChoices(f.subject, 'term', candidates, createRandom(`${f.passage.id}|definition`));
    if (promptRules(prompt, f.subject, atomsOf(f.passage), wrong).length > 0) continue;
    out.push(termQuestion(f.passage, prompt, f.subject, wrong, `what:${f.subject}`, false));
  }
  return out;
}

/**
 * `To configure a command, you can use .argument() …` and `Use .alias() to add …` → `Which method
 * do you use to configure a command?`, with the same file's names of the same shape as wrong choices.
 */
function howToQuestions(passages: readonly Passage[]): GeneratedQuestion[] {
  const out: GeneratedQuestion[] = [];
  const namesByFile = new Map<string, Set<string>>();
  for (const p of passages) {
    const set = namesByFile.get(p.file) ?? new Set<string>();
    for (const a of atomsOf(p)) if (NAME.test(a) && a.length <= MAX_NAME_LENGTH) set.add(a);
    namesByFile.set(p.file, set);
  }
  for (const p of passages) {
    const atoms = atomsOf(p);
    if (atoms.length === 0) continue;
    const text = p.text.replace(/\.$/, '');
    let goal: string | undefined;
    let name: string | undefined;
    const to =
      /^To ([^,]{6,80}), (?:you (?:can|should|must|may) |simply |just )?(?:use|call|pass|set|add|run) (\S+)(?: (?:method|function|option|flag))?$/u.exec(
        text,
      );
    const use = /^(?:You can )?[Uu]se (\S+)(?: (?:method|function|option|flag))? to (.{6,80})$/u.exec(text);
    if (to) [goal, name] = [to[1], to[2]];
    else if (use) [name, goal] = [use[1], use[2]];
    // A name the player can pick among its kind (a flag, a method, a function), in a sentence that ends (not `…server:`).
    if (!goal || !name || !atoms.includes(name) || !NAME.test(name) || /[:;]$/.test(goal)) continue;
    const noun = name.startsWith('-') ? 'flag' : /\.[\w$]+\(\)$/.test(name) ? 'method' : /\(\)$/.test(name) ? 'function' : null;
    if (!noun || /\b(?:it|this|them|these|that)\b/i.test(goal)) continue;
    const prompt = `Which ${noun} do you use to ${goal}?`;
    const promptWords = answerWords(prompt);
    const candidates: Candidate[] = [...(namesByFile.get(p.file) ?? [])]
      .filter((n) => n !== name && shape(n) === shape(name) && indexOfWords(promptWords, answerWords(n)) < 0)
      .map((n) => ({ key: `term:${normalizeAnswer(n)}`, text: n, likeness: 0 }));
    const wrong = pickWrongChoices(name, 'term', candidates, createRandom(`${p.id}|how`));
    // Names are picked, not typed: without three of its kind, no question.
    if (
      !wrong ||
      promptRules(
        prompt,
        name,
        atoms.filter((a) => a !== name),
        wrong,
      ).length > 0
    )
      continue;
    out.push(termQuestion(p, prompt, name, wrong, `how:${name}`, false));
  }
  return out;
}

/**
 * What a sentence calls the name in code before it (`The `'close'` event …`, `The `--since` option …`), singular. Not an
 * argument or parameter: `The `type` argument is only available on Windows` does not say of which call.
 */
const NAMED_NOUNS =
  'option|flag|command|subcommand|setting|field|method|function|hook|clause|property|event|variable|endpoint|directive|header|decorator|rule|plugin';
/** `The `x` noun` at a sentence's start: the name and the noun. */
const NAMED_OPENING = new RegExp(`^The (\\S+) (${NAMED_NOUNS})s? (?=\\p{Ll})`, 'u');
/** `The AddPrefix middleware …`: a capitalised or CamelCase name in prose, without code, then its sort noun. */
const PROSE_NAMED_OPENING = new RegExp(`^The (\\p{Lu}[\\p{L}\\d]*) (${NAMED_NOUNS}|middleware) (?=\\p{Ll})`, 'u');
/**
 * Sorts of name a folder's pages share (a `for` clause of one rules page is a clause of the next); an event, method, hook
 * or function belongs to its own page's object (`'exit'` of a worker is not `'exit'` of a child process).
 */
const SHARED_NOUNS = /^(?:option|flag|command|subcommand|setting|field|clause|variable|directive|header|rule|plugin)$/;
/** The fewest and most words of what a named-thing sentence says of its name (`is emitted when the stream is destroyed`). */
const MIN_NAMED_WORDS = 6;
const MAX_NAMED_WORDS = 25;

/**
 * `The `'close'` event is emitted when the Http2Stream is destroyed.` → `Which event is emitted when the Http2Stream is
 * destroyed?`, the same file's other events (`The `'error'` event …`) as wrong choices: the sentence names its subject in code
 * and says what sort of name it is, so the choices are names of one sort and the answer is the sentence's own subject.
 */
function namedQuestions(passages: readonly Passage[]): GeneratedQuestion[] {
  const found: { passage: Passage; name: string; noun: string; said: string }[] = [];
  const pools = new Map<string, Set<string>>();
  // The same sort of name in the folder's other pages (`The `labels` clause …` of recording_rules.md for alerting_rules.md).
  const folderPools = new Map<string, Map<string, string>>();
  // What every named sentence says, asked or not (`The 'close' event … has been closed` rules `'close'` out as a choice).
  const everySaid: { name: string; noun: string; said: string }[] = [];
  // Names met in prose without code: asked only with three or more of their sort in the folder (`AddPrefix`, `Chain`, `Retry` middlewares).
  const inProse = new Set<string>();
  for (const p of passages) {
    let m = NAMED_OPENING.exec(p.text);
    // The name is the whole code span right after `The ` (not a product's name: `The Node.js event loop …`).
    if (!m || !p.atoms?.some(([s, e]) => s === 4 && e === 4 + m![1]!.length) || !atomsOf(p).includes(m[1]!)) {
      m = PROSE_NAMED_OPENING.exec(p.text);
      // A capital inside the sentence marks the name (`The Chain middleware`); its sort's siblings are checked below.
      if (!m) continue;
      inProse.add(`${p.file}\n${m[1]}`);
    }
    const [, name, noun] = m;
    if (name!.length > MAX_NAME_LENGTH) continue;
    const key = `${p.file}\n${noun}`;
    pools.set(key, (pools.get(key) ?? new Set()).add(name!));
    const inFolder = `${folderOf(p.file)}\n${noun}`;
    folderPools.set(inFolder, (folderPools.get(inFolder) ?? new Map<string, string>()).set(name!, p.file));
    const said = p.text.slice(m[0].length).replace(/\.$/, '');
    everySaid.push({ name: name!, noun: noun!, said });
    const words = answerWords(said);
    // A sentence that ends on a colon or a list, says too little (`is optional`) or leans on another (`it`, `this`, `also`).
    if (words.length < MIN_NAMED_WORDS || words.length > MAX_NAMED_WORDS || /[:;]$|[:;] /.test(said)) continue;
    if (/\b(?:it|its|this|these|that one|they|them|also|above|below|following|previous|same)\b/i.test(said)) continue;
    // `has interesting options, that are provided as additional arguments`: what a name has, not what it does, picks none.
    if (/^ha(?:s|ve)\b/.test(said)) continue;
    // `does not indicate …`, `will not be emitted unless …`: a negative reads as a trick; `was advisory`, `has been removed`:
    // history, not what the name does.
    if (/\bnot\b|n't\b|\bcannot\b|\b(?:was|were|had|has been|have been)\b/i.test(said)) continue;
    // What follows is the verb of the name (`is emitted`, `returns`, `can be used`), not a noun phrase.
    const tagged = taggedWords(`It ${said}`);
    if (!/^(?:VERB|AUX)$/.test(tagged[1]?.pos ?? '')) continue;
    found.push({ passage: p, name: name!, noun: noun!, said });
  }
  const out: GeneratedQuestion[] = [];
  for (const f of found) {
    const prompt = `Which ${f.noun} ${f.said}?`;
    const promptWords = answerWords(prompt);
    // A sibling whose own sentence says the same (`punycode.toUnicode()` converts Punycode to Unicode too) is right as well.
    const sameSaid = new Set(everySaid.filter((o) => o.noun === f.noun && saidAlike(o.said, f.said)).map((o) => o.name));
    const fits = (n: string) =>
      n !== f.name && !sameSaid.has(n) && shape(n) === shape(f.name) && indexOfWords(promptWords, answerWords(n)) < 0;
    const own = [...(pools.get(`${f.passage.file}\n${f.noun}`) ?? [])].filter(fits);
    // A page naming fewer than four of a sort takes the rest from the folder's other pages, never its own names twice;
    // only a page that names more than one of the sort itself (Prometheus's three clauses), not a lone name in prose.
    const prose = inProse.has(`${f.passage.file}\n${f.name}`);
    const borrowed =
      (prose || (own.length >= 1 && own.length < MIN_SIBLINGS - 1)) && (prose || SHARED_NOUNS.test(f.noun))
        ? [...(folderPools.get(`${folderOf(f.passage.file)}\n${f.noun}`) ?? [])]
            .filter(([n, file]) => file !== f.passage.file && fits(n) && !own.includes(n))
            .map(([n]) => n)
        : [];
    if (prose && own.length + borrowed.length < MIN_SIBLINGS - 1) continue;
    const candidates: Candidate[] = [...own, ...borrowed].map((n) => ({ key: `term:${normalizeAnswer(n)}`, text: n, likeness: 0 }));
    const wrong = pickWrongChoices(f.name, 'term', candidates, createRandom(`${f.passage.id}|named`));
    if (!wrong) continue;
    const inCode = atomsOf(f.passage).filter((a) => normalizeAnswer(a) !== normalizeAnswer(f.name));
    if (promptRules(prompt, f.name, inCode, wrong).length > 0) continue;
    out.push(termQuestion(f.passage, prompt, f.name, wrong, `named:${f.name}`, false));
  }
  return out;
}

/** Share of a sentence's content words (stemmed) another's must have to say much the same. */
const ALIKE_SHARE = 0.5;

/**
 * True when two named-thing sentences say much the same: the same verb and half the other content words, by stem
 * (`is emitted after the child process ends` and `is emitted after a process has ended and the stdio streams of a child
 * process have been closed`: `'exit'` and `'close'` both fit).
 */
function saidAlike(other: string, said: string): boolean {
  const stems = (text: string) =>
    answerWords(text)
      .filter((w) => !STOP_WORDS.has(w))
      .map((w) => w.replace(/(?:ing|ed|es|s)$/, ''));
  const [verb, ...rest] = stems(said);
  const theirs = stems(other);
  if (verb === undefined || !theirs.includes(verb) || rest.length === 0) return false;
  return rest.filter((w) => theirs.includes(w)).length >= rest.length * ALIKE_SHARE;
}

/** A page's title that names a command: one lower-case word, the end of its file's name (`kill` of `container_kill.md`). */
const COMMAND_TITLE = /^\p{Ll}[\p{Ll}\d]*(?:-\p{Ll}[\p{Ll}\d]*)*$/u;

/**
 * A command reference with a page per command whose first line says what it does (`# kill` then `Kill one or more running
 * containers`, `# commit` then `Create a new image from a container's changes`) → `Which command creates a new image from a
 * container's changes?`, the folder's other command pages as wrong choices. Only in a folder of four such pages or more.
 */
function commandPageQuestions(passages: readonly Passage[]): GeneratedQuestion[] {
  const firsts = new Map<string, Passage>();
  for (const p of passages) if (!firsts.has(p.file)) firsts.set(p.file, p);
  const pages: { passage: Passage; name: string; description: string }[] = [];
  for (const p of firsts.values()) {
    const name = p.title;
    const base = p.file.slice(p.file.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '');
    // The title is the file name's last part (`container_kill` → `kill`) and heads the page's first line, a sentence of its own.
    if (!COMMAND_TITLE.test(name) || base.split(/[_.]/).at(-1) !== name) continue;
    if (p.headings.length !== 1 || p.headings[0] !== name || p.sentence !== 0 || p.lead !== undefined || p.next !== null) continue;
    pages.push({ passage: p, name, description: describe(p.text).description });
  }
  const out: GeneratedQuestion[] = [];
  for (const page of pages) {
    const folder = pages.filter((o) => folderOf(o.passage.file) === folderOf(page.passage.file));
    if (folder.length < MIN_SIBLINGS) continue;
    const predicate = asPredicate(page.description);
    // A quoted line as vague as `Display help` picks no one command.
    if (!predicate || (predicate.startsWith('is described as') && isVague(page.description)) || /\b(?:this|these)\b/i.test(predicate))
      continue;
    const prompt = `Which command ${predicate}?`;
    const candidates: Candidate[] = folder
      .filter((o) => o !== page && !saysTheSame(o.description, page.description))
      .map((o) => ({ key: `term:${normalizeAnswer(o.name)}`, text: o.name, likeness: 0 }));
    const wrong = pickWrongChoices(page.name, 'term', candidates, createRandom(`${page.passage.id}|command`));
    if (!wrong || promptRules(prompt, page.name, atomsOf(page.passage), wrong).length > 0) continue;
    out.push(termQuestion(page.passage, prompt, page.name, wrong, `command:${page.name}`, false));
  }
  return out;
}
