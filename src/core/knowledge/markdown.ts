/**
 * Markdown as docs are written, read with a CommonMark/GFM-tables parser (markdown-it): headings
 * give sections; paragraphs, list items and quotes are prose blocks; each table row is a block
 * with its header; fenced and indented code is kept as code, attached to the prose that
 * introduces it; inline code and dotted names are single tokens; links keep their text; images,
 * badges, HTML tags and comments, and reference definitions are not prose. Block line maps and
 * the line breaks inside a block give exact lines.
 */
import MarkdownIt, { type StateBlock, type StateInline, type Token } from 'markdown-it';
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

/** Inline rules that can consume line breaks without a break token (a code span, a link's destination, an image). */
const HIDING_RULES = ['backticks', 'link', 'image'];

type InlineRule = (state: StateInline, silent: boolean) => boolean;

/** The number of `\n` in `text` from `from` to `to`. */
function newlines(text: string, from = 0, to = text.length): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Source line breaks a token stands for: a break, those in inline HTML, and those a rule consumed without a token (`meta.newlines`). */
function lineBreaks(token: Token): number {
  if (token.type === 'softbreak' || token.type === 'hardbreak') return 1;
  if (token.type === 'html_inline') return newlines(token.content);
  return (token.meta as { newlines?: number } | null)?.newlines ?? 0;
}

/** The footnote labels of a document (GFM footnotes: `[^label]: text` defines, `[^label]` refers). */
type Env = { footnotes: Set<string> };

/**
 * A footnote definition, `[^label]: text` and the indented lines that follow: its text is prose,
 * read like a quote's (the parser has no footnotes of its own; this follows markdown-it-footnote).
 */
function footnoteDefinition(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const start = state.bMarks[startLine]! + state.tShift[startLine]!;
  const max = state.eMarks[startLine]!;
  const src = state.src;
  if (start + 4 > max || src.charCodeAt(start) !== 0x5b || src.charCodeAt(start + 1) !== 0x5e) return false;
  let pos = start + 2;
  for (; pos < max; pos++) {
    const ch = src.charCodeAt(pos);
    if (ch === 0x20 || ch === 0x09) return false;
    if (ch === 0x5d) break;
  }
  if (pos === start + 2 || pos + 1 >= max || src.charCodeAt(pos + 1) !== 0x3a) return false;
  if (silent) return true;
  (state.env as Env).footnotes.add(src.slice(start + 2, pos).toLowerCase());
  pos += 2;
  const open = state.push('footnote_open', '', 1);
  const saved = [state.bMarks[startLine]!, state.tShift[startLine]!, state.sCount[startLine]!, state.parentType] as const;
  const afterColon = pos;
  const initial = state.sCount[startLine]! + pos - start;
  let offset = initial;
  for (; pos < max; pos++) {
    const ch = src.charCodeAt(pos);
    if (ch === 0x09) offset += 4 - (offset % 4);
    else if (ch === 0x20) offset++;
    else break;
  }
  state.tShift[startLine] = pos - afterColon;
  state.sCount[startLine] = offset - initial;
  state.bMarks[startLine] = afterColon;
  state.blkIndent += 4;
  state.parentType = 'footnote' as typeof state.parentType;
  if (state.sCount[startLine]! < state.blkIndent) state.sCount[startLine]! += state.blkIndent;
  state.md.block.tokenize(state, startLine, endLine);
  state.blkIndent -= 4;
  [state.bMarks[startLine], state.tShift[startLine], state.sCount[startLine], state.parentType] = saved;
  open.map = [startLine, state.line];
  state.push('footnote_close', '', -1);
  return true;
}

/** A reference to a defined footnote, `[^label]`: a mark, not prose. */
function footnoteReference(state: StateInline, silent: boolean): boolean {
  const start = state.pos;
  const src = state.src;
  if (start + 3 > state.posMax || src.charCodeAt(start) !== 0x5b || src.charCodeAt(start + 1) !== 0x5e) return false;
  let pos = start + 2;
  for (; pos < state.posMax; pos++) {
    const ch = src.charCodeAt(pos);
    if (ch === 0x20 || ch === 0x09 || ch === 0x0a) return false;
    if (ch === 0x5d) break;
  }
  if (pos === start + 2 || pos >= state.posMax) return false;
  if (!(state.env as Env).footnotes.has(src.slice(start + 2, pos).toLowerCase())) return false;
  if (!silent) state.push('footnote_ref', '', 0);
  state.pos = pos + 1;
  return true;
}

