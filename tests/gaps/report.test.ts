import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Bot } from '../../src/core/bot/bot.js';
import { ManualClock } from '../../src/core/clock.js';
import { buildGapsReport, DM_PLACEHOLDER, reasonTerms } from '../../src/core/gaps/report.js';
import { AnswerEngine } from '../../src/core/search/engine.js';
import { KnowledgeBase } from '../../src/core/knowledge/knowledge-base.js';
import { DATABASE_FILE, openStore } from '../../src/core/storage/sqlite.js';
import { FileUnansweredLog } from '../../src/core/storage/unanswered-log.js';
import { MemoryStore } from '../../src/core/storage/memory.js';
import { fixedAnswerer } from '../discord/doubles.js';
import { tempDir } from '../helpers.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 2, 9);

function logWith(dir: string, entries: Parameters<FileUnansweredLog['record']>[0][]): FileUnansweredLog {
  const log = new FileUnansweredLog(dir);
  for (const e of entries) log.record(e);
  return log;
}

describe('reasonTerms', () => {
  it('reads the terms the engine names when it abstains, rarest first as the engine orders them', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.md'), '# Widgets\n\nThe widget factory in Lyon makes blue widgets.\n');
    const engine = new AnswerEngine(await KnowledgeBase.load(dir));
    const reply = engine.answer('Who founded kubernetes helm?');
    expect(reply.abstained).toBe(true);
    expect(reasonTerms(reply.reason ?? '')).toEqual(['kubernetes']);
    expect(reasonTerms('no passage mentions "kubernetes", "helm"')).toEqual(['kubernetes', 'helm']);
    expect(reasonTerms('the closest passage covers only 1 of 2 key words ("Lyon", "blue")')).toEqual(['lyon', 'blue']);
  });
});

describe('the question log', () => {
  it('reads lines of older versions, new lines with asker fields, and skips torn or foreign lines', () => {
    const dir = tempDir();
    mkdirSync(dir, { recursive: true });
    appendFileSync(
      path.join(dir, 'unanswered.jsonl'),
      `${JSON.stringify({ question: 'old one', reason: 'no passage mentions "helm"', at: new Date(T0).toISOString(), platform: 'discord' })}\n{"question": "torn`,
    );
    appendFileSync(path.join(dir, 'unanswered.jsonl'), `\n[1,2]\n{"question":"no date"}\n`);
    const log = logWith(dir, [
      {
        question: 'new one',
        reason: 'no passage mentions "helm"',
        at: T0 + 1000,
        platform: 'slack',
        workspace: 'T1',
        user: 'U1',
        dm: false,
      },
    ]);
    const qs = log.questions();
    expect(qs.map((q) => [q.question, q.platform, q.user, q.answered])).toEqual([
      ['old one', 'discord', undefined, false],
      ['new one', 'slack', 'U1', false],
    ]);
  });

  it('keeps answered questions apart from the unanswered log, and filters by date and platform', () => {
    const dir = tempDir();
    const log = logWith(dir, [
      { question: 'a', reason: '', at: T0, platform: 'slack', answered: true, topic: 'Handbook' },
      { question: 'b', reason: 'no passage mentions "x"', at: T0 + DAY, platform: 'discord' },
      { question: 'c', reason: 'no passage mentions "y"', at: T0 + 2 * DAY, platform: 'slack' },
    ]);
    expect(log.questions({ from: T0 + DAY }).map((q) => q.question)).toEqual(['b', 'c']);
    expect(log.questions({ to: T0 + DAY }).map((q) => q.question)).toEqual(['a']);
    expect(
      log
        .questions({ platform: 'slack' })
        .map((q) => q.question)
        .sort(),
    ).toEqual(['a', 'c']);
  });
});

