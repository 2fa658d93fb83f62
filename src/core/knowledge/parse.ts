/**
 * Parses one knowledge file (Markdown with optional front matter, or plain text) into
 * paragraphs that remember their section and lines, then into analysed sentences.
 */
import crypto from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { analyzeParagraph, forgetNewWords, resolveNames, type AcronymDefinition, type AnalyzedSentence } from '../text/index.js';
import { markdownBlocks, type Block } from './markdown.js';
import type { KnowledgeFile, Passage } from './types.js';

/** Front matter of a Markdown file. */
const frontMatterSchema = z
  .object({
    /** An empty title falls back as a missing one does (first heading, else the file name). */
    title: z
      .string()
      .trim()
      .nullish()
      .transform((t) => t || undefined),
    url: z
      .url()
      .nullish()
      .transform((u) => u ?? undefined),
    tags: z
      .union([z.array(z.union([z.string(), z.number()])), z.string()])
      .nullish()
      .transform((t) => (t == null ? undefined : (Array.isArray(t) ? t.map(String) : t.split(',')).map((s) => s.trim()).filter(Boolean))),
  })
  .loose();

export class KnowledgeFileError extends Error {}

/**
 * A Markdown file with a line this long (minified or generated text, not prose someone wrote) is
 * read as plain text: the GFM parser took 4 s on a 1 MB line of `x.y(`.
 */
const LONG_LINE = 10_000;

/**
 * Whether a line of the text is `LONG_LINE` characters or longer, in one pass (the regular
 * expression `[^\n]{10000}` this replaces rescanned each line from every position: 6 % of
 * analysing /usr/share/doc).
 */
function hasLongLine(text: string): boolean {
  for (let from = 0; from < text.length;) {
    const end = text.indexOf('\n', from);
    if ((end < 0 ? text.length : end) - from >= LONG_LINE) return true;
    if (end < 0) return false;
    from = end + 1;
  }
  return false;
}

/** One-shot hashing where Node has it (20.12+: a third of `createHash`'s cost on a sentence), else `createHash`. */
const sha256: (data: string | Buffer) => string =
  typeof crypto.hash === 'function'
    ? (data) => crypto.hash('sha256', data, 'hex')
    : (data) => crypto.createHash('sha256').update(data).digest('hex');

/** Parses a file's text. Throws `KnowledgeFileError` for broken front matter. */
export function parseKnowledgeFile(file: string, raw: string, hash = sha256(raw)): KnowledgeFile & { acronyms: AcronymDefinition[] } {
  forgetNewWords(); // a file's analysis depends on its text alone, not on the files read before it
  const isMarkdown = /\.(md|markdown)$/i.test(file);
  let body = raw.replace(/^\uFEFF/, '');
  let firstLine = 1;
  let meta: Partial<z.infer<typeof frontMatterSchema>> = {};
  const fm = isMarkdown ? /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(body) : null;
  const data = fm ? frontMatter(fm[1]!) : null;
  if (fm && data) {
    const result = frontMatterSchema.safeParse(data);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      throw new KnowledgeFileError(`front matter field "${issue.path.join('.') || '(root)'}": ${issue.message}`);
    }
    meta = result.data;
    firstLine += fm[0].split('\n').length - 1;
    body = body.slice(fm[0].length);
  }
  const asMarkdown = isMarkdown && !hasLongLine(body);
  const { blocks, firstHeading } = asMarkdown
    ? markdownBlocks(body, firstLine)
    : { blocks: textBlocks(body.split(/\r?\n/), firstLine), firstHeading: null };
  const title = meta.title ?? firstHeading ?? humanize(file);
  const url = meta.url ?? null;
  const tags = meta.tags ?? [];
  const passages: Passage[] = [];
  const acronyms: AcronymDefinition[] = [];
  /** Each block's passages, to find a lead-in's last sentence. */
  const sentencesOf = new Map<Block, Passage[]>();
  const counts = new Map<number, number>();
  let previous: Passage | null = null;
  for (const block of blocks) {
    const paragraph = block.group;
    const analyzed = analyzeParagraph(block.text, block.atoms);
    acronyms.push(...analyzed.acronyms);
    const sentences = block.row ? asOneSentence(analyzed.sentences, block.text) : analyzed.sentences;
    const lead = block.lead ? sentencesOf.get(block.lead)?.at(-1)?.text : undefined;
    const own: Passage[] = [];
    for (const s of sentences) {
      const sentence = counts.get(paragraph) ?? 0;
      counts.set(paragraph, sentence + 1);
      const p: Passage = {
        id: `${file}#p${paragraph}s${sentence}`,
        file,
        title,
        url,
        tags,
        headings: block.headings,
        paragraph,
        sentence,
        lines: [lineAt(block, s.start), lineAt(block, Math.max(s.start, s.end - 1))],
        text: s.text,
        entities: s.entities,
        hash: sha256(s.text),
        prev: null,
        next: null,
      };
      if (lead !== undefined) p.lead = lead;
      if (block.atoms.length > 0) {
        const atoms = block.atoms.filter(([a, b]) => a >= s.start && b <= s.end).map(([a, b]) => [a - s.start, b - s.start] as const);
        if (atoms.length > 0) p.atoms = atoms;
      }
      if (previous?.paragraph === paragraph) {
        p.prev = previous.id;
        previous.next = p.id;
      }
      previous = p;
      own.push(p);
    }
    const [first] = own;
    const last = own.at(-1);
    if (first && block.codeBefore.length) first.code = [...block.codeBefore, ...(first.code ?? [])];
    if (last && block.codeAfter.length) last.code = [...(last.code ?? []), ...block.codeAfter];
    sentencesOf.set(block, own);
    passages.push(...own);
  }
  resolveNames(passages);
  return { file, title, url, tags, hash, passages, acronyms };
}

/** Parsed front matter, or null when it is not a mapping (then the `---` lines are Markdown). Throws `KnowledgeFileError` for broken YAML. */
function frontMatter(yaml: string): Record<string, unknown> | null {
  let data: unknown;
  try {
    data = parseYaml(yaml) ?? {};
  } catch (err) {
    throw new KnowledgeFileError(`front matter is not valid YAML (${(err as Error).message.split('\n')[0]})`);
  }
  return data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : null;
}

/** A table row's sentences as one: a row is never split. */
function asOneSentence(sentences: AnalyzedSentence[], text: string): AnalyzedSentence[] {
  const [first] = sentences;
  const last = sentences.at(-1);
  if (sentences.length <= 1 || !first || !last) return sentences;
  const entities = sentences.flatMap((s) =>
    s.entities.map((e) => ({ ...e, start: e.start + s.start - first.start, end: e.end + s.start - first.start })),
  );
  return [{ start: first.start, end: last.end, text: text.slice(first.start, last.end), entities }];
}

function lineAt(block: Block, offset: number): number {
  let line = block.lineStarts[0]!.line;
  for (const l of block.lineStarts) if (l.offset <= offset) line = l.line;
  return line;
}

function humanize(file: string): string {
  const base = file
    .split('/')
    .pop()!
    .replace(/\.[^.]+$/, '');
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
    if (!current)
      blocks.push(
        (current = { headings: [], text: '', lineStarts: [], atoms: [], group: blocks.length + 1, codeAfter: [], codeBefore: [] }),
      );
    pushLine(current, text, firstLine + i);
  });
  return blocks;
}
