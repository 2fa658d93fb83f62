/** Logistic regression by Newton's method with a little ridge (shared by the fitting scripts). */

/** Ridge on every coefficient but the bias: keeps a fit finite when an input separates the rows. */
const RIDGE = 1e-3;
/** Newton steps: it converges in under 10 on these inputs. */
const STEPS = 25;

/** How a fit is kept finite: `ridge` (times the row count) penalises every coefficient but the bias; `floor` is added to the Hessian's diagonal only, for a solvable step. */
export interface FitOptions {
  ridge: number;
  floor: number;
}

/** Fits σ(b·x) to labels y; each row's x starts with 1 for the bias. Returns b. */
export function fitLogistic(rows: { x: number[]; y: number }[], { ridge, floor }: FitOptions = { ridge: RIDGE, floor: 1e-9 }): number[] {
  const n = rows[0]?.x.length ?? 0;
  let b = new Array<number>(n).fill(0);
  for (let step = 0; step < STEPS; step++) {
    // The Hessian with the gradient as its last column, then Gauss–Jordan elimination: b -= H⁻¹g.
    const a: number[][] = Array.from({ length: n }, (_, i) =>
      Array.from({ length: n + 1 }, (_, j) => (i === j ? (i === 0 ? floor : floor + ridge * rows.length) : 0)),
    );
    for (const { x, y } of rows) {
      const p = 1 / (1 + Math.exp(-x.reduce((s, xi, i) => s + xi * b[i]!, 0)));
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) a[i]![j]! += p * (1 - p) * x[i]! * x[j]!;
        a[i]![n]! += (p - y) * x[i]!;
      }
    }
    for (let i = 1; i < n; i++) a[i]![n]! += ridge * rows.length * b[i]!;
    for (let i = 0; i < n; i++) {
      const pivot = a.slice(i).reduce((m, r, k) => (Math.abs(r[i]!) > Math.abs(a[m]![i]!) ? i + k : m), i);
      [a[i], a[pivot]] = [a[pivot]!, a[i]!];
      for (let r = 0; r < n; r++) if (r !== i) a[r] = a[r]!.map((c, k) => c - (a[r]![i]! / a[i]![i]!) * a[i]![k]!);
    }
    b = b.map((bi, i) => bi - a[i]![n]! / a[i]![i]!);
  }
  return b;
}

/** Reliability: per tenth of predicted probability, how many and the share right; and the expected calibration error. */
export function reliability(items: { p: number; y: number }[]): {
  buckets: { from: number; n: number; mean: number; right: number }[];
  ece: number;
} {
  const buckets = Array.from({ length: 10 }, (_, i) => ({ from: i / 10, n: 0, mean: 0, right: 0 }));
  for (const { p, y } of items) {
    const b = buckets[Math.min(9, Math.floor(p * 10))]!;
    b.n++;
    b.mean += p;
    b.right += y;
  }
  let ece = 0;
  for (const b of buckets) {
    if (b.n === 0) continue;
    ece += (b.n / (items.length || 1)) * Math.abs(b.right / b.n - b.mean / b.n);
    b.mean /= b.n;
    b.right /= b.n;
  }
  return { buckets, ece };
}
