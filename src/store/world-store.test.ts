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
    expect(problems).toMatch(/pairs indexed for/);
  });
});
