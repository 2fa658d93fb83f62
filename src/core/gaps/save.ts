/**
 * Knowledge saved from the chat: an expert's answer or a saved message, written as Markdown with
 * front matter under `knowledge/from-chat/`, where the watcher (or a refresh) indexes it. Secrets
 * and email addresses are removed from everything written.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';

/** The folder, inside the knowledge folder, that knowledge from the chat is saved in. */
const FROM_CHAT_DIR = 'from-chat';
/** Longest text saved from one message or answer (Slack's own message limit is 40,000). */
export const MAX_SAVED_CHARS = 40_000;
/** Characters of a saved note's title: a heading, not a paragraph. */
const MAX_TITLE_CHARS = 200;
/** Characters of the title kept in the file name. */
const SLUG_CHARS = 60;

export interface SavedNote {
  title: string;
  body: string;
  /** Display name of who wrote it (never an email). */
  author: string;
  at: number;
  /** Link back to the message (permalink). */
  url?: string;
  tags: string[];
  /** The question it answers (front matter only: a passage repeating the question would be cited instead of the answer). */
  question?: string;
}

export type SaveResult = { ok: true; file: string } | { ok: false; code: 'save.empty' | 'save.too-long'; message: string };

/** Tokens of Slack, Discord, GitHub, AWS and bearer headers, and email addresses: never written to the knowledge. */
const SECRETS: [RegExp, string][] = [
  [/\bxox[abposr]-[A-Za-z0-9-]{8,}/g, '[token removed]'],
  [/\bxapp-[A-Za-z0-9-]{8,}/g, '[token removed]'],
  [/\b[MN][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,40}\b/g, '[token removed]'],
  [/\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})\b/g, '[token removed]'],
  [/\bAKIA[0-9A-Z]{16}\b/g, '[token removed]'],
  [/\b(Bearer|Bot)\s+[A-Za-z0-9._~+/-]{20,}=*/g, '$1 [token removed]'],
  [/(\b(?:password|passwd|secret|token|api[_-]?key)\s*[:=]\s*)\S+/gi, '$1[removed]'],
  // The lookbehind starts a match only where a run of address characters starts: linear on long words.
  [/(?:mailto:)?(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})+/g, '[email removed]'],
];

/** The text with tokens, secrets and email addresses replaced. */
export function redact(text: string): string {
  return SECRETS.reduce((s, [pattern, by]) => s.replace(pattern, by), text);
}

/** A file name from a title: lowercase ASCII words joined by dashes. */
export function slugOf(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SLUG_CHARS)
    .replace(/-+$/, '');
  return slug || 'note';
}

/** Writes the note under `<knowledgeDir>/from-chat/`, as `YYYY-MM-DD-<slug>.md` (numbered when taken); returns the path relative to the knowledge folder. */
export async function saveNote(knowledgeDir: string, note: SavedNote): Promise<SaveResult> {
  const body = redact(note.body.trim());
  if (body === '') return { ok: false, code: 'save.empty', message: 'There is no text to save.' };
  if (body.length > MAX_SAVED_CHARS)
    return {
      ok: false,
      code: 'save.too-long',
      message: `The text is ${body.length} characters long; at most ${MAX_SAVED_CHARS} are saved.`,
    };
  const title = redact(note.title.replace(/\s+/g, ' ').trim()).slice(0, MAX_TITLE_CHARS) || 'Saved from chat';
  const meta = {
    title,
    author: redact(note.author),
    date: new Date(note.at).toISOString(),
    ...(note.question ? { question: redact(note.question.replace(/\s+/g, ' ').trim()) } : {}),
    ...(note.url && /^https?:\/\//.test(note.url) ? { url: note.url } : {}),
    tags: [...new Set(note.tags.map((t) => t.trim()).filter(Boolean))],
  };
  const text = `---\n${stringify(meta).trimEnd()}\n---\n\n# ${title}\n\n${body}\n`;
  const dir = path.join(knowledgeDir, FROM_CHAT_DIR);
  await mkdir(dir, { recursive: true });
  const base = `${new Date(note.at).toISOString().slice(0, 10)}-${slugOf(title)}`;
  for (let n = 1; ; n++) {
    const name = n === 1 ? `${base}.md` : `${base}-${n}.md`;
    try {
      await writeFile(path.join(dir, name), text, { flag: 'wx' });
      return { ok: true, file: `${FROM_CHAT_DIR}/${name}` };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
}

/** Characters of a message's first line used as its title when no thread question names it. */
const TITLE_CHARS = 80;

/**
 * A chat message saved as knowledge: titled by the thread's question when there is one (else its
 * first line), with a link back to it, tagged `from-chat` and the platform.
 */
export function saveMessage(
  knowledgeDir: string,
  m: { text: string; author: string; at: number; url?: string; question?: string; platform: string },
): Promise<SaveResult> {
  const firstLine = m.text.trim().split('\n')[0] ?? '';
  const title = m.question?.trim() || (firstLine.length > TITLE_CHARS ? `${firstLine.slice(0, TITLE_CHARS - 1)}…` : firstLine);
  return saveNote(knowledgeDir, {
    title,
    body: m.text,
    author: m.author,
    at: m.at,
    tags: ['from-chat', m.platform],
    ...(m.url ? { url: m.url } : {}),
    ...(m.question ? { question: m.question } : {}),
  });
}
