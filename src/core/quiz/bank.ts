/**
 * The question bank: written and generated questions from the current knowledge, rebuilt when
 * the knowledge or the quiz files change, and the seeded draw of a session's questions.
 */
import fs from 'node:fs';
import path from 'node:path';
import { silentLogger, type Logger } from '../logger.js';
import { generateDocQuestions } from './docs.js';
import { generateQuestions } from './generate.js';
import type { QuizKnowledge } from './knowledge.js';
import { normalizeAnswer } from './normalize.js';
import type { Question } from './question-model.js';
import { createRandom, shuffle } from './random.js';
import { docsKindRules, docsRules, showsAnswer, technicalFiles } from './rules.js';
import { formatProblem, listQuizFiles, loadWrittenQuestions, type QuizFileProblem } from './written.js';

/** The most questions a draw orders; a session asks at most 50, an export at most this. */
export const MAX_DRAW = 100;
/** Share of facts that may move earlier facts to other sentences to get one: all for the most questions a quiz, none for the most variety over the seeds. */
const RESEAT_SHARE = 0.75;
/** Written questions are drawn this much more often than generated ones of the same quality. */
const WRITTEN_QUALITY = 6;

/**
 * Whether what someone typed names a topic (a file or a tag, as `topics()` lists them): the same
 * text, the path without its extension, or the file name without it; case-insensitive. Every front
 * end matches topics with this.
 */
export function namesTopic(typed: string, topic: string): boolean {
  const t = typed.trim().toLowerCase();
  const name = topic.toLowerCase();
  const bare = name.replace(/\.[^./]+$/, '');
  return t === name || t === bare || t === bare.slice(bare.lastIndexOf('/') + 1);
}

export interface DrawOptions {
  /** Same seed, same questions in the same order. */
  seed: string;
  count: number;
  /** Only questions from this file (path, or its name without extension) or with this tag. */
  topic?: string | null;
  /** Only questions with three wrong choices (a multiple-choice quiz leaves free-text questions out). */
  choicesOnly?: boolean;
}

export class QuestionBank {
  constructor(
    readonly questions: readonly Question[],
    /** Problems found in the quiz files. */
    readonly problems: readonly QuizFileProblem[] = [],
  ) {}

  /** Files and tags a quiz can be limited to. */
  topics(): string[] {
    const files = new Set<string>();
    const tags = new Set<string>();
    for (const q of this.questions) {
      files.add(q.file);
      for (const t of q.tags) tags.add(t);
    }
    return [...[...files].sort(), ...[...tags].sort()];
  }

  /** Questions matching a topic (file path, file name without extension, or tag; case-insensitive). */
  filter(topic: string | null | undefined): Question[] {
    if (!topic) return [...this.questions];
    return this.questions.filter((q) => namesTopic(topic, q.file) || q.tags.some((g) => namesTopic(topic, g)));
  }

  /**
   * The session's questions: in a seeded order favouring better questions, at most one per fact
   * and one per source sentence, none whose answer an earlier prompt shows, as many distinct facts
   * as the knowledge allows. The same seed gives the same list, and a shorter draw is the start of
   * a longer one.
   */
  draw(options: DrawOptions): Question[] {
    const pool = this.filter(options.topic).filter((q) =>
      options.choicesOnly ? q.wrong !== null && q.wrong.length >= 3 : q.choicesOnly !== true,
    );
    return orderedDraw(pool, options.seed).slice(0, Math.max(0, options.count));
  }
}

function quality(q: Question): number {
  return q.origin === 'written' ? WRITTEN_QUALITY : ((q as Question & { quality?: number }).quality ?? 3);
}

/**
 * Orders facts by a weighted seeded shuffle, then gives each fact a question whose sentence no
 * earlier fact needs (a bipartite matching that re-seats earlier facts when that frees a sentence),
 * so a small text still yields as many distinct questions as it can.
 */
