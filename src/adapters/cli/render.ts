/**
 * Terminal rendering of replies: highlighted words in bold (ANSI on a terminal, `**` otherwise).
 * Text from the knowledge and file names is shown with its control characters escaped (`\x1b`),
 * so an escape sequence in a file cannot set the terminal's title, colours or clear it.
 */
import { followUpNote } from '../../core/bot/index.js';
import { confidenceWords } from '../../core/search/index.js';
import { markedPieces } from '../../core/search/index.js';
import type { AnswerReply, Citation, Highlight, Snippet } from '../../core/search/index.js';

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
}

export const ansi: Style = { bold: (s) => `\x1b[1m${s}\x1b[22m`, dim: (s) => `\x1b[2m${s}\x1b[22m` };
export const plain: Style = { bold: (s) => `**${s}**`, dim: (s) => s };

/** C0 and C1 control characters and DEL: what starts terminal escape sequences, moves the cursor or rings. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;
const escaped = (c: string) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;

/** `text` with every control character shown escaped (`\x1b`, `\x0a`): for one field, such as a file name. */
export function escapeControls(text: string): string {
  return text.replace(CONTROL, escaped);
}

/** `text` with its control characters escaped, except line breaks: for whole lines of plain output. */
export function terminalSafe(text: string): string {
  return text.replace(CONTROL_BUT_NEWLINE, escaped);
}

/** The text with its highlighted runs (`markedPieces`) in bold; each piece is escaped on its own, so bold never lands inside an escape sequence. */
export function highlighted(text: string, highlights: readonly Highlight[], style: Style): string {
  return markedPieces(text, highlights)
    .map((p) => (p.marked ? style.bold(escapeControls(p.text)) : escapeControls(p.text)))
    .join('');
}

export function citationLine(c: Citation): string {
  const where = c.section ? `${escapeControls(c.section)}, paragraph ${c.paragraph}` : `paragraph ${c.paragraph}`;
  const lines = c.lines[0] === c.lines[1] ? `line ${c.lines[0]}` : `lines ${c.lines[0]}–${c.lines[1]}`;
  return `— ${escapeControls(c.title)} (${escapeControls(c.file)}, ${where}, ${lines})${c.url ? ` ${escapeControls(c.url)}` : ''}`;
}

/** The snippet in quotation marks, unless it opens with one of its own. */
function quoted(text: string, highlights: Highlight[], style: Style): string {
  const body = highlighted(text, highlights, style);
  return /^["“‘']/.test(text) ? body : `“${body}”`;
}

/** The code a snippet introduces, indented four spaces as Markdown shows code, after a blank line. */
function codeLines(s: Snippet): string[] {
  return (s.code ?? []).flatMap((c) => [
    '',
    ...terminalSafe(c.text)
      .split('\n')
      .map((line) => (line ? `    ${line}` : '')),
  ]);
}

/** An answer as terminal text. */
export function renderAnswer(reply: AnswerReply, style: Style): string {
  if (reply.abstained)
    return `I don't know: ${escapeControls(reply.reason)}.${reply.followUp ? ` ${escapeControls(followUpNote(reply.followUp))}` : ''}`;
  const [best, ...more] = reply.snippets;
  const out: string[] = [];
  if (reply.answer) out.push(`${style.bold('Answer:')} ${escapeControls(reply.answer)}`);
  out.push(quoted(best.text, best.highlights, style), ...codeLines(best), style.dim(citationLine(best.citation)));
  for (const s of more)
    out.push('', style.dim('Also:'), quoted(s.text, s.highlights, style), ...codeLines(s), style.dim(citationLine(s.citation)));
  out.push(style.dim(confidenceWords(reply.confidence)));
  if (reply.followUp) out.push(style.dim(escapeControls(followUpNote(reply.followUp))));
  if (reply.explain) out.push('', explainText(reply));
  return out.join('\n');
}

/** `--explain`: matched and corrected terms, and the scores of the top candidates. */
export function explainText(reply: AnswerReply): string {
  const e = reply.explain!;
  const lines = [
    `Question type: ${e.questionType ?? 'not clear'}`,
    `Answerability ${e.answerability}, the highest of the first ${e.weighed} sentences (abstains below ${e.threshold} unless one covers ${e.coveredEnough} of the key words; it covers ${e.covered}; candidates' focus on its file ${e.focus})`,
  ];
  if (e.confidence) lines.push(`Confidence ${e.confidence.value}: the estimated probability that the first snippet answers`);
  if (e.shortAnswer) {
    const s = e.shortAnswer;
    const p = s.probability === null ? 'read from the wording around the name' : `estimated right ${s.probability}`;
    lines.push(`Short answer "${s.text}" (${s.kind}), ${p}: ${s.shown ? 'shown' : "not shown, below its kind's bar"}`);
  }
  for (const t of e.terms) {
    const notes = [
      t.corrected ? `corrected from "${t.from}"` : '',
      t.expansions.length ? `also ${t.expansions.map((x) => `"${x}"`).join(', ')}` : '',
      t.derived.length ? `other forms ${t.derived.map((x) => `"${x}"`).join(', ')}` : '',
    ].filter(Boolean);
    lines.push(
      `  term ${t.term}${notes.length ? ` (${notes.join('; ')})` : ''}${e.unknownTerms.includes(t.from) ? ' — in no passage' : ''}${t.fromContext ? ' — from the previous question' : ''}`,
    );
  }
  for (const c of e.candidates) {
    lines.push(
      `  ${c.score.toFixed(3)}  cov ${c.coverage.toFixed(2)} prox ${c.proximity.toFixed(2)} type ${c.typeMatch} bm25 ${c.retrieval.toFixed(2)}  ${c.passageId}: ${c.text}`,
    );
  }
  lines.push(`  ${e.timings.totalMs} ms`);
  return terminalSafe(lines.join('\n'));
}
