/**
 * Slack mrkdwn text helpers: escaping echoed text, bolding highlights and cutting to Slack's limits.
 * Pure functions; no Slack client here.
 */
import { markedPieces } from '../../core/search/index.js';
import type { Highlight } from '../../core/search/index.js';

/** Slack's length limits for the block fields this adapter fills. */
export const LIMITS = {
  sectionText: 3000,
  contextText: 2000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  fallbackText: 3000,
  blocks: 50,
} as const;

/**
 * Escapes `&`, `<` and `>` so echoed text cannot form links or mentions
 * (`<!channel>`, `<@U123>` stay literal), and breaks bare `@here`/`@channel`/`@everyone`.
 */
export function escapeMrkdwn(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@(here|channel|everyone)\b/gi, '@\u200B$1');
}

/** Cuts `text` to at most `max` characters, ending with `…`, without leaving half an `&…;` entity. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max - 1).replace(/&[a-z]*$/i, '')}…`;
}

/** Escapes `text` and wraps each highlighted run (`markedPieces`) in `*…*` (bold). */
export function boldHighlights(text: string, highlights: readonly Highlight[]): string {
  return markedPieces(text, highlights)
    .map((p) => (p.marked ? `*${escapeMrkdwn(p.text)}*` : escapeMrkdwn(p.text)))
    .join('');
}

/** One line of plain text: newlines and runs of spaces collapsed. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * A code block in mrkdwn: escaped like any echoed text, its own triple backticks broken with a
 * zero-width space so it cannot close the block early. (Slack shows no language name.)
 */
export function codeBlock(code: string): string {
  return `\`\`\`${cut(escapeMrkdwn(code).replace(/```/g, '`\u200B``'), LIMITS.sectionText - 6)}\`\`\``;
}
