import { expect, it } from "vitest";
import { DueQueue } from "./due-queue.js";
import type { WarmPool } from "./world.js";

const pool = (seq: number, dueAt?: number) => ({ seq, dueAt }) as WarmPool;

it("orders by due time, ties in creation order, and follows a moved due time", () => {
  const queue = new DueQueue();
  const [a, b, c] = [pool(1, 50), pool(2, 10), pool(3, 10)];
  for (const p of [a, b, c]) queue.mark(p);
  expect(queue.inOrder()).toEqual([b, c, a]);
  a.dueAt = 5;
  queue.mark(a);
  expect(queue.first()).toBe(a);
  a.dueAt = undefined;
  queue.mark(a);
  expect(queue.has(a)).toBe(false);
  queue.drop(b);
  expect(queue.inOrder()).toEqual([c]);
  queue.clear();
  expect(queue.first()).toBeUndefined();
});

it("keeps its order while thousands of pools leave from the front and new ones join at the back", () => {
  const queue = new DueQueue();
  const pools = Array.from({ length: 5000 }, (_, i) => pool(i + 1, i));
  for (const p of pools.slice(0, 3000)) queue.mark(p);
  for (let i = 0; i < 2500; i++) {
    const leaving = pools[i] as WarmPool;
    expect(queue.first()).toBe(leaving);
    leaving.dueAt = undefined;
    queue.mark(leaving);
    if (i + 3000 < pools.length) queue.mark(pools[i + 3000] as WarmPool);
  }
  expect(queue.inOrder()).toEqual(pools.slice(2500));
  const late = pool(9999, 1);
  queue.mark(late);
  expect(queue.first()).toBe(late);
  expect(queue.inOrder()).toEqual([late, ...pools.slice(2500)]);
});
