/**
 * The one span merger behind every front end's highlighting: a snippet's text cut into plain and
 * marked pieces. Each front end maps the pieces to its markup (Discord Markdown, Slack mrkdwn,
 * terminal bold) and escapes each piece on its own, so markup never lands inside an escape.
 */
import type { Highlight } from './types.js';

/** A run of the text, emphasised or not. */
export interface TextPiece {
  text: string;
  marked: boolean;
}

/**
 * `text` as pieces that join back to it: highlights clamped to the text, overlapping or touching
 * ones merged, whitespace at their edges left plain (chat markup needs its marker next to a visible
 * character). No piece is empty and no two neighbours are both plain or both marked.
 */
export function markedPieces(text: string, highlights: readonly Highlight[]): TextPiece[] {
  const clamp = (n: number) => Math.max(0, Math.min(n, text.length));
  const spans = highlights
    .map((h) => ({ start: clamp(h.start), end: clamp(h.end) }))
    .filter((h) => h.end > h.start)
    .sort((a, b) => a.start - b.start);
  const pieces: TextPiece[] = [];
  const push = (piece: string, marked: boolean) => {
    const last = pieces.at(-1);
    if (piece === '') return;
    if (last?.marked === marked) last.text += piece;
    else pieces.push({ text: piece, marked });
  };
  let at = 0;
  for (let i = 0; i < spans.length; i++) {
    const start = spans[i]!.start;
    let end = spans[i]!.end;
    while (i + 1 < spans.length && spans[i + 1]!.start <= end) end = Math.max(end, spans[++i]!.end);
    const piece = text.slice(start, end);
    const word = piece.trim();
    const wordStart = start + piece.length - piece.trimStart().length;
    push(text.slice(at, wordStart), false);
    push(word, true);
    at = wordStart + word.length;
  }
  push(text.slice(at), false);
  return pieces;
}
