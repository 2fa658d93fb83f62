/**
 * Docs round 4 (docs/quiz-grading.md): high-evidence shapes of technical docs, and the vague ones left out.
 * Each fixture line is a real line of the tuning material (Node.js's cli.md and vm.md under /usr/share/doc,
 * the retry and picomatch READMEs under node_modules); no test names a file or a question of the held-out set.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../../src/core/knowledge/knowledge-base.js';
import { buildBank } from '../../src/core/quiz/bank.js';
import type { Question } from '../../src/core/quiz/question-model.js';
import {
  askedRules,
  docsKindRules,
  docsRules,
  opensOnVerb,
  opensUnresolved,
  questionRules,
  technicalFiles,
} from '../../src/core/quiz/rules.js';
import { tempDir } from '../helpers.js';

/** The generated questions of a knowledge folder holding one Markdown file. */
async function generatedFrom(text: string): Promise<Question[]> {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'doc.md'), text);
  return buildBank(await KnowledgeBase.load(dir)).questions.filter((q) => q.origin === 'generated');
}

const CLI = `# Command-line API

## Options

### \`-i\`, \`--interactive\`

Opens the REPL even if stdin does not appear to be a terminal.

### \`--cpu-prof\`

Stability: 1 - Experimental

Starts the V8 CPU profiler on start up, and writes the CPU profile to disk before exit.

### \`--no-deprecation\`

Silence deprecation warnings.

### \`--trace-sigint\`

Prints a stack trace on SIGINT.

### \`-e\`, \`--eval "script"\`

Evaluate the following argument as JavaScript.

### \`--zero-fill-buffers\`

Automatically zero-fills all newly allocated Buffer and SlowBuffer instances.
`;

const SETTINGS = `# config

## Config Settings

### \`audit\`

* Default: true
* Type: Boolean

When "true" submit audit reports alongside the current command to the default registry.

### \`dry-run\`

* Default: false
* Type: Boolean

Indicates that you don't want npm to make any changes and that it should only report what it would have done.

### \`force\`

* Default: false
* Type: Boolean

Removes various protections against unfortunate side effects, common mistakes, unnecessary performance degradation, and malicious input.

### \`json\`

* Default: false
* Type: Boolean

Whether or not to output JSON data, rather than the normal output.
`;

describe('a heading that names an option', () => {
  it('asks which option its section’s first sentence describes, among the sibling headings, by the long name of a flag', async () => {
    const questions = await generatedFrom(CLI);
    const q = questions.find((x) => x.answer === '--interactive');
    expect(q?.prompt).toBe('Which option opens the REPL even if stdin does not appear to be a terminal?');
    expect(q!.kind).toBe('term');
    for (const w of q!.wrong!) expect(['--cpu-prof', '--no-deprecation', '--trace-sigint', '--eval', '--zero-fill-buffers']).toContain(w);
    expect(questionRules(q!)).toEqual([]);
  });

  it('leaves out a flag its description spells out, and a description that is not a verb phrase', async () => {
    const answers = (await generatedFrom(CLI)).map((q) => q.answer);
    // `Starts the V8 CPU profiler` spells `--cpu-prof`; `Prints a stack trace on SIGINT` spells `--trace-sigint`.
    expect(answers).not.toContain('--cpu-prof');
    expect(answers).not.toContain('--trace-sigint');
    // `Automatically zero-fills …` opens on an adverb: no question rather than `is described as`.
    expect(answers).not.toContain('--zero-fill-buffers');
  });

  it('reads a section’s `Default:` line: which setting is true by default, among settings false by default', async () => {
    const questions = await generatedFrom(SETTINGS);
    const q = questions.find((x) => x.prompt === 'Which of these settings is true by default?');
    expect(q?.answer).toBe('audit');
    expect([...q!.wrong!].sort()).toEqual(['dry-run', 'force', 'json']);
    expect(q!.choicesOnly).toBe(true);
  });
});

describe('option lists', () => {
  it('takes a default from a later sentence of the item (`Default is 10.`) and asks it of a quantity, without its article', async () => {
    const questions = await generatedFrom(`# retry

## API

### retry.timeouts([options])

options is a JS object that can contain any of the following keys:

* \`retries\`: The maximum amount of times to retry the operation. Default is \`10\`. Seting this to \`1\` means \`do it once, then retry it once\`.
* \`factor\`: The exponential factor to use. Default is \`2\`.
* \`minTimeout\`: The number of milliseconds before starting the first retry. Default is \`1000\`.
* \`maxTimeout\`: The maximum number of milliseconds between two retries. Default is \`Infinity\`.
* \`randomize\`: Randomizes the timeouts by multiplying with a factor between \`1\` to \`2\`. Default is \`false\`.
`);
    const prompts = questions.map((q) => q.prompt);
    expect(questions.find((q) => q.answer === '10')?.prompt).toBe('What is the default maximum amount of times to retry the operation?');
    expect(questions.find((q) => q.answer === '1000')?.prompt).toBe(
      'What is the default number of milliseconds before starting the first retry?',
    );
    // `exponential factor to use`: too few words to say which setting of which call.
    expect(prompts).not.toContain('What is the default exponential factor to use?');
  });

  it('does not quote a vague description: a type, a vague opening, its own item, or too few words', async () => {
    const questions = await generatedFrom(`# child processes

## Options

Options:

* \`identifier\` {string} String used in stack traces.
* \`args\` {string[]} array of argument strings.
* \`mode\` {integer} modifiers for copy operation.
* \`signal\` {AbortSignal} Can be used to cancel awaiting events.
* \`maxBuffer\` {number} Largest amount of data in bytes allowed on stdout or stderr.
* \`ignore\` {string[]} One or more glob patterns for excluding strings that should not be matched from the result.
`);
    const described = questions.filter((q) => q.prompt.includes('is described as')).map((q) => q.answer);
    expect(described.sort()).toEqual(['ignore', 'maxBuffer']);
  });
});

describe('a line that points at its page', () => {
  it('does not ask which command shows `this list`', async () => {
    const repl = (help: string) => `# REPL

## Commands and special keys

The following special commands are supported by all REPL instances:

* \`.break\`: When in the process of inputting a multi-line expression, enter the \`.break\` command to abort further input.
* \`.clear\`: Resets the REPL \`context\` to an empty object and clears any multi-line expression being input.
* \`.exit\`: Close the I/O stream, causing the REPL to exit.
* \`.help\`: ${help}
* \`.save\`: Save the current REPL session to a file.
* \`.load\`: Load a file into the current REPL session.
`;
    expect((await generatedFrom(repl('Show this list of special commands.'))).map((q) => q.answer)).not.toContain('.help');
    // The same line naming what it lists is asked.
    expect((await generatedFrom(repl('Show the list of special commands.'))).map((q) => q.answer)).toContain('.help');
  });
});

