/**
 * Markdown as docs are written, read with a CommonMark/GFM parser (mdast): headings give
 * sections; paragraphs, list items and quotes are prose blocks; each table row is a block with
 * its header; fenced and indented code is kept as code, attached to the prose that introduces it;
 * inline code and dotted names are single tokens; links keep their text; images, badges, HTML
 * tags and comments, and reference definitions are not prose. Node positions give exact lines.
 */
import type { Heading, Nodes, PhrasingContent, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import type { Atom } from '../text/index.js';
import type { CodeBlock } from './types.js';

/** A run of prose read as one paragraph (its sentences split later), with where each source line starts in it. */
export interface Block {
  headings: string[];
  /** Text with Markdown markup removed; source lines joined by a space. */
  text: string;
  /** Offset in `text` where each source line starts, and that line's number. */
  lineStarts: { offset: number; line: number }[];
  /** Spans of `text` that are one token (inline code, dotted names): never split into sentences. */
  atoms: Atom[];
  /** The paragraph number: a list shares its lead-in's (`Options:` and its items). */
  group: number;
  /** A table row: one sentence, never split. */
  row?: boolean;
  /** Code introduced by the block's last sentence. */
  codeAfter: CodeBlock[];
  /** Code that opens its section before any prose: shown with the block's first sentence. */
  codeBefore: CodeBlock[];
  /** The prose block whose last sentence introduces this list item or table row. */
  lead?: Block;
}

/** The blocks of a Markdown body, and the text of its first heading with text (for the title). */
export interface MarkdownBlocks {
  blocks: Block[];
  firstHeading: string | null;
}

/** A block without a letter or digit (`|`, `→`, a lone badge's leftovers) is left out. */
const READABLE = /[\p{L}\p{N}]/u;

/**
 * Dotted names written in prose without backticks (`Node.js`, `process.env`, `package.json`,
 * `.env`) and URLs: one token, so the sentence splitter does not cut at their dots. Every part
 * after a dot has two characters or more, so `U.S.` and `e.g.` stay as they are.
 */
const DOTTED_NAME =
  /(?<![\p{L}\p{N}_$.])(?:[\p{L}_$][\p{L}\p{N}_$]*)?(?:\.[\p{L}_$][\p{L}\p{N}_$-]*[\p{L}\p{N}_$])+(?:\(\))?|\bhttps?:\/\/[^\s<>"]*[^\s<>".,;:!?)\]'"]/gu;

/**
 * HTML element names: inline HTML with one of these is markup, left out; any other `<…>` is text
 * as written (`Promise<void>`, `Array<string>`).
 */
const HTML_ELEMENTS = new Set(
  `a abbr address area article aside audio b base bdi bdo big blockquote body br button canvas caption center cite code col colgroup
  data datalist dd del details dfn dialog div dl dt em embed fieldset figcaption figure font footer form h1 h2 h3 h4 h5 h6 head header
  hr html i iframe img input ins kbd label legend li link main map mark meta meter nav noscript object ol optgroup option output p
  param picture pre progress q rp rt ruby s samp script section select slot small source span strike strong style sub summary sup svg
  table tbody td template textarea tfoot th thead time title tr track tt u ul var video wbr`.split(/\s+/),
);

/** HTML elements that end a run of text: the text of an HTML block is cut into blocks there. */
const HTML_BREAKS = new Set(
  'address article aside blockquote center dd details div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table td th tr ul'.split(
    ' ',
  ),
);
/** HTML elements whose content is not prose. */
const HTML_HIDDEN = /<(script|style|svg|template)\b[\s\S]*?<\/\1\s*>/gi;
const HTML_ENTITIES = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
  ['nbsp', ' '],
  ['#39', "'"],
  ['mdash', '—'],
  ['ndash', '–'],
  ['hellip', '…'],
  ['rarr', '→'],
  ['copy', '©'],
]);

/** Whether inline HTML is markup (a comment, a declaration, or a tag of a known element). */
function isMarkup(html: string): boolean {
  if (/^<[!?]/.test(html)) return true;
  const tag = /^<\/?([A-Za-z][A-Za-z0-9-]*)/.exec(html);
  return tag !== null && HTML_ELEMENTS.has(tag[1]!.toLowerCase());
}

