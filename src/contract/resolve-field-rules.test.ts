import { describe, expect, it } from "vitest";
import { loadContract } from "./load-contract.js";
import { resolveFieldRules } from "./resolve-field-rules.js";

const contract = loadContract();
const rule = { path: ["max_size"], ruleId: "max_size_gte_min_size", message: "too small" };

describe("resolveFieldRules", () => {
  it("gives each request its own field number for the same field name", () => {
    const create = contract.findRpc("CreateWarmPool")?.request;
    const update = contract.findRpc("UpdateWarmPool")?.request;
    if (!create || !update) throw new Error("contract lacks Create/UpdateWarmPool");
    expect(resolveFieldRules([rule], create)).toEqual([
      { field: [{ fieldNumber: 5, fieldName: "max_size", fieldType: 5 }], ...rest(rule) },
    ]);
    expect(resolveFieldRules([rule], update)[0]?.field[0]?.fieldNumber).toBe(4);
  });

  it("refuses a field the request does not have", () => {
    const get = contract.findRpc("GetWarmPool")?.request;
    if (!get) throw new Error("contract lacks GetWarmPool");
    expect(() => resolveFieldRules([rule], get)).toThrow(/has no field max_size/);
  });
});

function rest(r: typeof rule) {
  return { ruleId: r.ruleId, message: r.message };
}