describe('one description under several names', () => {
  it('asks it once: a flag and the variable that sets the same default are one question', async () => {
    const questions = await generatedFrom(`# dotenv

#### Options

| Option | Description |
| --- | --- |
| \`-f, --file <paths>\` | Load one or more files. Repeat the flag or separate paths with commas. Defaults to \`.env\`. |
| \`-q, --quiet\` | Suppress the injected environment variables message. |
| \`--debug\` | Enable debug logging. |
| \`--override\` | Overwrite existing environment variables. When loading multiple files, the last value wins. |
| \`-h, --help\` | Show help. Also available as \`dotenv --help\`. |

#### Environment defaults

Use these environment variables to set defaults.

| Variable | Default | Description |
| --- | --- | --- |
| \`DOTENV_PATH\` | \`.env\` | Path to the file to load. |
| \`DOTENV_ENCODING\` | \`utf8\` | File encoding. |
| \`DOTENV_QUIET\` | \`false\` | Suppress the injected environment variables message. |
| \`DOTENV_DEBUG\` | \`false\` | Enable debug logging. |
| \`DOTENV_OVERRIDE\` | \`false\` | Overwrite existing environment variables. |
`);
    const suppress = questions.filter((q) => q.prompt.endsWith('suppresses the injected environment variables message?'));
    expect(suppress).toHaveLength(1);
  });
});

describe('the same README in several packages', () => {
  it('asks its definition once', async () => {
    const dir = tempDir();
    const readme = '# GTK\n\nGTK is a multi-platform toolkit for creating graphical user interfaces.\n\nInstall it with `make`.\n';
    for (const pkg of ['libgtk-3-0', 'libgtk-3-common', 'libgtk-3-bin']) {
      fs.mkdirSync(path.join(dir, pkg));
      fs.writeFileSync(path.join(dir, pkg, 'README.md'), readme);
    }
    fs.writeFileSync(
      path.join(dir, 'glib.md'),
      '# GLib\n\nGLib is the low-level core library that forms the basis for projects such as GTK and GNOME.\n',
    );
    const questions = buildBank(await KnowledgeBase.load(dir)).questions;
    expect(questions.filter((q) => q.prompt === 'What is a multi-platform toolkit for creating graphical user interfaces?')).toHaveLength(
      1,
    );
  });
});

describe('sibling descriptions that fit the question too', () => {
  it('does not offer a method whose own description says the same (decode and toUnicode both convert Punycode to Unicode)', async () => {
    const questions = await generatedFrom(`# punycode

## API

### \`punycode.decode(string)\`

Converts a Punycode string of ASCII symbols to a string of Unicode symbols.

### \`punycode.encode(string)\`

Converts a string of Unicode symbols to a Punycode string of ASCII symbols.

### \`punycode.toUnicode(input)\`

Converts a Punycode string representing a domain name or an email address to Unicode.

### \`punycode.toASCII(input)\`

Converts a lowercased Unicode string representing a domain name or an email address to Punycode.

### \`punycode.ucs2.decode(string)\`

Creates an array containing the numeric code point values of each Unicode symbol in the string.
`);
    // Every method of the list converts between the same two things: no question has three wrong choices that are wrong.
    const asked = questions.filter((x) => x.kind === 'term' && x.wrong);
    expect(asked.map((q) => q.answer)).toContain('punycode.ucs2.decode()');
    for (const q of asked) {
      expect(q.answer === 'punycode.decode()' && q.wrong!.includes('punycode.toUnicode()'), q.prompt).toBe(false);
      expect(q.answer === 'punycode.encode()' && q.wrong!.includes('punycode.toASCII()'), q.prompt).toBe(false);
    }
  });
});

describe('blanked sentences of technical docs', () => {
  const cloze = (text: string, answer: string, kind: Question['kind'] = 'acronym', wrong: string[] | null = null) => ({
    cloze: text.replace(answer, '_____'),
    answer,
    kind,
    wrong,
  });

  it('leaves out instructions, reference entries, labels and sentences to the reader, keeping sentences with a subject', () => {
    const dropped = [
      cloze('Use it in your app to call any of the over 270 methods, and let it handle formatting.', '270', 'number'),
      cloze('Get the visitor keys of a given AST node.', 'AST'),
      cloze('Opens the REPL even if stdin does not appear to be a terminal.', 'REPL'),
      cloze('The AST of the regular expression pattern.', 'AST'),
      cloze('Data path for ICU (Intl object) data.', 'ICU'),
      cloze('(The AST structure being the ESTree API with JSX extensions.)', 'AST'),
      cloze('Must be provided but can be zero-length, and cannot be more than 1024 bytes.', '1024', 'number'),
      cloze('You might not think 10 reties in 30 minutes is a good policy for your app.', '10', 'number'),
      cloze('A bit later I discovered the issue created by Ben Rothman (@benthemonkey) with no response at all.', 'Ben Rothman', 'person'),
    ];
    for (const q of dropped) expect(docsRules(q), q.cloze).toContain('no-subject');
    const kept = [
      cloze('Chalk supports 256 colors and Truecolor (16 million colors) on supported terminal apps.', '256', 'number'),
      cloze('Setting the value to an empty string disables persistent REPL history.', 'REPL'),
      cloze('Breaking changes must receive TSC review in addition to other requirements.', 'TSC'),
      cloze('Report version definitions are consistent across LTS releases.', 'LTS'),
      cloze('The TSC streams its meetings for public viewing on YouTube.', 'TSC'),
    ];
    for (const q of kept) expect(docsRules(q), q.cloze).toEqual([]);
    expect(opensOnVerb('Limit nested quantified extglobs and other risky repeated extglob forms.')).toBe(true);
  });

  it('asks a numeric default only of a setting that says what it counts or measures in', async () => {
    const questions = await generatedFrom(`# threads

## Options

Options:

* \`stackSizeMb\` {number} The default maximum stack size for the thread. Small values may lead to unusable Worker instances. **Default:** \`4\`.
* \`maxRetries\` {integer} The number of times the operation is retried before it gives up for good. **Default:** \`0\`.
* \`retryDelay\` {integer} The amount of time in milliseconds to wait between retries. **Default:** \`100\`.
* \`resourceLimits\` {Object} An optional set of resource limits for the new JS engine instance.
`);
    const prompts = questions.filter((q) => q.kind === 'number').map((q) => q.prompt);
    expect(prompts).toContain('What is the default amount of time in milliseconds to wait between retries?');
    expect(prompts).not.toContain('What is the default maximum stack size for the thread?');
  });

  it('reads a year after a name as a version, and asks a body only among names that say they are bodies', () => {
    expect(
      docsRules(
        cloze('Because ECMAScript 2026 is still under development, we are implementing features as they are finalized.', '2026', 'date'),
      ),
    ).toContain('version-year');
    expect(
      docsRules(
        cloze(
          'Optimization passes are run with Binaryen prior to publish to reduce the Web Assembly footprint.',
          'Web Assembly',
          'organization',
          ['Gary Court', 'Library Comparisons', 'Command Substitution'],
        ),
      ),
    ).toContain('not-a-body');
    expect(
      docsRules(
        cloze('The Node.js Build Working Group maintains infrastructure for full test coverage.', 'Build Working Group', 'organization', [
          'Release Team',
          'Technical Steering Committee',
          'Moderation Team',
        ]),
      ),
    ).toEqual([]);
    expect(
      docsRules(
        cloze('The name "git" was given by Linus Torvalds when he wrote the very first version.', 'Linus Torvalds', 'person', [
          'Public License',
          'Kirill Simonov',
          'John Wesley',
        ]),
      ),
    ).toContain('not-a-person');
    expect(
      docsRules(
        cloze('The name "git" was given by Linus Torvalds when he wrote the very first version.', 'Linus Torvalds', 'person', [
          'Kirill Simonov',
          'John Wesley',
          'Mathias Buus',
        ]),
      ),
    ).toEqual([]);
  });

  it('applies to files with code only: the same sentence in plain prose is still asked', async () => {
    const prose = 'Use the northern road to reach the harbour of Kirkwall before 1850 when the bridge opened.\n';
    const withCode = `${prose}\nRun \`make\` first.\n`;
    const years = (qs: Question[]) => qs.filter((q) => q.kind === 'date').map((q) => q.answer);
    expect(years(await generatedFrom(prose))).toContain('1850');
    expect(years(await generatedFrom(withCode))).not.toContain('1850');
  });
});

