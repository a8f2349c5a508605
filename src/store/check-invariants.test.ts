import { describe, expect, it } from "vitest";
import { loadDefaultWorld } from "./load-default-world.js";
import { WorldStore } from "./world-store.js";

const READY_POOL = "a1b2c3d4-5678-9abc-def0-1234567890ab";

describe("WorldStore.checkInvariants", () => {
  it("finds nothing wrong with the default world", () => {
    expect(new WorldStore(loadDefaultWorld()).checkInvariants()).toEqual([]);
  });

  it("reports a pool whose bounds cross", () => {
    const store = new WorldStore(loadDefaultWorld());
    const pool = store.getPool(READY_POOL);
    if (!pool) throw new Error("fixture pool missing");
    pool.spec.minSize = 5;
    pool.spec.maxSize = 2;
    expect(store.checkInvariants().join("\n")).toContain(`pool ${READY_POOL}: sizes min 5 max 2`);
  });

  it("reports a due time the due index does not know", () => {
    const store = new WorldStore(loadDefaultWorld());
    const pool = store.getPool(READY_POOL);
    if (!pool) throw new Error("fixture pool missing");
    pool.dueAt = 1;
    expect(store.checkInvariants()).toEqual([`pool ${READY_POOL}: dueAt and the due set disagree`]);
  });

  it("reports a pool removed from the id map behind the indexes' back", () => {
    const store = new WorldStore(loadDefaultWorld());
    (store as unknown as { pools: Map<string, unknown> }).pools.delete(READY_POOL);
    const problems = store.checkInvariants().join("\n");
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
