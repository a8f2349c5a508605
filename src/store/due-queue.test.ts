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
