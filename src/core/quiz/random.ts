/** A small seeded PRNG: the same seed gives the same quiz. */

/** A 32-bit hash of a string (FNV-1a), the seed of `createRandom`. */
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Numbers in [0, 1), the same sequence for the same seed (mulberry32). */
export type Random = () => number;

/** A seeded random source; `seed` may be any string. */
export function createRandom(seed: string): Random {
  let a = hashString(seed);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A shuffled copy (Fisher–Yates). */
export function shuffle<T>(items: readonly T[], random: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** A short hexadecimal id derived from text (stable across runs). */
export function shortId(text: string): string {
  return (hashString(text).toString(16).padStart(8, '0') + hashString(`${text}#`).toString(16).padStart(8, '0')).slice(0, 12);
}