describe('buildGapsReport', () => {
  const entries = [
    {
      question: 'How do I install kubernetes?',
      reason: 'no passage mentions "kubernetes", "install"',
      at: T0,
      platform: 'slack',
      user: 'U1',
      workspace: 'T1',
    },
    {
      question: 'kubernetes helm chart',
      reason: 'no passage mentions "kubernetes", "helm"',
      at: T0 + DAY,
      platform: 'discord',
      user: '42',
      workspace: 'G1',
    },
    {
      question: 'my salary is 90k, kubernetes pay?',
      reason: 'no passage mentions "kubernetes", "pay"',
      at: T0 + 2 * DAY,
      platform: 'slack',
      user: 'U2',
      workspace: 'T1',
      dm: true,
    },
    { question: 'Where is the VPN guide?', reason: 'no passage mentions "vpn"', at: T0 + DAY, platform: 'cli' },
    { question: 'Who leads sales?', reason: '', at: T0, platform: 'slack', answered: true, topic: 'Org chart', passageId: 'org.md#p1s0' },
    { question: 'Who leads ops?', reason: '', at: T0 + DAY, platform: 'slack', answered: true, topic: 'Org chart' },
    { question: 'When is payday?', reason: '', at: T0 + DAY, platform: 'discord', answered: true, topic: 'Payroll' },
  ];

  it('groups unanswered questions by the term named first, most frequent first, with counts, last asked and askers', () => {
    const r = buildGapsReport({ questions: logWith(tempDir(), entries), activity: null });
    expect(r.gaps.map((g) => [g.term, g.count])).toEqual([
      ['kubernetes', 3],
      ['vpn', 1],
    ]);
    const k = r.gaps[0]!;
    expect(k.lastAsked).toBe(T0 + 2 * DAY);
    expect(k.askers.sort()).toEqual(['discord:42', 'slack:U1', 'slack:U2']);
    expect(k.related.sort()).toEqual(['helm', 'install', 'pay']);
    expect(k.hint).toContain('"kubernetes"');
    expect(r.totals).toMatchObject({ questions: 7, answered: 3, unanswered: 4 });
    expect(r.topics).toEqual([
      { topic: 'Org chart', count: 2 },
      { topic: 'Payroll', count: 1 },
    ]);
    expect(r.days).toEqual([
      { day: '2026-11-02', answered: 1, unanswered: 1 },
      { day: '2026-11-03', answered: 2, unanswered: 2 },
      { day: '2026-11-04', answered: 0, unanswered: 1 },
    ]);
  });

  it('never shows the text of a question asked in a direct message unless configured to', () => {
    const log = logWith(tempDir(), entries);
    const hidden = buildGapsReport({ questions: log, activity: null });
    expect(JSON.stringify(hidden)).not.toContain('salary');
    expect(hidden.gaps[0]!.examples).toContain(DM_PLACEHOLDER);
    const shown = buildGapsReport({ questions: log, activity: null }, { showDmText: true });
    expect(shown.gaps[0]!.examples[0]).toContain('salary');
  });

  it('filters by platform and by date', () => {
    const log = logWith(tempDir(), entries);
    expect(
      buildGapsReport({ questions: log, activity: null }, { filter: { platform: 'discord' } }).gaps.map((g) => [g.term, g.count]),
    ).toEqual([['kubernetes', 1]]);
    const late = buildGapsReport({ questions: log, activity: null }, { filter: { from: T0 + 2 * DAY } });
    expect(late.totals.questions).toBe(1);
  });

  it.each([
    ['MemoryStore', () => new MemoryStore()],
    ['SQLite store', () => openStore(tempDir())],
  ])('lists the passages with the most 👎 and the questions that led to them (%s)', (_name, open) => {
    const store = open();
    const vote = (answerId: string, userId: string, passageId: string, v: 1 | -1, question: string, dm = false) =>
      store.recordVote(answerId, { platform: 'slack', workspace: 'T1', userId, question, passageId, vote: v, at: T0, dm });
    vote('a1', 'U1', 'org.md#p1s0', -1, 'Who leads sales?');
    vote('a2', 'U2', 'org.md#p1s0', -1, 'Sales lead?');
    vote('a3', 'U3', 'org.md#p1s0', 1, 'Sales boss?');
    vote('a4', 'U1', 'pay.md#p2s1', -1, 'secret DM question', true);
    vote('a5', 'U1', 'pay.md#p9s9', 1, 'fine');
    store.recordAward({ workspace: 'slack:T1', sessionId: 's', question: 1, playerId: 'U1', name: 'Ann', team: null, points: 10, at: T0 });
    store.recordAward({
      workspace: 'discord:G1',
      sessionId: 't',
      question: 1,
      playerId: '7',
      name: 'Bo',
      team: null,
      points: 5,
      at: T0 + DAY,
    });
    const passage = (id: string) =>
      id === 'org.md#p1s0' ? { text: 'Ann leads sales.', file: 'org.md', title: 'Org chart', url: null } : undefined;
    const r = buildGapsReport({ questions: logWith(tempDir(), []), activity: store, passage });
    expect(r.downvoted.map((p) => [p.passageId, p.down, p.up, p.title])).toEqual([
      ['org.md#p1s0', 2, 1, 'Org chart'],
      ['pay.md#p2s1', 1, 0, null],
    ]);
    expect(r.downvoted[0]!.questions.sort()).toEqual(['Sales lead?', 'Who leads sales?']);
    expect(r.downvoted[1]!.questions).toEqual([DM_PLACEHOLDER]);
    expect(r.totals).toMatchObject({ votesUp: 2, votesDown: 3 });
    expect(r.quiz.days).toEqual([
      { day: '2026-11-02', questions: 1, players: 1 },
      { day: '2026-11-03', questions: 1, players: 1 },
    ]);
    expect(r.quiz.leaderboards.map((l) => [l.workspace, l.entries[0]?.name])).toEqual([
      ['discord:G1', 'Bo'],
      ['slack:T1', 'Ann'],
    ]);
    const slackOnly = buildGapsReport({ questions: logWith(tempDir(), []), activity: store }, { filter: { platform: 'slack' } });
    expect(slackOnly.quiz.leaderboards.map((l) => l.workspace)).toEqual(['slack:T1']);
    expect(slackOnly.quiz.days).toHaveLength(1);
    store.close();
  });
});

