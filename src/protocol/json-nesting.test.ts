import { describe, expect, it } from "vitest";
import { MAX_JSON_NESTING, nestsDeeperThan } from "./json-nesting.js";

const arrays = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`;
const objects = (n: number) => `${'{"a":'.repeat(n)}1${"}".repeat(n)}`;

describe("nestsDeeperThan", () => {
  it("counts arrays and objects, mixed, up to the limit and one past it", () => {
    expect(nestsDeeperThan(arrays(3), 3)).toBe(false);
    expect(nestsDeeperThan(arrays(4), 3)).toBe(true);
    expect(nestsDeeperThan(objects(3), 3)).toBe(false);
    expect(nestsDeeperThan(objects(4), 3)).toBe(true);
    expect(nestsDeeperThan('{"a":[{"b":[1]}]}', 4)).toBe(false);
    expect(nestsDeeperThan('{"a":[{"b":[[1]]}]}', 4)).toBe(true);
  });

  it("measures depth, not the number of brackets", () => {
    expect(nestsDeeperThan(`[${"[],".repeat(50)}[]]`, 2)).toBe(false);
  });

  it("ignores brackets inside strings, escaped quotes included", () => {
    expect(nestsDeeperThan(`{"a":"${"[".repeat(50)}"}`, 1)).toBe(false);
    expect(nestsDeeperThan(`{"a":"\\"${"{".repeat(50)}"}`, 1)).toBe(false);
    expect(nestsDeeperThan(`{"a":"\\\\",${'"b":{'.repeat(2)}1}}}`, 2)).toBe(true);
  });

  it("settles text no longer than the limit without scanning, as no such text can exceed it", () => {
    expect(nestsDeeperThan("[".repeat(10), 10)).toBe(false);
    expect(nestsDeeperThan("[".repeat(11), 10)).toBe(true);
  });

  it("at protobuf-go's limit: 10,000 levels pass, 10,001 do not", () => {
    expect(MAX_JSON_NESTING).toBe(10_000);
    expect(nestsDeeperThan(`{"x":${arrays(9_999)}}`, MAX_JSON_NESTING)).toBe(false);
    expect(nestsDeeperThan(`{"x":${arrays(10_000)}}`, MAX_JSON_NESTING)).toBe(true);
  });
});
