import { describe, expect, it } from "vitest";
import { createResponseValidator } from "./create-response-validator.js";
import { loadContractDocument } from "./load-contract-document.js";

const validator = createResponseValidator(await loadContractDocument());

function pool(): Record<string, Record<string, unknown>> {
  return {
    warmPool: {
      id: "9d25b42f-618b-412f-8969-2269e5c4d42a",
      metadata: {
        organizationId: "0c7d7f3e-1f0a-4c57-9a55-2f5c8b3e4a01",
        projectId: "b0e12f6c-4c67-429d-a4a6-d9838b5da047",
        environmentClassId: "d2c94c27-3b76-4a42-b88c-95a85e392c68",
        runnerId: "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c01",
        createdAt: "2026-11-28T06:53:05.778Z",
        updatedAt: "2026-11-28T06:53:05.778Z",
      },
      spec: { specVersion: "1", desiredPhase: "WARM_POOL_PHASE_READY", minSize: 0, maxSize: 2 },
      status: { phase: "WARM_POOL_PHASE_PENDING", statusVersion: "1", desiredSize: 1 },
    },
  };
}

describe("createResponseValidator", () => {
  it("knows the warm-pool RPCs (and the page's) and accepts a conforming pool", () => {
    expect(validator.methods).toEqual(
      expect.arrayContaining([
        "CreateWarmPool",
        "GetWarmPool",
        "ListWarmPools",
        "UpdateWarmPool",
        "DeleteWarmPool",
        "GetProject",
        "ListPrebuilds",
      ]),
    );
    expect(validator.validate("CreateWarmPool", 200, pool())).toEqual({
      problems: [],
      unknownFields: [],
    });
    expect(validator.schemaName("GetWarmPool", 200)).toBe("GetWarmPoolResponse");
    expect(validator.enumAt("GetWarmPool", 200, ["warmPool", "status", "phase"])).toContain(
      "WARM_POOL_PHASE_DELETING",
    );
    expect(validator.enumAt("GetWarmPool", 200, ["warmPool", "nothing"])).toEqual([]);
  });

  it("takes a declared bodiless answer (415) only without a body", () => {
    expect(validator.validate("GetWarmPool", 415, undefined).problems).toEqual([]);
    expect(validator.validate("GetWarmPool", 415, { code: "internal" }).problems).toEqual([
      "the contract describes HTTP 415 without a body",
    ]);
  });

  it("rejects malformed IDs, timestamps, versions and names with the path of each", () => {
    const body = pool();
    const warmPool = body.warmPool as {
      metadata: Record<string, unknown>;
      spec: Record<string, unknown>;
    };
    warmPool.metadata.runnerId = "7a1b2c3d4e5f4a6b8c7d9e0f1a2b3c01";
    warmPool.metadata.createdAt = "2026-02-30T00:00:00Z";
    warmPool.spec.specVersion = 2;
    const problems = validator.validate("CreateWarmPool", 200, body).problems.join("\n");
    expect(problems).toContain("/warmPool/metadata/runnerId");
    expect(problems).toContain("/warmPool/metadata/createdAt");
    expect(problems).toContain("/warmPool/spec/specVersion");
  });

  it("tells unknown fields apart from defects: a missing field, a wrong type, an unknown enum name", () => {
    const added = pool();
    const addedPool = added.warmPool as Record<string, Record<string, unknown>>;
    (addedPool.spec as Record<string, unknown>).max_size = 2;
    (addedPool as Record<string, unknown>).someFutureField = { nested: true };
    expect(validator.validate("CreateWarmPool", 200, added)).toEqual({
      problems: [],
      unknownFields: [
        '/warmPool has unexpected property "someFutureField"',
        '/warmPool/spec has unexpected property "max_size"',
      ],
    });

    type Parts = Record<"metadata" | "spec" | "status", Record<string, unknown>>;
    const defects: [string, (p: Parts) => void, RegExp][] = [
      ["missing", (p) => delete p.metadata.runnerId, /must have required property 'runnerId'/],
      ["wrong type", (p) => (p.spec.minSize = "1"), /\/warmPool\/spec\/minSize must be integer/],
      ["unknown enum name", (p) => (p.status.phase = "WARM_POOL_PHASE_STARTING"), /allowed values/],
    ];
    for (const [what, breakIt, message] of defects) {
      const body = pool();
      breakIt(body.warmPool as unknown as Parts);
      const check = validator.validate("CreateWarmPool", 200, body);
      expect(check.problems.join("\n"), what).toMatch(message);
      expect(check.unknownFields, what).toEqual([]);
    }
  });

  it("judges every error status by the Connect error schema", () => {
    expect(validator.schemaName("GetWarmPool", 404)).toBe("ConnectError");
    const problems = (status: number, body: unknown) =>
      validator.validate("GetWarmPool", status, body).problems;
    expect(problems(404, { code: "not_found", message: "gone" })).toEqual([]);
    expect(problems(404, { code: "NOT_FOUND" })).not.toEqual([]);
    expect(problems(500, { error: "boom" })).not.toEqual([]);
  });
});
