/** Hints: letters of the answer revealed step by step, or wrong choices taken away. */

/**
 * The answer with some letters shown and the rest as `_`: step 1 of `steps` shows each word's
 * first letter, later steps more, and never the whole answer. Spaces and punctuation stay.
 */
export function letterHint(answer: string, step: number, steps: number): string {
  const chars = [...answer];
  const positions = chars.flatMap((c, i) => (/[\p{L}\p{N}]/u.test(c) ? [i] : []));
  const firsts = positions.filter((i) => !/[\p{L}\p{N}]/u.test(chars[i - 1] ?? ' '));
  const others = positions.filter((i) => !firsts.includes(i)).sort((a, b) => (a % 3) - (b % 3) || a - b);
  const order = [...firsts, ...others];
  const wanted = Math.max(firsts.length, Math.floor((positions.length * step) / (steps + 1)));
  const shown = new Set(order.slice(0, Math.min(wanted, positions.length - 1)));
  return chars.map((c, i) => (positions.includes(i) && !shown.has(i) ? '_' : c)).join('');
}
