/** The pure Block Kit renderer: escaping, highlights, limits, and every quiz event. */
import { describe, expect, it } from 'vitest';
import { encodeActionId } from '../../src/core/bot/action-id.js';
import { ACTIONS } from '../../src/core/bot/types.js';
import type { QuizEvent } from '../../src/core/quiz/events.js';
import type { AnswerReply } from '../../src/core/search/types.js';
import { boldHighlights, cut, escapeMrkdwn } from '../../src/adapters/slack/mrkdwn.js';
import { render, renderQuiz } from '../../src/adapters/slack/render.js';
import { TOKYO } from './harness.js';

const citation = { file: 'a.md', title: 'A', section: null, paragraph: 1, lines: [1, 1] as [number, number], url: null };
const texts = (m: { blocks: unknown[] }) => JSON.stringify(m.blocks);

describe('mrkdwn', () => {
  it('escapes &, < and > and breaks bare broadcast mentions', () => {
    expect(escapeMrkdwn('a & <@U123> <!everyone> <https://x|y> @channel @Here')).toBe(
      'a &amp; &lt;@U123&gt; &lt;!everyone&gt; &lt;https://x|y&gt; @\u200Bchannel @\u200BHere',
    );
  });

  it('bolds highlight spans, merging overlaps, clamping to the text, keeping spaces outside the stars', () => {
    expect(boldHighlights('one two three', [{ start: 4, end: 7 }])).toBe('one *two* three');
    expect(boldHighlights('one two three', [{ start: 3, end: 8 }])).toBe('one *two* three');
    expect(
      boldHighlights('one two', [
        { start: 4, end: 99 },
        { start: 0, end: 3 },
        { start: 1, end: 2 },
      ]),
    ).toBe('*one* *two*');
    expect(boldHighlights('a<b', [{ start: 0, end: 3 }])).toBe('*a&lt;b*');
    expect(boldHighlights('abc', [{ start: 2, end: 1 }])).toBe('abc');
  });

  it('cuts with an ellipsis without leaving half an entity', () => {
    expect(cut('abcdef', 6)).toBe('abcdef');
    expect(cut('abcdef', 4)).toBe('abc…');
    expect(cut('ab &amp; cd', 6)).toBe('ab …');
  });
});

describe('answers', () => {
  it('omits the short answer and the link button when there are none', () => {
    const reply: AnswerReply = { ...TOKYO, answer: null, snippets: [{ ...TOKYO.snippets[0], citation }] };
    const message = render({ type: 'answer', visibility: 'public', answerId: 'id1', reply });
    expect(texts(message)).not.toContain('Answer:');
    expect(texts(message)).not.toContain('citebot.link');
    expect(texts(message)).toContain(ACTIONS.moreSources);
  });

  it('keeps every section within Slack’s 3,000 characters', () => {
    const long = 'word '.repeat(2000);
    const message = render({ type: 'notice', visibility: 'private', code: 'usage', text: long });
    const block = message.blocks[0] as { text: { text: string } };
    expect(block.text.text.length).toBe(3000);
    expect(block.text.text.endsWith('…')).toBe(true);
    expect(message.text.length).toBeLessThanOrEqual(3000);
  });

  it('lists at most ten sources', () => {
    const source = (i: number) => ({ ...TOKYO.snippets[0], code: [], passageId: `p${i}` });
    const snippets: AnswerReply['snippets'] = [source(0), ...Array.from({ length: 14 }, (_, i) => source(i + 1))];
    const message = render({ type: 'sources', visibility: 'private', reply: { ...TOKYO, snippets } });
    expect(message.blocks).toHaveLength(1 + 2 * 10);
  });

  it('escapes the question echoed in the sources heading', () => {
    const message = render({ type: 'sources', visibility: 'private', reply: { ...TOKYO, question: 'hi <!here>' } });
    expect(texts(message)).toContain('hi &lt;!here&gt;');
  });
});

