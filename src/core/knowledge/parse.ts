/**
 * Parses one knowledge file (Markdown with optional front matter, or plain text) into
 * paragraphs that remember their section and lines, then into analysed sentences.
 */
import { createHash } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { analyzeParagraph, resolveNames, type AcronymDefinition } from '../text/analyze.js';
import type { KnowledgeFile, Passage } from './types.js';

/** Front matter of a Markdown file. */
export const frontMatterSchema = z
  .object({
    title: z.string().trim().min(1).optional(),
    url: z.url().optional(),
    tags: z
      .union([z.array(z.union([z.string(), z.number()])), z.string()])
      .transform((t) => (Array.isArray(t) ? t.map(String) : t.split(',')).map((s) => s.trim()).filter(Boolean))
      .optional(),
  })
  .loose();

export class KnowledgeFileError extends Error {}

interface Block {
  headings: string[];
  /** Text with inline Markdown removed; lines joined by a space. */
  text: string;
  /** Offset in `text` where each source line starts, and that line's number. */
  lineStarts: { offset: number; line: number }[];
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** Parses a file's text. Throws `KnowledgeFileError` for broken front matter. */
export function parseKnowledgeFile(file: string, raw: string, hash = sha256(raw)): KnowledgeFile & { acronyms: AcronymDefinition[] } {
  const isMarkdown = /\.(md|markdown)$/i.test(file);
  let body = raw.replace(/^\uFEFF/, '');
  let firstLine = 1;
  let meta: z.infer<typeof frontMatterSchema> = {};
  const fm = isMarkdown ? /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(body) : null;
  if (fm) {
    let data: unknown;
    try {
      data = parseYaml(fm[1]!) ?? {};
    } catch (err) {
      throw new KnowledgeFileError(`front matter is not valid YAML (${(err as Error).message.split('\n')[0]})`);
    }
    const result = frontMatterSchema.safeParse(data);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      throw new KnowledgeFileError(`front matter field "${issue.path.join('.') || '(root)'}": ${issue.message}`);
    }
    meta = result.data;
    firstLine += fm[0].split('\n').length - 1;
    body = body.slice(fm[0].length);
  }
  const lines = body.split(/\r?\n/);
  const blocks = isMarkdown ? markdownBlocks(lines, firstLine) : textBlocks(lines, firstLine);
  const title = meta.title ?? blocks.find((b) => b.headings.length > 0)?.headings[0] ?? humanize(file);
  const url = meta.url ?? null;
  const tags = meta.tags ?? [];
  const passages: Passage[] = [];
  const acronyms: AcronymDefinition[] = [];
  blocks.forEach((block, b) => {
    const paragraph = b + 1;
    const analyzed = analyzeParagraph(block.text);
    acronyms.push(...analyzed.acronyms);
    analyzed.sentences.forEach((s, i) => {
      passages.push({
        id: `${file}#p${paragraph}s${i}`,
        file,
        title,
        url,
        tags,
        headings: block.headings,
        paragraph,
        sentence: i,
        lines: [lineAt(block, s.start), lineAt(block, Math.max(s.start, s.end - 1))],
        text: s.text,
        entities: s.entities,
        hash: sha256(s.text),
        prev: i > 0 ? `${file}#p${paragraph}s${i - 1}` : null,
        next: i < analyzed.sentences.length - 1 ? `${file}#p${paragraph}s${i + 1}` : null,
      });
    });
  });
  resolveNames(passages);
  return { file, title, url, tags, hash, passages, acronyms };
}

function lineAt(block: Block, offset: number): number {
  let line = block.lineStarts[0]!.line;
  for (const l of block.lineStarts) if (l.offset <= offset) line = l.line;
  return line;
}

function humanize(file: string): string {
  const base = file.split('/').pop()!.replace(/\.[^.]+$/, '');
  const words = base.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function pushLine(block: Block, text: string, line: number): void {
  if (block.text.length > 0) block.text += ' ';
  block.lineStarts.push({ offset: block.text.length, line });
  block.text += text;
}

/** Plain text: blank-line separated paragraphs, or one paragraph a line when the file has no blank lines. */
function textBlocks(lines: string[], firstLine: number): Block[] {
  const oneALine = !lines.some((l, i) => l.trim() === '' && i > 0 && i < lines.length - 1 && lines[i - 1]!.trim() !== '');
  const blocks: Block[] = [];
  let current: Block | null = null;
  lines.forEach((l, i) => {
    const text = l.trim();
    if (text === '' || oneALine) current = null;
    if (text === '') return;
    if (!current) blocks.push((current = { headings: [], text: '', lineStarts: [] }));
    pushLine(current, text, firstLine + i);
  });
  return blocks;
}

/** Strips inline Markdown: links keep their text, emphasis and code marks go. */
export function stripInline(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[\s(])[*_]([^*_\s][^*_]*?)[*_](?=[\s).,;:!?]|$)/g, '$1$2')
    .replace(/`([^`]+)`/g, '$1');
}

/** Markdown: headings make sections; paragraphs and list items are blocks; code, tables and HTML are left out. */
function markdownBlocks(lines: string[], firstLine: number): Block[] {
  const blocks: Block[] = [];
  const headings: string[] = [];
  let current: Block | null = null;
  let fence: string | null = null;
  lines.forEach((raw, i) => {
    const line = firstLine + i;
    const fenceMark = /^\s*(```|~~~)/.exec(raw);
    if (fence) {
      if (fenceMark && raw.trim().startsWith(fence)) fence = null;
      return;
    }
    if (fenceMark) {
      fence = fenceMark[1]!;
      current = null;
      return;
    }
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(raw);
    if (heading) {
      headings.length = heading[1]!.length - 1;
      headings[heading[1]!.length - 1] = stripInline(heading[2]!);
      for (let h = 0; h < headings.length; h++) headings[h] ??= '';
      current = null;
      return;
    }
    const text = raw.trim();
    if (text === '' || /^(\|.*\||-{3,}|\*{3,}|_{3,}|<\/?\w[^>]*>)$/.test(text)) {
      current = null;
      return;
    }
    const item = /^(?:[-*+]|\d+[.)])\s+(.*)$/.exec(text);
    const content = stripInline((item ? item[1]! : text).replace(/^>\s?/, ''));
    if (item || !current) blocks.push((current = { headings: headings.filter(Boolean), text: '', lineStarts: [] }));
    pushLine(current, content, line);
  });
  return blocks;
}
