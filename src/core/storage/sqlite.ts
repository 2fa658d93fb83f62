/**
 * The embedded store: SQLite through better-sqlite3, in `DATA_DIR/citebot.sqlite`, with WAL and
 * full sync. Each award is committed as it is made, so a crash or kill loses at most the
 * question in play, and a restart shows the leaderboard as it was.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Vote } from '../bot/index.js';
import type { GapsFilter, QuizAwardRecord, VoteRecord } from '../gaps/index.js';
import { silentLogger, type Logger } from '../logger.js';
import { StoreError, type Award, type GameResult, type LeaderboardEntry, type Store } from './types.js';

/** The database file's name inside the data folder. */
export const DATABASE_FILE = 'citebot.sqlite';

const SCHEMA_VERSION = 2;

/**
 * How long a write waits for another process's lock. Writes are synchronous, so this is also how long
 * every chat can stall behind one; 5 s (the old value) stalled them for 5 s.
 */
export const BUSY_TIMEOUT_MS = 500;
/** Tries of a write refused as busy or locked (SQLite refuses some at once, without waiting: a WAL snapshot gone stale). */
export const WRITE_ATTEMPTS = 3;

/** Runs a write, again when SQLite refuses it as busy or locked, up to `WRITE_ATTEMPTS` times; then throws the last error. */
function retryBusy<T>(write: () => T): T {
  for (let attempt = 1; ; attempt++) {
    try {
      return write();
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      const busy = typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
      if (!busy || attempt >= WRITE_ATTEMPTS) throw err;
    }
  }
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS quiz_awards (
  session_id TEXT NOT NULL,
  question INTEGER NOT NULL,
  workspace TEXT NOT NULL,
  player_id TEXT NOT NULL,
  name TEXT NOT NULL,
  team TEXT,
  points INTEGER NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (session_id, question)
);
CREATE INDEX IF NOT EXISTS quiz_awards_by_workspace ON quiz_awards (workspace, player_id);
CREATE TABLE IF NOT EXISTS quiz_games (
  session_id TEXT NOT NULL,
  workspace TEXT NOT NULL,
  player_id TEXT NOT NULL,
  name TEXT NOT NULL,
  score INTEGER NOT NULL,
  won INTEGER NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (session_id, player_id)
);
CREATE INDEX IF NOT EXISTS quiz_games_by_workspace ON quiz_games (workspace, player_id);
CREATE TABLE IF NOT EXISTS votes (
  answer_id TEXT NOT NULL,
  platform TEXT NOT NULL,
  workspace TEXT NOT NULL,
  user_id TEXT NOT NULL,
  question TEXT NOT NULL,
  passage_id TEXT,
  vote INTEGER NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (answer_id, platform, user_id)
);
`;

const LEADERBOARD = `
SELECT player_id AS playerId, name, MAX(at) AS last, SUM(points) AS score, SUM(games) AS games, SUM(won) AS wins
FROM (
  SELECT player_id, name, points, 0 AS games, 0 AS won, at FROM quiz_awards WHERE workspace = @workspace
  UNION ALL
  SELECT player_id, name, 0, 1, won, at FROM quiz_games WHERE workspace = @workspace
)
GROUP BY player_id
ORDER BY score DESC, wins DESC, name ASC, playerId ASC
LIMIT @limit`;

/**
 * Opens (creating when needed) the store in `dataDir`. Throws `StoreError` when the folder or
 * file is not writable or the file is not a healthy SQLite database; the message says which path
 * and what to do.
 */
export function openStore(dataDir: string, logger: Logger = silentLogger): Store {
  const dir = path.resolve(dataDir);
  const file = path.join(dir, DATABASE_FILE);
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK);
    if (fs.existsSync(file)) fs.accessSync(file, fs.constants.R_OK | fs.constants.W_OK);
  } catch (err) {
    throw new StoreError(
      'store.not-writable',
      `Cannot write the score database ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}). Set DATA_DIR to a folder this user can write, or fix its permissions.`,
      file,
    );
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(file);
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(String(check));
    migrate(db);
  } catch (err) {
    db?.close();
    if (err instanceof StoreError) throw err;
    const code = (err as { code?: string }).code ?? '';
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
      throw new StoreError(
        'store.unavailable',
        `The score database ${file} is locked by another process (${(err as Error).message}). Stop the other citebot using this DATA_DIR, or give this one its own.`,
        file,
      );
    }
    if (code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM') {
      throw new StoreError(
        'store.not-writable',
        `Cannot write the score database ${file} (${(err as Error).message}). Set DATA_DIR to a folder this user can write, or fix its permissions.`,
        file,
      );
    }
    throw new StoreError(
      'store.corrupt',
      `The score database ${file} is damaged or not a SQLite database (${(err as Error).message}). Restore it from a backup, or move it aside (e.g. rename it to ${DATABASE_FILE}.broken) to start with empty scores.`,
      file,
    );
  }
  logger.info({ path: file }, 'store opened');
  return new SqliteStore(db, file);
}

/** A report filter's time range in SQL, with the parameters `range()` gives. */
const RANGE = '(@from IS NULL OR at >= @from) AND (@to IS NULL OR at < @to)';
const range = (f: GapsFilter) => ({ from: f.from ?? null, to: f.to ?? null, platform: f.platform ?? null });

function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new StoreError(
      'store.corrupt',
      `The score database ${db.name} was written by a newer citebot (schema ${version}). Upgrade citebot, or use another DATA_DIR.`,
      db.name,
    );
  }
  db.exec(SCHEMA);
  // 2: votes remember whether they were cast in a direct message (reports hide DM questions).
  if (version < 2) db.exec('ALTER TABLE votes ADD COLUMN dm INTEGER NOT NULL DEFAULT 0');
  if (version < SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`);
}