/**
 * The parser: CommonMark with GFM tables, strikethrough and footnotes, HTML kept for `html()`
 * below; nesting past markdown-it's default limit of 100 levels is left out (no document writes
 * that deep). Inline tokens have no positions, so each rule that can swallow a line break records
 * how many it swallowed on its last token, for the lines of the text after it.
 */
const parser = (() => {
  const md = new MarkdownIt('default', { html: true });
  // Links are kept as written: their text is prose (never percent-decoded), their destination unused.
  md.validateLink = () => true;
  md.normalizeLink = md.normalizeLinkText = (url) => url;
  md.block.ruler.before('reference', 'footnote_definition', footnoteDefinition, { alt: ['paragraph', 'reference'] });
  md.inline.ruler.after('image', 'footnote_reference', footnoteReference);
  const rules = (md.inline.ruler as unknown as { __rules__: { name: string; fn: InlineRule }[] }).__rules__;
  for (const name of HIDING_RULES) {
    const rule = rules.find((r) => r.name === name)!.fn;
    md.inline.ruler.at(name, (state, silent) => {
      const from = state.pos;
      const count = state.tokens.length;
      if (!rule(state, silent)) return false;
      if (silent) return true;
      let shown = 0;
      for (let i = count; i < state.tokens.length; i++) shown += lineBreaks(state.tokens[i]!);
      const hidden = newlines(state.src, from, state.pos) - shown;
      const last = state.tokens.at(-1);
      if (hidden > 0 && last) last.meta = { ...(last.meta as object | null), newlines: lineBreaks(last) + hidden };
      return true;
    });
  }
  return md;
})();

/** A block token with what it contains (an inline token's content is in its `children`). */
interface Node {
  token: Token;
  children: Node[];
}

/** The block tokens as a tree. */
function tree(tokens: Token[]): Node[] {
  const root: Node[] = [];
  const stack: Node[][] = [root];
  for (const token of tokens) {
    if (token.nesting === -1) {
      stack.pop();
      continue;
    }
    const node: Node = { token, children: [] };
    stack.at(-1)!.push(node);
    if (token.nesting === 1) stack.push(node.children);
  }
  return root;
}

/** A GFM task list item's box (`[ ] `, `[x] `) at the start of its first paragraph: not prose. */
const TASK_BOX = /^\[[ xX]\][ \t]+(?=\S)/;