/** Reads a Markdown body whose first line is line `firstLine` of the file. */
export function markdownBlocks(body: string, firstLine: number): MarkdownBlocks {
  const tree = fromMarkdown(body, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  const lineOf = (node: Nodes) => (node.position?.start.line ?? 1) + firstLine - 1;
  const blocks: Block[] = [];
  const headings: string[] = [];
  let firstHeading: string | null = null;
  let firstLevel: string | null = null;
  let group = 0;
  /** The last prose block of the current section, which code that follows is attached to. */
  let last: Block | null = null;
  /** Code met in the section before any prose. */
  let pending: CodeBlock[] = [];

  const open = (g: number, lead?: Block): Block => ({
    headings: headings.filter(Boolean),
    text: '',
    lineStarts: [],
    atoms: [],
    group: g,
    codeAfter: [],
    codeBefore: [],
    lead,
  });
  const keep = (b: Block): void => {
    if (!READABLE.test(b.text)) return;
    b.codeBefore.push(...pending);
    pending = [];
    blocks.push(b);
    last = b;
  };

  /** A heading: the section path changes; the title is the first level-1 heading, or the first heading before any prose. */
  const section = (depth: number, text: string): void => {
    if (!text) return;
    headings.length = depth - 1;
    headings[depth - 1] = text;
    for (let h = 0; h < headings.length; h++) headings[h] ??= '';
    if (firstHeading === null && (depth === 1 || blocks.length === 0)) firstHeading = text;
    if (depth === 1) firstLevel ??= text;
    last = null;
    pending = [];
  };

  const flow = (nodes: RootContent[], inGroup?: number, lead?: Block): void => {
    let previous: RootContent | undefined;
    for (const node of nodes) {
      switch (node.type) {
        case 'heading':
          section(node.depth, plainText(node));
          break;
        case 'paragraph': {
          const b = open(inGroup ?? ++group, lead);
          phrasing(b, node.children);
          keep(b);
          break;
        }
        case 'list': {
          // The paragraph just before a list leads it in; ending in `:`, it makes one paragraph with its items.
          const leadIn = previous?.type === 'paragraph' && last ? last : undefined;
          const g = inGroup ?? (leadIn && /:\s*$/.test(leadIn.text) ? leadIn.group : ++group);
          for (const item of node.children) flow(item.children, g, leadIn ?? lead);
          break;
        }
        case 'table': {
          const leadIn = previous?.type === 'paragraph' && last ? last : undefined;
          const [header, ...rows] = node.children;
          const names = (header?.children ?? []).map((c) => plainText(c));
          for (const row of rows) {
            const b = open(++group, leadIn ?? lead);
            b.row = true;
            row.children.forEach((cell, i) => {
              if (!READABLE.test(plainText(cell))) return;
              const line = lineOf(cell);
              if (b.text) append(b, ' — ', line);
              if (i > 0 && names[i]) append(b, `${names[i]} `, line);
              phrasing(b, cell.children);
            });
            keep(b);
          }
          break;
        }
        case 'code': {
          const start = lineOf(node);
          const code: CodeBlock = {
            lang: node.lang ?? null,
            text: node.value,
            lines: [start, (node.position?.end.line ?? 1) + firstLine - 1],
          };
          if (last) (last as Block).codeAfter.push(code);
          else pending.push(code);
          break;
        }
        case 'html':
          html(node.value, lineOf(node));
          break;
        case 'blockquote':
        case 'footnoteDefinition':
          flow(node.children, inGroup, lead);
          break;
        default:
          // definition, thematicBreak, yaml: not prose.
          break;
      }
      previous = node;
    }
  };

  /**
   * An HTML block (`<p align="center">…</p>`): tags, comments, scripts and images are markup; the
   * text between them is prose, cut into blocks at block elements; an `<h1>`…`<h6>` with text is a heading.
   */
  const html = (value: string, line: number): void => {
    const source = value
      .replace(/<!--[\s\S]*?(?:-->|$)/g, (m) => m.replace(/[^\n]/g, ''))
      .replace(HTML_HIDDEN, (m) => m.replace(/[^\n]/g, ''));
    let b = open(++group);
    let heading: { depth: number; text: string } | null = null;
    for (const m of source.matchAll(/<(\/?)([A-Za-z][\w-]*)[^>]*>|[^<]+|</g)) {
      const at = line + (source.slice(0, m.index).match(/\n/g)?.length ?? 0);
      const tag = m[2]?.toLowerCase();
      if (tag === undefined) {
        const text = m[0]
          .replace(/&(#?\w+);/g, (e, name: string) => HTML_ENTITIES.get(name.toLowerCase()) ?? e)
          .replace(/[ \t]*\n[ \t]*/g, '\n')
          .replace(/[ \t]{2,}/g, ' ')
          .replace(/\n+$/, '');
        if (heading) heading.text += text;
        else {
          // One space between words, however many the HTML has (its layout is not prose).
          const space = /^\s*/.exec(text)![0];
          const from = at + (space.match(/\n/g)?.length ?? 0);
          if (space && b.text && !/\s$/.test(b.text)) append(b, ' ', from);
          prose(b, text.slice(space.length), from);
        }
        continue;
      }
      if (!HTML_BREAKS.has(tag) && tag !== 'br') continue;
      if (tag === 'br') {
        if (b.text && !/\s$/.test(b.text)) append(b, ' ', at);
        continue;
      }
      keep(b);
      b = open(++group);
      if (/^h[1-6]$/.test(tag)) {
        if (m[1] === '') heading = { depth: Number(tag[1]), text: '' };
        else if (heading) {
          section(heading.depth, heading.text.replace(/\s+/g, ' ').trim());
          heading = null;
        }
      }
    }
    keep(b);
  };

  const phrasing = (b: Block, nodes: PhrasingContent[]): void => {
    for (const node of nodes) {
      switch (node.type) {
        case 'text':
          prose(b, node.value, lineOf(node));
          break;
        case 'inlineCode':
          atom(b, node.value, lineOf(node));
          break;
        case 'break':
          append(b, ' ', lineOf(node));
          break;
        case 'html':
          if (!isMarkup(node.value)) prose(b, node.value, lineOf(node));
          else if (/^<br\b/i.test(node.value)) append(b, ' ', lineOf(node));
          break;
        case 'image':
        case 'imageReference':
        case 'footnoteReference':
          break;
        default:
          phrasing(b, node.children);
      }
    }
  };

  flow(tree.children);
  return { blocks, firstHeading: firstLevel ?? firstHeading };
}

/** Appends text that starts on `line` (no newline in it). */
function append(b: Block, text: string, line: number): void {
  const lastLine = b.lineStarts[b.lineStarts.length - 1];
  if (!lastLine || lastLine.line !== line) b.lineStarts.push({ offset: b.text.length, line });
  b.text += text;
}

/** Appends prose that starts on `line`: each newline becomes a space and starts the next line; dotted names become atoms. */
function prose(b: Block, text: string, line: number): void {
  text.split(/\r?\n/).forEach((piece, i) => {
    if (i > 0) {
      b.text += ' ';
      b.lineStarts.push({ offset: b.text.length, line: line + i });
    } else append(b, '', line);
    const at = b.text.length;
    for (const m of piece.matchAll(DOTTED_NAME)) b.atoms.push([at + m.index, at + m.index + m[0].length]);
    b.text += piece;
  });
}

/** Appends inline code: one token, as written (line endings in it were made spaces by the parser). */
function atom(b: Block, code: string, line: number): void {
  append(b, '', line);
  const at = b.text.length;
  b.text += code;
  if (code.length > 0) b.atoms.push([at, at + code.length]);
}

/** The text of a heading or table cell: inline code kept, images, badges and HTML left out, spaces collapsed. */
function plainText(node: Heading | { children: PhrasingContent[] }): string {
  const b: Block = { headings: [], text: '', lineStarts: [], atoms: [], group: 0, codeAfter: [], codeBefore: [] };
  const walk = (nodes: PhrasingContent[]) => {
    for (const n of nodes) {
      if (n.type === 'text' || n.type === 'inlineCode') b.text += n.value;
      else if (n.type === 'html') b.text += isMarkup(n.value) ? '' : n.value;
      else if (n.type === 'break') b.text += ' ';
      else if ('children' in n) walk(n.children);
    }
  };
  walk(node.children);
  return b.text.replace(/\s+/g, ' ').trim();
}
