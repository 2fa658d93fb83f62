/** Case and accent folding, and typographic quotes and dashes made plain: one function for index, query and answer checks. */
import { wordTable } from './lookup.js';

const TYPOGRAPHY = wordTable({
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u201b': "'",
  '\u2032': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u201f': '"',
  '\u2033': '"',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2015': '-',
  '\u2212': '-',
  '\u2026': '...',
  '\u00a0': ' ',
});
const TYPOGRAPHY_RE = /[\u2018\u2019\u201a\u201b\u2032\u201c\u201d\u201e\u201f\u2033\u2010-\u2015\u2212\u2026\u00a0]/g;

/** Plain quotes, dashes and spaces; same length for every character but the ellipsis. */
function plainTypography(text: string): string {
  return text.replace(TYPOGRAPHY_RE, (c) => TYPOGRAPHY[c] ?? c);
}

/** Removes accents: `Café` → `Cafe`. Keeps case. */
function stripAccents(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '');
}

const ASCII = /^\p{ASCII}*$/u;

/** Lower case, no accents, plain typography. */
export function fold(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase();
  return stripAccents(plainTypography(text)).toLowerCase();
}
