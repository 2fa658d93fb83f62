import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/core/storage/memory.js';
import { DATABASE_FILE, openStore } from '../../src/core/storage/sqlite.js';
import { StoreError, type Award, type Store } from '../../src/core/storage/types.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'citebot-store-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const award = (over: Partial<Award>): Award => ({
  workspace: 'discord:g1',
  sessionId: 's1',
  question: 1,
  playerId: 'ann',
  name: 'Ann',
  team: 'Red',
  points: 10,
  at: 1000,
  ...over,
});

const implementations: [string, () => Store][] = [
  ['MemoryStore', () => new MemoryStore()],
  ['SQLite store', () => openStore(tempDir())],
];

describe.each(implementations)('%s', (_name, open) => {
  it('sums awards per player and ranks the leaderboard by points, per workspace', () => {
    const store = open();
    store.recordAward(award({ question: 1, playerId: 'ann', name: 'Ann', points: 10 }));
    store.recordAward(award({ question: 2, playerId: 'bob', name: 'Bob', points: 15 }));
    store.recordAward(award({ question: 3, playerId: 'ann', name: 'Ann', points: 12 }));
    store.recordAward(award({ workspace: 'slack:T1', question: 4, playerId: 'ann', name: 'Ann', points: 99 }));
    expect(store.leaderboard('discord:g1').map((e) => [e.name, e.score])).toEqual([
      ['Ann', 22],
      ['Bob', 15],
    ]);
    expect(store.leaderboard('slack:T1').map((e) => e.score)).toEqual([99]);
    expect(store.leaderboard('discord:other')).toEqual([]);
    store.close();
  });

  it('counts a session question once even when recorded twice', () => {
    const store = open();
    store.recordAward(award({ points: 10 }));
    store.recordAward(award({ points: 10 }));
    expect(store.leaderboard('discord:g1')[0]?.score).toBe(10);
    store.close();
  });

  it('counts games and wins once per session and shows the latest name', () => {
    const store = open();
    store.recordAward(award({ name: 'Ann', at: 1000 }));
    const game = {
      workspace: 'discord:g1',
      sessionId: 's1',
      at: 2000,
      players: [
        { playerId: 'ann', name: 'Ann B.', score: 10, won: true },
        { playerId: 'bob', name: 'Bob', score: 0, won: false },
      ],
    };
    store.recordGame(game);
    store.recordGame(game);
    store.recordGame({ ...game, sessionId: 's2', at: 3000 });
    expect(store.leaderboard('discord:g1')).toEqual([
      { playerId: 'ann', name: 'Ann B.', score: 10, games: 2, wins: 2 },
      { playerId: 'bob', name: 'Bob', score: 0, games: 2, wins: 0 },
    ]);
    store.close();
  });

  it('limits the leaderboard', () => {
    const store = open();
    for (let i = 1; i <= 5; i++) store.recordAward(award({ question: i, playerId: `p${i}`, name: `P${i}`, points: i }));
    expect(store.leaderboard('discord:g1', 2).map((e) => e.playerId)).toEqual(['p5', 'p4']);
    store.close();
  });
});

describe('openStore (SQLite)', () => {
  it('keeps the leaderboard across a restart', () => {
    const dir = tempDir();
    const first = openStore(dir);
    first.recordAward(award({ question: 1, points: 10 }));
    first.recordAward(award({ question: 2, playerId: 'bob', name: 'Bob', points: 7 }));
    first.recordGame({
      workspace: 'discord:g1',
      sessionId: 's1',
      at: 5,
      players: [{ playerId: 'ann', name: 'Ann', score: 10, won: true }],
    });
    const before = first.leaderboard('discord:g1');
    first.close();
    const second = openStore(dir);
    expect(second.leaderboard('discord:g1')).toEqual(before);
    expect(before).toHaveLength(2);
    second.close();
  });

  it('uses WAL in DATA_DIR/citebot.sqlite, creating the folder', () => {
    const dir = path.join(tempDir(), 'nested', 'data');
    const store = openStore(dir);
    expect(store.path).toBe(path.join(dir, DATABASE_FILE));
    store.close();
    const db = new Database(path.join(dir, DATABASE_FILE), { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('keeps every award made before the process is killed', () => {
    const dir = tempDir();
    const script = path.join(dir, 'kill.ts');
    const storeModule = path.resolve('src/core/storage/sqlite.ts');
    fs.writeFileSync(
      script,
      `import { openStore } from ${JSON.stringify(storeModule)};
       const store = openStore(${JSON.stringify(dir)});
       for (let q = 1; q <= 3; q++) store.recordAward({ workspace: 'w', sessionId: 's', question: q, playerId: 'ann', name: 'Ann', team: null, points: 10, at: q });
       process.kill(process.pid, 'SIGKILL');`,
    );
    expect(() => execFileSync(process.execPath, ['--import', 'tsx', script], { stdio: 'pipe' })).toThrow();
    const store = openStore(dir);
    expect(store.leaderboard('w')).toEqual([{ playerId: 'ann', name: 'Ann', score: 30, games: 0, wins: 0 }]);
    store.close();
  });

  it('replaces a user’s vote on the same answer', () => {
    const dir = tempDir();
    const store = openStore(dir);
    const vote = { platform: 'slack', workspace: 'T1', userId: 'u1', question: 'q?', passageId: 'a.md#p1s0', vote: 1 as const, at: 1 };
    store.recordVote('ans1', vote);
    store.recordVote('ans1', { ...vote, vote: -1, at: 2 });
    store.recordVote('ans1', { ...vote, userId: 'u2' });
    store.recordVote('ans2', vote);
    store.close();
    const db = new Database(path.join(dir, DATABASE_FILE), { readonly: true });
    const rows = db.prepare('SELECT answer_id, user_id, vote FROM votes ORDER BY answer_id, user_id').all();
    db.close();
    expect(rows).toEqual([
      { answer_id: 'ans1', user_id: 'u1', vote: -1 },
      { answer_id: 'ans1', user_id: 'u2', vote: 1 },
      { answer_id: 'ans2', user_id: 'u1', vote: 1 },
    ]);
  });

  it('refuses a corrupt database file with its path and what to do', () => {
    const dir = tempDir();
    const file = path.join(dir, DATABASE_FILE);
    fs.writeFileSync(file, Buffer.from('this is not a database at all, just some bytes '.repeat(100)));
    let error: unknown;
    try {
      openStore(dir);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: 'store.corrupt', path: file });
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toMatch(/move it aside|backup/i);
  });

  it('refuses a data folder that cannot be created, naming the path', () => {
    const dir = tempDir();
    const blocker = path.join(dir, 'file');
    fs.writeFileSync(blocker, 'x');
    expect(() => openStore(path.join(blocker, 'data'))).toThrow(StoreError);
    try {
      openStore(path.join(blocker, 'data'));
    } catch (err) {
      expect(err).toMatchObject({ code: 'store.not-writable' });
      expect((err as Error).message).toContain(path.join(blocker, 'data'));
      expect((err as Error).message).toMatch(/DATA_DIR/);
    }
  });
});