class SqliteStore implements Store {
  private readonly insertAward: Database.Statement;
  private readonly insertGamePlayer: Database.Statement;
  private readonly upsertVote: Database.Statement;
  private readonly selectLeaderboard: Database.Statement;
  private readonly insertGame: (game: GameResult) => void;

  constructor(
    private readonly db: Database.Database,
    readonly path: string,
  ) {
    this.insertAward = db.prepare(
      `INSERT OR IGNORE INTO quiz_awards (session_id, question, workspace, player_id, name, team, points, at)
       VALUES (@sessionId, @question, @workspace, @playerId, @name, @team, @points, @at)`,
    );
    this.insertGamePlayer = db.prepare(
      `INSERT OR IGNORE INTO quiz_games (session_id, workspace, player_id, name, score, won, at)
       VALUES (@sessionId, @workspace, @playerId, @name, @score, @won, @at)`,
    );
    this.upsertVote = db.prepare(
      `INSERT INTO votes (answer_id, platform, workspace, user_id, question, passage_id, vote, at, dm)
       VALUES (@answerId, @platform, @workspace, @userId, @question, @passageId, @vote, @at, @dm)
       ON CONFLICT (answer_id, platform, user_id) DO UPDATE SET vote = excluded.vote, at = excluded.at,
         question = excluded.question, passage_id = excluded.passage_id, workspace = excluded.workspace`,
    );
    this.selectLeaderboard = db.prepare(LEADERBOARD);
    this.insertGame = db.transaction((game: GameResult) => {
      for (const p of game.players) {
        this.insertGamePlayer.run({
          sessionId: game.sessionId,
          workspace: game.workspace,
          at: game.at,
          playerId: p.playerId,
          name: p.name,
          score: p.score,
          won: p.won ? 1 : 0,
        });
      }
    });
  }

  recordAward(award: Award): void {
    retryBusy(() => this.insertAward.run({ ...award }));
  }

  recordGame(game: GameResult): void {
    retryBusy(() => this.insertGame(game));
  }

  leaderboard(workspace: string, limit = 10): LeaderboardEntry[] {
    const rows = this.selectLeaderboard.all({ workspace, limit }) as (LeaderboardEntry & { last: number })[];
    return rows.map(({ last: _last, ...e }) => e);
  }

  recordVote(answerId: string, vote: Vote): void {
    retryBusy(() => this.upsertVote.run({ answerId, ...vote, dm: vote.dm ? 1 : 0 }));
  }

  votes(filter: GapsFilter = {}): VoteRecord[] {
    const rows = this.db
      .prepare(
        `SELECT platform, user_id AS userId, question, passage_id AS passageId, vote, at, dm FROM votes WHERE ${RANGE} AND (@platform IS NULL OR platform = @platform)`,
      )
      .all(range(filter)) as (Omit<VoteRecord, 'dm'> & { dm: number })[];
    return rows.map((r) => ({ ...r, dm: r.dm === 1 }));
  }

  quizAwards(filter: GapsFilter = {}): QuizAwardRecord[] {
    return this.db
      .prepare(
        `SELECT workspace, player_id AS playerId, points, at FROM quiz_awards WHERE ${RANGE} AND (@platform IS NULL OR workspace LIKE @platform || ':%')`,
      )
      .all(range(filter)) as QuizAwardRecord[];
  }

  quizWorkspaces(): string[] {
    return (
      this.db.prepare('SELECT DISTINCT workspace FROM quiz_awards UNION SELECT DISTINCT workspace FROM quiz_games ORDER BY 1').all() as {
        workspace: string;
      }[]
    ).map((r) => r.workspace);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
