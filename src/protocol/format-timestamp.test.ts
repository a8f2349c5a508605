import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatTimestamp } from "./format-timestamp.js";

const iso = (ms: number) => new Date(ms).toISOString();

describe("formatTimestamp", () => {
  it("matches Date#toISOString on the edges of the fast range and across calendar quirks", () => {
    for (const ms of [
      0,
      1,
      999,
      86_399_999,
      Date.UTC(2000, 1, 29, 23, 59, 59, 999), // leap day of a year divisible by 400
      Date.UTC(2100, 1, 28, 12), // 2100 is not a leap year
      Date.UTC(2100, 2, 1),
      Date.UTC(2026, 11, 31, 23, 59, 59, 999),
      Date.UTC(9999, 11, 31, 23, 59, 59, 999),
    ]) {
      expect(formatTimestamp(ms)).toBe(iso(ms));
    }
  });

  it("matches Date#toISOString on any whole millisecond from 1970 to 9999", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 253_402_300_799_999 }), (ms) => {
        expect(formatTimestamp(ms)).toBe(iso(ms));
      }),
      { numRuns: 20_000 },
    );
  });

  it("leaves what it does not compute to Date: before 1970, from 10000, fractions", () => {
    for (const ms of [-1, -62_198_755_200_000, 253_402_300_800_000, 1.5]) {
      expect(formatTimestamp(ms)).toBe(iso(ms));
    }
    expect(() => formatTimestamp(Number.NaN)).toThrow(RangeError);
  });
});
