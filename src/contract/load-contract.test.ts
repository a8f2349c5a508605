import { describe, expect, it } from "vitest";
import { componentRef, createAjv } from "./create-ajv.js";
import { loadContract } from "./load-contract.js";
import { embeddedOpenApi as loadOpenApi } from "./openapi-document.js";

describe("loadContract", () => {
  // Validators compile on first use for any document but the committed one (whose validators
  // are generated); a copy of it proves every one of them compiles in strict mode.
  it("compiles every request validator of openapi/", () => {
    const contract = loadContract(structuredClone(loadOpenApi()));
    expect(() => contract.precompile()).not.toThrow();
    const rpcPaths = Object.keys(contract.doc.paths).filter((p) => p.startsWith("/gitpod.v1."));
    expect([...contract.rpcs.values()].map((rpc) => rpc.path)).toEqual(rpcPaths);
    expect([...contract.rpcs.keys()]).toEqual(
      expect.arrayContaining([
        "PrebuildService/CreateWarmPool",
        "PrebuildService/DeleteWarmPool",
        "PrebuildService/GetWarmPool",
        "PrebuildService/ListWarmPools",
        "PrebuildService/UpdateWarmPool",
      ]),
    );
  });

  it("reads the RPCs of every service, each named Service/Method and found by its label", () => {
    const doc = structuredClone(loadOpenApi());
    const get = doc.paths["/gitpod.v1.PrebuildService/GetWarmPool"] ?? {};
    const list = doc.paths["/gitpod.v1.PrebuildService/ListWarmPools"] ?? {};
    doc.paths["/gitpod.v1.RunnerService/GetRunner"] = structuredClone(get);
    doc.paths["/gitpod.v1.RunnerService/ListWarmPools"] = structuredClone(list);
    const contract = loadContract(doc);
    expect(contract.findRpc("GetRunner")).toMatchObject({
      name: "RunnerService/GetRunner",
      label: "GetRunner",
      service: "gitpod.v1.RunnerService",
      method: "GetRunner",
      path: "/gitpod.v1.RunnerService/GetRunner",
      requestSchema: "GetWarmPoolRequest",
    });
    expect(contract.findRpc("RunnerService/GetRunner")).toBe(contract.findRpc("GetRunner"));
    // Two services with a method of one name: each is labelled, and found, by Service/Method.
    expect(contract.findRpc("ListWarmPools")).toBeUndefined();
    expect(contract.findRpc("PrebuildService/ListWarmPools")?.label).toBe(
      "PrebuildService/ListWarmPools",
    );
    expect(contract.findRpc("RunnerService/ListWarmPools")?.label).toBe(
      "RunnerService/ListWarmPools",
    );
    expect(contract.findRpc("GetWarmPool")?.label).toBe("GetWarmPool");
    for (const unknown of ["", "NoSuchMethod", "gitpod.v1.PrebuildService/GetWarmPool", "*"]) {
      expect(contract.findRpc(unknown)).toBeUndefined();
    }
  });

  it("refuses a path under /gitpod.v1. that names no service and method", () => {
    const doc = structuredClone(loadOpenApi());
    doc.paths["/gitpod.v1.Prebuilds/GetWarmPool"] = structuredClone(
      doc.paths["/gitpod.v1.PrebuildService/GetWarmPool"] ?? {},
    );
    expect(() => loadContract(doc)).toThrow(/\/gitpod\.v1\.Prebuilds\/GetWarmPool: an RPC's path/);
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
    const rpc = loadContract().findRpc("GetWarmPool");
    expect(rpc?.validateRequest({ warmPoolId: "not-a-uuid" })).toMatchObject([
      { ruleId: "string.uuid" },
    ]);
  });
});
