import type { WarmPool } from "./world.js";

/**
 * The pools with pending reconciler work, in the order it falls due: by `dueAt`, ties in
 * creation (seq) order. The sorted order is kept while changes arrive in order (new work due
 * last, the earliest leaving first), so requests do not sort every pending transition.
 */
export class DueQueue {
  private readonly due = new Set<WarmPool>();
  // The order, from `head` on. The earliest leaves by moving `head`: Array#shift copies the
  // whole array once it is large, and under a stream of creates that copy led the profile.
  private sorted: (WarmPool | undefined)[] | undefined = [];
  private head = 0;

  /** Records the pool's current `dueAt`: queued when set, dropped when not. */
  mark(pool: WarmPool): void {
    if (pool.dueAt === undefined) {
      this.drop(pool);
    } else if (this.due.has(pool)) {
      // Its dueAt may have moved: its place in the order is unknown.
      this.sorted = undefined;
    } else {
      this.due.add(pool);
      // Slots before `head` are emptied, so the last one is undefined once every pool has left.
      const last = this.sorted?.at(-1);
      if (!last || compareDue(last, pool) <= 0) this.sorted?.push(pool);
      else this.sorted = undefined;
    }
  }

  drop(pool: WarmPool): void {
    if (!this.due.delete(pool)) return;
    const sorted = this.sorted;
    if (sorted?.[this.head] !== pool) {
      this.sorted = undefined;
      return;
    }
    sorted[this.head] = undefined;
    this.head += 1;
    // Compacted once the gone part outweighs the rest, so each pool is copied O(1) times.
    if (this.head >= 1024 && this.head * 2 >= sorted.length) {
      this.sorted = sorted.slice(this.head);
      this.head = 0;
    }
  }

  clear(): void {
    this.due.clear();
    this.sorted = [];
    this.head = 0;
  }

  has(pool: WarmPool): boolean {
    return this.due.has(pool);
  }

  /** Every queued pool, earliest first. */
  inOrder(): WarmPool[] {
    return this.order().slice(this.head) as WarmPool[];
  }

  /** The pool whose work is due first, if any. */
  first(): WarmPool | undefined {
    return this.order()[this.head];
  }

  private order(): (WarmPool | undefined)[] {
    if (this.sorted === undefined) {
      this.sorted = [...this.due].sort(compareDue);
      this.head = 0;
    }
    return this.sorted;
  }

  [Symbol.iterator](): IterableIterator<WarmPool> {
    return this.due.values();
  }
}

function compareDue(a: WarmPool, b: WarmPool): number {
  return (a.dueAt ?? 0) - (b.dueAt ?? 0) || a.seq - b.seq;
}
