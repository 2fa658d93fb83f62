/**
 * The gaps report: what the knowledge misses, read back from what the bot recorded. Unanswered
 * questions grouped by the term their abstention names first, passages voted 👎 with the questions
 * that led to them, the answered topics asked most, questions per day and quiz activity.
 * The data comes through the ports below; `src/core/storage` implements them.
 */
import type { LeaderboardEntry } from '../quiz/index.js';

/** Which records a report covers: `from` inclusive, `to` exclusive (ms since the epoch), one platform. */
export interface GapsFilter {
  from?: number;
  to?: number;
  platform?: string;
}

/** A question as the question log recorded it (older lines lack the optional fields). */
export interface LoggedQuestion {
  question: string;
  at: number;
  answered: boolean;
  platform: string;
  /** The abstention's words ('' when answered). */
  reason: string;
  workspace?: string;
  user?: string;
  dm: boolean;
  topic?: string;
  passageId?: string;
}

/** Reads the question log. */
export interface QuestionSource {
  questions(filter?: GapsFilter): LoggedQuestion[];
}

export interface VoteRecord {
  platform: string;
  userId: string;
  question: string;
  passageId: string | null;
  vote: 1 | -1;
  at: number;
  dm: boolean;
}

/** One question's points awarded in a quiz. `workspace` is the leaderboard scope `${platform}:${id}`. */
export interface QuizAwardRecord {
  workspace: string;
  playerId: string;
  points: number;
  at: number;
}

/** Reads votes and quiz activity from the store. */
export interface ActivitySource {
  votes(filter?: GapsFilter): VoteRecord[];
  quizAwards(filter?: GapsFilter): QuizAwardRecord[];
  /** Leaderboard scopes (`${platform}:${id}`) that have scores. */
  quizWorkspaces(): string[];
  leaderboard(workspace: string, limit?: number): LeaderboardEntry[];
}

/** Looks a passage up by id (the knowledge), for the 👎 passages' text and source. */
export type PassageLookup = (id: string) => { text: string; file: string; title: string; url: string | null } | undefined;

export interface GapsOptions {
  filter: GapsFilter;
  /** Show the text of questions asked in direct messages (default false: shown as DM_PLACEHOLDER). */
  showDmText: boolean;
  /** Rows per list (default 20). */
  limit: number;
  /** Example questions kept per gap (default 3). */
  examples: number;
}

export const defaultGapsOptions: GapsOptions = { filter: {}, showDmText: false, limit: 20, examples: 3 };

/** What a question asked in a DM reads as in a report, unless DM text is configured to show. */
export const DM_PLACEHOLDER = '(asked in a direct message)';

/** Distinct askers listed per gap: enough to know whom to ask back, short enough to read. */
const MAX_ASKERS = 10;

export interface Gap {
  /** The term the abstention names first (the rarest missing one). */
  term: string;
  /** Other terms named with it, most frequent first. */
  related: string[];
  count: number;
  lastAsked: number;
  /** `platform:userId` of the askers, where the platform gave one (at most MAX_ASKERS). */
  askers: string[];
  /** The most recent distinct questions (DM text hidden unless configured). */
  examples: string[];
  platforms: string[];
  /** What to write to close the gap. */
  hint: string;
}

export interface DownvotedPassage {
  passageId: string;
  down: number;
  up: number;
  text: string | null;
  file: string | null;
  title: string | null;
  questions: string[];
}

export interface GapsReport {
  filter: GapsFilter;
  generatedAt: number;
  totals: { questions: number; answered: number; unanswered: number; votesUp: number; votesDown: number };
  gaps: Gap[];
  downvoted: DownvotedPassage[];
  /** Answered questions per source title, most asked first. */
  topics: { topic: string; count: number }[];
  /** Per UTC day (YYYY-MM-DD), oldest first. */
  days: { day: string; answered: number; unanswered: number }[];
  quiz: {
    days: { day: string; questions: number; players: number }[];
    leaderboards: { workspace: string; entries: LeaderboardEntry[] }[];
  };
}

