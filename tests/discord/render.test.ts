import { ButtonStyle } from 'discord.js';
import { describe, expect, test } from 'vitest';
import { boldHighlights, LIMITS, reactionFor, renderReply, truncate } from '../../src/adapters/discord/render.js';
import { encodeActionId } from '../../src/core/bot/action-id.js';
import { ACTIONS, type BotReply } from '../../src/core/bot/types.js';
import type { QuizEvent } from '../../src/core/quiz/events.js';
import type { AnswerReply } from '../../src/core/search/types.js';
import { sampleAnswer } from './doubles.js';

const quiz = (event: QuizEvent): BotReply => ({ type: 'quiz', visibility: 'public', event });
const citation = { file: 'a.md', title: 'A', section: null, paragraph: 2, lines: [3, 3] as [number, number], url: 'https://example.org/a' };

/** Total characters Discord counts towards an embed's 6,000 limit. */
function embedSize(e: {
  title?: string;
  description?: string;
  footer?: { text: string };
  fields?: { name: string; value: string }[];
}): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

describe('highlights', () => {
  test('bolds highlighted spans and escapes the Markdown of every piece', () => {
    expect(boldHighlights('a *b* _c_ d', [{ start: 2, end: 5 }])).toBe('a **\\*b\\*** \\_c\\_ d');
  });

  test('merges overlapping and touching spans, keeps edge spaces outside, clamps out-of-range offsets', () => {
    expect(
      boldHighlights('one two three', [
        { start: 0, end: 3 },
        { start: 2, end: 7 },
      ]),
    ).toBe('**one two** three');
    expect(boldHighlights('one two', [{ start: 3, end: 7 }])).toBe('one **two**');
    expect(
      boldHighlights('one', [
        { start: -5, end: 99 },
        { start: 2, end: 2 },
      ]),
    ).toBe('**one**');
  });

  test('text that looks like a list, heading or link stays text', () => {
    expect(boldHighlights('# Title', [])).toBe('\\# Title');
    expect(boldHighlights('1. [x](http://e)', [])).toBe('1\\. \\[x](http://e)');
  });
});

describe('limits', () => {
  test('truncate cuts with … and never splits a surrogate pair', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 3)).toBe('abc');
    expect(truncate('ab😀cd', 4)).toBe('ab…');
  });

  test('a long answer is cut at the title limit and every payload disables mentions', () => {
    const long: AnswerReply = { ...sampleAnswer('q'), answer: 'x'.repeat(1000) };
    const msg = renderReply({ type: 'answer', visibility: 'public', answerId: 'id1', reply: long });
    expect(msg.embeds![0]!.title).toHaveLength(LIMITS.title);
    expect(msg.embeds![0]!.title!.endsWith('…')).toBe(true);
    expect(msg.allowedMentions).toEqual({ parse: [] });
    const notice = renderReply({ type: 'notice', visibility: 'private', code: 'usage', text: `@everyone ${'y'.repeat(3000)}` });
    expect(notice.content).toHaveLength(LIMITS.content);
    expect(notice.allowedMentions).toEqual({ parse: [] });
  });

  test('many long sources stay under the embed total of 6,000 characters', () => {
    const snippet = { ...sampleAnswer('q').snippets[0], text: '*'.repeat(400) };
    const reply: AnswerReply = { ...sampleAnswer('q'), snippets: [snippet, ...Array.from({ length: 29 }, () => snippet)] };
    const embed = renderReply({ type: 'sources', visibility: 'private', reply }).embeds![0]!;
    expect(embedSize(embed)).toBeLessThanOrEqual(LIMITS.embedTotal);
    expect(embed.fields!.length).toBeGreaterThan(1);
    expect(embed.fields!.every((f) => f.value.length <= LIMITS.fieldValue)).toBe(true);
  });
});