describe('rules from grading docs round 4 (after the held-out grading)', () => {
  it('reads `With this approach,` as leaning on the sentence before', () => {
    expect(
      opensUnresolved(
        'With this approach, you can configure approximately 80 packages within the 5-minute two-factor authentication skip window.',
      ),
    ).toBe(true);
    expect(opensUnresolved('With proper indexing, we have been able to achieve upward of 2000 queries per second.')).toBe(false);
  });

  it('does not blank a sentence about an everyday noun alone (`The name must …`: the name of what?)', () => {
    const cloze = (text: string, answer: string, kind: Question['kind']) => ({
      cloze: text.replace(answer, '_____'),
      answer,
      kind,
      wrong: null,
    });
    expect(docsRules(cloze('The name must be less than or equal to 214 characters.', '214', 'number'))).toContain('unresolved-subject');
    expect(docsRules(cloze('The code was mostly written by Sybren Stüvel.', 'Sybren Stüvel', 'person'))).toContain('unresolved-subject');
    expect(docsRules(cloze('The TSC streams its meetings for public viewing on YouTube.', 'TSC', 'acronym'))).toEqual([]);
  });

  it('reads an acronym part of a name in the initials of the prompt’s words (`TTL` by `time-to-live`)', () => {
    expect(
      askedRules('Which option is described as “The maximum time-to-live (in milliseconds) of the DNS cache”?', 'maxTTL', [
        'lookup',
        'maxItems',
        'storage',
      ]),
    ).toContain('gives-away');
  });

  it('offers flags without their values, and describes a wrapped cell with single spaces', async () => {
    const questions = await generatedFrom(`# node-gyp

node-gyp accepts the following command options:

| **Command** | **Description**
|:---|:---
| \`--target=v6.2.1\` | Node.js version to build for (default is \`process.version\`)
| \`--thin=yes\` | Enable thin static libraries
| \`--arch=$arch\` | Set target architecture (e.g. ia32)
| \`--ensure\` | Don't reinstall headers if already present
| \`--dist-url=$url\` | Download header tarball from custom URL
| \`--proxy=$url\` | Set HTTP(S) proxy for downloading header tarball
| \`--solution=$solution\` | Set Visual Studio Solution version (Windows only)
| \`--dry-run\` | Indicates that you don't want npm to make any changes and that it should       only report what it would have done
`);
    const names = questions.filter((q) => q.kind === 'term').flatMap((q) => [q.answer, ...(q.wrong ?? [])]);
    expect(names.length).toBeGreaterThan(0);
    for (const n of names) expect(n, n).not.toContain('=');
    const dryRun = questions.find((q) => q.answer === '--dry-run');
    expect(dryRun?.prompt).toBe(
      "Which option indicates that you don't want npm to make any changes and that it should only report what it would have done?",
    );
  });
});

/** The generated questions of a knowledge folder holding the files given (name → text). */
async function generatedFromFiles(files: Record<string, string>): Promise<Question[]> {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return buildBank(await KnowledgeBase.load(dir)).questions.filter((q) => q.origin === 'generated');
}

/** A reference of settings shaped like npm's config.md: a heading per setting, its Default and Type lines, then what it does. */
function settingsReference(settings: [name: string, defaultValue: string, description: string][]): string {
  const sections = settings.map(
    ([name, value, description]) => `#### \`${name}\`\n\n* Default: ${value}\n* Type: Boolean\n\n${description}\n`,
  );
  return `# Config\n\n### Config Settings\n\n${sections.join('\n')}`;
}

