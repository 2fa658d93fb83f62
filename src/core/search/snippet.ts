/**
 * Snippets: the answering sentence, with a neighbour only where needed (it opens with a
 * pronoun; the asked-for kind of answer or a key term it lacks stands next door; the next
 * sentence goes on about it, opening with a pronoun or naming a key term; it is too short to
 * read alone), at most 400 characters;
 * the matched words marked; the citation. (The short answer: short-answer.ts.)
 */
import type { Passage } from '../knowledge/index.js';
import type { AnalyzedQuestion, TermGroup } from './analyze-question.js';
import { matchIn, type Ranked } from './rank.js';
import type { IndexedPassage, SearchIndex } from './search-index.js';
import { ANSWER_KINDS } from './types.js';
import type { Highlight, Snippet } from './types.js';
import { citationOf } from './citation.js';

const MAX_SNIPPET = 400;
/** Code blocks shown with a snippet: the one its sentence introduces and one more (a reply is not a file listing). */
const MAX_CODE_BLOCKS = 2;
/** Lines of a code block shown: enough for a usage example, short enough to read in a chat window. */
export const MAX_CODE_LINES = 15;
/** Characters of a code block shown: two blocks and the snippet stay within Discord's 1,024-character field and 4,096 description. */
export const MAX_CODE_CHARS = 800;
/** A sentence shorter than this is shown with the next one (too little to read alone). */
const SHORT_SENTENCE = 100;
const ANAPHOR =
  /^["'“‘(]?\s*(it|its|this|these|that|those|they|their|them|he|his|him|she|her|such|there|here|the latter|the former|both)\b/i;

/** The sentences a ranked sentence's snippet shows: it, and a neighbour where needed. */
export function snippetParts(r: Ranked, q: AnalyzedQuestion, index: SearchIndex): IndexedPassage[] {
  const p = r.entry.passage;
  const prev = r.entry.before ? index.get(r.entry.before) : undefined;
  const next = r.entry.after ? index.get(r.entry.after) : undefined;
  const parts: IndexedPassage[] = [r.entry];
  const missingGroups = q.groups.filter((_, i) => r.matched[i] === 0);
  if (prev && hasRoom(parts, prev) && (ANAPHOR.test(p.text) || holdsAny(prev, missingGroups) || kindOnlyIn(q, prev.passage, p)))
    parts.unshift(prev);
  if (
    next &&
    hasRoom(parts, next) &&
    (holdsAny(next, q.groups) || kindOnlyIn(q, next.passage, p) || p.text.length < SHORT_SENTENCE || ANAPHOR.test(next.passage.text))
  )
    parts.push(next);
  return parts;
}

/** Whether the sentences and one more fit in a snippet. */
function hasRoom(parts: IndexedPassage[], extra: IndexedPassage): boolean {
  return parts.reduce((n, x) => n + x.passage.text.length + 1, 0) + extra.passage.text.length <= MAX_SNIPPET;
}

/** Whether the sentence matches one of the key terms. */
function holdsAny(e: IndexedPassage, groups: TermGroup[]): boolean {
  return groups.some((g) => matchIn(e.termSet, g) > 0);
}

/** Whether the neighbour has an entity of the asked kind and the sentence none. */
function kindOnlyIn(q: AnalyzedQuestion, neighbour: Passage, sentence: Passage): boolean {
  return !hasKind(q, sentence) && hasKind(q, neighbour);
}

/** Whether the sentence has an entity of the asked kind that the question does not name. */
function hasKind(q: AnalyzedQuestion, x: Passage): boolean {
  return q.type !== null && x.entities.some((e) => ANSWER_KINDS[q.type!].includes(e.kind) && !q.words.has(e.text.toLowerCase()));
}

/** Builds the snippet for a ranked sentence (from `parts`, when already chosen). */
export function buildSnippet(r: Ranked, q: AnalyzedQuestion, index: SearchIndex, parts = snippetParts(r, q, index)): Snippet {
  const p = r.entry.passage;
  const first = parts[0]!.passage;
  const last = parts[parts.length - 1]!.passage;
  let text = parts.map((x) => x.passage.text).join(' ');
  let highlights = highlight(parts, q.terms);
  if (text.length > MAX_SNIPPET) ({ text, highlights } = cut(text, highlights));
  const citation = citationOf(p, [first.lines[0], last.lines[1]]);
  const snippet: Snippet = { text, highlights, citation, passageId: p.id, score: Math.round(r.score * 1000) / 1000 };
  const code = parts.flatMap((x) => x.passage.code ?? []).slice(0, MAX_CODE_BLOCKS);
  if (code.length) snippet.code = code.map((c) => ({ lang: c.lang, text: trimCode(c.text), lines: c.lines }));
  return snippet;
}

/** A code block cut to `MAX_CODE_LINES` lines and `MAX_CODE_CHARS` characters at a line end, with a last line `…` when cut. */
export function trimCode(code: string): string {
  const lines = code.replace(/\s+$/, '').split('\n');
  const kept: string[] = [];
  let size = 0;
  for (const line of lines.slice(0, MAX_CODE_LINES)) {
    if (size + line.length + 1 > MAX_CODE_CHARS) break;
    kept.push(line);
    size += line.length + 1;
  }
  // A single line longer than the limit is cut within the line.
  if (kept.length === 0 && lines[0]) kept.push(lines[0].slice(0, MAX_CODE_CHARS - 2));
  return kept.length < lines.length || kept[0] !== lines[0] ? `${kept.join('\n')}\n…` : kept.join('\n');
}

/** The matched words of the sentences joined by spaces, from their terms' offsets found at indexing; touching ones merged. */
function highlight(parts: IndexedPassage[], terms: Set<string>): Highlight[] {
  const out: Highlight[] = [];
  let offset = 0;
  for (const part of parts) {
    const { terms: own, spans } = part;
    for (let i = 0; i < own.length; i++) {
      if (!terms.has(own[i]!)) continue;
      const start = offset + spans[2 * i]!;
      const end = offset + spans[2 * i + 1]!;
      const prevH = out[out.length - 1];
      if (prevH && prevH.end >= start) prevH.end = Math.max(prevH.end, end);
      else out.push({ start, end });
    }
    offset += part.passage.text.length + 1;
  }
  return out;
}

/** Cuts a long text to 400 characters around its highlights, marking cuts with `…`. */
function cut(text: string, highlights: Highlight[]): { text: string; highlights: Highlight[] } {
  const budget = MAX_SNIPPET - 2;
  const [first, last] = densest(text, highlights, budget);
  const centre = first ? (first.start + last!.end) / 2 : 0;
  let start = Math.max(0, Math.min(Math.round(centre - budget / 2), text.length - budget));
  // Start at a word: the next space, so the end stays within the budget.
  const space = text.indexOf(' ', start);
  if (start > 0 && space >= 0 && space - start < 20) start = space + 1;
  const end = Math.min(text.length, start + budget);
  const lead = start > 0 ? '…' : '';
  const body = text.slice(start, end);
  return {
    text: lead + body + (end < text.length ? '…' : ''),
    highlights: highlights
      .filter((h) => h.start >= start && h.end <= end)
      .map((h) => ({ start: h.start - start + lead.length, end: h.end - start + lead.length })),
  };
}

/**
 * The first and last of the run of highlights that fits in `budget` characters and marks the
 * most different words (the first such run): where a cut keeps most of what the question asks.
 */
function densest(text: string, highlights: Highlight[], budget: number): [Highlight?, Highlight?] {
  let best: [Highlight?, Highlight?] = [highlights[0], highlights[0]];
  let bestCount = 0;
  for (let i = 0; i < highlights.length; i++) {
    const words = new Set<string>();
    for (let j = i; j < highlights.length && highlights[j]!.end - highlights[i]!.start <= budget; j++) {
      words.add(text.slice(highlights[j]!.start, highlights[j]!.end).toLowerCase());
      if (words.size > bestCount) [best, bestCount] = [[highlights[i], highlights[j]], words.size];
    }
  }
  return best;
}
