import { getHeapStatistics } from "node:v8";
import { describe, expect, it } from "vitest";
import { compactHeapAfterLoad } from "./compact-heap.js";

describe("compactHeapAfterLoad", () => {
  it("leaves a small heap alone", () => {
    expect(compactHeapAfterLoad({ minHeapBytes: Number.POSITIVE_INFINITY })).toBe(false);
  });

  it("collects garbage a large load left behind", () => {
    // 64 MiB of short-lived heap (unboxed doubles), like a world file's text once parsed.
    let garbage: number[][] | undefined = Array.from({ length: 8 }, (_, i) =>
      new Array<number>(1024 * 1024).fill(i + 0.5),
    );
    expect(garbage.length).toBe(8);
    garbage = undefined;
    const before = getHeapStatistics().used_heap_size;
    expect(compactHeapAfterLoad({ minHeapBytes: 0 })).toBe(true);
    expect(getHeapStatistics().used_heap_size).toBeLessThan(before - 32 * 1024 * 1024);
  });
});