describe('rules from docs round 5 (tuned on every earlier set)', () => {
  it('reads a plain-text file with flags and dotted file names as technical docs, and blanks no key size there', async () => {
    const howto = [
      'Generating a key for the RSA algorithm is quite easy, all you have to do is the following:',
      '',
      '  openssl genpkey -des3 -paramfile prime256v1.pem -out private.key',
      '',
      '  openssl ecparam -genkey -name prime256v1 -out private.key',
      '',
      'The number 2048 is the size of the key, in bits.  Today, 2048 or higher is recommended for RSA keys, as fewer amount of bits is consider insecure or to be insecure pretty soon.',
      '',
    ].join('\n');
    expect([...technicalFiles([{ file: 'keys.txt', text: 'openssl genrsa -des3 -out privkey.pem 2048' }])]).toEqual(['keys.txt']);
    // A dash written `--` in prose is no flag.
    expect([...technicalFiles([{ file: 'story.txt', text: 'The harbour -- so the story goes -- opened in 1850.' }])]).toEqual([]);
    const questions = await generatedFromFiles({ 'keys.txt': howto });
    expect(questions.filter((q) => q.answer === '2048').map((q) => q.prompt)).toEqual([]);
  });

  it('blanks only strong kinds in technical docs: a person or body, or a number with its unit after it', () => {
    const cloze = (text: string, answer: string, kind: Question['kind']) => ({ cloze: text.replace(answer, '_____'), answer, kind });
    expect(docsKindRules(cloze('The number 2048 is the size of the key, in bits.', '2048', 'number'))).toEqual(['weak-in-docs']);
    expect(docsKindRules(cloze('The type of package described by the generated SBOM.', 'SBOM', 'acronym'))).toEqual(['weak-in-docs']);
    expect(docsKindRules(cloze('Visual Studio 2019 and later will detect the CMake configuration.', '2019', 'date'))).toEqual([
      'weak-in-docs',
    ]);
    expect(docsKindRules(cloze('For IPv6, the minimum MTU is 1280 octets.', '1280', 'number'))).toEqual([]);
    expect(
      docsKindRules(cloze('First, Python 2.6 stopped receiving security patches since October 2013.', 'October 2013', 'date')),
    ).toEqual([]);
    expect(docsKindRules(cloze('Chalk supports 256 colors and Truecolor on supported terminal apps.', '256', 'number'))).toEqual([]);
    expect(
      docsKindRules(cloze('The Node.js Build Working Group maintains infrastructure.', 'Build Working Group', 'organization')),
    ).toEqual([]);
  });

  it('blanks no number that is a code rather than a quantity, and no date of an example, in technical docs', () => {
    const cloze = (text: string, answer: string, kind: Question['kind']) => ({ cloze: text.replace(answer, '_____'), answer, kind });
    // Round 7: an HTTP status code read as a count (`how many responses`), a made-up scenario's date asked twice.
    expect(
      docsKindRules(
        cloze(
          'The Vite dev server does hard caching of pre-bundled dependencies and implements fast 304 responses for source code.',
          '304',
          'number',
        ),
      ),
    ).toEqual(['code-number']);
    expect(docsKindRules(cloze('The proxy listens on port 8080 by default.', '8080', 'number'))).toEqual(['code-number']);
    expect(docsKindRules(cloze('The server answers with HTTP 404 pages for missing files.', '404', 'number'))).toEqual(['code-number']);
    expect(docsKindRules(cloze('Rider 123 pings the server on January 1, 2024 within the 00:00 hour.', 'January 1, 2024', 'date'))).toEqual(
      ['example-date'],
    );
    expect(docsKindRules(cloze('For example, the key was last written on March 3, 2021 by the replica.', 'March 3, 2021', 'date'))).toEqual(
      ['example-date'],
    );
    // A limit with its unit stays a quantity, a release date stays a fact.
    expect(docsKindRules(cloze('Each message is limited to 512 bytes before it is split.', '512', 'number'))).toEqual([]);
    expect(
      docsKindRules(cloze('First, Python 2.6 stopped receiving security patches since October 2013.', 'October 2013', 'date')),
    ).toEqual([]);
  });

  it('asks a name met in prose without code (`The Chain middleware …`) only with three siblings of its sort in the folder', async () => {
    // Round 7's Traefik pages (tuning material now): one middleware a page, each named in prose, with a config example.
    const page = (title: string, line: string) =>
      `# ${title}\n\n${line}\n\n\`\`\`yaml\nhttp:\n  middlewares:\n    test-${title.toLowerCase()}: {}\n\`\`\`\n`;
    const pages = {
      'chain.md': page('Chain', 'The Chain middleware enables you to define reusable combinations of other pieces of middleware.'),
      'addprefix.md': page('AddPrefix', 'The AddPrefix middleware updates the path of a request before forwarding it.'),
      'grpcweb.md': page(
        'GrpcWeb',
        'The GrpcWeb middleware converts gRPC Web requests to HTTP/2 gRPC requests before forwarding them to the backends.',
      ),
      'retry.md': page(
        'Retry',
        'The Retry middleware reissues requests a given number of times when it cannot contact the backend service.',
      ),
    };
    const asked = (await generatedFromFiles(pages)).filter((q) => q.answer === 'Chain');
    expect(asked.map((q) => q.prompt)).toEqual([
      'Which middleware enables you to define reusable combinations of other pieces of middleware?',
    ]);
    expect([asked[0]!.answer, ...(asked[0]!.wrong ?? [])].sort()).toEqual(['AddPrefix', 'Chain', 'GrpcWeb', 'Retry']);
    // Two siblings are too few to pick among: no question.
    const fewer = { 'chain.md': pages['chain.md'], 'addprefix.md': pages['addprefix.md'], 'retry.md': pages['retry.md'] };
    expect((await generatedFromFiles(fewer)).filter((q) => q.answer === 'Chain')).toEqual([]);
  });

  it('reads a settings reference whose names repeat once (a deprecated alias), asking neither of the pair', async () => {
    const questions = await generatedFrom(
      settingsReference([
        [
          'allow-same-version',
          'false',
          'Prevents throwing an error when npm version is used to set the new version to the same value as the current version.',
        ],
        ['noproxy', 'false', 'Domain extensions that should bypass any proxies.'],
        [
          'force',
          'false',
          'Removes various protections against unfortunate side effects, common mistakes, unnecessary performance degradation, and malicious input.',
        ],
        [
          'dry-run',
          'false',
          "Indicates that you don't want npm to make any changes and that it should only report what it would have done.",
        ],
        [
          'fund',
          'true',
          'When "true" displays the message at the end of each install acknowledging the number of dependencies looking for funding.',
        ],
        [
          'global',
          'false',
          'Operates in global mode, so that packages are installed into the prefix folder instead of the current working directory.',
        ],
        ['json', 'false', 'Whether or not to output JSON data, rather than the normal output.'],
        ['link', 'false', 'Used with npm ls, limiting output to only those packages that are linked.'],
        ['offline', 'false', 'Force offline mode: no network requests will be done during install.'],
        ['init-license', 'false', 'The value npm init should use by default for the package license.'],
        ['init.license', 'false', 'Alias for init-license.'],
      ]),
    );
    const answers = questions.map((q) => q.answer);
    expect(answers).toContain('force');
    expect(answers).toContain('dry-run');
    expect(answers).not.toContain('init-license');
    expect(answers).not.toContain('init.license');
    // A section opening on what the setting is, asked in quotes.
    expect(questions.find((q) => q.answer === 'noproxy')?.prompt).toBe(
      'Which setting is described as “Domain extensions that should bypass any proxies”?',
    );
    // Ten of eleven are false by default: only the odd one out is asked (`Which of these settings is true by default?`).
    const defaults = questions.filter((q) => /by default\?$/.test(q.prompt));
    expect(defaults.map((q) => [q.prompt, q.answer])).toEqual([['Which of these settings is true by default?', 'fund']]);
  });

  it('asks one description once though two files name it (a setting and its flag)', async () => {
    const says = "Indicates that you don't want npm to make any changes and that it should only report what it would have done.";
    const flags = ['--access', '--workspaces', '--include-workspace-root', '--otp']
      .map((f) => `* \`${f}\`: Sets the ${f.slice(2)} of the package for the registry in every command it runs.`)
      .join('\n');
    const questions = await generatedFromFiles({
      'config.md': settingsReference([
        ['dry-run', 'false', says],
        [
          'force',
          'false',
          'Removes various protections against unfortunate side effects, common mistakes, unnecessary performance degradation, and malicious input.',
        ],
        [
          'global',
          'false',
          'Operates in global mode, so that packages are installed into the prefix folder instead of the current working directory.',
        ],
        ['offline', 'false', 'Force offline mode: no network requests will be done during install.'],
      ]),
      'stage.md': `# npm stage\n\n## Options\n\n${flags}\n* \`--dry-run\`: ${says}\n`,
    });
    expect(questions.filter((q) => /only report what it would have done\?$/.test(q.prompt))).toHaveLength(1);
  });

  it('offers no wrong choice its own definition calls the same sort of thing (two HTTP clients)', async () => {
    const readme = (name: string, definition: string) => `# ${name}\n\n${definition}\n`;
    const questions = await generatedFromFiles({
      'urllib3.md': readme('urllib3', 'urllib3 is a powerful, user-friendly HTTP client for Python that many packages depend on.'),
      'httplib2.md': readme(
        'httplib2',
        'httplib2 is a comprehensive HTTP client library that supports many features left out of other HTTP libraries.',
      ),
      'rsa.md': readme('rsa', 'rsa is a pure-Python implementation of the RSA algorithm for encryption and signatures.'),
      'six.md': readme('six', 'six is a small library of helpers for writing code that runs on Python 2 and Python 3.'),
      'pyasn1.md': readme('pyasn1', 'pyasn1 is a generic implementation of ASN.1 types and codecs written in pure Python.'),
    });
    const q = questions.find((x) => x.answer === 'urllib3');
    expect(q?.wrong ?? []).not.toContain('httplib2');
  });

  it('reads a name its prompt spells by a stem (`libnpmpack` by `packing`) as given away', () => {
    expect(askedRules('What is a Node.js library for programmatically packing tarballs?', 'libnpmpack')).toContain('gives-away');
    expect(askedRules('What is a library for publishing and unpublishing npm packages?', 'libnpmpublish')).toContain('gives-away');
    expect(askedRules('What is a Node.js library for programmatically packing tarballs?', 'pacote')).toEqual([]);
  });

  it('takes no plural of an everyday word for a defined name (`Values are an integer number …`)', async () => {
    const questions = await generatedFromFiles({
      'colors.txt': 'Values are an integer number that specifies what color to use in the terminal for each kind of entry.\n',
    });
    expect(questions.map((q) => q.answer)).not.toContain('Values');
  });
});

