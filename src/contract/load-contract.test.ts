import { describe, expect, it } from "vitest";
import { componentRef, createAjv } from "./create-ajv.js";
import { loadContract } from "./load-contract.js";
import { loadOpenApi } from "./load-openapi.js";

describe("loadContract", () => {
  // Validators compile on first use for any document but the committed one (whose validators
  // are generated); a copy of it proves every one of them compiles in strict mode.
  it("compiles every request validator of openapi/", () => {
    const contract = loadContract(structuredClone(loadOpenApi()));
    expect(() => contract.precompile()).not.toThrow();
    expect([...contract.rpcs.keys()].sort()).toEqual([
      "CreatePrebuild",
      "CreateWarmPool",
      "DeleteWarmPool",
      "GetPrebuild",
      "GetWarmPool",
      "ListPrebuilds",
      "ListWarmPools",
      "UpdateWarmPool",
    ]);
  });

  // At run time the meta-schema check is skipped for start-up speed; this is it.
  it("holds component schemas that pass the JSON Schema 2020-12 meta-schema", () => {
    const doc = loadOpenApi();
    const ajv = createAjv(doc, { checkMetaSchema: true });
    for (const name of Object.keys(doc.components.schemas)) {
      expect(() => ajv.compile(componentRef(name))).not.toThrow();
    }
    expect(ajv.errors ?? null).toBeNull();
  });

  it("rejects a schema that breaks the meta-schema when asked to check it", () => {
    const doc = loadOpenApi();
    const broken = structuredClone(doc);
    (broken.components.schemas.GetWarmPoolRequest as { type: unknown }).type = 42;
    expect(() => createAjv(broken, { checkMetaSchema: true })).toThrow(/schema is invalid/);
  });

  it("validates on first use without an explicit precompile", () => {
    const rpc = loadContract().rpcs.get("GetWarmPool");
    expect(rpc?.validateRequest({ warmPoolId: "not-a-uuid" })).toMatchObject([
      { ruleId: "string.uuid" },
    ]);
  });
});
