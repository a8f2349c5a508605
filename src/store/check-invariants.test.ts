import { describe, expect, it } from "vitest";
import { loadDefaultWorld } from "./load-default-world.js";
import { WorldStore } from "./world-store.js";

const READY_POOL = "a1b2c3d4-5678-9abc-def0-1234567890ab";
// The contract's bounds (openapi/ WarmPoolSpec); the store is told them, it does not read them.
const LIMITS = { minSize: { minimum: 0, maximum: 20 }, maxSize: { minimum: 1, maximum: 20 } };

describe("WorldStore.checkInvariants", () => {
  it("finds nothing wrong with the default world", () => {
    expect(new WorldStore(loadDefaultWorld()).checkInvariants(LIMITS)).toEqual([]);
  });

  it("reports a pool whose bounds cross", () => {
    const store = new WorldStore(loadDefaultWorld());
    const pool = store.getPool(READY_POOL);
    if (!pool) throw new Error("fixture pool missing");
    pool.spec.minSize = 5;
    pool.spec.maxSize = 2;
    expect(store.checkInvariants(LIMITS).join("\n")).toContain(
      `pool ${READY_POOL}: sizes min 5 max 2`,
    );
  });

  it("judges sizes by the limits it is given, not by a number of its own", () => {
    const store = new WorldStore(loadDefaultWorld());
    const pool = store.getPool(READY_POOL);
    if (!pool) throw new Error("fixture pool missing");
    pool.spec.maxSize = 21;
    expect(store.checkInvariants(LIMITS)).toEqual([
      `pool ${READY_POOL}: sizes min ${pool.spec.minSize} max 21`,
    ]);
    const wider = { ...LIMITS, maxSize: { minimum: 1, maximum: 25 } };
    expect(store.checkInvariants(wider)).toEqual([]);
    pool.spec.maxSize = 2;
    pool.spec.minSize = 1;
    pool.status.desiredSize = 1;
    expect(store.checkInvariants({ ...LIMITS, minSize: { minimum: 2, maximum: 20 } })).toContain(
      `pool ${READY_POOL}: sizes min 1 max 2`,
    );
  });

  it("reports a due time the due index does not know", () => {
    const store = new WorldStore(loadDefaultWorld());
    const pool = store.getPool(READY_POOL);
    if (!pool) throw new Error("fixture pool missing");
    pool.dueAt = 1;
    expect(store.checkInvariants(LIMITS)).toEqual([
      `pool ${READY_POOL}: dueAt and the due set disagree`,
    ]);
  });

  it("reports a pool removed from the id map behind the indexes' back", () => {
    const store = new WorldStore(loadDefaultWorld());
    (store as unknown as { pools: Map<string, unknown> }).pools.delete(READY_POOL);
    const problems = store.checkInvariants(LIMITS).join("\n");
    expect(problems).toContain(`pool ${READY_POOL} is listed but not stored`);
    expect(problems).toMatch(/pools indexed by project for/);
  });
});

describe("WorldStore.takeSeq", () => {
  it("counts per organization, so one organization's pools do not move another's numbers", () => {
    const store = new WorldStore(loadDefaultWorld());
    const acme = "0c7d7f3e-1f0a-4c57-9a55-2f5c8b3e4a01";
    const globex = "6f1e2d3c-4b5a-4978-8d6e-5f4a3b2c1d02";
    const globexNext = store.takeSeq(globex);
    for (let i = 0; i < 5; i++) store.takeSeq(acme);
    expect(store.takeSeq(globex)).toBe(globexNext + 1);
  });
});
