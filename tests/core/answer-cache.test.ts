import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCitebot } from '../../src/core/app.js';
import type { BotReply, ReplyChannels } from '../../src/core/bot/types.js';
import { AnswerCache, type AnswerSource } from '../../src/core/search/answer-cache.js';
import type { AnswerReply } from '../../src/core/search/types.js';
import { tempDir, until } from '../helpers.js';

/** A source that answers with the question and context it was asked, and counts its calls. */
function countingSource(): AnswerSource & { calls: number } {
  const source = {
    calls: 0,
    answer(question: string, options: { context?: string } = {}): AnswerReply {
      source.calls++;
      return {
        question,
        abstained: true,
        reason: options.context ?? 'no context',
        reasonCode: 'no-match',
        answer: null,
        answerKind: null,
        confidence: 1,
        snippets: [],
      };
    },
  };
  return source;
}

describe('the answer cache', () => {
  it('works a question out once and answers it again from memory', () => {
    const source = countingSource();
    const cache = new AnswerCache(source);
    const first = cache.answer('When did Hegseth meet Nakatani?');
    expect(cache.answer('When did Hegseth meet Nakatani?')).toBe(first);
    expect(source.calls).toBe(1);
    expect([cache.hits, cache.misses]).toEqual([1, 1]);
  });

  it('never answers a follow-up resolved in another context, or with other options, from the same entry', () => {
    const source = countingSource();
    const cache = new AnswerCache(source);
    const a = cache.answer('and when was that?', { context: 'Hegseth Nakatani meeting' });
    const b = cache.answer('and when was that?', { context: 'Taiwan strait drills' });
    const c = cache.answer('and when was that?');
    const d = cache.answer('and when was that?', { context: 'Taiwan strait drills', explain: true });
    expect([a.reason, b.reason, c.reason, d.reason]).toEqual([
      'Hegseth Nakatani meeting',
      'Taiwan strait drills',
      'no context',
      'Taiwan strait drills',
    ]);
    expect(source.calls).toBe(4);
  });

  it('keeps at most its size, dropping the least recently used', () => {
    const source = countingSource();
    const cache = new AnswerCache(source, 2);
    cache.answer('one?');
    cache.answer('two?');
    cache.answer('one?'); // one is now the most recent
    cache.answer('three?'); // drops two
    cache.answer('one?');
    expect(source.calls).toBe(3);
    cache.answer('two?');
    expect(source.calls).toBe(4);
  });

  it('is dropped when the knowledge changes: the bot answers from the new text at once', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'office.md');
    writeFileSync(file, '# Office\n\nThe office opens at 8 am on weekdays.\n');
    const core = await createCitebot({ knowledgeDir: dir, dataDir: null });
    const replies: BotReply[] = [];
    const io: ReplyChannels = { reply: async (r) => void replies.push(r), post: async () => {} };
    const ask = async () => {
      await core.bot.handle(
        {
          kind: 'command',
          command: 'ask',
          options: { question: 'When does the office open?' },
          place: { platform: 'cli', workspace: 'w', channel: 'c' },
          user: { id: 'u', name: 'u' },
        },
        io,
      );
      const last = replies.at(-1);
      return last?.type === 'answer' ? (last.reply.snippets[0]?.text ?? '') : '';
    };
    try {
      expect(await ask()).toContain('8 am');
      writeFileSync(file, '# Office\n\nThe office opens at 9 am on weekdays.\n');
      await core.knowledge.refresh();
      // The index catches up a slice at a time; the first answer from the new text is the new one, never the cached 8 am.
      await until(async () => (await ask()).includes('9 am'), 5000, 'the answer from the new text');
    } finally {
      await core.close();
    }
  });
});
