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
import { questionRules } from '../../src/core/quiz/rules.js';
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
