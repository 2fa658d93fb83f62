/** Score writes while another process holds the database lock: bounded stall, retried, and a lost award is not announced. */
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { BUSY_TIMEOUT_MS, DATABASE_FILE, openStore, WRITE_ATTEMPTS } from '../../src/core/storage/sqlite.js';
import { tempDir } from '../helpers.js';
import { actor, quizHarness } from '../quiz/harness.js';

const ann = actor('Ann');
const bob = actor('Bob');

describe('a database locked by another process', () => {
  it('does not tell the player they scored when the award could not be saved, and saves the next one once the lock is gone', async () => {
    const dir = tempDir();
    const store = openStore(dir);
    const q = await quizHarness({ store });
    const other = new Database(path.join(dir, DATABASE_FILE));
    try {
      await q.command('start', ann, { mode: 'text', seed: 'red-blue', questions: 2 });
      await q.advance(5000);
      other.exec('BEGIN EXCLUSIVE'); // another process holds the write lock
      const started = Date.now();
      await q.say(bob, q.current().q.answer);
      const stalled = Date.now() - started;
      expect(stalled).toBeLessThan(BUSY_TIMEOUT_MS * WRITE_ATTEMPTS + 1000); // bounded (was 5 s, then the award lost)
      const reveal = q.events('reveal').at(-1);
      expect(reveal).toMatchObject({ type: 'reveal', winner: { player: 'Bob', points: 0 } });
      other.exec('COMMIT');

      await q.advance(5000);
      await q.say(bob, q.current().q.answer);
      const saved = q.events('reveal').at(-1) as { winner: { player: string; points: number } };
      expect(saved.winner).toMatchObject({ player: 'Bob', points: expect.any(Number) });
      expect(saved.winner.points).toBeGreaterThan(0);
      // The leaderboard holds exactly what the players were told.
      expect(store.leaderboard('discord:g1')[0]).toMatchObject({ playerId: 'bob', score: saved.winner.points });
    } finally {
      other.close();
      store.close();
    }
  }, 15_000);
});
