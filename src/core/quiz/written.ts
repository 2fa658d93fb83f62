/**
 * Written questions: `quizzes/*.yaml` (or `.json`) in the knowledge folder, validated with zod.
 * A broken file or question is reported with its file, line and what is wrong; the rest still load.
 */
import fs from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import type { KnowledgeFile, Passage } from '../knowledge/index.js';
import { citationOf } from '../search/index.js';
import { answerKey, answerWords, indexOfWords, normalizeAnswer } from './normalize.js';
import { parseNumbers } from './numbers.js';
import { QUESTION_KINDS, type Question, type QuestionKind } from './question-model.js';
import { createRandom, shortId, shuffle } from './random.js';

/** Written questions live here, inside the knowledge folder. */
const QUIZZES_FOLDER = 'quizzes';
/** Larger quiz files are refused. */
const MAX_QUIZ_FILE_BYTES = 1024 * 1024;

/** Something wrong in a quiz file. `line` is 1-based, or null when it is about the whole file. */
export interface QuizFileProblem {
  file: string;
  line: number | null;
  message: string;
}

/** `quizzes/x.yaml:12: answer: expected text` */
export function formatProblem(p: QuizFileProblem): string {
  return `${p.file}${p.line !== null ? `:${p.line}` : ''}: ${p.message}`;
}

const text = (max: number) =>
  z
    .union([z.string(), z.number()])
    .transform(String)
    .pipe(z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`));

/** One written question, as the file spells it. */
const writtenQuestionSchema = z.strictObject({
  /** Stable id (letters, digits, `-`, `_`, `.`); derived from the question when absent. */
  id: z
    .string()
    .trim()
    .regex(/^[\w.-]{1,64}$/, 'use letters, digits, -, _ or . (at most 64)')
    .optional(),
  question: text(500),
  answer: text(200),
  /** Other answers to accept as they are. */
  accepted: z.array(text(200)).max(20).default([]),
  /** Wrong choices for multiple choice: at least three (three are shown). */
  wrong: z.array(text(200)).min(3, 'needs at least 3 wrong choices').max(10).optional(),
  explanation: text(1000).optional(),
  /** Where the answer is in the knowledge: a file, and the sentence (or part of it) that says it. */
  source: z.strictObject({ file: text(300), passage: text(1000).optional() }).optional(),
  tags: z.array(text(50)).max(20).default([]),
  kind: z.enum(QUESTION_KINDS as [QuestionKind, ...QuestionKind[]]).optional(),
});

export type WrittenQuestion = z.infer<typeof writtenQuestionSchema>;

/** The value at a path in parsed YAML/JSON, or undefined. */
function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>(
    (v, key) => (v !== null && typeof v === 'object' && Object.hasOwn(v, key) ? (v as Record<PropertyKey, unknown>)[key] : undefined),
    value,
  );
}

export interface WrittenLoad {
  questions: Question[];
  problems: QuizFileProblem[];
}

/** Files in `dir/quizzes/` that hold written questions (relative to `dir`), sorted. */
export function listQuizFiles(dir: string): string[] {
  const folder = path.join(dir, QUIZZES_FOLDER);
  let names: string[];
  try {
    names = fs.readdirSync(folder, { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  return names
    .filter((n) => /\.(ya?ml|json)$/i.test(n) && !n.split(path.sep).some((part) => part.startsWith('.')))
    .map((n) => `${QUIZZES_FOLDER}/${n.split(path.sep).join('/')}`)
    .sort();
}

/** Loads every quiz file of the knowledge folder; sources are resolved against `files`. */
export function loadWrittenQuestions(dir: string, files: KnowledgeFile[]): WrittenLoad {
  const out: WrittenLoad = { questions: [], problems: [] };
  const ids = new Set<string>();
  for (const rel of listQuizFiles(dir)) {
    const { questions, problems } = parseQuizFile(rel, readQuizFile(path.join(dir, rel), rel, out.problems), files);
    out.problems.push(...problems);
    for (const q of questions) {
      if (ids.has(q.id)) {
        out.problems.push({ file: rel, line: null, message: `question id "${q.id}" is used twice; the second is left out` });
        continue;
      }
      ids.add(q.id);
      out.questions.push(q);
    }
  }
  return out;
}

function readQuizFile(abs: string, rel: string, problems: QuizFileProblem[]): string | null {
  try {
    const info = fs.statSync(abs);
    if (info.size > MAX_QUIZ_FILE_BYTES) {
      problems.push({
        file: rel,
        line: null,
        message: `larger than ${MAX_QUIZ_FILE_BYTES / 1024 / 1024} MiB; split it into smaller files`,
      });
      return null;
    }
    const bytes = fs.readFileSync(abs);
    if (bytes.includes(0)) {
      problems.push({ file: rel, line: null, message: 'binary file, not YAML or JSON text' });
      return null;
    }
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (err) {
    const reason =
      err instanceof TypeError ? 'not UTF-8 text' : `cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`;
    problems.push({ file: rel, line: null, message: reason });
    return null;
  }
}

/**
 * Parses one quiz file's text: a list of questions, or `{ questions: [...] }`. Each bad question
 * is reported at its line and left out; a file that is not YAML/JSON at all is reported whole.
 */
function parseQuizFile(rel: string, raw: string | null, files: KnowledgeFile[]): WrittenLoad {
  const out: WrittenLoad = { questions: [], problems: [] };
  if (raw === null) return out;
  if (raw.trim() === '') {
    out.problems.push({ file: rel, line: null, message: 'empty file; expected a list of questions' });
    return out;
  }
  const lines = new LineCounter();
  const doc = parseDocument(raw, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    out.problems.push({
      file: rel,
      line: e.linePos?.[0].line ?? null,
      message: `not valid ${/\.json$/i.test(rel) ? 'JSON' : 'YAML'}: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`,
    });
    return out;
  }
  const lineOf = (p: (string | number)[]): number | null => {
    for (let n = p.length; n >= 0; n--) {
      const node = doc.getIn(p.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return lines.linePos(node.range[0]).line;
    }
    return null;
  };
  const data: unknown = doc.toJS();
  const listPath: (string | number)[] = Array.isArray(data) ? [] : ['questions'];
  const list = Array.isArray(data) ? data : (data as { questions?: unknown } | null)?.questions;
  if (!Array.isArray(list)) {
    out.problems.push({ file: rel, line: lineOf([]), message: 'expected a list of questions, or "questions:" followed by a list' });
    return out;
  }
  list.forEach((item, index) => {
    const at = [...listPath, index];
    const parsed = writtenQuestionSchema.safeParse(item);
    if (!parsed.success) {
      for (const issue of parsed.error.issues.slice(0, 3)) {
        const field = issue.path.join('.');
        const message =
          issue.code === 'unrecognized_keys'
            ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`
            : valueAt(item, issue.path) === undefined
              ? 'is missing'
              : issue.message;
        out.problems.push({
          file: rel,
          line: lineOf([...at, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))]),
          message: `question ${index + 1}${field ? `, ${field}` : ''}: ${message}`,
        });
      }
      return;
    }
    const made = toQuestion(parsed.data, rel, index, lineOf(at), files);
    if (typeof made === 'string') out.problems.push({ file: rel, line: lineOf(at), message: `question ${index + 1}: ${made}` });
    else out.questions.push(made);
  });
  return out;
}

