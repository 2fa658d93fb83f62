/**
 * Questions generated from the knowledge, without a language model: a sentence with one key
 * phrase (a number, a date, a person, an organisation, a place, a short quote) blanked out.
 * Each keeps its passage, citation and the passage's hash. Blanks that leak the answer, make the
 * question trivial, or ask for a word the file is all about are skipped.
 */
import type { Entity, Passage } from '../knowledge/types.js';
import type { Citation } from '../search/types.js';
import type { AcronymDefinition } from '../text/analyze.js';
import { COUNTRY_NAMES, PLACE_WORDS } from '../text/lexicon.js';
import { pickWrongChoices, type Candidate } from './distractors.js';
import { answerKey, answerWords, indexOfWords, normalizeAnswer } from './normalize.js';
import { parseNumbers } from './numbers.js';
import type { Question, QuestionKind } from './question.js';
import { createRandom, shortId } from './random.js';

/** What replaces the answer in a prompt. */
export const BLANK = '_____';

/** How good a question of each kind usually is (the draw favours the better ones). */
export const KIND_QUALITY: Record<QuestionKind, number> = {
  number: 5,
  date: 4,
  person: 4,
  quote: 4,
  organization: 4,
  place: 3,
  acronym: 2,
  other: 1,
};

/** Shortest and longest prompt, in words. */
const MIN_PROMPT_WORDS = 6;
const MAX_PROMPT_WORDS = 70;
/** A phrase in more than this share of a file's sentences is what the file is about: too easy to guess. */
const MAX_SHARE = 0.4;

/** A generated question, with how good it is likely to be. */
export type GeneratedQuestion = Question & { quality: number };

export interface GenerateInput {
  passages: Passage[];
  acronyms?: AcronymDefinition[];
}

interface Mention {
  passage: Passage;
  entity: Entity;
  kind: QuestionKind;
  key: string;
}

/** Generates every acceptable question from the passages, in passage order. */
export function generateQuestions(input: GenerateInput): GeneratedQuestion[] {
  const passages = input.passages.filter((p) => !p.file.startsWith('quizzes/'));
  const acronyms = new Map<string, string>();
  for (const a of input.acronyms ?? []) acronyms.set(a.short, a.long);
  const mentions = collectMentions(passages, acronyms);
  const names = groupNames(mentions);
  const sharePerFile = shares(passages, mentions);
  const out: GeneratedQuestion[] = [];
  for (const m of mentions) {
    const q = makeQuestion(m, mentions, names, acronyms, sharePerFile);
    if (q) out.push(q);
  }
  return out;
}

/** Finds every entity, with a key that is the same for every way of naming one thing. */
function collectMentions(passages: Passage[], acronyms: Map<string, string>): Mention[] {
  const mentions: Mention[] = [];
  for (const passage of passages) {
    for (const entity of passage.entities) {
      mentions.push({ passage, entity, kind: entity.kind, key: keyOf(entity.kind, entity, acronyms) });
    }
  }
  // `Hegseth` is `Pete Hegseth`; `Times` is `New York Times`: a name that ends a longer one of its kind is that one.
  for (const kind of ['person', 'organization'] as const) {
    const keys = [...new Set(mentions.filter((m) => m.kind === kind).map((m) => m.key))].sort((a, b) => b.length - a.length);
    const merged = new Map<string, string>();
    for (const k of keys) {
      const longer = keys.find((l) => l.length > k.length && l.endsWith(` ${k.slice('name:'.length)}`));
      merged.set(k, longer ? (merged.get(longer) ?? longer) : k);
    }
    for (const m of mentions) if (m.kind === kind) m.key = merged.get(m.key) ?? m.key;
  }
  return mentions;
}

function keyOf(kind: QuestionKind, entity: Entity, acronyms: Map<string, string>): string {
  const text = normalizeAnswer(entity.text);
  switch (kind) {
    case 'number':
      return `number:${entity.value ?? parseNumbers(entity.text)[0] ?? text}`;
    case 'date':
      return `date:${text.replace(/^(late|early|mid) /, '')}`;
    case 'place': {
      const country = COUNTRY_NAMES.get(text) ?? COUNTRY_NAMES.get(answerWords(entity.text).join(' '));
      return `name:${country ? country.term : text}`;
    }
    case 'acronym': {
      const long = acronyms.get(entity.text);
      return `name:${long ? normalizeAnswer(long) : text}`;
    }
    default:
      return `name:${text}`;
  }
}

