/** `citebot chat`: an interactive prompt over the same bot the chat platforms use. */
import { createInterface } from 'node:readline';
import type { Bot } from '../../core/bot/bot.js';
import type { BotReply, ReplyChannels } from '../../core/bot/types.js';
import { renderAnswer, type Style } from './render.js';

export function renderReply(reply: BotReply, style: Style): string {
  switch (reply.type) {
    case 'answer':
    case 'sources':
      return renderAnswer(reply.reply, style);
    case 'notice':
      return reply.text;
    case 'quiz':
      return JSON.stringify(reply.event);
  }
}

/** Reads questions until end of input or `/quit`. */
export async function chat(bot: Bot, input: NodeJS.ReadableStream, output: NodeJS.WritableStream, style: Style): Promise<void> {
  const rl = createInterface({ input, output, terminal: (output as NodeJS.WriteStream).isTTY === true });
  const write = async (r: BotReply) => void output.write(`${renderReply(r, style)}\n\n`);
  const io: ReplyChannels = { reply: write, post: write };
  output.write('citebot — ask a question about the knowledge (empty line for help, /quit to leave).\n');
  rl.setPrompt('> ');
  rl.prompt();
  for await (const line of rl) {
    const text = line.trim();
    if (text === '/quit' || text === '/exit') break;
    try {
      await bot.handle({ kind: 'message', text, addressed: true, place: { platform: 'cli', workspace: 'local', channel: 'terminal' }, user: { id: 'local', name: 'you' } }, io);
    } catch (err) {
      // One failed reply is reported, and the chat goes on.
      output.write(`Sorry, something went wrong with that question (${err instanceof Error ? err.message : String(err)}).\n\n`);
    }
    rl.prompt();
  }
  rl.close();
}
