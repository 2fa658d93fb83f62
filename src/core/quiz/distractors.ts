/**
 * Wrong choices for multiple choice: three of the same kind as the answer, drawn from the same
 * knowledge (other places, other people); numbers and dates, which a text rarely has enough of,
 * are completed with nearby values written the same way.
 */
import { answerKey, normalizeAnswer } from './normalize.js';
import { formatNumberLike, parseNumbers } from './numbers.js';
import { shuffle, type Random } from './random.js';
import { answerOrder } from './rules.js';

/** A same-kind phrase from the knowledge that could stand in for an answer. */
export interface Candidate {
  /** Same key, same thing (`Hegseth`, `Pete Hegseth`). */
  key: string;
  text: string;
  /** How alike it is to the answer; higher first. */
  likeness: number;
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * Picks `count` wrong choices: the most alike candidates first (in seeded order among equals),
 * distinct from the answer and from each other once normalized, then made-up numbers or dates.
 * A `bound` keeps them below (-1) or above (1) the answer (`by _____`: a later year is right too; `over _____`: a smaller figure).
 * Returns null when there are not enough.
 */
export function pickWrongChoices(
  answer: string,
  kind: string,
  candidates: Candidate[],
  random: Random,
  count = 3,
  bound: -1 | 0 | 1 = 0,
): string[] | null {
  const taken = new Set([normalizeAnswer(answer)]);
  const sameAs = new Set([sameCountry(normalizeAnswer(answer)).replace(/s\b/g, '')]);
  const answerWords = answerKey(answer);
  const out: string[] = [];
  const keys = new Set<string>();
  const ordered = shuffle(candidates, random).sort((a, b) => b.likeness - a.likeness);
  const at = bound !== 0 ? answerOrder(answer, kind) : undefined;
  const add = (text: string, key = normalizeAnswer(text)) => {
    const norm = normalizeAnswer(text);
    const order = at === undefined ? undefined : answerOrder(text, kind);
    if (at !== undefined && (order === undefined || Math.sign(order - at) !== bound)) return;
    // `United States Navy` beside `US Navy`, `Member State` beside `Member States`: one choice written two ways.
    const same = sameCountry(norm).replace(/s\b/g, '');
    if (out.length >= count || norm === '' || taken.has(norm) || sameAs.has(same) || keys.has(key)) return;
    const words = answerKey(text);
    // `Times` and `New York Times` are the same choice.
    if ([...taken].some((t) => overlaps(t.split(' '), words)) || overlaps(words, answerWords)) return;
    taken.add(norm);
    sameAs.add(same);
    keys.add(key);
    out.push(text);
  };
  for (const c of ordered) add(c.text, c.key);
  if (out.length < count && kind === 'number') for (const n of nearbyNumbers(answer, random, bound)) add(n);
  if (out.length < count && kind === 'date') for (const d of nearbyDates(answer, random, bound)) add(d);
  return out.length === count ? out : null;
}

/** `United States Navy` and `US Navy` are one choice: the country written one way. */
function sameCountry(folded: string): string {
  return folded
    .replace(/\b(?:united states of america|united states|u s a|u s|usa)\b/g, 'us')
    .replace(/\b(?:united kingdom|great britain|u k)\b/g, 'uk');
}

function overlaps(a: string[], b: string[]): boolean {
  if (a.length === 0 || b.length === 0) return false;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return (
    long.slice(long.length - short.length).every((w, i) => w === short[i]) || long.slice(0, short.length).every((w, i) => w === short[i])
  );
}

/** Values near the answer (a half, double, ten times…), rounded and written like it; with a `bound`, only smaller (-1) or larger (1). */
function nearbyNumbers(answer: string, random: Random, bound: -1 | 0 | 1 = 0): string[] {
  const [value] = parseNumbers(answer);
  if (value === undefined || value <= 0) return [];
  // Within NUMBER_RANGE of the answer even once rounded.
  const factors = [0.2, 0.4, 0.5, 0.6, 0.75, 1.5, 2, 3, 4, 5].filter((f) => bound === 0 || Math.sign(f - 1) === bound);
  const seen = new Set<number>([value]);
  const out: string[] = [];
  // `2.5` million: wrong choices written with as many decimals (`1.2`, `5.0`), not `5` or `25`.
  const decimals = /\d\.(\d+)/.exec(answer)?.[1]?.length ?? 0;
  for (const f of shuffle(factors, random)) {
    const n = decimals > 0 ? Number((value * f).toFixed(decimals)) : roundNicely(value * f, value);
    if (n <= 0 || seen.has(n)) continue;
    seen.add(n);
    out.push(answer.replace(/\d[\d,.]*\d|\d/, decimals > 0 ? n.toFixed(decimals) : formatNumberLike(n, answer)));
  }
  return out;
}

function roundNicely(n: number, like: number): number {
  if (Number.isInteger(like) && like < 10) return Math.max(1, Math.round(n));
  const digits = Math.floor(Math.log10(Math.abs(n)));
  const step = 10 ** Math.max(0, digits - 1);
  return Math.round(n / step) * step;
}

/**
 * Other years (`2027` → `2026`, `2030`), or the same day in other months (`late-March 2025` → `late-June 2025`); with a
 * `bound`, only earlier (-1) or later (1) ones, months within the same year.
 */
function nearbyDates(answer: string, random: Random, bound: -1 | 0 | 1 = 0): string[] {
  const year = /\b(1\d|20)\d\d\b/.exec(answer);
  const month = MONTH_NAMES.findIndex((m) => new RegExp(`\\b${m}\\b`, 'i').test(answer));
  const out: string[] = [];
  const allowed = (shift: number) => bound === 0 || Math.sign(shift) === bound;
  if (month >= 0) {
    for (const shift of shuffle([-6, -4, -3, -2, 2, 3, 4, 6], random)) {
      if (!allowed(shift) || (bound !== 0 && (month + shift < 0 || month + shift > 11))) continue;
      const m = (month + shift + 12) % 12;
      out.push(answer.replace(new RegExp(`\\b${MONTH_NAMES[month]}\\b`, 'i'), MONTH_NAMES[m]!));
    }
    return out;
  }
  if (year) {
    const y = Number(year[0]);
    // Bounded: four shifts on each side, so three are left on the side allowed.
    const shifts = bound === 0 ? [-3, -2, -1, 1, 2, 3, 5] : [-5, -3, -2, -1, 1, 2, 3, 5];
    for (const shift of shuffle(shifts, random)) if (allowed(shift)) out.push(answer.replace(year[0], String(y + shift)));
  }
  return out;
}
