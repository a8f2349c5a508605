import { describe, expect, it } from "vitest";
import { loadDefaultWorld } from "./load-default-world.js";
import type { WarmPool } from "./world.js";
import { WorldStore } from "./world-store.js";

const PROJECT = "b0e12f6c-4c67-429d-a4a6-d9838b5da047";
const STANDARD = "d2c94c27-3b76-4a42-b88c-95a85e392c68";

function naiveDue(pools: readonly WarmPool[]): WarmPool[] {
  return pools
    .filter((p) => p.dueAt !== undefined)
    .sort((a, b) => (a.dueAt ?? 0) - (b.dueAt ?? 0) || a.seq - b.seq);
}

describe("WorldStore", () => {
  it("lists due pools earliest first through any mix of scheduling, moving and removal", () => {
    const store = new WorldStore(loadDefaultWorld());
    const pools = store.snapshot().warmPools.map((p) => store.getPool(p.id) as WarmPool);
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let step = 0; step < 500; step++) {
      const pool = pools[Math.floor(random() * pools.length)] as WarmPool;
      const roll = random();
      if (roll < 0.5) pool.dueAt = Math.floor(step + random() * 20);
      else if (roll < 0.8) delete pool.dueAt;
      else {
        const earliest = store.duePools()[0];
        if (earliest) {
          delete earliest.dueAt;
          store.markDue(earliest);
        }
        continue;
      }
      store.markDue(pool);
      expect(store.duePools()).toEqual(naiveDue(pools));
    }
  });

  it("finds the newest completed prebuild, seeing prebuilds added and completed later", () => {
    const store = new WorldStore(loadDefaultWorld());
    const before = store.newestCompletedPrebuild(PROJECT, STANDARD);
    expect(before?.phase).toBe("PREBUILD_PHASE_COMPLETED");
    const later = {
      id: "00000000-0000-4000-8000-0000000000aa",
      projectId: PROJECT,
      environmentClassId: STANDARD,
      phase: "PREBUILD_PHASE_RUNNING" as const,
      createdAt: Date.UTC(2040, 0, 1),
    };
    store.prebuilds.set(later.id, later);
    expect(store.newestCompletedPrebuild(PROJECT, STANDARD)).toBe(before);
    (store.prebuilds.get(later.id) as { phase: string }).phase = "PREBUILD_PHASE_COMPLETED";
    expect(store.newestCompletedPrebuild(PROJECT, STANDARD)?.id).toBe(later.id);
    store.prebuilds.delete(later.id);
    expect(store.newestCompletedPrebuild(PROJECT, STANDARD)).toBe(before);
  });

  it("keeps its own copy of a world it is given, equal to the original", () => {
    const given = loadDefaultWorld();
    const firstPool = given.warmPools[0] as WarmPool;
    const store = new WorldStore(given);
    const kept = store.getPool(firstPool.id) as WarmPool;
    expect(kept).not.toBe(firstPool);
    expect(kept.spec).not.toBe(firstPool.spec);
    expect(kept.status).not.toBe(firstPool.status);
    expect(store.projects.get(given.projects[0]?.id as string)).not.toBe(given.projects[0]);
    // Every record, optional fields included, survives the copy.
    const sorted = (w: ReturnType<WorldStore["snapshot"]>) => ({
      ...w,
      warmPools: [...w.warmPools].sort((a, b) => a.seq - b.seq),
    });
    expect(sorted(store.snapshot())).toStrictEqual(sorted(loadDefaultWorld()));
    firstPool.status.phase = "WARM_POOL_PHASE_DEGRADED";
    given.projects[0]?.prebuildConfiguration.environmentClassIds.pop();
    expect(store.snapshot()).toStrictEqual(new WorldStore(loadDefaultWorld()).snapshot());
  });
});