describe('answers', () => {
  test('one snippet: no More sources button; a url that is not http(s) gets no link button', () => {
    const base = sampleAnswer('q');
    const reply: AnswerReply = {
      ...base,
      snippets: [{ ...base.snippets[0], citation: { ...base.snippets[0].citation, url: 'javascript:alert(1)' } }],
    };
    const buttons = renderReply({ type: 'answer', visibility: 'public', answerId: 'id1', reply }).components![0]!.components;
    expect(buttons.map((b) => ('custom_id' in b ? b.custom_id : b.style))).toEqual([
      encodeActionId(ACTIONS.voteUp, 'id1'),
      encodeActionId(ACTIONS.voteDown, 'id1'),
    ]);
  });

  test('a citation without a section names the paragraph', () => {
    const base = sampleAnswer('q');
    const reply: AnswerReply = { ...base, snippets: [{ ...base.snippets[0], citation: { ...citation, title: 'T_1' } }] };
    const embed = renderReply({ type: 'answer', visibility: 'public', answerId: 'id1', reply }).embeds![0]!;
    expect(embed.fields).toEqual([{ name: 'Source', value: '**T\\_1**\na.md · paragraph 2 · line 3' }]);
  });
});

describe('quiz events', () => {
  test('a multiple-choice question has one button per choice carrying `questionId:index`', () => {
    const msg = renderReply(
      quiz({
        type: 'question',
        sessionId: 's',
        questionId: 'q7',
        number: 2,
        total: 5,
        prompt: 'Who met *Hegseth*?',
        choices: ['Nakatani', 'Ishiba', 'Kishida'],
        kind: 'person',
        seconds: 30,
        points: 10,
      }),
    );
    const embed = msg.embeds![0]!;
    expect(embed.title).toBe('Question 2/5');
    expect(embed.description).toBe('Who met \\*Hegseth\\*?\n\n**A.** Nakatani\n**B.** Ishiba\n**C.** Kishida');
    expect(msg.components![0]!.components).toEqual([
      expect.objectContaining({ custom_id: encodeActionId(ACTIONS.quizChoice, 'q7:0'), label: 'A. Nakatani', style: ButtonStyle.Primary }),
      expect.objectContaining({ custom_id: encodeActionId(ACTIONS.quizChoice, 'q7:1'), label: 'B. Ishiba' }),
      expect.objectContaining({ custom_id: encodeActionId(ACTIONS.quizChoice, 'q7:2'), label: 'C. Kishida' }),
    ]);
  });

  test('a free-text question has no buttons, is labelled so and says how to answer', () => {
    const msg = renderReply(
      quiz({
        type: 'question',
        sessionId: 's',
        questionId: 'q1',
        number: 1,
        total: 1,
        prompt: 'When?',
        choices: null,
        kind: 'date',
        seconds: 20,
        points: 5,
      }),
    );
    expect(msg.components ?? []).toEqual([]);
    expect(msg.embeds![0]!.title).toBe('Question 1/1 · free text');
    expect(msg.embeds![0]!.footer!.text).toBe('Type your answer in the channel (or use /quiz answer). 20 s · 5 points');
  });

  test('the reveal shows the answer, the winner, the cited source and its link', () => {
    const msg = renderReply(
      quiz({
        type: 'reveal',
        number: 3,
        answer: 'Gen Nakatani',
        reason: 'answered',
        winner: { player: 'Ann_B', playerId: '1', team: 'Red', points: 10 },
        citation,
        source: 'Hegseth met Gen Nakatani.',
      }),
    );
    const embed = msg.embeds![0]!;
    expect(embed.title).toBe('Answer 3: Gen Nakatani');
    expect(embed.description).toBe('🏆 **Ann\\_B** (Red) +10 points\n\n> Hegseth met Gen Nakatani.');
    expect(embed.fields![0]!.value).toBe('**A**\na.md · paragraph 2 · line 3');
    expect(msg.components![0]!.components[0]).toMatchObject({ style: ButtonStyle.Link, url: 'https://example.org/a' });
  });

  test('the end shows the winning team and the scores', () => {
    const msg = renderReply(
      quiz({
        type: 'end',
        reason: 'finished',
        teams: [
          { name: 'Red', score: 20, players: ['Ann'] },
          { name: 'Blue', score: 10, players: ['Bob'] },
        ],
        players: [
          { id: '1', name: 'Ann', team: 'Red', score: 20, correct: 2 },
          { id: '2', name: 'Bob', team: 'Blue', score: 10, correct: 1 },
        ],
      }),
    );
    const embed = msg.embeds![0]!;
    expect(embed).toMatchObject({ title: 'Quiz finished', description: 'Winner: **Red**' });
    expect(embed.fields).toEqual([
      { name: 'Teams', value: '**Red** — 20 (Ann)\n**Blue** — 10 (Bob)' },
      { name: 'Players', value: 'Ann (Red) — 20 · 2 correct\nBob (Blue) — 10 · 1 correct' },
    ]);
  });
});

