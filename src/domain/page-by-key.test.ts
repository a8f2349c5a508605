import { describe, expect, it } from "vitest";
import { createKeyToken, pageByKey, parseKeyToken } from "./page-by-key.js";

const list = { kind: "t1", keyOf: (n: number) => [n] };

describe("pageByKey", () => {
  it("walks a sorted list page by page, each item once", () => {
    const items = [1, 2, 3, 4, 5];
    const first = pageByKey(items, list, { pageSize: 2 });
    expect(first.items).toEqual([1, 2]);
    const second = pageByKey(items, list, { pageSize: 2, token: first.nextToken });
    expect(second.items).toEqual([3, 4]);
    const last = pageByKey(items, list, { pageSize: 2, token: second.nextToken });
    expect(last).toEqual({ items: [5], nextToken: "" });
  });

  it("resumes after the last key returned, whatever was added or removed before it", () => {
    const first = pageByKey([10, 20, 30], list, { pageSize: 1 });
    expect(pageByKey([5, 15, 30], list, { token: first.nextToken }).items).toEqual([15, 30]);
  });

  it("uses 25 when the page size is 0 or absent, and gives no token for an exact fit", () => {
    const items = Array.from({ length: 25 }, (_, i) => i);
    expect(pageByKey(items, list, undefined)).toEqual({ items, nextToken: "" });
    expect(pageByKey([...items, 25], list, { pageSize: 0 }).items).toHaveLength(25);
  });
});

describe("key tokens", () => {
  it("round-trip composite keys", () => {
    const key = [-5, "c0ffee00-0001-4aaa-8bbb-000000000001"];
    expect(parseKeyToken("pb1", createKeyToken("pb1", key))).toEqual(key);
  });

  it.each([
    "",
    "pb1.",
    "pb1.!!",
    "pb1.W10",
    "pb1.e30",
    "pb1.WzEuNV0",
    `${createKeyToken("pb1", ["a"])}x`,
    createKeyToken("pj1", ["a"]),
    "wp1.eyJhZnRlciI6MX0",
  ])("refuse %j as invalid_argument", (token) => {
    expect(() => parseKeyToken("pb1", token)).toThrow(
      expect.objectContaining({ code: "invalid_argument" }),
    );
  });
});

describe("pageByKey on a descending list", () => {
  it("walks from the largest key down", () => {
    const desc = { kind: "t1d", keyOf: (n: number) => [n], descending: true };
    const first = pageByKey([9, 7, 5, 3], desc, { pageSize: 3 });
    expect(first.items).toEqual([9, 7, 5]);
    expect(pageByKey([9, 8, 5, 3], desc, { token: first.nextToken }).items).toEqual([3]);
  });
});
