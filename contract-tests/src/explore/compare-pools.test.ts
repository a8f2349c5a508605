import { describe, expect, it } from "vitest";
import type { WarmPool } from "../wire-types.js";
import { allowedPhases, checkHistory, comparePools, TargetBindings } from "./compare-pools.js";

const NOW = Date.parse("2030-01-01T00:00:00Z");
const ORG = "00000000-0000-4000-8000-00000000000a";
const OTHER_ORG = "00000000-0000-4000-8000-00000000000b";

function pool(patch: { metadata?: object; spec?: object; status?: object } = {}): WarmPool {
  return {
    id: "11111111-1111-4111-8111-111111111111",
    metadata: {
      organizationId: ORG,
      projectId: "22222222-2222-4222-8222-222222222222",
      environmentClassId: "33333333-3333-4333-8333-333333333333",
      runnerId: "44444444-4444-4444-8444-444444444444",
      createdAt: new Date(NOW).toISOString(),
      updatedAt: new Date(NOW).toISOString(),
      ...patch.metadata,
    },
    spec: {
      specVersion: "1",
      desiredPhase: "WARM_POOL_PHASE_READY",
      minSize: 1,
      maxSize: 3,
      ...patch.spec,
    },
    status: {
      phase: "WARM_POOL_PHASE_PENDING",
      statusVersion: "1",
      desiredSize: 1,
      ...patch.status,
    },
  };
}

describe("comparePools", () => {
  it("finds no difference between equal pools, whatever their organization and runner IDs", () => {
    const target = pool({ metadata: { organizationId: "aaaaaaaa-0000-4000-8000-000000000000" } });
    expect(comparePools(target, pool(), new TargetBindings())).toEqual([]);
  });

  it("lets the target's timing decide the phase: PENDING or READY while live, DELETING or DELETED once deleted", () => {
    const bindings = new TargetBindings();
    const ready = pool({ status: { phase: "WARM_POOL_PHASE_READY" } });
    expect(comparePools(ready, pool(), bindings)).toEqual([]);
    const deleting = { spec: { desiredPhase: "WARM_POOL_PHASE_DELETING", specVersion: "2" } };
    for (const phase of ["WARM_POOL_PHASE_DELETING", "WARM_POOL_PHASE_DELETED"]) {
      expect(
        comparePools(pool({ ...deleting, status: { phase } }), pool(deleting), bindings),
      ).toEqual([]);
    }
    expect(
      comparePools(
        pool({ ...deleting, status: { phase: "WARM_POOL_PHASE_READY" } }),
        pool(deleting),
        bindings,
      ),
    ).toEqual([
      {
        field: "status.phase",
        model: "WARM_POOL_PHASE_DELETING or WARM_POOL_PHASE_DELETED",
        target: "WARM_POOL_PHASE_READY",
      },
    ]);
    expect(allowedPhases(pool())).toEqual(["WARM_POOL_PHASE_PENDING", "WARM_POOL_PHASE_READY"]);
  });

  it("names each field the contract fixes that differs, sizes absent reading as 0", () => {
    const target = pool({
      spec: { specVersion: "1", minSize: undefined, maxSize: 4, desiredSize: 2 },
      status: { desiredSize: 9 },
    });
    const model = pool({ spec: { specVersion: "2" } });
    expect(comparePools(target, model, new TargetBindings()).map((d) => d.field)).toEqual([
      "spec.minSize",
      "spec.maxSize",
      "spec.desiredSize",
      "spec.specVersion",
      "status.desiredSize",
    ]);
  });

  it("binds the target's organization and runner at first sight, then holds answers to them", () => {
    const bindings = new TargetBindings();
    const seen = "aaaaaaaa-0000-4000-8000-000000000000";
    expect(bindings.organization(ORG, seen)).toBeUndefined();
    expect(bindings.organization(ORG, seen.toUpperCase())).toBeUndefined();
    expect(bindings.organization(ORG, "bbbbbbbb-0000-4000-8000-000000000000")).toContain(seen);
    // Another organization's pools must carry another ID.
    expect(bindings.organization(OTHER_ORG, seen)).toMatch(/other token's organization/);
    expect(bindings.runner("c1", "r1")).toBeUndefined();
    expect(bindings.runner("C1", "r1")).toBeUndefined();
    expect(bindings.runner("c1", "r2")).toMatch(/r1/);
    expect(bindings.runner("c2", "r2")).toBeUndefined();
  });
});

describe("checkHistory", () => {
  it("wants createdAt of the run's time and unchanged, updatedAt and statusVersion never going back", () => {
    const history = {};
    expect(checkHistory(pool({ status: { statusVersion: "3" } }), history, NOW, NOW)).toEqual([]);
    const later = new Date(NOW + 5000).toISOString();
    expect(
      checkHistory(
        pool({ metadata: { updatedAt: later }, status: { statusVersion: "4" } }),
        history,
        NOW,
        NOW,
      ),
    ).toEqual([]);
    const problems = checkHistory(
      pool({
        metadata: { createdAt: "2030-01-01T00:00:01Z" },
        status: { statusVersion: "2" },
      }),
      history,
      NOW,
      NOW,
    );
    expect(problems.map((d) => d.field)).toEqual([
      "metadata.createdAt",
      "metadata.updatedAt",
      "status.statusVersion",
    ]);
  });

  it("refuses a first createdAt far from the run", () => {
    const old = pool({ metadata: { createdAt: "1970-01-01T00:00:00Z" } });
    expect(checkHistory(old, {}, NOW, NOW).map((d) => d.field)).toContain("metadata.createdAt");
  });
});
