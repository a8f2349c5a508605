import type { WarmPool } from "./world.js";

/**
 * The pools with pending reconciler work, in the order it falls due: by `dueAt`, ties in
 * creation (seq) order. The sorted order is kept while changes arrive in order (new work due
 * last, the earliest leaving first), so requests do not sort every pending transition.
 */
export class DueQueue {
  private readonly due = new Set<WarmPool>();
  private sorted: WarmPool[] | undefined = [];

  /** Records the pool's current `dueAt`: queued when set, dropped when not. */
  mark(pool: WarmPool): void {
    if (pool.dueAt === undefined) {
      this.drop(pool);
    } else if (this.due.has(pool)) {
      // Its dueAt may have moved: its place in the order is unknown.
      this.sorted = undefined;
    } else {
      this.due.add(pool);
      const last = this.sorted?.at(-1);
      if (!last || compareDue(last, pool) <= 0) this.sorted?.push(pool);
      else this.sorted = undefined;
    }
  }

  drop(pool: WarmPool): void {
    if (!this.due.delete(pool)) return;
    if (this.sorted?.[0] === pool) this.sorted.shift();
    else this.sorted = undefined;
  }

  clear(): void {
    this.due.clear();
    this.sorted = [];
  }

  has(pool: WarmPool): boolean {
    return this.due.has(pool);
  }

  /** Every queued pool, earliest first. */
  inOrder(): WarmPool[] {
    this.sorted ??= [...this.due].sort(compareDue);
    return this.sorted.slice();
  }

  /** The pool whose work is due first, if any. */
  first(): WarmPool | undefined {
    this.sorted ??= [...this.due].sort(compareDue);
    return this.sorted[0];
  }

  [Symbol.iterator](): IterableIterator<WarmPool> {
    return this.due.values();
  }
}

function compareDue(a: WarmPool, b: WarmPool): number {
  return (a.dueAt ?? 0) - (b.dueAt ?? 0) || a.seq - b.seq;
}
