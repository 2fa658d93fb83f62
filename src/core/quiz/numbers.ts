/** Numbers as people type them: `50000`, `50,000`, `50 000`, `50k`, `1.5 million`, `fifty thousand`. */
import { wordTable } from '../text/index.js';
import { answerWords } from './normalize.js';

const UNITS = wordTable({
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
});
const TENS = wordTable({ twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 });
const SCALES = wordTable({ thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 });
const SUFFIXES = wordTable({ k: 1e3, m: 1e6, mn: 1e6, bn: 1e9, b: 1e9 });

/** Every number value in a text, in order (`between 5k and fifty thousand` → [5000, 50000]). */
export function parseNumbers(text: string): number[] {
  // Thousands grouped by spaces or dots (`50 000`, `50.000`) become plain digits first.
  const plain = text.replace(/\b\d{1,3}(?:[ \u00a0\u202f.]\d{3})+\b(?![.,]\d)/g, (m) => m.replace(/[ \u00a0\u202f.]/g, ''));
  const words = answerWords(plain);
  const out: number[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    const digits = /^(\d+(?:\.\d+)?)(k|m|mn|bn|b)?$/.exec(w);
    if (digits) {
      const next = words[i + 1] ?? '';
      const suffix = SUFFIXES[digits[2] ?? ''];
      const scale = SCALES[next] ?? (next === 'b' ? undefined : SUFFIXES[next]);
      let value = Number(digits[1]);
      if (suffix !== undefined) value *= suffix;
      else if (scale !== undefined) {
        value *= scale;
        i++;
      }
      out.push(value);
      continue;
    }
    const spelled = readNumberWords(words, i);
    if (spelled) {
      out.push(spelled.value);
      i = spelled.next - 1;
    }
  }
  return out;
}

/** Reads spelled-out numbers (`two hundred and fifty thousand`) starting at `start`. */
function readNumberWords(words: string[], start: number): { value: number; next: number } | null {
  let total = 0;
  let current = 0;
  let i = start;
  let seen = false;
  for (; i < words.length; i++) {
    const w = words[i] ?? '';
    const small = UNITS[w] ?? TENS[w];
    const scale = SCALES[w];
    if (small !== undefined) current += small;
    else if (w === 'hundred') current = (current || 1) * 100;
    else if (scale !== undefined) {
      total += (current || 1) * scale;
      current = 0;
    } else if ((w === 'and' || w === 'a') && seen && isNumberWord(words[i + 1])) continue;
    else if (w === 'a' && !seen && (words[i + 1] === 'hundred' || SCALES[words[i + 1] ?? ''] !== undefined)) continue;
    else break;
    seen = true;
  }
  return seen ? { value: total + current, next: i } : null;
}

function isNumberWord(word: string | undefined): boolean {
  return word !== undefined && (UNITS[word] !== undefined || TENS[word] !== undefined || word === 'hundred' || SCALES[word] !== undefined);
}

/** Writes `value` the way `sample` is written: with thousands commas when it has them. */
export function formatNumberLike(value: number, sample: string): string {
  if (/\d,\d{3}/.test(sample)) return value.toLocaleString('en-US');
  return String(value);
}
