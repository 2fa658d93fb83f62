/** Loading progress on a terminal: files done of total, time elapsed and an estimate of what is left. */
import type { LoadProgress } from '../../core/knowledge/index.js';

/** Loads shorter than this show no progress (it would only flicker). */
export const PROGRESS_AFTER_MS = 500;
/** The line is redrawn at most this often. */
export const PROGRESS_EVERY_MS = 100;

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

/** One line of progress: `Loading knowledge: 120/720 files, 12 s, about 48 s left`. */
export function progressLine({ done, total, elapsedMs }: LoadProgress): string {
  const left = done > 0 && done < total ? `, about ${seconds((elapsedMs / done) * (total - done))} left` : '';
  return `Loading knowledge: ${done}/${total} files, ${seconds(elapsedMs)}${left}`;
}

/** A progress callback that redraws one line on `out` (a terminal), and clears it when done. */
export function terminalProgress(out: NodeJS.WriteStream): (progress: LoadProgress) => void {
  let drawnAt = -Infinity;
  return (p) => {
    if (p.elapsedMs < PROGRESS_AFTER_MS) return;
    if (p.done >= p.total) {
      if (drawnAt > -Infinity) out.write(`\r${progressLine(p)}\x1b[K\n`);
      return;
    }
    if (p.elapsedMs - drawnAt < PROGRESS_EVERY_MS) return;
    drawnAt = p.elapsedMs;
    out.write(`\r${progressLine(p)}\x1b[K`);
  };
}