describe('quiz events', () => {
  const question: QuizEvent = {
    type: 'question',
    sessionId: 's1',
    questionId: 'q7',
    number: 2,
    total: 5,
    prompt: 'Who met <@U1> in Tokyo?',
    choices: ['Gen Nakatani', 'Taro Kono', 'x'.repeat(100)],
    kind: 'person',
    seconds: 20,
    points: 10,
  };

  it('renders a multiple-choice question with one button per choice carrying questionId:index', () => {
    const message = renderQuiz(question);
    const actions = message.blocks.find((b) => b.type === 'actions') as {
      elements: { action_id: string; value: string; text: { text: string } }[];
    };
    expect(actions.elements.map((e) => [e.action_id, e.value])).toEqual([
      [encodeActionId(ACTIONS.quizChoice, 'q7:0'), 'q7:0'],
      [encodeActionId(ACTIONS.quizChoice, 'q7:1'), 'q7:1'],
      [encodeActionId(ACTIONS.quizChoice, 'q7:2'), 'q7:2'],
    ]);
    expect(actions.elements[0]!.text.text).toBe('A. Gen Nakatani');
    expect(actions.elements[2]!.text.text.length).toBe(75);
    expect(texts(message)).toContain('*Question 2/5* · 10 points · 20 s\\nWho met &lt;@U1&gt; in Tokyo?');
    expect(texts(message)).toContain('Press a button, or type its letter. Your first answer is locked in.');
  });

  it('labels a free-text question and tells players to type the answer in the channel', () => {
    const message = renderQuiz({ ...question, choices: null });
    expect(message.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(texts(message)).toContain('Free text question. Type your answer in the channel or in this thread');
  });

  it('shows the answer, who won, and the cited source after a question', () => {
    const message = renderQuiz({
      type: 'reveal',
      number: 2,
      answer: 'Gen Nakatani',
      reason: 'answered',
      winner: { player: 'Alice', playerId: 'UALICE', team: 'Red', points: 10 },
      citation: { ...citation, title: 'Tokyo visit', file: 'news/tokyo.md' },
      source: 'Hegseth met\nGen Nakatani.',
    });
    expect(texts(message)).toContain('*Answer 2:* Gen Nakatani\\n:trophy: Alice (Red) +10 points');
    expect(texts(message)).toContain('> Hegseth met Gen Nakatani.');
    expect(texts(message)).toContain('*Tokyo visit* · ¶ 1 · line 1 · `news/tokyo.md`');
    expect(texts(renderQuiz({ type: 'reveal', number: 1, answer: 'x', reason: 'timeout', winner: null, citation, source: 's' }))).toContain(
      "Time's up.",
    );
    expect(texts(renderQuiz({ type: 'reveal', number: 1, answer: 'x', reason: 'skipped', winner: null, citation, source: 's' }))).toContain(
      'Skipped.',
    );
    // Multiple choice: every player who picked right is named; all answered and none right is said so.
    const scorers = [
      { player: 'Alice', playerId: 'UALICE', team: null, points: 14 },
      { player: 'Bob', playerId: 'UBOB', team: null, points: 11 },
    ];
    expect(
      texts(
        renderQuiz({ type: 'reveal', number: 1, answer: 'x', reason: 'answered', winner: scorers[0]!, scorers, citation, source: 's' }),
      ),
    ).toContain(':trophy: Alice +14 points · also right: Bob +11');
    expect(
      texts(renderQuiz({ type: 'reveal', number: 1, answer: 'x', reason: 'answered', winner: null, scorers: [], citation, source: 's' })),
    ).toContain('Nobody picked the right answer.');
  });

  it('renders every other event with escaped names', () => {
    const teams = [{ name: 'Red', score: 20, players: ['<!channel>'] }];
    const players = [{ id: 'U1', name: '<!channel>', team: 'Red', score: 20, correct: 2 }];
    const settings = { count: 5, seconds: 20, mode: 'mc' as const, teams: ['Red', 'Blue'], hints: true, topic: 'tokyo', seed: null };
    const cases: [QuizEvent, string][] = [
      [
        { type: 'start', sessionId: 's', starter: 'Alice', settings, rules: ['First right answer wins.'] },
        '5 questions, 20 s each, multiple choice, teams Red, Blue, topic tokyo.\\n• First right answer wins.',
      ],
      [{ type: 'joined', player: 'Bob', playerId: 'U2', team: 'Blue' }, 'Bob joined team Blue.'],
      [{ type: 'hint', number: 1, hint: 'G__ N______', points: 7 }, '`G__ N______` (now 7 points)'],
      [{ type: 'answer', number: 1, player: 'Bob', playerId: 'U2', text: 'Kono', correct: false }, ':x: Bob: “Kono” is not it.'],
      [{ type: 'choice', number: 1, player: 'Bob', playerId: 'U2', choice: 1, accepted: true }, 'Bob, your answer B for question 1 is in.'],
      [{ type: 'choice', number: 1, player: 'Bob', playerId: 'U2', choice: 1, accepted: false }, 'not counted'],
      [
        { type: 'choice', number: 1, player: 'Bob', playerId: 'U2', choice: 1, accepted: true, correct: true },
        'Bob, your answer B for question 1 is in. It is right ✅',
      ],
      [
        { type: 'choice', number: 1, player: 'Bob', playerId: 'U2', choice: 0, accepted: true, correct: false },
        'Bob, your answer A for question 1 is in. It is not right ❌',
      ],
      [{ type: 'scores', teams, players }, '*Red* — 20 points (&lt;!channel&gt;)\\n1. &lt;!channel&gt; (Red) — 20 points, 2 correct'],
      [{ type: 'end', reason: 'stopped', teams: [], players: [] }, ':stop_sign: *Quiz stopped.*\\nNo scores yet.'],
      [
        { type: 'leaderboard', workspace: 'T1', entries: [{ playerId: 'U1', name: 'Alice', score: 50, wins: 2, games: 3 }] },
        '1. Alice — 50 points · 2 wins · 3 games',
      ],
    ];
    for (const [event, expected] of cases) expect(texts(renderQuiz(event))).toContain(expected);
  });
});
