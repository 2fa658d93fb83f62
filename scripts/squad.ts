/** SQuAD 2.0 as knowledge: an article is a file, a paragraph a paragraph (shared by bench and calibrate). */
import { readFileSync } from 'node:fs';
import { parseKnowledgeFile } from '../src/core/knowledge/parse.js';
import type { KnowledgeFile } from '../src/core/knowledge/types.js';
import type { AcronymDefinition } from '../src/core/text/analyze.js';
import type { KnowledgeSource } from '../src/core/search/engine.js';

export interface SquadArticle {
  title: string;
  paragraphs: { context: string; qas: { question: string; answers: { text: string }[]; is_impossible: boolean }[] }[];
}

export function readSquad(file: string): SquadArticle[] {
  return (JSON.parse(readFileSync(file, 'utf8')) as { data: SquadArticle[] }).data;
}

/** The articles as a knowledge source, analysed as citebot analyses files. */
export function squadSource(articles: SquadArticle[]): KnowledgeSource {
  const files: KnowledgeFile[] = [];
  const acronyms: AcronymDefinition[] = [];
  for (const a of articles) {
    const title = a.title.replace(/_/g, ' ');
    const f = parseKnowledgeFile(`${a.title}.txt`, a.paragraphs.map((p) => p.context.replace(/\n+/g, ' ')).join('\n\n'));
    files.push({ ...f, title, passages: f.passages.map((p) => ({ ...p, title })) });
    acronyms.push(...f.acronyms);
  }
  return { files: () => files, acronyms: () => acronyms, synonyms: () => [] };
}

/** Answerable questions with their gold answers (lower case), every `every`th. */
export function squadQuestions(articles: SquadArticle[], every = 1): { q: string; answers: string[] }[] {
  return articles
    .flatMap((a) =>
      a.paragraphs.flatMap((p) =>
        p.qas.filter((q) => !q.is_impossible).map((q) => ({ q: q.question, answers: q.answers.map((x) => x.text.toLowerCase()) })),
      ),
    )
    .filter((_, i) => i % every === 0);
}