/** Every way the knowledge names each thing, longest first. */
function groupNames(mentions: Mention[]): Map<string, string[]> {
  const names = new Map<string, string[]>();
  for (const m of mentions) {
    const list = names.get(m.key) ?? [];
    const text = cleanName(m.entity.text);
    if (!list.some((t) => normalizeAnswer(t) === normalizeAnswer(text))) list.push(text);
    names.set(m.key, list);
  }
  for (const list of names.values()) list.sort((a, b) => b.length - a.length);
  return names;
}

function cleanName(text: string): string {
  return text.replace(/^(the|a|an)\s+/i, '').trim();
}

/** Share of each file's sentences that mention each key. */
function shares(passages: Passage[], mentions: Mention[]): Map<string, number> {
  const perFile = new Map<string, number>();
  for (const p of passages) perFile.set(p.file, (perFile.get(p.file) ?? 0) + 1);
  const seen = new Map<string, Set<string>>();
  for (const m of mentions) {
    const k = `${m.passage.file}\n${m.key}`;
    const set = seen.get(k) ?? new Set<string>();
    set.add(m.passage.id);
    seen.set(k, set);
  }
  const out = new Map<string, number>();
  for (const [k, set] of seen) {
    const total = perFile.get(k.split('\n')[0]!) ?? 1;
    out.set(k, total >= 6 ? set.size / total : 0);
  }
  return out;
}

/** The span of the passage to blank out for an entity, or null when it makes no good blank. */
function blankSpan(passage: Passage, entity: Entity, kind: QuestionKind): { start: number; end: number } | null {
  const text = passage.text;
  let { start, end } = entity;
  switch (kind) {
    case 'number': {
      const digits = /\d[\d,.]*\d|\d/.exec(entity.text);
      if (!digits) return null;
      start = entity.start + digits.index;
      end = start + digits[0].length;
      // `SM-6`, `F-35`: part of a name, not a quantity.
      if (/[\p{L}][-‐‑]$/u.test(text.slice(0, start))) return null;
      break;
    }
    case 'date': {
      const prefix = /\b(?:late|early|mid)[-‐‑]$/i.exec(text.slice(0, start));
      if (prefix) start -= prefix[0].length;
      break;
    }
    case 'acronym':
      // `medium-range air to air missiles (MRAAM)`: the words before give it away.
      if (text[start - 1] === '(') return null;
      break;
    case 'quote':
      break;
    default: {
      if (/\bThe $/.test(text.slice(0, start))) start -= 4;
      const defined = /^ \(([A-Z][A-Za-z0-9-]{1,9})\)/.exec(text.slice(end));
      if (defined) end += defined[0].length;
    }
  }
  return { start, end };
}

function makeQuestion(
  m: Mention,
  mentions: Mention[],
  names: Map<string, string[]>,
  acronyms: Map<string, string>,
  sharePerFile: Map<string, number>,
): GeneratedQuestion | null {
  const { passage, entity, kind } = m;
  if ((sharePerFile.get(`${passage.file}\n${m.key}`) ?? 0) > MAX_SHARE) return null;
  const span = blankSpan(passage, entity, kind);
  if (!span) return null;
  const blanked = passage.text.slice(span.start, span.end).trim();
  const prompt = `${passage.text.slice(0, span.start)}${BLANK}${passage.text.slice(span.end)}`.replace(/\s+/g, ' ').trim();
  const promptWords = answerWords(prompt.replace(BLANK, ' '));
  if (promptWords.length < MIN_PROMPT_WORDS || promptWords.length > MAX_PROMPT_WORDS) return null;

  const answer = kind === 'number' || kind === 'date' || kind === 'quote' ? blanked : cleanName(blanked.replace(/\s*\([^)]*\)$/, ''));
  if (answerKey(answer).length === 0 || answer.length < 2) return null;
  const accepted = acceptedForms(kind, answer, blanked, names.get(m.key) ?? [], acronyms);

  // The answer, or any accepted form of it, must not be in the prompt.
  const forms = [answer, ...accepted];
  if (kind === 'person') forms.push(...forms.map((f) => f.split(/\s+/).pop()!));
  if (forms.some((f) => indexOfWords(promptWords, answerKey(f)) >= 0)) return null;
  if (kind === 'number' || kind === 'date') {
    const values = new Set(parseNumbers(prompt));
    if (parseNumbers(answer).some((v) => values.has(v))) return null;
  }

  const id = `g-${shortId(`${passage.id}|${normalizeAnswer(answer)}`)}`;
  const sameKind = mentions.filter((o) => o.kind === kind && o.key !== m.key);
  const rivals = [...new Set(sameKind.flatMap((o) => names.get(o.key) ?? []))];
  const candidates = choiceCandidates(m, answer, prompt, sameKind, names);
  const wrong = pickWrongChoices(answer, kind, candidates, createRandom(id));
  return {
    id,
    origin: 'generated',
    prompt,
    answer,
    accepted,
    kind,
    rivals,
    wrong,
    explanation: null,
    citation: citationOf(passage),
    source: passage.text,
    passageId: passage.id,
    sourceHash: passage.hash,
    file: passage.file,
    tags: passage.tags,
    fact: m.key,
    quality: KIND_QUALITY[kind] + (wrong ? 1 : 0),
  };
}

