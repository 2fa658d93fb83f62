import type { Clock } from '../clock.js';

/** Keys tracked before idle ones are swept: bounds memory when many people ask once. */
const PRUNE_ABOVE = 10_000;

/** A sliding-window limit per key: at most `max` hits in `windowMs`. */
export class RateLimiter {
  private hits = new Map<string, number[]>();

  constructor(
    private readonly clock: Clock,
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Counts a hit for `key`; returns the milliseconds to wait when over the limit, else 0 (and the hit counts). */
  take(key: string): number {
    const now = this.clock.now();
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.max) {
      this.hits.set(key, recent);
      return this.windowMs - (now - (recent[0] ?? now));
    }
    recent.push(now);
    this.hits.set(key, recent);
    if (this.hits.size > PRUNE_ABOVE) this.prune(now);
    return 0;
  }

  private prune(now: number): void {
    for (const [key, times] of this.hits) if (times.every((t) => now - t >= this.windowMs)) this.hits.delete(key);
  }
}
