import { getHeapStatistics, setFlagsFromString } from "node:v8";
import { afterAll, describe, expect, it } from "vitest";
import { loadCompactly } from "./load-compactly.js";

describe("loadCompactly", () => {
  afterAll(() => setFlagsFromString("--no-optimize-for-size"));

  it("returns what the load returns and leaves a small heap alone", () => {
    const result = loadCompactly(() => "world", { minHeapBytes: Number.POSITIVE_INFINITY });
    expect(result).toEqual({ value: "world", compacted: false });
  });

  it("lets a failing load's error through", () => {
    expect(() =>
      loadCompactly(() => {
        throw new Error("cannot read world file");
      }),
    ).toThrow("cannot read world file");
  });

  it("collects the garbage a large load left behind", () => {
    const before = getHeapStatistics().used_heap_size;
    const { value, compacted } = loadCompactly(
      () => {
        // 64 MiB of short-lived heap (unboxed doubles), like a world file's text once parsed.
        const garbage = Array.from({ length: 8 }, (_, i) =>
          new Array<number>(1024 * 1024).fill(i + 0.5),
        );
        return garbage.length;
      },
      { minHeapBytes: 0, lowMemory: true },
    );
    expect(value).toBe(8);
    expect(compacted).toBe(true);
    expect(getHeapStatistics().used_heap_size).toBeLessThan(before + 32 * 1024 * 1024);
  });
});
