import { describe, expect, it } from "vitest";
import { loadDefaultWorld } from "./load-default-world.js";
import { parseWorld } from "./parse-world.js";
import { WorldStore } from "./world-store.js";

describe("parseWorld", () => {
  it("accepts the default world and a store snapshot of it", () => {
    const world = loadDefaultWorld();
    expect(parseWorld(new WorldStore(world).snapshot(), "snapshot")).toEqual(world);
  });

  it("names shape problems and where they are", () => {
    expect(() => parseWorld({ version: 2 }, "w.json")).toThrow(/w.json is not a valid world/);
    const world = loadDefaultWorld();
    const bad = { ...world, projects: [{ ...world.projects[0], id: "nope" }] };
    expect(() => parseWorld(bad, "w.json")).toThrow(/\/projects\/0\/id must match format "uuid"/);
  });

  it("finds broken references, duplicate pairs and min > max", () => {
    const world = loadDefaultWorld();
    const [first] = world.warmPools;
    if (!first) throw new Error("fixture pool missing");
    const twin = {
      ...structuredClone(first),
      id: "00000000-0000-4000-8000-000000000001",
      seq: 999,
    };
    expect(() => parseWorld({ ...world, warmPools: [...world.warmPools, twin] }, "w")).toThrow(
      /a second pool/,
    );
    const orphan = { ...structuredClone(first), projectId: "00000000-0000-4000-8000-000000000002" };
    expect(() => parseWorld({ ...world, warmPools: [orphan] }, "w")).toThrow(/unknown project/);
    const inverted = structuredClone(first);
    inverted.spec.minSize = 3;
    inverted.spec.maxSize = 2;
    expect(() => parseWorld({ ...world, warmPools: [inverted] }, "w")).toThrow(/minSize > maxSize/);
    expect(() => parseWorld({ ...world, defaultToken: "nobody" }, "w")).toThrow(
      /names no principal/,
    );
  });
});

describe("WorldStore", () => {
  it("keeps each organization's pools in seq order and restores the same world from a snapshot", () => {
    const store = new WorldStore(loadDefaultWorld());
    const pools = store.poolsOfOrganization("0c7d7f3e-1f0a-4c57-9a55-2f5c8b3e4a01");
    expect(pools.map((p) => p.seq)).toEqual([...pools.map((p) => p.seq)].sort((a, b) => a - b));
    const copy = new WorldStore(store.snapshot());
    expect(copy.snapshot()).toEqual(store.snapshot());
    const acme = "0c7d7f3e-1f0a-4c57-9a55-2f5c8b3e4a01";
    expect(copy.takeSeq(acme)).toBe(store.takeSeq(acme));
  });

  it("removes a pool from every index", () => {
    const store = new WorldStore(loadDefaultWorld());
    const pool = store.getPool("a1b2c3d4-5678-9abc-def0-1234567890ab");
    if (!pool) throw new Error("fixture pool missing");
    store.removePool(pool);
    expect(store.getPool(pool.id)).toBeUndefined();
    expect(store.findPoolByPair(pool.projectId, pool.environmentClassId)).toBeUndefined();
    expect(store.poolsOfOrganization(pool.organizationId)).not.toContain(pool);
  });
});
