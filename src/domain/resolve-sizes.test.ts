import { describe, expect, it } from "vitest";
import { chooseDesiredSize, resolveSizes } from "./resolve-sizes.js";

describe("resolveSizes", () => {
  it.each([
    [{}, undefined, { minSize: 1, maxSize: 1 }],
    [{ desiredSize: 4 }, undefined, { minSize: 4, maxSize: 4 }],
    [{ desiredSize: 4, maxSize: 9 }, undefined, { minSize: 4, maxSize: 9 }],
    [{ minSize: 0 }, undefined, { minSize: 0, maxSize: 1 }],
    [{ maxSize: 6 }, undefined, { minSize: 1, maxSize: 6 }],
    [{ minSize: 7 }, undefined, { minSize: 7, maxSize: 7 }],
    [{ maxSize: 5 }, { minSize: 2, maxSize: 3 }, { minSize: 2, maxSize: 5 }],
    [{}, { minSize: 2, maxSize: 3 }, { minSize: 2, maxSize: 3 }],
    [{ desiredSize: 8 }, { minSize: 2, maxSize: 3 }, { minSize: 8, maxSize: 8 }],
  ])("%j over %j gives %j", (request, current, expected) => {
    expect(resolveSizes(request, current)).toEqual(expected);
  });

  it("rejects min > max with a violation on max_size", () => {
    try {
      resolveSizes({ minSize: 4 }, { minSize: 1, maxSize: 2 });
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({
        name: "FieldRuleError",
        rules: [{ path: ["max_size"], ruleId: "max_size_gte_min_size" }],
      });
    }
  });
});

describe("chooseDesiredSize", () => {
  it("keeps at least one warm instance within the bounds", () => {
    expect(chooseDesiredSize(0, 5)).toBe(1);
    expect(chooseDesiredSize(3, 5)).toBe(3);
    expect(chooseDesiredSize(2, 2)).toBe(2);
  });
});