/** The UTC day of a time, `YYYY-MM-DD`. */
export function dayOf(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/**
 * The terms an abstention names, in its order (the engine names the rarest first): the quoted
 * words of `no passage mentions "a", "b"` or `… key words ("a", "b")`.
 */
export function reasonTerms(reason: string): string[] {
  const quoted = [...reason.matchAll(/"([^"]+)"/g)].map((m) => m[1]!.toLowerCase());
  if (quoted.length > 0) return quoted;
  // A near miss names the one thing the knowledge lacks: "nothing in the knowledge mentions South Korea".
  const missing = /^nothing in the knowledge mentions (.+)$/.exec(reason.trim());
  return missing ? [missing[1]!.toLowerCase()] : [];
}

/** The "what to write" hint for a gap: the terms to cover and a question to answer. */
function gapHint(term: string, related: string[], example: string | undefined): string {
  const terms = [term, ...related.slice(0, 3)].map((t) => `"${t}"`).join(', ');
  const ask = example && example !== DM_PLACEHOLDER ? ` that answers "${example}"` : '';
  return `Write a passage about ${terms}${ask}; use these words so the question finds it.`;
}

/** `first to last` day the report's questions were asked, or null when none were. */
export function dayRange(days: readonly { day: string }[]): string | null {
  const [first] = days;
  const last = days.at(-1);
  return first && last ? `${first.day} to ${last.day}` : null;
}

/** The top gaps and 👎 passages as a short chat message (plain text with `**bold**`). */
export function gapsSummary(r: GapsReport): string {
  const range = dayRange(r.days);
  const lines = [`**${r.totals.unanswered} of ${r.totals.questions} questions not answered**${range ? ` (${range})` : ''}.`];
  if (r.gaps.length === 0) lines.push('No gaps recorded.');
  for (const g of r.gaps) lines.push(`• **${g.term}** — ${g.count}× (last ${dayOf(g.lastAsked)}): “${g.examples[0] ?? ''}”\n   ${g.hint}`);
  if (r.downvoted.length) lines.push('', '**Most 👎 passages**');
  for (const p of r.downvoted.slice(0, 3))
    lines.push(`• ${p.down}👎 ${p.title ?? p.passageId}${p.questions[0] ? ` — asked: “${p.questions[0]}”` : ''}`);
  return lines.join('\n');
}

/** Builds the report from the sources. Fast enough for tens of thousands of records (one pass each). */
export function buildGapsReport(
  sources: { questions: QuestionSource; activity: ActivitySource | null; passage?: PassageLookup; now?: number },
  options: Partial<GapsOptions> = {},
): GapsReport {
  const opts = { ...defaultGapsOptions, ...options };
  const { filter } = opts;
  const shown = (q: { question: string; dm: boolean }) => (q.dm && !opts.showDmText ? DM_PLACEHOLDER : q.question);
  const questions = sources.questions.questions(filter);

  const days = new Map<string, { answered: number; unanswered: number }>();
  const topics = new Map<string, number>();
  const groups = new Map<
    string,
    {
      count: number;
      lastAsked: number;
      related: Map<string, number>;
      askers: Set<string>;
      recent: { text: string; at: number }[];
      platforms: Set<string>;
    }
  >();
  for (const q of questions) {
    const day = days.get(dayOf(q.at)) ?? { answered: 0, unanswered: 0 };
    days.set(dayOf(q.at), day);
    if (q.answered) {
      day.answered++;
      const topic = q.topic ?? '(unknown source)';
      topics.set(topic, (topics.get(topic) ?? 0) + 1);
      continue;
    }
    day.unanswered++;
    const [term = q.question.toLowerCase().slice(0, 40), ...rest] = reasonTerms(q.reason);
    let g = groups.get(term);
    if (!g) groups.set(term, (g = { count: 0, lastAsked: 0, related: new Map(), askers: new Set(), recent: [], platforms: new Set() }));
    g.count++;
    g.lastAsked = Math.max(g.lastAsked, q.at);
    g.platforms.add(q.platform);
    for (const r of rest) g.related.set(r, (g.related.get(r) ?? 0) + 1);
    if (q.user && g.askers.size < MAX_ASKERS) g.askers.add(`${q.platform}:${q.user}`);
    g.recent.push({ text: shown(q), at: q.at });
  }

  const gaps: Gap[] = [...groups.entries()]
    .sort(([ta, a], [tb, b]) => b.count - a.count || b.lastAsked - a.lastAsked || (ta < tb ? -1 : 1))
    .slice(0, opts.limit)
    .map(([term, g]) => {
      const related = [...g.related.entries()].sort((a, b) => b[1] - a[1]).map(([t]) => t);
      const examples = [...new Set(g.recent.sort((a, b) => b.at - a.at).map((r) => r.text))].slice(0, opts.examples);
      return {
        term,
        related,
        count: g.count,
        lastAsked: g.lastAsked,
        askers: [...g.askers],
        examples,
        platforms: [...g.platforms].sort(),
        hint: gapHint(term, related, examples[0]),
      };
    });

  const votes = sources.activity?.votes(filter) ?? [];
  const byPassage = new Map<string, { down: number; up: number; questions: Set<string> }>();
  for (const v of votes) {
    if (!v.passageId) continue;
    let p = byPassage.get(v.passageId);
    if (!p) byPassage.set(v.passageId, (p = { down: 0, up: 0, questions: new Set() }));
    if (v.vote < 0) {
      p.down++;
      p.questions.add(shown({ question: v.question, dm: v.dm }));
    } else p.up++;
  }
  const downvoted: DownvotedPassage[] = [...byPassage.entries()]
    .filter(([, p]) => p.down > 0)
    .sort(([ia, a], [ib, b]) => b.down - a.down || a.up - b.up || (ia < ib ? -1 : 1))
    .slice(0, opts.limit)
    .map(([passageId, p]) => {
      const found = sources.passage?.(passageId);
      return {
        passageId,
        down: p.down,
        up: p.up,
        text: found?.text ?? null,
        file: found?.file ?? null,
        title: found?.title ?? null,
        questions: [...p.questions].slice(0, opts.examples),
      };
    });

  const quizDays = new Map<string, { questions: number; players: Set<string> }>();
  for (const a of sources.activity?.quizAwards(filter) ?? []) {
    const d = quizDays.get(dayOf(a.at)) ?? { questions: 0, players: new Set<string>() };
    quizDays.set(dayOf(a.at), d);
    d.questions++;
    d.players.add(`${a.workspace}:${a.playerId}`);
  }
  const workspaces = (sources.activity?.quizWorkspaces() ?? []).filter(
    (w) => filter.platform === undefined || w.startsWith(`${filter.platform}:`),
  );

  const answered = questions.filter((q) => q.answered).length;
  return {
    filter,
    generatedAt: sources.now ?? Date.now(),
    totals: {
      questions: questions.length,
      answered,
      unanswered: questions.length - answered,
      votesUp: votes.filter((v) => v.vote > 0).length,
      votesDown: votes.filter((v) => v.vote < 0).length,
    },
    gaps,
    downvoted,
    topics: [...topics.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, opts.limit)
      .map(([topic, count]) => ({ topic, count })),
    days: [...days.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, d]) => ({ day, ...d })),
    quiz: {
      days: [...quizDays.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([day, d]) => ({ day, questions: d.questions, players: d.players.size })),
      leaderboards: workspaces
        .map((workspace) => ({ workspace, entries: sources.activity!.leaderboard(workspace, opts.limit) }))
        .filter((l) => l.entries.length > 0),
    },
  };
}
