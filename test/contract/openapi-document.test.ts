import SwaggerParser from "@apidevtools/swagger-parser";
import { describe, expect, it } from "vitest";
import { loadContract } from "../../src/contract/load-contract.js";
import { OPENAPI_PATH } from "../../src/contract/load-openapi.js";

// The fact sheet's tables (warm-pools.md §2): message -> [proto name, number, kind, optional, repeated].
const FACTS: Record<string, [string, number, string, boolean?, boolean?][]> = {
  "gitpod.v1.CreateWarmPoolRequest": [
    ["project_id", 1, "string"],
    ["environment_class_id", 2, "string"],
    ["desired_size", 3, "int32"],
    ["min_size", 4, "int32", true],
    ["max_size", 5, "int32", true],
  ],
  "gitpod.v1.GetWarmPoolRequest": [["warm_pool_id", 1, "string"]],
  "gitpod.v1.DeleteWarmPoolRequest": [["warm_pool_id", 1, "string"]],
  "gitpod.v1.DeleteWarmPoolResponse": [],
  "gitpod.v1.UpdateWarmPoolRequest": [
    ["warm_pool_id", 1, "string"],
    ["desired_size", 2, "int32", true],
    ["min_size", 3, "int32", true],
    ["max_size", 4, "int32", true],
  ],
  "gitpod.v1.ListWarmPoolsRequest": [
    ["pagination", 1, "message"],
    ["filter", 2, "message"],
  ],
  "gitpod.v1.ListWarmPoolsRequest.Filter": [
    ["project_ids", 1, "string", false, true],
    ["environment_class_ids", 2, "string", false, true],
  ],
  "gitpod.v1.PaginationRequest": [
    ["page_size", 1, "int32"],
    ["token", 2, "string"],
  ],
  "gitpod.v1.PaginationResponse": [["next_token", 1, "string"]],
  "gitpod.v1.ListWarmPoolsResponse": [
    ["pagination", 1, "message"],
    ["warm_pools", 2, "message", false, true],
  ],
  "gitpod.v1.CreateWarmPoolResponse": [["warm_pool", 1, "message"]],
  "gitpod.v1.GetWarmPoolResponse": [["warm_pool", 1, "message"]],
  "gitpod.v1.UpdateWarmPoolResponse": [["warm_pool", 1, "message"]],
  "gitpod.v1.WarmPool": [
    ["id", 1, "string"],
    ["metadata", 2, "message"],
    ["spec", 3, "message"],
    ["status", 4, "message"],
  ],
  "gitpod.v1.WarmPoolMetadata": [
    ["organization_id", 1, "string"],
    ["project_id", 2, "string"],
    ["environment_class_id", 3, "string"],
    ["runner_id", 4, "string"],
    ["created_at", 5, "timestamp"],
    ["updated_at", 6, "timestamp"],
  ],
  "gitpod.v1.WarmPoolSpec": [
    ["spec_version", 1, "uint64"],
    ["desired_size", 2, "int32"],
    ["snapshot_id", 3, "string", true],
    ["desired_phase", 4, "enum"],
    ["min_size", 5, "int32", true],
    ["max_size", 6, "int32", true],
  ],
  "gitpod.v1.WarmPoolStatus": [
    ["phase", 1, "enum"],
    ["failure_message", 2, "string"],
    ["status_version", 3, "uint64"],
    ["running_instances", 4, "int32"],
    ["stopped_instances", 5, "int32"],
    ["desired_size", 6, "int32"],
  ],
};

const lowerCamel = (name: string) => name.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

describe("openapi/warm-pools.yaml", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const api = await SwaggerParser.validate(OPENAPI_PATH);
    expect((api as { openapi?: string }).openapi).toBe("3.1.0");
  });

  it("describes the five warm-pool RPCs as POST /gitpod.v1.PrebuildService/<Method> with the right idempotency", () => {
    const { rpcs, findRpc } = loadContract();
    expect([...rpcs.values()].map((rpc) => rpc.path)).toEqual(
      expect.arrayContaining([
        "/gitpod.v1.PrebuildService/CreateWarmPool",
        "/gitpod.v1.PrebuildService/DeleteWarmPool",
        "/gitpod.v1.PrebuildService/GetWarmPool",
        "/gitpod.v1.PrebuildService/ListWarmPools",
        "/gitpod.v1.PrebuildService/UpdateWarmPool",
      ]),
    );
    expect(findRpc("GetWarmPool")?.idempotency).toBe("NO_SIDE_EFFECTS");
    expect(findRpc("ListWarmPools")?.idempotency).toBe("NO_SIDE_EFFECTS");
    expect(findRpc("CreateWarmPool")?.idempotency).toBe("IDEMPOTENCY_UNKNOWN");
  });

  it("matches the fact sheet field for field", () => {
    const { messages } = loadContract();
    const byType = new Map([...messages.values()].map((m) => [m.typeName, m]));
    expect([...byType.keys()]).toEqual(expect.arrayContaining(Object.keys(FACTS)));
    for (const [typeName, fields] of Object.entries(FACTS)) {
      const actual = byType
        .get(typeName)
        ?.fields.map((f) => [f.protoName, f.number, f.kind, f.optional, f.repeated, f.jsonName]);
      const expected = fields.map(([name, number, kind, optional = false, repeated = false]) => [
        name,
        number,
        kind,
        optional,
        repeated,
        lowerCamel(name),
      ]);
      expect(actual, typeName).toEqual(expected);
    }
  });

  it("lists WarmPoolPhase with its numbers and Connect codes as the error body's closed set", () => {
    const { doc } = loadContract();
    const schemas = doc.components.schemas;
    // The fact sheet lists the values in order; the API's descriptors (the SDK's
    // prebuild_pb) number them in tens, which is what binary clients read.
    expect(schemas.WarmPoolPhase?.["x-proto-enum-numbers"]).toEqual({
      WARM_POOL_PHASE_UNSPECIFIED: 0,
      WARM_POOL_PHASE_PENDING: 10,
      WARM_POOL_PHASE_READY: 20,
      WARM_POOL_PHASE_DEGRADED: 30,
      WARM_POOL_PHASE_DELETING: 40,
      WARM_POOL_PHASE_DELETED: 50,
    });
    expect(schemas.ConnectCode?.enum).toHaveLength(16);
  });

  it("declares bearer auth and the List query parameters", () => {
    const { doc } = loadContract();
    const raw = doc as unknown as { security: unknown; components: { securitySchemes: unknown } };
    expect(raw.security).toEqual([{ bearerAuth: [] }]);
    expect(raw.components.securitySchemes).toEqual({
      bearerAuth: expect.objectContaining({ type: "http", scheme: "bearer" }),
    });
    const list = doc.paths["/gitpod.v1.PrebuildService/ListWarmPools"]?.post;
    const names = (list?.parameters ?? []).map((p) => (p as { name: string }).name);
    expect(names).toEqual(expect.arrayContaining(["token", "pageSize"]));
    expect(loadContract().findRpc("ListWarmPools")?.queryFields).toEqual([
      { name: "token", path: ["pagination", "token"] },
      { name: "pageSize", path: ["pagination", "pageSize"] },
    ]);
  });
});
