import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/core/storage/sqlite.js';
import { tempDir } from '../helpers.js';
import { actor, eventOf, quizHarness } from './harness.js';

const ann = actor('Ann');
const bob = actor('Bob');

describe('quiz scores in the SQLite store', () => {
  it('survive a crash mid-question and a restart; the leaderboard is as it was', async () => {
    const dir = tempDir();
    const first = await quizHarness({ store: openStore(dir) });
    await first.command('start', ann, { mode: 'text', seed: 'red-blue', questions: 5 });
    await first.advance(5000);
    await first.say(bob, first.current().q.answer);
    await first.advance(5000);
    expect(first.current().number).toBe(2);
    // The process dies in question 2: no stop, no game record, the database just closed.
    (first.store as ReturnType<typeof openStore>).close();

    const second = await quizHarness({ store: openStore(dir) });
    const board = eventOf(await second.command('leaderboard', ann));
    expect(board).toEqual({
      type: 'leaderboard',
      workspace: 'discord:g1',
      entries: [{ playerId: 'bob', name: 'Bob', score: 15, games: 0, wins: 0 }],
    });

    await second.command('start', ann, { mode: 'text', seed: 'red-blue', questions: 1 });
    await second.advance(5000);
    await second.say(ann, second.current().q.answer);
    await second.advance(5000);
    expect(second.events('end')).toHaveLength(1);
    (second.store as ReturnType<typeof openStore>).close();

    const third = openStore(dir);
    // Ties in points go to more wins.
    expect(third.leaderboard('discord:g1')).toEqual([
      { playerId: 'ann', name: 'Ann', score: 15, games: 1, wins: 1 },
      { playerId: 'bob', name: 'Bob', score: 15, games: 0, wins: 0 },
    ]);
    third.close();
  });
});
