/**
 * The terminal is safe from what the knowledge holds: escape sequences and control characters in
 * text and file names are shown escaped, highlighting never lands inside one, a newline in a file
 * name does not break the `index` listing; and the terminal's one user is not rate-limited.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chat } from '../../src/adapters/cli/chat.js';
import { main } from '../../src/adapters/cli/main.js';
import { ansi, citationLine, highlighted, plain } from '../../src/adapters/cli/render.js';
import { Bot } from '../../src/core/bot/bot.js';
import { ManualClock } from '../../src/core/clock.js';
import type { AnswerReply } from '../../src/core/search/types.js';
import { tempDir } from '../helpers.js';

const ESC = '\x1b';
/** Any raw control character other than the newlines and the bold/dim sequences the renderer writes itself. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

describe('escaping', () => {
  it('shows a title-setting sequence and colours from the knowledge escaped, with highlights outside them', () => {
    const text = `Hello ${ESC}]0;pwned\x07 and ${ESC}[31mred${ESC}[0m world`;
    const start = text.indexOf(']0;'); // a highlight that starts inside the escape sequence
    const out = highlighted(text, [{ start, end: start + 5 }], plain);
    expect(out).not.toMatch(RAW_CONTROL);
    expect(out).toContain('\\x1b**]0;pw**ned\\x07');
    expect(out).toContain('\\x1b[31mred\\x1b[0m');
    const styled = highlighted(text, [{ start, end: start + 5 }], ansi);
    // eslint-disable-next-line no-control-regex -- the renderer's own bold and dim sequences
    expect(styled.replace(/\x1b\[(1|22|2)m/g, '')).not.toMatch(RAW_CONTROL); // only the renderer's own bold remains
  });

  it('shows a newline or an escape in a file name and title escaped in the citation line', () => {
    const line = citationLine({
      file: `a\nb${ESC}[2J.md`,
      title: `T${ESC}]0;x\x07`,
      section: null,
      paragraph: 1,
      lines: [1, 1],
      url: null,
    });
    expect(line).not.toMatch(RAW_CONTROL);
    expect(line).not.toContain('\n');
    expect(line).toContain('a\\x0ab\\x1b[2J.md');
  });

  it('lists a file whose name holds a newline and an escape on one line in `citebot index`', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, `bad\nname${ESC}[2J.md`), 'The ferry to the island leaves at noon.\n');
    writeFileSync(path.join(dir, 'good.md'), `# Title ${ESC}]0;pwned\x07\n\nThe bakery sells rye bread on Fridays.\n`);
    let stdout = '';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
    try {
      await main(['node', 'citebot', '--knowledge', dir, '--data', tempDir(), 'index']);
    } finally {
      spy.mockRestore();
    }
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3); // the heading, then one line per file
    expect(stdout).not.toMatch(RAW_CONTROL);
    expect(lines[1]).toContain('bad\\x0aname\\x1b[2J.md');
  });
});

describe('the terminal chat', () => {
  afterEach(() => vi.restoreAllMocks());

  it('answers its single user however quickly they ask (no channel rate limit)', async () => {
    const reply: AnswerReply = {
      question: 'q',
      abstained: true,
      reason: 'nothing matches',
      reasonCode: 'no-match',
      answer: null,
      answerKind: null,
      confidence: 0,
      snippets: [],
    };
    const bot = new Bot({ answer: () => reply }, { clock: new ManualClock(), rateLimit: 5, rateWindowMs: 10_000 });
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (c: Buffer) => (printed += c.toString()));
    input.end(Array.from({ length: 12 }, (_, i) => `question ${i}?`).join('\n') + '\n');
    await chat(bot, { dir: 'knowledge', files: 1, passages: 1, skipped: [] }, input, output, plain);
    expect(printed.match(/I don't know/g)).toHaveLength(12);
    expect(printed).not.toContain('asking quickly');
  });
});