describe('rules from docs round 6 (tuned on the earlier sets only)', () => {
  /** Real settings of npm's config.md (tuning material), most false by default. */
  const NPM_SETTINGS: [string, string, string][] = [
    ['audit', 'true', 'When "true" submit audit reports alongside the current npm command to the default registry.'],
    ['bin-links', 'true', 'Tells npm to create symlinks (or .cmd shims on Windows) for package executables.'],
    ['fund', 'true', 'When "true" displays the message at the end of each install acknowledging the number of dependencies.'],
    ['strict-ssl', 'true', 'Whether or not to do SSL key validation when making requests to the registry via https.'],
    ['dry-run', 'false', "Indicates that you don't want npm to make any changes and that it should only report what it would have done."],
    [
      'force',
      'false',
      'Removes various protections against unfortunate side effects, common mistakes, unnecessary performance degradation, and malicious input.',
    ],
    [
      'global',
      'false',
      'Operates in global mode, so that packages are installed into the prefix folder instead of the current working directory.',
    ],
    ['json', 'false', 'Whether or not to output JSON data, rather than the normal output.'],
    ['offline', 'false', 'Force offline mode: no network requests will be done during install.'],
    ['link', 'false', 'Used with npm ls, limiting output to only those packages that are linked.'],
    ['parseable', 'false', 'Output parseable results from commands that write to standard output.'],
    [
      'save-exact',
      'false',
      "Dependencies saved to package.json will be configured with an exact version rather than using npm's default semver range operator.",
    ],
    ['ignore-scripts', 'false', 'If true, npm does not run scripts specified in package.json files.'],
  ];

  it('asks `Which of these settings is true by default?` once a quiz from one list, though --all lists each', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'config.md'), settingsReference(NPM_SETTINGS));
    const bank = buildBank(await KnowledgeBase.load(dir));
    const all = bank.questions.filter((q) => q.prompt === 'Which of these settings is true by default?');
    expect(all.map((q) => q.answer).sort()).toEqual(['audit', 'bin-links', 'fund', 'strict-ssl']);
    for (const seed of ['r6a', 'r6b', 'r6c', 'r6d']) {
      const quiz = bank.draw({ seed, count: 20, choicesOnly: true });
      expect(quiz.filter((q) => /by default\?$/.test(q.prompt)).length).toBeLessThanOrEqual(1);
    }
  });

  it('takes a setting its own section calls deprecated or an alias as neither the answer nor a wrong choice (`dev`, `shrinkwrap`)', async () => {
    const deprecated = [
      '#### `dev`\n\n* Default: false\n* Type: Boolean\n* DEPRECATED: Please use --include=dev instead.\n\nAlias for `--include=dev`.\n',
      '#### `shrinkwrap`\n\n* Default: true\n* Type: Boolean\n* DEPRECATED: Use the --package-lock setting instead.\n\nAlias for --package-lock\n',
    ].join('\n');
    const questions = await generatedFrom(`${settingsReference(NPM_SETTINGS)}\n${deprecated}`);
    expect(questions.length).toBeGreaterThan(0);
    for (const q of questions) {
      expect(q.answer).not.toMatch(/^(?:dev|shrinkwrap)$/);
      expect(q.wrong ?? []).not.toContain('dev');
      expect(q.wrong ?? []).not.toContain('shrinkwrap');
    }
    // An option list item that says it is deprecated (`(deprecated) …`) is left out the same way.
    const items = await generatedFrom(
      [
        '# picomatch',
        '',
        '## Options',
        '',
        '- `dot`: Match dotfiles. Otherwise dotfiles are ignored unless a `.` is explicitly defined in the pattern.',
        '- `nocase`: Make matching case-insensitive. Equivalent to the regex `i` flag.',
        '- `nonegate`: Disable support for negating with leading `!`.',
        '- `noglobstar`: Disable support for matching nested directories with globstars (`**`).',
        '- `unescape`: (deprecated) Remove backslashes preceding escaped characters in the glob pattern.',
        '',
      ].join('\n'),
    );
    expect(items.some((q) => q.answer === 'unescape' || (q.wrong ?? []).includes('unescape'))).toBe(false);
  });

  it('reads a name spelt by the starts of neighbouring words as given away (`preid`, `hires`)', () => {
    expect(
      askedRules(
        'Which setting is described as “The "prerelease identifier" to use as a prefix for the "prerelease" part of a semver”?',
        'preid',
      ),
    ).toContain('gives-away');
    expect(askedRules('Which option sets whether the mapping should be high-resolution?', 'hires')).toContain('gives-away');
    // Starts that do not spell all of it give nothing away.
    expect(askedRules('Which setting is described as “Domain extensions that should bypass any proxies”?', 'noproxy')).toEqual([]);
  });
});