describe('recording', () => {
  it('the bot logs answered and unanswered questions with platform, workspace, asker and DM flag', async () => {
    const dir = tempDir();
    const log = new FileUnansweredLog(dir);
    const bot = new Bot(fixedAnswerer, { clock: new ManualClock(T0), unanswered: log });
    const io = { reply: async () => {}, post: async () => {} };
    await bot.handle(
      {
        kind: 'message',
        text: 'unknown thing?',
        addressed: true,
        place: { platform: 'slack', workspace: 'T1', channel: 'D1', dm: true },
        user: { id: 'U9', name: 'Ann' },
      },
      io,
    );
    await bot.handle(
      {
        kind: 'command',
        command: 'ask',
        options: { question: 'Who did Hegseth meet?' },
        place: { platform: 'discord', workspace: 'G1', channel: 'C1' },
        user: { id: '77', name: 'Bo' },
      },
      io,
    );
    expect(log.questions()).toEqual([
      expect.objectContaining({ question: 'unknown thing?', answered: false, platform: 'slack', workspace: 'T1', user: 'U9', dm: true }),
      expect.objectContaining({
        question: 'Who did Hegseth meet?',
        answered: true,
        platform: 'discord',
        user: '77',
        dm: false,
        topic: 'US–Japan talks',
        passageId: 'defense/japan.md#p3s0',
      }),
    ]);
  });

  it('a database from before votes had a DM flag opens, keeps its votes and records the flag from then on', () => {
    const dir = tempDir();
    const db = new Database(path.join(dir, DATABASE_FILE));
    db.exec(`CREATE TABLE votes (answer_id TEXT NOT NULL, platform TEXT NOT NULL, workspace TEXT NOT NULL, user_id TEXT NOT NULL, question TEXT NOT NULL,
      passage_id TEXT, vote INTEGER NOT NULL, at INTEGER NOT NULL, PRIMARY KEY (answer_id, platform, user_id));
      INSERT INTO votes VALUES ('a', 'slack', 'T1', 'U1', 'old question', 'x#p1s0', -1, ${T0});`);
    db.pragma('user_version = 1');
    db.close();
    const store = openStore(dir);
    store.recordVote('b', {
      platform: 'slack',
      workspace: 'T1',
      userId: 'U2',
      question: 'new',
      passageId: 'x#p1s0',
      vote: -1,
      at: T0,
      dm: true,
    });
    expect(store.votes().map((v) => [v.question, v.dm])).toEqual([
      ['old question', false],
      ['new', true],
    ]);
    store.close();
  });
});
