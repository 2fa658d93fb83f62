/**
 * The replies the confidence and short-answer models are fitted and checked on (shared by
 * scripts/fit-confidence.ts and scripts/bench-confidence.ts): the answerable SQuAD 2.0 dev
 * questions over all 35 articles as one knowledge base, tagged with its article's
 * parity (even articles fit, odd ones check); and the docs-dev questions over their READMEs.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseKnowledgeFile } from '../src/core/knowledge/parse.js';
import type { KnowledgeFile } from '../src/core/knowledge/types.js';
import type { AcronymDefinition } from '../src/core/text/analyze.js';
import { AnswerEngine, type EngineOptions, type KnowledgeSource } from '../src/core/search/engine.js';
import { SearchIndex } from '../src/core/search/search-index.js';
import type { ConfidenceInputs, ShortAnswerInputs } from '../src/core/search/confidence.js';
import type { AnswerKind, AnswerReply } from '../src/core/search/types.js';
import { squadSource, type SquadArticle } from './squad.js';

export interface Scored {
  /** 0 for an even article or docs-dev question (fitting), 1 for an odd one (checking). */
  half: 0 | 1;
  abstained: boolean;
  reasonCode: AnswerReply['reasonCode'];
  confidence: number;
  inputs: ConfidenceInputs;
  /** Whether the first snippet holds a gold answer. */
  right: boolean;
  short: {
    kind: AnswerKind;
    text: string;
    shown: boolean;
    probability: number | null;
    inputs: ShortAnswerInputs | null;
    right: boolean;
  } | null;
}

export const norm = (s: string) => s.toLowerCase().replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/[–—]/g, '-').replace(/\s+/g, ' ');
/** Words of an answer for comparing spans: lower case, no punctuation, no articles. */
const words = (s: string) =>
  norm(s)
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter((w) => w && !['a', 'an', 'the'].includes(w));

/** A short answer is right when it is a gold answer, or one holds the other and has at least a third of its words (`at most 2000` for `2000`). */
export function sameAnswer(short: string, gold: string): boolean {
  const a = words(short);
  const b = words(gold);
  if (a.length === 0 || b.length === 0) return false;
  const [lo, hi] = a.length <= b.length ? [a, b] : [b, a];
  if (lo.length * 3 < hi.length) return false;
  for (let i = 0; i + lo.length <= hi.length; i++) if (lo.every((w, j) => hi[i + j] === w)) return true;
  return false;
}

function scored(r: AnswerReply, half: 0 | 1, right: (text: string) => boolean, rightShort: (text: string) => boolean): Scored {
  const e = r.explain!;
  const s = e.shortAnswer;
  return {
    half,
    abstained: r.abstained,
    reasonCode: r.reasonCode,
    confidence: r.confidence,
    inputs: e.confidence!.inputs,
    right: !r.abstained && right(r.snippets[0]!.text),
    short: s ? { ...s, right: rightShort(s.text) } : null,
  };
}

/**
 * Every `every`th answerable SQuAD question, answered with all articles indexed. (The
 * unanswerable ones are left out: written to be answered by the paragraph they stand beside,
 * they hold a plausible span; questions the knowledge does not cover are the out-of-corpus
 * bench's and the missing-term set's.)
 */
export function squadReplies(data: SquadArticle[], every: number, options: Partial<EngineOptions> = {}): Scored[] {
  const engine = new AnswerEngine(squadSource(data), options);
  const out: Scored[] = [];
  let i = 0;
  data.forEach((a, k) => {
    for (const p of a.paragraphs) {
      for (const qa of p.qas) {
        if (qa.is_impossible || i++ % every !== 0) continue;
        const gold = qa.answers.map((x) => x.text);
        const r = engine.answer(qa.question, { explain: true });
        out.push(
          scored(
            r,
            (k % 2) as 0 | 1,
            (t) => gold.some((g) => t.toLowerCase().includes(g.toLowerCase())),
            (t) => gold.some((g) => sameAnswer(t, g)),
          ),
        );
      }
    }
  });
  return out;
}

/** The READMEs of docs-dev as a knowledge source; a file the parser cannot read is left out and counted. */
export function docsSource(dir: string): { source: KnowledgeSource; failed: number } {
  const files: KnowledgeFile[] = [];
  const acronyms: AcronymDefinition[] = [];
  let failed = 0;
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()) {
    try {
      const f = parseKnowledgeFile(name, readFileSync(path.join(dir, name), 'utf8'));
      new SearchIndex().setFile(f.file, f.passages);
      files.push(f);
      acronyms.push(...f.acronyms);
    } catch {
      failed++;
    }
  }
  return { source: { files: () => files, acronyms: () => acronyms, synonyms: () => [] }, failed };
}

export const DOCS_DEV = path.resolve('..', 'shared', 'bench', 'docs-dev');

/** The docs-dev questions (answerable and out of scope) answered over their READMEs, or null when absent. */
export function docsReplies(
  options: Partial<EngineOptions> = {},
  dir = DOCS_DEV,
): { replies: Scored[]; failed: number; files: number } | null {
  if (!existsSync(path.join(dir, 'docs-qa.json'))) return null;
  const qa = JSON.parse(readFileSync(path.join(dir, 'docs-qa.json'), 'utf8')) as {
    answerable: { q: string; expect: string[]; file: string }[];
    out_of_scope: string[];
  };
  const { source, failed } = docsSource(path.join(dir, 'corpus'));
  const engine = new AnswerEngine(source, options);
  const loaded = new Set(source.files().map((f) => f.file));
  const replies = [
    // Questions on a README the parser could not read are left out with it.
    ...qa.answerable
      .filter((a) => loaded.has(a.file))
      .map(({ q, expect }, i) =>
        scored(
          engine.answer(q, { explain: true }),
          (i % 2) as 0 | 1,
          (t) => expect.some((x) => norm(t).includes(norm(x))),
          () => false,
        ),
      ),
    ...qa.out_of_scope.map((q, i) =>
      scored(
        engine.answer(q, { explain: true }),
        (i % 2) as 0 | 1,
        () => false,
        () => false,
      ),
    ),
  ];
  return { replies, failed, files: loaded.size };
}

export interface MissingTermQuestion {
  knowledge: 'bundled' | 'docs-dev';
  q: string;
  /** The reason must name one of these. */
  missing: string[];
}

/** tests/fixtures/missing-terms.json: questions about a name, number or product the knowledge never mentions. */
export function missingTermQuestions(): MissingTermQuestion[] {
  return (JSON.parse(readFileSync(path.resolve('tests', 'fixtures', 'missing-terms.json'), 'utf8')) as { questions: MissingTermQuestion[] })
    .questions;
}

/** Whether the engine abstained on a missing-term question naming the missing term. */
export function namesMissing(r: AnswerReply, m: MissingTermQuestion): boolean {
  return r.reasonCode === 'missing-term' && m.missing.some((x) => r.reason!.toLowerCase().includes(x.toLowerCase()));
}