describe('a sentence that names its subject in code and says what sort of name it is (docs round 6)', () => {
  /** Real sentences of Node.js's worker_threads.md and child_process.md under /usr/share/doc (tuning material). */
  const WORKER = [
    '# Worker threads',
    '',
    '## Class: `Worker`',
    '',
    "The `'error'` event is emitted if the worker thread throws an uncaught exception. In that case, the worker is terminated.",
    '',
    "The `'message'` event is emitted when the worker thread has invoked `require('node:worker_threads').parentPort.postMessage()`.",
    '',
    "The `'messageerror'` event is emitted when deserializing a message failed.",
    '',
    "The `'online'` event is emitted when the worker thread has started executing JavaScript code.",
    '',
  ].join('\n');

  it('asks `Which event is emitted when …?` with the same file’s other events as wrong choices', async () => {
    const questions = await generatedFrom(WORKER);
    const q = questions.find((x) => x.answer === "'online'");
    expect(q?.prompt).toBe('Which event is emitted when the worker thread has started executing JavaScript code?');
    expect([...q!.wrong!].sort()).toEqual(["'error'", "'message'", "'messageerror'"]);
    expect(questionRules(q!)).toEqual([]);
    // Code in what is said (`require(…).postMessage()`) is no prompt.
    expect(questions.some((x) => x.answer === "'message'")).toBe(false);
  });

  it('leaves out negatives, history, a call’s argument, a product name and a sibling that says the same', async () => {
    const questions = await generatedFrom(
      [
        '# Child process',
        '',
        '## Class: `ChildProcess`',
        '',
        "The `'close'` event is emitted after a process has ended _and_ the stdio streams of a child process have been closed.",
        '',
        "The `'disconnect'` event is emitted after calling the `subprocess.disconnect()` method in parent process.",
        '',
        "The `'exit'` event may or may not fire after an error has occurred.",
        '',
        "The `'exit'` event is emitted after the child process ends.",
        '',
        "The `'message'` event is triggered when a child process uses `process.send()` to send messages.",
        '',
        "The `'spawn'` event is emitted once the child process has spawned successfully.",
        '',
        'The `type` argument is only available on Windows and ignored on other platforms.',
        '',
        'The `stream.pause()` method was advisory, rather than guaranteed.',
        '',
        'The Node.js event loop no longer having any additional work to perform.',
        '',
      ].join('\n'),
    );
    const prompts = questions.map((q) => q.prompt);
    expect(prompts.filter((p) => /may or may not|was advisory|only available on Windows|event loop/.test(p))).toEqual([]);
    // `'close'` fits `emitted after the child process ends` too: the question is not asked with it as a wrong choice.
    for (const q of questions.filter((x) => x.answer === "'exit'")) expect(q.wrong ?? []).not.toContain("'close'");
  });
});

describe('flags written by their short and long names, and tables with empty cells (docs round 6)', () => {
  it('asks a flag by its long name when its cell gives both (`-q, --quiet`), and offers long names', async () => {
    // dotenv's README (docs-dev corpus, tuning material).
    const questions = await generatedFrom(
      [
        '# dotenv',
        '',
        '#### Options',
        '',
        '| Option | Description |',
        '| --- | --- |',
        '| `-f, --file <paths>` | Load one or more files. Repeat the flag or separate paths with commas. Defaults to `.env`. |',
        '| `-q, --quiet` | Suppress the injected environment variables message. |',
        '| `--debug` | Enable debug logging. |',
        '| `--override` | Overwrite existing environment variables. When loading multiple files, the last value wins. |',
        '| `-h, --help` | Show help. Also available as `dotenv --help`. |',
        '',
      ].join('\n'),
    );
    const q = questions.find((x) => /suppresses the injected environment variables message/.test(x.prompt));
    expect(q?.answer).toBe('--quiet');
    for (const w of q!.wrong!) expect(w).toMatch(/^--[a-z]+$/);
  });

  it('keeps a table row whose empty cell is left out in the same list as the full rows', async () => {
    // npm's npm-stage.md flags (tuning material): `--workspace` has no default, so its row has one cell fewer.
    const row = (flag: string, def: string, type: string, description: string) => `| \`${flag}\` | ${def} | ${type} | ${description} |`;
    const questions = await generatedFrom(
      [
        '# npm-stage',
        '',
        '### Flags',
        '',
        '| Flag | Default | Type | Description |',
        '| --- | --- | --- | --- |',
        row(
          '--tag',
          '"latest"',
          'String',
          "If you ask npm to install a package and don't tell it a specific version, then it will install the specified tag.",
        ),
        row('--otp', 'null', 'null or String', 'This is a one-time password from a two-factor authenticator.'),
        row(
          '--workspace',
          '',
          'String (can be set multiple times)',
          'Enable running a command in the context of the configured workspaces of the current project.',
        ),
        row(
          '--dry-run',
          'false',
          'Boolean',
          "Indicates that you don't want npm to make any changes and that it should only report what it would have done.",
        ),
        '',
      ].join('\n'),
    );
    const q = questions.find((x) => x.answer === '--dry-run');
    expect(q?.prompt).toBe(
      "Which flag indicates that you don't want npm to make any changes and that it should only report what it would have done?",
    );
    expect([...q!.wrong!].sort()).toEqual(['--otp', '--tag', '--workspace']);
  });
});

