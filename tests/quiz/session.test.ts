import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../../src/core/knowledge/knowledge-base.js';
import { buildBank } from '../../src/core/quiz/bank.js';
import { LETTERS } from '../../src/core/quiz/choices.js';
import { tempDir } from '../helpers.js';
import { actor, codeOf, eventOf, KNOWLEDGE_DIR, place, quizHarness } from './harness.js';

const ann = actor('Ann');
const bob = actor('Bob');
const cid = actor('Cid');
const dee = actor('Dee', { isAdmin: true });

describe('a quiz session through the controller', () => {
  it('plays two teams through multiple choice: joins, buttons, letters, hints, timeout, skip vote, stop, tables and awards', async () => {
    const h = await quizHarness();
    const start = eventOf(await h.command('start', ann, { questions: 6, seconds: 30, mode: 'mc', teams: 'Red, Blue', seed: 's6' }));
    expect(start).toMatchObject({
      type: 'start',
      starter: 'Ann',
      settings: { count: 6, seconds: 30, mode: 'mc', teams: ['Red', 'Blue'], hints: true, seed: 's6' },
    });
    if (start.type !== 'start') throw new Error();
    expect(start.rules.join(' ')).toMatch(/10 points.*speed.*Streak.*Hints.*Teams Red, Blue/);
    expect(codeOf(await h.command('start', bob))).toBe('quiz.already-running');

    // Joins: by name (any case), auto-balanced to the smallest team, refused twice or to an unknown team.
    expect(eventOf(await h.command('join', ann, { team: 'red' }))).toMatchObject({ type: 'joined', player: 'Ann', team: 'Red' });
    expect(eventOf(await h.command('join', bob))).toMatchObject({ type: 'joined', player: 'Bob', team: 'Blue' });
    expect(codeOf(await h.command('join', bob, { team: 'Red' }))).toBe('quiz.already-joined');
    expect(codeOf(await h.command('join', cid, { team: 'Green' }))).toBe('quiz.unknown-team');

    // Question 1 after the pause: a wrong press, a refused second press, then the right button 3 s in.
    expect(h.events('question')).toHaveLength(0);
    await h.advance(5000);
    const q1 = h.current();
    expect(q1).toMatchObject({ number: 1, total: 6, seconds: 30, points: 10 });
    expect(q1.choices).toHaveLength(4);
    const right1 = q1.choices!.indexOf(q1.q.answer);
    const wrong1 = (right1 + 1) % 4;
    expect(eventOf(await h.press(bob, `${q1.questionId}:${wrong1}`))).toMatchObject({ type: 'choice', accepted: true, correct: false });
    expect(eventOf(await h.press(bob, `${q1.questionId}:${right1}`))).toMatchObject({ type: 'choice', accepted: false });
    await h.advance(3000);
    expect(eventOf(await h.press(ann, `${q1.questionId}:${right1}`))).toMatchObject({ type: 'choice', accepted: true, correct: true });
    const reveal1 = h.events('reveal')[0]!;
    expect(reveal1).toMatchObject({
      number: 1,
      answer: q1.q.answer,
      reason: 'answered',
      winner: { player: 'Ann', team: 'Red', points: 10 + 5 /* speed: 4.5 rounds up */ },
    });
    expect(h.store.leaderboard('discord:g1')).toMatchObject([{ name: 'Ann', score: 15 }]);
    expect(codeOf(await h.press(cid, `${q1.questionId}:${right1}`))).toBe('quiz.expired');

    // Question 2: a timed hint at 10 s takes a wrong choice away and lowers the points; Bob types the letter.
    await h.advance(5000);
    const q2 = h.current();
    expect(q2.number).toBe(2);
    await h.advance(10_000);
    expect(h.events('hint').at(-1)).toMatchObject({ number: 2, points: 7, hint: expect.stringMatching(/^Not [A-D] /) });
    expect(await h.say(bob, 'lol this one is hard')).toBe(false);
    const letter = LETTERS[q2.choices!.indexOf(q2.q.answer)]!;
    expect(await h.say(bob, letter.toLowerCase())).toBe(true);
    expect(eventOf(h.replies.at(-1)!)).toMatchObject({ type: 'answer', player: 'Bob', correct: true });
    // A right answer does not close the question while a player has still to answer: each answer is locked in and counts.
    expect(h.events('reveal')).toHaveLength(1);
    const wrong2 =
      LETTERS[
        q2.choices!.findIndex(
          (c, i) => c !== q2.q.answer && !h.events('hint').some((e) => e.type === 'hint' && e.hint.startsWith(`Not ${LETTERS[i]} `)),
        )
      ]!;
    expect(await h.say(ann, wrong2)).toBe(true);
    expect(h.events('reveal')[1]).toMatchObject({
      reason: 'answered',
      winner: { player: 'Bob', team: 'Blue', points: 7 + 3 },
      scorers: [{ player: 'Bob', points: 10 }],
    });

    // Question 3: nobody answers; two hints, then the timeout reveals the answer with its citation and passage.
    await h.advance(5000);
    const q3 = h.current();
    await h.advance(30_000);
    expect(
      h
        .events('hint')
        .filter((e) => e.type === 'hint' && e.number === 3)
        .map((e) => e.type === 'hint' && e.points),
    ).toEqual([7, 4]);
    const reveal3 = h.events('reveal')[2]!;
    expect(reveal3).toMatchObject({ number: 3, answer: q3.q.answer, reason: 'timeout', winner: null, source: q3.q.source });
    expect(reveal3.type === 'reveal' && reveal3.citation).toMatchObject({
      file: 'us-japan-defense-2025.md',
      paragraph: expect.any(Number),
      lines: expect.any(Array),
    });
    expect(reveal3.type === 'reveal' && reveal3.source).toContain(reveal3.type === 'reveal' ? reveal3.answer : '');

    // Question 4: Cid joins by answering (to the smaller team); skip by a vote of more than half the players.
    await h.advance(5000);
    const q4 = h.current();
    const wrong4 = LETTERS[(q4.choices!.indexOf(q4.q.answer) + 1) % 4]!;
    expect(eventOf(await h.command('answer', cid, { text: wrong4 }))).toMatchObject({ type: 'answer', player: 'Cid', correct: false });
    expect(h.events('joined').at(-1)).toMatchObject({ player: 'Cid', team: 'Red' });
    expect(codeOf(await h.command('answer', cid, { text: wrong4 }))).toBe('quiz.already-answered');
    expect(codeOf(await h.command('skip', dee))).toBe('quiz.not-playing');
    const vote = await h.command('skip', bob);
    expect(vote).toMatchObject({
      type: 'notice',
      visibility: 'public',
      code: 'quiz.skip-vote',
      text: 'Bob votes to skip (1 of 2 needed).',
    });
    expect(eventOf(await h.command('skip', cid))).toMatchObject({ type: 'reveal', number: 4, reason: 'skipped', winner: null });

    // Question 5: a hint on demand; stop refused for a player, allowed for an admin; the tables.
    await h.advance(5000);
    expect(eventOf(await h.command('hint', bob))).toMatchObject({ type: 'hint', number: 5, points: 7 });
    // Multiple choice: a team scores its players' average (Red: Ann 15, Cid 0).
    expect(eventOf(await h.command('scores', bob))).toMatchObject({
      type: 'scores',
      teams: [
        { name: 'Blue', score: 10 },
        { name: 'Red', score: 8 },
      ],
    });
    expect(codeOf(await h.command('stop', bob))).toBe('quiz.not-allowed');
    const end = eventOf(await h.command('stop', dee));
    expect(end).toEqual({
      type: 'end',
      reason: 'stopped',
      teams: [
        { name: 'Blue', score: 10, players: ['Bob'] },
        { name: 'Red', score: 8, players: ['Ann', 'Cid'] },
      ],
      players: [
        { id: 'ann', name: 'Ann', team: 'Red', score: 15, correct: 1 },
        { id: 'bob', name: 'Bob', team: 'Blue', score: 10, correct: 1 },
        { id: 'cid', name: 'Cid', team: 'Red', score: 0, correct: 0 },
      ],
    });
    expect(h.store.leaderboard('discord:g1')).toEqual([
      { playerId: 'ann', name: 'Ann', score: 15, games: 1, wins: 0 },
      { playerId: 'bob', name: 'Bob', score: 10, games: 1, wins: 1 },
      { playerId: 'cid', name: 'Cid', score: 0, games: 1, wins: 0 },
    ]);
    expect(h.clock.pending).toBe(0);
    expect(codeOf(await h.command('scores', ann))).toBe('quiz.no-session');
  });

  it('plays free text: typed answers checked fairly, letters as hints, a streak bonus, the end after the last question', async () => {
    const h = await quizHarness();
    await h.command('start', ann, { questions: 2, seconds: 30, mode: 'text', seed: 'red-blue' });
    await h.advance(5000);
    const q1 = h.current();
    expect(q1.choices).toBeNull();
    expect(await h.say(bob, '1999')).toBe(true);
    expect(eventOf(h.replies.at(-1)!)).toMatchObject({ type: 'answer', player: 'Bob', text: '1999', correct: false, number: 1 });
    expect(eventOf(h.replies.at(-1)!).type).toBe('answer');
    expect(h.replies.at(-1)!.visibility).toBe('private');
    // Chatter that is not the answer is told so, but does not make Cid a player (skip votes, tables).
    expect(await h.say(cid, 'what a nice day')).toBe(true);
    expect(eventOf(h.replies.at(-1)!)).toMatchObject({ type: 'answer', player: 'Cid', correct: false });
    expect(h.events('joined').map((e) => e.type === 'joined' && e.player)).not.toContain('Cid');
    const hint = eventOf(await h.command('hint', ann));
    expect(hint).toMatchObject({ type: 'hint', points: 7 });
    expect(hint.type === 'hint' && hint.hint).toMatch(/^[\p{L}\p{N}]/u);
    expect(hint.type === 'hint' && hint.hint).toContain('_');
    await h.advance(15_000);
    expect(await h.say(bob, `I think it's ${q1.q.answer.toLowerCase()}`)).toBe(true);
    expect(h.events('reveal')[0]).toMatchObject({ winner: { player: 'Bob', team: null, points: 7 + 3 } });

    await h.advance(5000);
    const q2 = h.current();
    expect(await h.say(bob, q2.q.answer)).toBe(true);
    // 10 points, 5 for speed, 2 for a second question won in a row.
    expect(h.events('reveal')[1]).toMatchObject({ winner: { player: 'Bob', points: 17 } });
    await h.advance(5000);
    expect(h.events('end')).toEqual([
      { type: 'end', reason: 'finished', teams: [], players: [{ id: 'bob', name: 'Bob', team: null, score: 27, correct: 2 }] },
    ]);
    expect(h.store.leaderboard('discord:g1')).toEqual([{ playerId: 'bob', name: 'Bob', score: 27, games: 1, wins: 1 }]);
    expect(await h.say(bob, 'anything')).toBe(false);
  });

  it('gives ten simultaneous correct answers exactly one winner', async () => {
    const h = await quizHarness();
    await h.command('start', ann, { questions: 3, mode: 'text', seed: 'red-blue' });
    await h.advance(5000);
    const { q } = h.current();
    const players = Array.from({ length: 10 }, (_, i) => actor(`P${i}`));
    await Promise.all(players.map((p) => h.quiz.message(q.answer, place(), p, h.io)));
    await h.settle();
    const reveals = h.events('reveal');
    expect(reveals).toHaveLength(1);
    expect(reveals[0]).toMatchObject({ winner: { player: 'P0' } });
    const correct = h.replies.filter((r) => r.type === 'quiz' && r.event.type === 'answer' && r.event.correct);
    expect(correct).toHaveLength(1);
    expect(h.store.leaderboard('discord:g1').filter((e) => e.score > 0)).toHaveLength(1);
  });

  it('gives ten simultaneous presses of the right button exactly one winner', async () => {
    const h = await quizHarness();
    await h.command('start', ann, { questions: 3, mode: 'mc', seed: 's6' });
    await h.advance(5000);
    const { questionId, choices, q } = h.current();
    const value = `${questionId}:${choices!.indexOf(q.answer)}`;
    await Promise.all(Array.from({ length: 10 }, (_, i) => h.quiz.choose(value, place(), actor(`P${i}`), h.io)));
    await h.settle();
    expect(h.events('reveal')).toHaveLength(1);
    expect(h.replies.filter((r) => r.type === 'quiz' && r.event.type === 'choice' && r.event.correct)).toHaveLength(1);
    expect(h.replies.filter((r) => codeOf(r) === 'quiz.expired')).toHaveLength(9);
  });

  it('runs one session per channel, many channels at once, and stops them all on shutdown', async () => {
    const h = await quizHarness();
    await h.command('start', ann, { seed: 's1' }, place('one'));
    await h.command('start', bob, { seed: 's2' }, place('two'));
    expect(h.replies.map((r) => r.type === 'quiz' && r.event.type)).toEqual(['start', 'start']);
    await h.advance(5000);
    expect(h.events('question')).toHaveLength(2);
    await h.quiz.shutdown();
    expect(h.events('end')).toMatchObject([{ reason: 'stopped' }, { reason: 'stopped' }]);
    expect(h.clock.pending).toBe(0);
  });

  it('answers expected failures with stable notice codes', async () => {
    const h = await quizHarness();
    expect(codeOf(await h.command('skip', ann))).toBe('quiz.no-session');
    expect(codeOf(await h.command('start', ann, { topic: 'no-such-topic' }))).toBe('quiz.unknown-topic');
    expect(codeOf(await h.command('help', ann))).toBe('quiz.help');
    expect(codeOf(await h.command('dance', ann))).toBe('quiz.unknown-command');
    expect(eventOf(await h.command('leaderboard', ann))).toEqual({ type: 'leaderboard', workspace: 'discord:g1', entries: [] });
    expect(codeOf(await h.press(ann, 'x:1'))).toBe('quiz.no-session');
    await h.command('start', ann, { hints: false, topic: 'defense-industry', mode: 'text' });
    expect(codeOf(await h.command('answer', bob, { text: 'SM-6' }))).toBe('quiz.no-question');
    await h.advance(5000);
    expect(h.current().q.tags).toContain('defense-industry');
    expect(codeOf(await h.command('hint', ann))).toBe('quiz.hints-off');
    expect(h.quiz.topics()).toContain('us-japan-defense-2025.md');
  });

  it('leaves out a drawn question whose source sentence changed during the session', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'us-japan-defense-2025.md');
    fs.copyFileSync(path.join(KNOWLEDGE_DIR, 'us-japan-defense-2025.md'), file);
    const knowledge = await KnowledgeBase.load(dir);
    const [, second, third] = buildBank(knowledge).draw({ seed: 's6', count: 3 });
    const h = await quizHarness({ knowledge });
    await h.command('start', ann, { questions: 3, mode: 'text', seed: 's6' });
    await h.advance(5000);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(second!.source, second!.source.replace(second!.answer, 'somewhere else')));
    await knowledge.refresh();
    await h.command('skip', ann);
    await h.advance(5000);
    expect(h.current()).toMatchObject({ number: 2, questionId: third!.id, total: 2 });
  });

  it('limits free-text guesses to three per player per question, as the rules say', async () => {
    const h = await quizHarness();
    const start = eventOf(await h.command('start', ann, { questions: 2, mode: 'text', seed: 'guesses' }));
    expect(start.type === 'start' && start.rules.join(' ')).toMatch(/Up to 3 guesses per player per question/);
    await h.advance(5000);
    const { q } = h.current();
    for (const guess of ['Atlantis', 'Narnia', 'Gondor'])
      expect(eventOf(await h.command('answer', bob, { text: guess }))).toMatchObject({ type: 'answer', correct: false });
    // The fourth guess, even the right answer, is refused; in the channel it is not taken as an answer.
    expect(codeOf(await h.command('answer', bob, { text: q.answer }))).toBe('quiz.out-of-guesses');
    expect(await h.say(bob, q.answer)).toBe(false);
    expect(h.events('reveal')).toHaveLength(0);
    // Another player still may answer.
    expect(eventOf(await h.command('answer', cid, { text: q.answer }))).toMatchObject({ correct: true });
    expect(h.events('reveal')[0]).toMatchObject({ winner: { player: 'Cid' } });
  });

  it('in multiple choice, a team covering every letter scores less than a team that knows the answer', async () => {
    const h = await quizHarness();
    const start = eventOf(await h.command('start', ann, { questions: 1, mode: 'mc', teams: 'Cover,Know', seed: 'cover', hints: false }));
    expect(start.type === 'start' && start.rules.join(' ')).toMatch(
      /average of its players' points, so covering every letter does not pay/,
    );
    const cover = ['C1', 'C2', 'C3', 'C4'].map((n) => actor(n));
    const know = ['K1', 'K2'].map((n) => actor(n));
    for (const p of cover) await h.command('join', p, { team: 'Cover' });
    for (const p of know) await h.command('join', p, { team: 'Know' });
    await h.advance(5000);
    const { questionId, choices, q } = h.current();
    const right = choices!.indexOf(q.answer);
    for (const [i, p] of cover.entries()) await h.press(p, `${questionId}:${i}`);
    // A second press is not taken: the first answer is locked.
    expect(eventOf(await h.press(cover[0]!, `${questionId}:${right}`))).toMatchObject({ type: 'choice', accepted: false });
    expect(h.events('reveal')).toHaveLength(0);
    for (const p of know) await h.press(p, `${questionId}:${right}`);
    // Everyone has answered: the question closes with every right player scoring.
    const reveal = h.events('reveal')[0]!;
    expect(reveal.type === 'reveal' && reveal.scorers!.map((w) => w.player).sort()).toEqual([cover[right]!.name, 'K1', 'K2'].sort());
    await h.advance(5000);
    const end = h.events('end')[0]!;
    if (end.type !== 'end') throw new Error();
    const [first, second] = end.teams;
    expect(first!.name).toBe('Know');
    expect(first!.score).toBeGreaterThan(3 * second!.score);
  });

  it('says plainly when the knowledge gives fewer questions than asked, and asks only questions with choices in multiple choice', async () => {
    const h = await quizHarness();
    const start = eventOf(await h.command('start', ann, { questions: 50, mode: 'mc', seed: 'many' }));
    if (start.type !== 'start') throw new Error();
    expect(start.settings.count).toBeLessThan(50);
    expect(start.rules[0]).toBe(
      `You asked for 50 questions; the knowledge gives ${start.settings.count} with multiple choices (free text may give more), so this quiz has ${start.settings.count}.`,
    );
    for (let n = 1; n <= start.settings.count; n++) {
      await h.advance(5000);
      expect(h.current().choices, h.current().prompt).toHaveLength(4);
      await h.command('skip', ann);
    }
  });
});
