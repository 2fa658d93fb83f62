/**
 * Answer text made comparable: folded (case, accents, typographic quotes), punctuation dropped,
 * acronym dots and thousands separators removed, leading articles optional.
 */
import { fold } from '../text/index.js';

const ARTICLES = new Set(['the', 'a', 'an']);

/** The words of a text as answers compare them: `The U.S. State-Department’s` → `the us state department`. */
export function answerWords(text: string): string[] {
  const folded = fold(text)
    .replace(/(\d)[,\u202f](?=\d{3}\b)/g, '$1')
    .replace(/\b(\p{L})\.(?=\p{L}\b)/gu, '$1')
    .replace(/\b(\p{L})\.(?=\s|$)/gu, '$1')
    .replace(/'s\b/g, '')
    .replace(/'/g, '');
  return folded.split(/[^\p{L}\p{N}.]+|(?<!\d)\.|\.(?!\d)/u).filter(Boolean);
}

/** `answerWords` without a leading article. */
export function answerKey(text: string): string[] {
  const words = answerWords(text);
  return words.length > 1 && ARTICLES.has(words[0] ?? '') ? words.slice(1) : words;
}

/** `answerKey` as one string: equal for `The Times` and `times`. */
export function normalizeAnswer(text: string): string {
  return answerKey(text).join(' ');
}

export { indexOfWords } from '../text/index.js';

/** Damerau–Levenshtein distance (optimal string alignment), stopping early above `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const prev = rows[i - 1]!;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    rows.push(row);
    if (i > 0 && best > max) return max + 1;
  }
  return rows[a.length]![b.length]!;
}
