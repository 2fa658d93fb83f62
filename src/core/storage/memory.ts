/** Stores in memory: for tests, and when no data folder is configured. Nothing survives a restart. */
import type { Vote } from '../bot/index.js';
import type { GapsFilter, QuizAwardRecord, VoteRecord } from '../gaps/index.js';
import { inFilter } from './unanswered-log.js';
import { compareEntries, type Award, type GameResult, type LeaderboardEntry, type Store } from './types.js';

export class MemoryStore implements Store {
  readonly path = null;
  private readonly awards = new Map<string, Award>();
  private readonly games = new Map<string, GameResult>();
  /** Votes by `${answerId}\n${platform}\n${userId}`. */
  readonly recordedVotes = new Map<string, Vote & { answerId: string }>();

  recordAward(award: Award): void {
    const key = `${award.sessionId}\n${award.question}`;
    if (!this.awards.has(key)) this.awards.set(key, { ...award });
  }

  recordGame(game: GameResult): void {
    if (!this.games.has(game.sessionId)) this.games.set(game.sessionId, structuredClone(game));
  }

  leaderboard(workspace: string, limit = 10): LeaderboardEntry[] {
    const entries = new Map<string, LeaderboardEntry & { at: number }>();
    const entry = (playerId: string, name: string, at: number) => {
      let e = entries.get(playerId);
      if (!e) entries.set(playerId, (e = { playerId, name, score: 0, games: 0, wins: 0, at }));
      if (at >= e.at) Object.assign(e, { name, at });
      return e;
    };
    for (const a of this.awards.values()) if (a.workspace === workspace) entry(a.playerId, a.name, a.at).score += a.points;
    for (const g of this.games.values()) {
      if (g.workspace !== workspace) continue;
      for (const p of g.players) {
        const e = entry(p.playerId, p.name, g.at);
        e.games += 1;
        if (p.won) e.wins += 1;
      }
    }
    return [...entries.values()]
      .map(({ at: _at, ...e }) => e)
      .sort(compareEntries)
      .slice(0, limit);
  }

  recordVote(answerId: string, vote: Vote): void {
    this.recordedVotes.set(`${answerId}\n${vote.platform}\n${vote.userId}`, { ...vote, answerId });
  }

  votes(filter: GapsFilter = {}): VoteRecord[] {
    return [...this.recordedVotes.values()]
      .filter((v) => inFilter(v, filter))
      .map(({ answerId: _a, workspace: _w, ...v }) => ({ ...v, dm: v.dm === true }));
  }

  quizAwards(filter: GapsFilter = {}): QuizAwardRecord[] {
    return [...this.awards.values()]
      .filter((a) => inFilter({ at: a.at, platform: a.workspace.split(':')[0]! }, filter))
      .map(({ workspace, playerId, points, at }) => ({ workspace, playerId, points, at }));
  }

  quizWorkspaces(): string[] {
    return [...new Set([...this.awards.values(), ...this.games.values()].map((x) => x.workspace))].sort();
  }

  close(): void {}
}
