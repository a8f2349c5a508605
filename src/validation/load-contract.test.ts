import { describe, expect, it } from "vitest";
import { loadContract } from "./load-contract.js";

describe("loadContract", () => {
  // Validators compile on first use; this proves every one of them compiles in strict mode.
  it("compiles every request validator of openapi/", () => {
    const contract = loadContract();
    expect(() => contract.precompile()).not.toThrow();
    expect([...contract.rpcs.keys()].sort()).toEqual([
      "CreateWarmPool",
      "DeleteWarmPool",
      "GetWarmPool",
      "ListWarmPools",
      "UpdateWarmPool",
    ]);
  });

  it("validates on first use without an explicit precompile", () => {
    const rpc = loadContract().rpcs.get("GetWarmPool");
    expect(rpc?.validateRequest({ warmPoolId: "not-a-uuid" })).toMatchObject([
      { ruleId: "string.uuid" },
    ]);
  });
});