/** Other ways to say the answer: the blank as written, other names of the same thing, an acronym's expansion. */
function acceptedForms(kind: QuestionKind, answer: string, blanked: string, names: string[], acronyms: Map<string, string>): string[] {
  if (kind === 'number' || kind === 'date') return [];
  const out = new Set<string>();
  if (kind !== 'quote') {
    out.add(blanked);
    for (const n of names) out.add(n);
    const defined = /\(([^)]+)\)$/.exec(blanked);
    if (defined) out.add(defined[1]!);
    const long = acronyms.get(answer);
    if (long) out.add(long);
    for (const [short, l] of acronyms) if (normalizeAnswer(l) === normalizeAnswer(answer)) out.add(short);
  }
  if (kind === 'place') {
    // `Senkanku Islands` → `Senkanku`.
    const words = answer.split(/\s+/);
    if (words.length >= 2 && PLACE_WORDS.has(words[words.length - 1]!.toLowerCase())) out.add(words.slice(0, -1).join(' '));
  }
  out.delete(answer);
  return [...out].filter((f) => normalizeAnswer(f) !== normalizeAnswer(answer) && normalizeAnswer(f) !== '');
}

/** Same-kind phrases for wrong choices: not named in the prompt, of the same shape, most alike first. */
function choiceCandidates(m: Mention, answer: string, prompt: string, sameKind: Mention[], names: Map<string, string[]>): Candidate[] {
  const { kind } = m;
  const promptWords = answerWords(prompt);
  const answerIsCountry = COUNTRY_NAMES.has(normalizeAnswer(answer));
  const answerLast = answerKey(answer).pop();
  const out: Candidate[] = [];
  const seen = new Set<string>();
  for (const o of sameKind) {
    if (seen.has(o.key)) continue;
    seen.add(o.key);
    const all = names.get(o.key) ?? [];
    if (all.some((n) => indexOfWords(promptWords, answerKey(n)) >= 0)) continue;
    let text = all[0] ?? o.entity.text;
    let likeness = 0;
    if (kind === 'number') {
      const digits = /\d[\d,.]*\d|\d/.exec(o.entity.text);
      if (!digits) continue;
      text = digits[0];
      likeness = o.entity.unit !== undefined && o.entity.unit === m.entity.unit ? 1 : 0;
    } else if (kind === 'date') {
      const shape = (s: string) => s.replace(/\d/g, '0').replace(/\p{L}+/gu, 'a');
      if (shape(text) !== shape(answer)) {
        // A year-only answer can use the years of other dates.
        const year = /\b\d{4}\b/.exec(text);
        if (!/^\d{4}$/.test(answer) || !year) continue;
        text = year[0];
      }
    } else {
      if (COUNTRY_NAMES.has(normalizeAnswer(text)) === answerIsCountry) likeness += 2;
      if (answerKey(text).pop() === answerLast) likeness += 1;
      if (answerKey(text).length === answerKey(answer).length) likeness += 1;
    }
    out.push({ key: o.key, text, likeness });
  }
  return out;
}

/** The citation of a passage, as answers show it. */
export function citationOf(passage: Passage): Citation {
  return {
    file: passage.file,
    title: passage.title,
    section: passage.headings.length > 0 ? passage.headings.join(' › ') : null,
    paragraph: passage.paragraph,
    lines: passage.lines,
    url: passage.url,
  };
}
