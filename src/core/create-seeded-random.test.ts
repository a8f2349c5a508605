import { describe, expect, it } from "vitest";
import { createSeededRandom } from "./create-seeded-random.js";

describe("createSeededRandom", () => {
  it("repeats its sequence for a seed, differs for another, and stays in [0, 1)", () => {
    const take = (seed: number) => Array.from({ length: 50 }, createSeededRandom(seed));
    expect(take(7)).toEqual(take(7));
    expect(take(7)).not.toEqual(take(8));
    expect(take(7).every((n) => n >= 0 && n < 1)).toBe(true);
  });
});