function inferKind(answer: string): QuestionKind {
  if (/^\s*(?:(?:early|mid|late)[- ])?(?:\p{L}+\s+)?\d{4}\s*$/u.test(answer) && /\b(1[5-9]|20)\d\d\b/.test(answer)) return 'date';
  if (parseNumbers(answer).length === 1 && /\d/.test(answer) && answerWords(answer).length <= 2) return 'number';
  return 'other';
}

/** Builds the question, or says why it cannot be asked. */
function toQuestion(w: WrittenQuestion, rel: string, index: number, line: number | null, files: KnowledgeFile[]): Question | string {
  const norm = normalizeAnswer(w.answer);
  const wrong = w.wrong ? [...new Set(w.wrong)] : null;
  if (wrong) {
    const seen = new Set([norm]);
    for (const c of wrong) {
      const n = normalizeAnswer(c);
      if (seen.has(n)) return n === norm ? `wrong choice "${c}" is the answer` : `wrong choice "${c}" is listed twice`;
      seen.add(n);
    }
  }
  const id = w.id ?? `w-${shortId(`${rel}|${w.question}`)}`;
  const kind = w.kind ?? inferKind(w.answer);
  let passage: Passage | null = null;
  let file: KnowledgeFile | undefined;
  if (w.source) {
    const wanted = w.source.file.replace(/\\/g, '/').replace(/^\.\//, '');
    file = files.find((f) => f.file === wanted) ?? files.find((f) => f.file.replace(/\.[^.]+$/, '') === wanted.replace(/\.[^.]+$/, ''));
    if (!file) return `source file "${w.source.file}" is not in the knowledge folder`;
    passage = findPassage(file, w.source.passage, w.answer);
    if (!passage && w.source.passage)
      return `source passage not found in ${file.file} (did the text change?): "${w.source.passage.slice(0, 80)}"`;
  }
  return {
    id,
    origin: 'written',
    prompt: w.question,
    answer: w.answer,
    accepted: w.accepted,
    kind,
    rivals: wrong ?? [],
    wrong: wrong ? shuffle(wrong, createRandom(id)).slice(0, 3) : null,
    explanation: w.explanation ?? null,
    citation: passage
      ? citationOf(passage)
      : {
          file: file?.file ?? rel,
          title: file?.title ?? 'Written question',
          section: null,
          paragraph: file ? 1 : index + 1,
          lines: line !== null ? [line, line] : [1, 1],
          url: file?.url ?? null,
        },
    source: passage?.text ?? w.explanation ?? w.question,
    passageId: passage?.id ?? null,
    sourceHash: passage?.hash ?? null,
    file: file?.file ?? rel,
    tags: [...new Set([...w.tags, ...(file?.tags ?? [])])],
    fact: factOf(kind, w.answer),
  };
}

/** The sentence that holds the quoted text, or (without a quote) the answer. */
function findPassage(file: KnowledgeFile, quote: string | undefined, answer: string): Passage | null {
  if (quote) {
    const id = /^(?:.*#)?(p\d+s\d+)$/.exec(quote.trim());
    if (id) return file.passages.find((p) => p.id === `${file.file}#${id[1]}`) ?? null;
    const words = answerWords(quote);
    return file.passages.find((p) => indexOfWords(answerWords(p.text), words) >= 0) ?? null;
  }
  const words = answerKey(answer);
  return file.passages.find((p) => indexOfWords(answerWords(p.text), words) >= 0) ?? null;
}

/** What a question asks about, so a session asks it once: by value for numbers and dates, by name otherwise. */
function factOf(kind: QuestionKind, answer: string): string {
  if (kind === 'number') return `number:${parseNumbers(answer)[0] ?? normalizeAnswer(answer)}`;
  if (kind === 'date') return `date:${normalizeAnswer(answer).replace(/^(late|early|mid) /, '')}`;
  return `name:${normalizeAnswer(answer)}`;
}
