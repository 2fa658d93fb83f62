/** A list that tests can wait on: `waitFor` resolves with the first item (after a mark) that matches. */
export class Recorder<T> {
  readonly items: T[] = [];
  private waiters = new Set<() => void>();

  push(item: T): void {
    this.items.push(item);
    for (const wake of [...this.waiters]) wake();
  }

  /** The current length: pass it as `after` to wait only for items recorded from now on. */
  mark(): number {
    return this.items.length;
  }

  /** Resolves with the first item at index >= `after` matching `match`; rejects after `timeoutMs` naming `what`. */
  waitFor(match: (item: T) => boolean, opts: { after?: number; timeoutMs?: number; what?: string } = {}): Promise<T> {
    const after = opts.after ?? 0;
    const find = () => this.items.slice(after).find(match);
    const found = find();
    if (found !== undefined) return Promise.resolve(found);
    return new Promise<T>((resolve, reject) => {
      const wake = () => {
        const item = find();
        if (item === undefined) return;
        cleanup();
        resolve(item);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`Timed out after ${opts.timeoutMs ?? 5000} ms waiting for ${opts.what ?? 'a matching item'}`));
      }, opts.timeoutMs ?? 5000);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
      };
      this.waiters.add(wake);
    });
  }
}
