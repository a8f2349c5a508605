import { describe, expect, it } from "vitest";
import { sameData } from "./same-data.js";

describe("sameData", () => {
  it("compares records by value, in any key order, undefined as absent", () => {
    expect(sameData({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toBe(true);
    expect(sameData({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameData({ a: 1 }, { a: 1, b: undefined })).toBe(true);
    expect(sameData({ a: 1 }, { a: 1, b: 0 })).toBe(false);
    expect(sameData({ a: 1, b: "" }, { a: 1 })).toBe(false);
    expect(sameData({ c: [1, 2] }, { c: [2, 1] })).toBe(false);
    expect(sameData({ c: [] }, { c: {} })).toBe(false);
    expect(sameData(null, {})).toBe(false);
    expect(sameData("x", "x")).toBe(true);
  });
});