/** Reads a Markdown body whose first line is line `firstLine` of the file. */
export function markdownBlocks(body: string, firstLine: number): MarkdownBlocks {
  const env: Env = { footnotes: new Set() };
  const nodes = tree(parser.parse(body, env));
  const lineOf = (node: Node) => (node.token.map?.[0] ?? 0) + firstLine;
  const inline = (node: Node): Token[] => node.children[0]?.token.children ?? [];
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

  const flow = (nodes: Node[], inGroup?: number, lead?: Block, task = false): void => {
    let previous: string | undefined;
    for (const node of nodes) {
      const { token } = node;
      switch (token.type) {
        case 'heading_open':
          section(Number(token.tag.slice(1)), plainText(inline(node)));
          break;
        case 'paragraph_open': {
          const b = open(inGroup ?? ++group, lead);
          const children = inline(node);
          const first = children[0];
          // A task list item's box (in the source, not an escaped `\\[ ]`) goes; the parser keeps it as text.
          if (task && previous === undefined && first?.type === 'text' && TASK_BOX.test(node.children[0]!.token.content)) {
            const rest = Object.assign(Object.create(first) as Token, { content: first.content.replace(/^\[[ xX]\][ \t]*/, '') });
            phrasing(b, [rest, ...children.slice(1)], lineOf(node));
          } else phrasing(b, children, lineOf(node));
          keep(b);
          break;
        }
        case 'bullet_list_open':
        case 'ordered_list_open': {
          // The paragraph just before a list leads it in; ending in `:`, it makes one paragraph with its items.
          const leadIn = previous === 'paragraph_open' && last ? last : undefined;
          const g = inGroup ?? (leadIn && /:\s*$/.test(leadIn.text) ? leadIn.group : ++group);
          for (const item of node.children) flow(item.children, g, leadIn ?? lead, true);
          break;
        }
        case 'table_open': {
          const leadIn = previous === 'paragraph_open' && last ? last : undefined;
          const [head, rows] = node.children;
          const names = (head?.children[0]?.children ?? []).map((cell) => plainText(inline(cell)));
          for (const row of rows?.children ?? []) {
            const b = open(++group, leadIn ?? lead);
            b.row = true;
            const line = lineOf(row);
            row.children.forEach((cell, i) => {
              if (!READABLE.test(plainText(inline(cell)))) return;
              if (b.text) append(b, ' — ', line);
              if (i > 0 && names[i]) append(b, `${names[i]} `, line);
              phrasing(b, inline(cell), line);
            });
            keep(b);
          }
          break;
        }
        case 'fence':
        case 'code_block': {
          const lang = token.info.trim().split(/\s/)[0];
          const code: CodeBlock = {
            lang: lang ? parser.utils.unescapeAll(lang) : null,
            text: token.content.replace(/\n$/, ''),
            lines: [lineOf(node), (token.map?.[1] ?? 1) + firstLine - 1],
          };
          if (last) (last as Block).codeAfter.push(code);
          else pending.push(code);
          break;
        }
        case 'html_block':
          html(token.content.replace(/\n$/, ''), lineOf(node));
          break;
        case 'blockquote_open':
        case 'footnote_open':
          flow(node.children, inGroup, lead);
          break;
        default:
          // hr: not prose.
          break;
      }
      previous = token.type;
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
    // The line of each match, counted on from the previous one (counting from the start each time was quadratic).
    let at = line;
    let counted = 0;
    for (const m of source.matchAll(/<(\/?)([A-Za-z][\w-]*)[^>]*>|[^<]+|</g)) {
      at += newlines(source, counted, m.index);
      counted = m.index;
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

  /** Inline tokens of a block whose text starts on `line`. */
  const phrasing = (b: Block, tokens: Token[], line: number): void => {
    for (const token of tokens) {
      switch (token.type) {
        case 'text':
          prose(b, token.content, line);
          break;
        case 'code_inline':
          atom(b, token.content, line);
          break;
        case 'softbreak':
          b.text += ' ';
          b.lineStarts.push({ offset: b.text.length, line: line + 1 });
          break;
        case 'hardbreak':
          append(b, ' ', line);
          break;
        case 'html_inline':
          if (!isMarkup(token.content)) prose(b, token.content, line);
          else if (/^<br\b/i.test(token.content)) append(b, ' ', line);
          break;
        default:
          // Images, and the open and close marks of links, emphasis and strikethrough: no text of their own.
          break;
      }
      line += lineBreaks(token);
    }
  };

  flow(nodes);
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
  // Most text is one line: split only text that has a newline.
  const pieces = text.includes('\n') ? text.split(/\r?\n/) : [text];
  pieces.forEach((piece, i) => {
    if (i > 0) {
      b.text += ' ';
      b.lineStarts.push({ offset: b.text.length, line: line + i });
    } else append(b, '', line);
    const at = b.text.length;
    // A dotted name has a dot and a URL `://`: a piece with neither has none (the expression is slow to rule that out).
    if (piece.includes('.') || piece.includes('://')) {
      DOTTED_NAME.lastIndex = 0;
      for (let m; (m = DOTTED_NAME.exec(piece));) b.atoms.push([at + m.index, at + m.index + m[0].length]);
    }
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
function plainText(tokens: Token[]): string {
  let text = '';
  for (const t of tokens) {
    if (t.type === 'text' || t.type === 'code_inline') text += t.content;
    else if (t.type === 'html_inline') text += isMarkup(t.content) ? '' : t.content;
    else if (t.type === 'softbreak' || t.type === 'hardbreak') text += ' ';
  }
  return text.replace(/\s+/g, ' ').trim();
}
