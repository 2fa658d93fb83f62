/**
 * Code in answers: the sentence that introduces a code block brings the block into its snippet,
 * trimmed, and every front end shows it as code (terminal indented, Discord and Slack fenced)
 * without letting the code's own backticks close the block.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { plain, renderAnswer as renderCli } from '../../src/adapters/cli/render.js';
import { renderReply as renderDiscord } from '../../src/adapters/discord/render.js';
import { render as renderSlack } from '../../src/adapters/slack/render.js';
import { KnowledgeBase } from '../../src/core/knowledge/knowledge-base.js';
import { AnswerEngine } from '../../src/core/search/engine.js';
import { MAX_CODE_CHARS, MAX_CODE_LINES, trimCode } from '../../src/core/search/snippet.js';
import type { AnswerReply } from '../../src/core/search/types.js';
import { tempDir } from '../helpers.js';

const README = `# sqlite-lib

## Usage

Open a database file and run queries with prepared statements.

To enable WAL mode for better concurrency:

\`\`\`js
db.pragma('journal_mode = WAL'); // \`\`\` inside
\`\`\`

## License

MIT
`;

async function walAnswer(): Promise<AnswerReply> {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'sqlite-lib.md'), README);
  const engine = new AnswerEngine(await KnowledgeBase.load(dir));
  return engine.answer('How do I enable WAL mode?');
}

describe('a snippet whose sentence introduces code', () => {
  it('carries the code block with its language and lines', async () => {
    const reply = await walAnswer();
    expect(reply.snippets[0]).toMatchObject({
      text: 'To enable WAL mode for better concurrency:',
      code: [{ lang: 'js', text: "db.pragma('journal_mode = WAL'); // ``` inside", lines: [9, 11] }],
    });
  });

  it('is shown with its code in the terminal, Discord and Slack', async () => {
    const reply = await walAnswer();
    expect(renderCli(reply, plain)).toContain(
      "**WAL** **mode** for better concurrency:”\n\n    db.pragma('journal_mode = WAL'); // ``` inside\n— sqlite-lib",
    );
    const discord = renderDiscord({ type: 'answer', visibility: 'public', answerId: 'a1', reply });
    expect(discord.embeds![0]!.description).toMatch(/concurrency:\n```js\ndb\.pragma\('journal_mode = WAL'\); \/\/ `\u200B`` inside\n```$/);
    const slack = renderSlack({ type: 'answer', visibility: 'public', answerId: 'a1', reply });
    expect(JSON.stringify(slack.blocks)).toContain(JSON.stringify("```db.pragma('journal_mode = WAL'); // `\u200B`` inside```"));
  });
});

describe('trimming code for a reply', () => {
  it('keeps a short block as it is', () => {
    expect(trimCode('a();\nb();\n\n')).toBe('a();\nb();');
  });

  it('cuts a long block at a line end and marks the cut', () => {
    const long = Array.from({ length: 40 }, (_, i) => `line(${i});`).join('\n');
    const lines = trimCode(long).split('\n');
    expect(lines).toHaveLength(MAX_CODE_LINES + 1);
    expect(lines.at(-1)).toBe('…');
    const wide = trimCode(Array.from({ length: 10 }, () => 'x'.repeat(300)).join('\n'));
    expect(wide.length).toBeLessThanOrEqual(MAX_CODE_CHARS);
    expect(wide.endsWith('\n…')).toBe(true);
    expect(trimCode('y'.repeat(5000)).length).toBeLessThanOrEqual(MAX_CODE_CHARS);
  });
});