describe('a list named by its lead-in’s plural (docs round 6)', () => {
  it('asks which code of `the following error codes` a line describes, and takes no sort of name from `the following topics`', async () => {
    // Node.js's dns.md and npm's npm.md (tuning material).
    const questions = await generatedFrom(
      [
        '# DNS',
        '',
        '## Error codes',
        '',
        'Each DNS query can return one of the following error codes:',
        '',
        '* `dns.NODATA`: DNS server returned an answer with no data.',
        '* `dns.FORMERR`: DNS server claims query was misformatted.',
        '* `dns.SERVFAIL`: DNS server returned general failure.',
        '* `dns.NOTFOUND`: Domain name not found.',
        '* `dns.NOTIMP`: DNS server does not implement the requested operation.',
        '',
        '# npm',
        '',
        '## Introduction',
        '',
        'You probably got npm because you want to install stuff. Use `npm help` to learn about some of the following topics:',
        '',
        '* adduser: Create an account or log in.',
        '* access: Set access level on published packages.',
        '* deprecate: Deprecate a version of a package.',
        '* dist-tag: Modify package distribution tags.',
        '',
      ].join('\n'),
    );
    const q = questions.find((x) => x.answer === 'dns.FORMERR');
    expect(q?.prompt).toBe('Which code is described as “DNS server claims query was misformatted”?');
    expect(questions.filter((x) => /^Which topic /.test(x.prompt))).toEqual([]);
  });
});

describe('after the round-6 held-out grading (its lines; fixes not measured on a fresh set)', () => {
  it('reads a list of `--name` flags as flags whatever its lead-in says, dotted names included', async () => {
    // Prometheus's storage.md (round-6 held-out, after its grading).
    const questions = await generatedFrom(
      [
        '# Storage',
        '',
        '## Operational aspects',
        '',
        'Prometheus has several flags that configure local storage. The most important are:',
        '',
        '- `--storage.tsdb.path`: Where Prometheus writes its database. Defaults to `data/`.',
        '- `--storage.tsdb.retention.time`: When to remove old data. Defaults to `15d`.',
        '- `--storage.tsdb.retention.size`: The maximum number of bytes of storage blocks to retain.',
        '- `--storage.tsdb.retention`: Deprecated in favor of `storage.tsdb.retention.time`.',
        '- `--storage.tsdb.wal-compression`: Enables compression of the write-ahead log (WAL).',
        '',
      ].join('\n'),
    );
    const q = questions.find((x) => x.answer === '--storage.tsdb.retention.size');
    expect(q?.prompt).toBe('Which flag is described as “The maximum number of bytes of storage blocks to retain”?');
    // The deprecated flag is no wrong choice.
    expect(q!.wrong).not.toContain('--storage.tsdb.retention');
  });

  it('offers the flags of the folder’s other pages when a command’s page lists fewer than four', async () => {
    // Docker's container_cp.md and container_exec.md (round-6 held-out, after its grading).
    const table = (rows: [string, string][]) =>
      ['| Name | Type | Default | Description |', '|:--|:--|:--|:--|', ...rows.map(([n, d]) => `| ${n} |  |  | ${d} |`)].join('\n');
    const questions = await generatedFromFiles({
      'container_cp.md': `# cp\n\n### Options\n\n${table([
        ['`-a`, `--archive`', 'Archive mode (copy all uid/gid information)'],
        ['`-L`, `--follow-link`', 'Always follow symbol link in SRC_PATH'],
        ['`-q`, `--quiet`', 'Suppress progress output during copy. Progress output is automatically suppressed if no terminal is attached'],
      ])}\n`,
      'container_exec.md': `# exec\n\n### Options\n\n${table([
        ['`-d`, `--detach`', 'Detached mode: run command in the background'],
        ['`--privileged`', 'Give extended privileges to the command'],
        ['`-t`, `--tty`', 'Allocate a pseudo-TTY'],
        ['`-u`, `--user`', 'Username or UID'],
      ])}\n`,
    });
    const q = questions.find((x) => x.answer === '--quiet');
    expect(q?.prompt).toBe('Which option suppresses progress output during copy?');
    for (const w of q!.wrong!) expect(['--archive', '--follow-link', '--detach', '--privileged', '--tty', '--user']).toContain(w);
  });
});