function orderedDraw(questions: Question[], seed: string): Question[] {
  const random = createRandom(`draw:${seed}`);
  const byFact = new Map<string, Question[]>();
  for (const q of shuffle(questions, random)) {
    const list = byFact.get(q.fact) ?? [];
    list.push(q);
    byFact.set(q.fact, list);
  }
  // Weighted order (Efraimidis–Spirakis): a fact's weight is its best question's quality; its
  // questions (other sentences, other blanks, question or cloze form) are tried in a weighted order
  // too, so the better form comes first more often and every form gets played over the seeds.
  const weighted = <T>(items: T[], weight: (item: T) => number) =>
    items
      .map((item) => ({ item, key: Math.log(random() || Number.MIN_VALUE) / weight(item) }))
      .sort((a, b) => b.key - a.key)
      .map((x) => x.item);
  const facts = weighted(
    [...byFact.entries()].map(([fact, qs]) => ({ fact, qs: weighted(qs, quality), best: Math.max(...qs.map(quality)) })),
    (f) => f.best,
  );
  // One generated question a sentence, even when the knowledge repeats the sentence (a written
  // question asks in its own words, so it takes no sentence from the generated ones).
  const seats = new Map<Question, string>();
  const seatOf = (q: Question) => {
    let seat = seats.get(q);
    if (seat === undefined)
      seats.set(q, (seat = q.origin === 'generated' && q.passageId ? `sentence:${normalizeAnswer(q.source)}` : `own:${q.id}`));
    return seat;
  };
  const seated = new Map<string, { fact: number; q: Question }>();
  const chosen: (Question | null)[] = [];
  const tryFact = (f: number, visited: Set<string>, reseat: boolean): boolean => {
    for (const q of facts[f]!.qs) {
      const seat = seatOf(q);
      if (visited.has(seat)) continue;
      visited.add(seat);
      const holder = seated.get(seat);
      if (!holder || (reseat && tryFact(holder.fact, visited, reseat))) {
        seated.set(seat, { fact: f, q });
        chosen[f] = q;
        return true;
      }
    }
    return false;
  };
  let matched = 0;
  for (let f = 0; f < facts.length && matched < MAX_DRAW; f++) {
    chosen[f] = null;
    // Re-seating earlier facts gives a small text every question it can; half the time a fact
    // keeps its seat instead, so the sentences go to other facts' questions over the seeds.
    if (tryFact(f, new Set(), random() < RESEAT_SHARE)) matched++;
  }
  // No question whose answer an earlier prompt of the quiz shows: such a question moves before the
  // first prompt that shows its answer, or is left out when its own prompt would then show a later answer.
  // A fact whose matched question cannot be placed so tries its other questions (other sentences).
  const out: Question[] = [];
  const used = new Set<string>();
  const matchers = new Map<Question, (prompt: string) => boolean>();
  const shows = (q: Question) => {
    let matcher = matchers.get(q);
    if (!matcher) matchers.set(q, (matcher = showsAnswer(q)));
    return matcher;
  };
  chosen.forEach((matched, f) => {
    if (!matched) return;
    for (const q of [matched, ...facts[f]!.qs.filter((o) => o !== matched)]) {
      if (used.has(seatOf(q))) continue;
      const at = out.findIndex((earlier) => shows(q)(earlier.prompt));
      if (at >= 0 && out.slice(at).some((later) => shows(later)(q.prompt))) continue;
      out.splice(at < 0 ? out.length : at, 0, q);
      used.add(seatOf(q));
      return;
    }
  });
  return out;
}

/** Builds banks from the knowledge, reusing the last one while nothing changed. */
export class QuestionSource {
  private cached: { fingerprint: string; bank: QuestionBank } | null = null;

  constructor(
    private readonly knowledge: QuizKnowledge,
    private readonly logger: Logger = silentLogger,
  ) {}

  /** The bank for the knowledge as it is now. */
  bank(): QuestionBank {
    const fingerprint = this.fingerprint();
    if (this.cached?.fingerprint === fingerprint) return this.cached.bank;
    const bank = buildBank(this.knowledge);
    for (const p of bank.problems)
      this.logger.warn({ file: p.file, line: p.line, problem: p.message }, `quiz file problem: ${formatProblem(p)}`);
    this.logger.info({ questions: bank.questions.length, problems: bank.problems.length }, 'quiz questions built');
    this.cached = { fingerprint, bank };
    return bank;
  }

  /** True when the passage a question was made from is gone or says something else now. */
  isStale(q: Question): boolean {
    if (!q.passageId) return false;
    const passage = this.knowledge
      .files()
      .find((f) => f.file === q.file)
      ?.passages.find((p) => p.id === q.passageId);
    return !passage || passage.hash !== q.sourceHash;
  }

  private fingerprint(): string {
    const files = this.knowledge.files().map((f) => `${f.file}:${f.hash}`);
    const quizzes = listQuizFiles(this.knowledge.dir).map((rel) => {
      const info = fs.statSync(path.join(this.knowledge.dir, rel), { throwIfNoEntry: false });
      return `${rel}:${info?.size ?? 0}:${info?.mtimeMs ?? 0}`;
    });
    return [...files, ...quizzes].join('\n');
  }
}

/** Generates and loads every question of the knowledge. */
export function buildBank(knowledge: QuizKnowledge): QuestionBank {
  const files = knowledge.files();
  const passages = knowledge.passages();
  // Technical docs (code spans or code-shaped words): blanked sentences there keep the docs rules too.
  const technical = technicalFiles(passages);
  const prose = generateQuestions({ passages, acronyms: knowledge.acronyms?.() ?? [] }).filter(
    (q) => !technical.has(q.file) || (docsRules(q).length === 0 && docsKindRules(q).length === 0),
  );
  const generated = [...prose, ...generateDocQuestions(passages)];
  const written = loadWrittenQuestions(knowledge.dir, files);
  // A written question about a thing the generator knows by another name shares its fact.
  const factByName = new Map<string, string>();
  for (const q of generated) for (const name of [q.answer, ...q.accepted]) factByName.set(normalizeAnswer(name), q.fact);
  for (const q of written.questions) {
    const fact = factByName.get(normalizeAnswer(q.answer));
    if (fact) q.fact = fact;
  }
  return new QuestionBank([...written.questions, ...generated], written.problems);
}