describe('quiz events without the message-content intent', () => {
  const noTyping = { typedAnswers: false };
  const start = (mode: 'mc' | 'text'): BotReply =>
    quiz({
      type: 'start',
      sessionId: 's',
      starter: 'Ann',
      settings: { count: 1, seconds: 20, mode, teams: [], hints: true, topic: null, seed: null },
      rules: ['Type your answer in the channel.'],
    });

  test('the start says typed answers are not read, and how to answer instead', () => {
    expect(renderReply(start('text'), noTyping).embeds![0]!.description).toBe(
      '• Type your answer in the channel.\n\n⚠️ Answers typed in the channel are not read here: answer with `/quiz answer`.\n\nJoin with `/quiz join`.',
    );
    expect(renderReply(start('mc'), noTyping).embeds![0]!.description).toContain('not read here: press a button.');
    expect(renderReply(start('text')).embeds![0]!.description).not.toContain('not read here');
  });
});

describe('the end and the leaderboard', () => {
  const end = (teams: { name: string; score: number }[]): BotReply =>
    quiz({ type: 'end', reason: 'stopped', teams: teams.map((t) => ({ ...t, players: [] })), players: [] });

  test('nobody scored, a tie, a winner', () => {
    expect(
      renderReply(
        end([
          { name: 'Red', score: 0 },
          { name: 'Blue', score: 0 },
        ]),
      ).embeds![0],
    ).toMatchObject({ title: 'Quiz stopped', description: 'Nobody scored.' });
    expect(
      renderReply(
        end([
          { name: 'Red', score: 10 },
          { name: 'Blue', score: 10 },
        ]),
      ).embeds![0]!.description,
    ).toBe('Tie: **Red**, **Blue**');
    expect(
      renderReply(
        end([
          { name: 'R_d', score: 10 },
          { name: 'Blue', score: 5 },
        ]),
      ).embeds![0]!.description,
    ).toBe('Winner: **R\\_d**');
  });

  test('the leaderboard counts in words', () => {
    const entries = [
      { playerId: '1', name: 'Ann', score: 1, wins: 1, games: 1 },
      { playerId: '2', name: 'Bob', score: 0, wins: 0, games: 2 },
    ];
    expect(renderReply(quiz({ type: 'leaderboard', workspace: 'w', entries })).embeds![0]!.description).toBe(
      '1. **Ann** — 1 point · 1 win · 1 game\n2. **Bob** — 0 points · 0 wins · 2 games',
    );
    expect(renderReply(quiz({ type: 'leaderboard', workspace: 'w', entries: [] })).embeds![0]!.description).toBe('No games played yet.');
  });
});

describe('private replies to channel messages', () => {
  test('become reactions: ❌ wrong quiz answer, ⏳ rate limit, ⚠️ failure; others nothing', () => {
    expect(
      reactionFor({
        type: 'quiz',
        visibility: 'private',
        event: { type: 'answer', number: 1, player: 'A', playerId: '1', text: 'x', correct: false },
      }),
    ).toBe('❌');
    expect(reactionFor({ type: 'notice', visibility: 'private', code: 'rate-limited', text: '' })).toBe('⏳');
    expect(reactionFor({ type: 'notice', visibility: 'private', code: 'internal-error', text: '' })).toBe('⚠️');
    expect(reactionFor({ type: 'notice', visibility: 'private', code: 'quiz.not-running', text: '' })).toBeNull();
  });
});