describe('docs round 7 (tuned on the earlier sets, round 6’s held-out pages included)', () => {
  const table = (rows: [string, string][]) =>
    ['| Name | Type | Default | Description |', '|:--|:--|:--|:--|', ...rows.map(([n, d]) => `| ${n} |  |  | ${d} |`)].join('\n');

  it('leaves out a description whose word only its `(e.g. …)` aside explains, and keeps its siblings', async () => {
    // Docker's container_logs.md (round-6 held-out): `or relative (e.g. 42m …)` read `… a timestamp or relative`.
    const questions = await generatedFrom(
      `# logs\n\n### Options\n\n${table([
        ['`--details`', 'Show extra details provided to logs'],
        ['`-f`, `--follow`', 'Follow log output'],
        ['`-n`, `--tail`', 'Number of lines to show from the end of the logs'],
        ['`-t`, `--timestamps`', 'Show timestamps'],
        ['`--until`', 'Show logs before a timestamp (e.g. `2013-01-02T13:23:37Z`) or relative (e.g. `42m` for 42 minutes)'],
      ])}\n`,
    );
    expect(questions.some((q) => q.answer === '--until')).toBe(false);
    expect(questions.find((q) => q.answer === '--tail')?.prompt).toBe(
      'Which option is described as “Number of lines to show from the end of the logs”?',
    );
  });

  /** A page of Docker's command reference (round-6 held-out): the command as its title, what it does as its first line. */
  const commandPage = (name: string, line: string) =>
    `# ${name}\n\n<!---MARKER_GEN_START-->\n${line}\n\n### Aliases\n\n\`docker ${name}\`\n`;

  it('asks which command a command page’s first line describes, the folder’s other command pages as choices', async () => {
    const questions = await generatedFromFiles({
      'container_attach.md': commandPage('attach', 'Attach local standard input, output, and error streams to a running container'),
      'container_cp.md': commandPage('cp', 'Copy files/folders between a container and the local filesystem'),
      'container_diff.md': commandPage('diff', "Inspect changes to files or directories on a container's filesystem"),
      'container_kill.md': commandPage('kill', 'Kill one or more running containers'),
      'container_logs.md': commandPage('logs', 'Fetch the logs of a container'),
    });
    const q = questions.find((x) => x.answer === 'diff');
    expect(q?.prompt).toBe("Which command inspects changes to files or directories on a container's filesystem?");
    for (const w of q!.wrong!) expect(['attach', 'cp', 'kill', 'logs']).toContain(w);
    // A line its command's name repeats (`Kill …`, `Fetch the logs …`) gives the answer away.
    expect(questions.some((x) => x.answer === 'kill' || x.answer === 'logs')).toBe(false);
  });

  it('asks no command question from fewer than four command pages, nor from a page whose title is not its file’s name', async () => {
    const few = await generatedFromFiles({
      'container_cp.md': commandPage('cp', 'Copy files/folders between a container and the local filesystem'),
      'container_diff.md': commandPage('diff', "Inspect changes to files or directories on a container's filesystem"),
      'container_kill.md': commandPage('kill', 'Kill one or more running containers'),
    });
    expect(few.some((q) => q.prompt.startsWith('Which command'))).toBe(false);
    const guides = await generatedFromFiles({
      'a.md': commandPage('diff', "Inspect changes to files or directories on a container's filesystem"),
      'b.md': commandPage('cp', 'Copy files/folders between a container and the local filesystem'),
      'c.md': commandPage('attach', 'Attach local standard input, output, and error streams to a running container'),
      'd.md': commandPage('logs', 'Fetch the logs of a container'),
    });
    expect(guides.some((q) => q.prompt.startsWith('Which command'))).toBe(false);
  });

  it('takes options named in the folder’s other pages when a page names fewer than four, events never', async () => {
    // Node.js's util.md and tls.md (/usr/share/doc/nodejs/api).
    const questions = await generatedFromFiles({
      'util.md': [
        '# Util',
        '',
        'The `sorted` option ensures that an object’s property insertion order does not impact the result of `util.inspect()`.',
        '',
        'The `numericSeparator` option adds an underscore every three digits to all numbers.',
        '',
        "The `'exit'` event is emitted once the worker has stopped and its event loop is gone.",
        '',
        "The `'online'` event is emitted when the worker thread has started executing JavaScript code.",
        '',
      ].join('\n'),
      'tls.md': [
        '# TLS',
        '',
        'The `ticketKeys` options is automatically shared between cluster module workers.',
        '',
        'The `clientCertEngine` option sets the name of an OpenSSL engine which can provide the client certificate.',
        '',
        "The `'secureConnect'` event is emitted after the handshake for a new connection has successfully completed.",
        '',
        "The `'keylog'` event is emitted when key material is generated or received by a connection to this server.",
        '',
      ].join('\n'),
    });
    const q = questions.find((x) => x.answer === 'numericSeparator');
    expect(q?.prompt).toBe('Which option adds an underscore every three digits to all numbers?');
    expect([...q!.wrong!].sort()).toEqual(['clientCertEngine', 'sorted', 'ticketKeys']);
    // Events belong to their page's object: a worker's `'exit'` takes no wrong choices from another page.
    expect(questions.some((x) => x.answer === "'exit'" || x.answer === "'online'")).toBe(false);
  });

  it('asks no named-subject question that says what its name cannot do', async () => {
    // Node.js's module.md (/usr/share/doc/nodejs/api).
    const questions = await generatedFrom(
      [
        '# Modules',
        '',
        'The `register()` method cannot be called from within the module that defines the hooks.',
        '',
        'The `findSourceMap()` method returns the source map of a file when source maps are enabled for it at start.',
        '',
        'The `syncBuiltinESMExports()` method updates all the live bindings for builtin ES Modules to match the CommonJS exports.',
        '',
        'The `createRequire()` method creates a require function that is used to load modules from the given file name.',
        '',
      ].join('\n'),
    );
    expect(questions.some((q) => q.answer === 'register()')).toBe(false);
  });
});

describe('after the round-7 held-out grading (its lines; fixes not measured on a fresh set)', () => {
  it('reads a list item that opens on a name in code and a verb as that name’s line, not one that says what it is', async () => {
    // Redis's sets.md (round-7 held-out, after its grading).
    const questions = await generatedFrom(
      [
        '# Redis sets',
        '',
        '## Basic commands',
        '',
        '* `SADD` adds a new member to a set.',
        '* `SREM` removes the specified member from the set.',
        '* `SISMEMBER` tests a string for set membership.',
        '* `SINTER` returns the set of members that two or more sets have in common (i.e., the intersection).',
        '* `SCARD` returns the size (a.k.a. cardinality) of a set.',
        '* `SMISMEMBER` is the variadic form of the membership test.',
        '',
      ].join('\n'),
    );
    const q = questions.find((x) => x.answer === 'SREM');
    expect(q?.prompt).toBe('Which command removes the specified member from the set?');
    for (const w of q!.wrong!) expect(['SADD', 'SISMEMBER', 'SINTER', 'SCARD', 'SMISMEMBER']).toContain(w);
    expect(questions.some((x) => x.answer === 'SMISMEMBER')).toBe(false);
  });

  it('asks no named-subject question from what a name has', async () => {
    // Redis's strings.md (round-7 held-out, after its grading).
    const questions = await generatedFrom(
      [
        '# Redis Strings',
        '',
        'The `SET` command has interesting options, that are provided as additional arguments.',
        '',
        'The `GETSET` command sets a key to a new value, returning the old value as the result.',
        '',
        'The `INCRBY` command parses the string value as an integer and increments it by a given amount.',
        '',
        'The `MGET` command returns the values of all the given keys in one single round trip.',
        '',
      ].join('\n'),
    );
    expect(questions.some((x) => x.answer === 'SET')).toBe(false);
  });
});
