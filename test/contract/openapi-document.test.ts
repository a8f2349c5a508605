import SwaggerParser from "@apidevtools/swagger-parser";
import { describe, expect, it } from "vitest";
import { OPENAPI_PATH } from "../../src/adapters/node/load-openapi.js";
import { loadContract } from "../../src/contract/load-contract.js";

// The fact sheets' tables (warm-pools.md §2, page-services.md): message -> [proto name, number,
// kind, optional, repeated].
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
  // page-services.md (the page's services); where it leaves `optional` out, the SDK's
  // descriptors have it (UpdateProjectRequest's fields, CreatePrebuildRequest's class, the
  // class filter's enabled and can_create_environments), and the fourth column says so.
  "gitpod.v1.GetProjectRequest": [["project_id", 1, "string"]],
  "gitpod.v1.ListProjectsRequest": [
    ["pagination", 1, "message"],
    ["filter", 2, "message"],
    ["sort", 3, "message"],
    ["count", 4, "message"],
  ],
  "gitpod.v1.ListProjectsRequest.Filter": [
    ["project_ids", 1, "string", false, true],
    ["search", 2, "string"],
    ["runner_ids", 3, "string", false, true],
    ["runner_kinds", 4, "enum", false, true],
    ["spec_remote_uris", 5, "string", false, true],
    ["creator_ids", 6, "string", false, true],
  ],
  "gitpod.v1.Sort": [
    ["field", 1, "string"],
    ["order", 2, "enum"],
  ],
  "gitpod.v1.CountRequest": [["include", 1, "bool"]],
  "gitpod.v1.ListProjectEnvironmentClassesRequest": [
    ["pagination", 1, "message"],
    ["project_id", 2, "string"],
  ],
  "gitpod.v1.UpdateProjectRequest": [
    ["project_id", 1, "string"],
    ["name", 2, "string", true],
    ["initializer", 4, "message", true],
    ["devcontainer_file_path", 5, "string", true],
    ["automations_file_path", 6, "string", true],
    ["technical_description", 7, "string", true],
    ["prebuild_configuration", 8, "message", true],
    ["recommended_editors", 9, "message", true],
  ],
  "gitpod.v1.EnvironmentInitializer": [["specs", 1, "message", false, true]],
  "gitpod.v1.ProjectPrebuildConfiguration": [
    ["enabled", 1, "bool"],
    ["environment_class_ids", 2, "string", false, true],
    ["timeout", 3, "duration"],
    ["trigger", 4, "message"],
    ["executor", 5, "message"],
    ["enable_jetbrains_warmup", 6, "bool"],
  ],
  "gitpod.v1.RecommendedEditors": [["editors", 1, "map"]],
  "gitpod.v1.ListEnvironmentClassesRequest": [
    ["pagination", 1, "message"],
    ["filter", 2, "message"],
  ],
  "gitpod.v1.ListEnvironmentClassesRequest.Filter": [
    ["runner_ids", 1, "string", false, true],
    ["enabled", 2, "bool", true],
    ["can_create_environments", 3, "bool", true],
    ["runner_kinds", 4, "enum", false, true],
    ["runner_providers", 5, "enum", false, true],
  ],
  "gitpod.v1.GetEnvironmentClassRequest": [["environment_class_id", 2, "string"]],
  "gitpod.v1.GetPrebuildRequest": [["prebuild_id", 1, "string"]],
  "gitpod.v1.ListPrebuildsRequest": [
    ["pagination", 1, "message"],
    ["filter", 2, "message"],
  ],
  "gitpod.v1.ListPrebuildsRequest.Filter": [
    ["project_ids", 1, "string", false, true],
    ["phases", 2, "enum", false, true],
    ["triggered_by", 3, "enum", false, true],
    ["creator_ids", 4, "string", false, true],
    ["executor_ids", 5, "string", false, true],
  ],
  "gitpod.v1.CreatePrebuildRequest": [
    ["project_id", 1, "string"],
    ["environment_class_id", 2, "string", true],
    ["spec", 3, "message"],
  ],
  "gitpod.v1.PrebuildSpec": [
    ["spec_version", 1, "uint64"],
    ["desired_phase", 2, "enum"],
    ["timeout", 3, "duration"],
  ],
  "gitpod.v1.GetRunnerRequest": [["runner_id", 1, "string"]],
  "gitpod.v1.ListRunnersRequest": [
    ["pagination", 1, "message"],
    ["filter", 2, "message"],
  ],
  "gitpod.v1.ListRunnersRequest.Filter": [
    ["creator_ids", 1, "string", false, true],
    ["kinds", 2, "enum", false, true],
    ["providers", 3, "enum", false, true],
  ],
  "gitpod.v1.GetProjectResponse": [["project", 1, "message"]],
  "gitpod.v1.ListProjectsResponse": [
    ["pagination", 1, "message"],
    ["projects", 2, "message", false, true],
    ["count", 3, "message"],
  ],
  "gitpod.v1.Project": [
    ["id", 1, "string"],
    ["metadata", 2, "message"],
    ["initializer", 3, "message"],
    ["environment_class", 4, "message"],
    ["devcontainer_file_path", 5, "string"],
    ["used_by", 6, "message"],
    ["automations_file_path", 7, "string"],
    ["technical_description", 8, "string"],
    ["prebuild_configuration", 9, "message"],
    ["desired_phase", 10, "enum"],
    ["environment_classes", 11, "message", false, true],
    ["recommended_editors", 12, "message"],
  ],
  "gitpod.v1.ProjectMetadata": [
    ["organization_id", 1, "string"],
    ["name", 2, "string"],
    ["creator", 3, "message"],
    ["created_at", 4, "timestamp"],
    ["updated_at", 5, "timestamp"],
  ],
  "gitpod.v1.ProjectEnvironmentClass": [
    ["local_runner", 1, "bool"],
    ["environment_class_id", 2, "string"],
    ["order", 3, "int32"],
  ],
  "gitpod.v1.ListProjectEnvironmentClassesResponse": [
    ["pagination", 1, "message"],
    ["project_environment_classes", 2, "message", false, true],
  ],
  "gitpod.v1.EnvironmentClass": [
    ["id", 1, "string"],
    ["display_name", 2, "string"],
    ["description", 3, "string"],
    ["configuration", 4, "message", false, true],
    ["runner_id", 5, "string"],
    ["enabled", 6, "bool"],
  ],
  "gitpod.v1.ListEnvironmentClassesResponse": [
    ["pagination", 1, "message"],
    ["environment_classes", 2, "message", false, true],
  ],
  "gitpod.v1.GetEnvironmentClassResponse": [["environment_class", 1, "message"]],
  "gitpod.v1.Prebuild": [
    ["id", 1, "string"],
    ["metadata", 2, "message"],
    ["spec", 3, "message"],
    ["status", 4, "message"],
  ],
  "gitpod.v1.PrebuildMetadata": [
    ["organization_id", 1, "string"],
    ["project_id", 2, "string"],
    ["environment_class_id", 3, "string"],
    ["creator", 4, "message"],
    ["created_at", 5, "timestamp"],
    ["updated_at", 6, "timestamp"],
    ["triggered_by", 7, "enum"],
    ["executor", 8, "message"],
  ],
  "gitpod.v1.PrebuildStatus": [
    ["phase", 1, "enum"],
    ["completion_time", 2, "timestamp"],
    ["failure_message", 3, "string"],
    ["log_url", 4, "string"],
    ["environment_id", 5, "string"],
    ["status_version", 6, "uint64"],
    ["warning_message", 7, "string"],
    ["snapshot_completion_percentage", 8, "int32"],
    ["snapshot_size_bytes", 9, "int64"],
  ],
  "gitpod.v1.CreatePrebuildResponse": [["prebuild", 1, "message"]],
  // Not on the sheet; the SDK's generated descriptors (project_pb, prebuild_pb) give them.
  "gitpod.v1.UpdateProjectResponse": [["project", 1, "message"]],
  "gitpod.v1.GetPrebuildResponse": [["prebuild", 1, "message"]],
  "gitpod.v1.ListPrebuildsResponse": [
    ["pagination", 1, "message"],
    ["prebuilds", 2, "message", false, true],
  ],
  "gitpod.v1.Runner": [
    ["runner_id", 1, "string"],
    ["created_at", 2, "timestamp"],
    ["updated_at", 3, "timestamp"],
    ["name", 4, "string"],
    ["spec", 5, "message"],
    ["status", 6, "message"],
    ["creator", 7, "message"],
    ["kind", 8, "enum"],
    ["provider", 9, "enum"],
    ["runner_manager_id", 10, "string"],
  ],
  "gitpod.v1.RunnerStatus": [
    ["updated_at", 1, "timestamp"],
    ["version", 2, "string"],
    ["system_details", 3, "string"],
    ["phase", 4, "enum"],
    ["log_url", 5, "string"],
    ["message", 6, "string"],
    ["region", 7, "string"],
    ["additional_info", 8, "message", false, true],
    ["capabilities", 9, "enum", false, true],
    ["gateway_info", 10, "message"],
    ["llm_url", 11, "string"],
    ["public_key", 12, "bytes"],
    ["support_bundle_url", 13, "string"],
  ],
  "gitpod.v1.RunnerSpec": [
    ["desired_phase", 1, "enum"],
    ["configuration", 2, "message"],
    ["variant", 3, "enum"],
  ],
  "gitpod.v1.GetRunnerResponse": [["runner", 1, "message"]],
  "gitpod.v1.ListRunnersResponse": [
    ["pagination", 1, "message"],
    ["runners", 2, "message", false, true],
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

  it("holds every RPC's request and answer to the fact sheet (a new RPC's messages go into FACTS)", () => {
    const missing = [...loadContract().rpcs.values()]
      .flatMap((rpc) => [rpc.request.typeName, rpc.response.typeName])
      .filter((typeName) => !(typeName in FACTS));
    expect(missing).toEqual([]);
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
