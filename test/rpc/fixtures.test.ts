import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { loadDefaultWorld } from "../../src/store/load-default-world.js";
import { WorldStore } from "../../src/store/world-store.js";
import {
  EXISTING_POOL,
  GLOBEX_ORG,
  GPU,
  LEGACY_NO_PREBUILDS,
  ML_NO_SNAPSHOT,
  STANDARD,
  WEB_APP,
} from "../support/fixtures.js";

describe("the default world", () => {
  const world = loadDefaultWorld();
  const store = new WorldStore(world);

  it("has the documentation's project with prebuilds for its class, a completed prebuild, and a pool for another pair", () => {
    const project = store.projects.get(WEB_APP);
    expect(project?.prebuildConfiguration.enabled).toBe(true);
    expect(project?.prebuildConfiguration.environmentClassIds).toContain(STANDARD);
    expect(store.newestCompletedPrebuild(WEB_APP, STANDARD)).toBeDefined();
    const pool = store.getPool(EXISTING_POOL);
    expect(pool?.projectId).toBe(WEB_APP);
    expect(pool?.environmentClassId).not.toBe(STANDARD);
  });

  it("has the states the rules need: prebuilds off, a class outside the configuration, no snapshot yet, a second org", () => {
    expect(store.projects.get(LEGACY_NO_PREBUILDS)?.prebuildConfiguration.enabled).toBe(false);
    expect(store.projects.get(WEB_APP)?.prebuildConfiguration.environmentClassIds).not.toContain(
      GPU,
    );
    expect(store.projects.get(ML_NO_SNAPSHOT)?.prebuildConfiguration.environmentClassIds).toEqual([
      GPU,
    ]);
    expect(store.newestCompletedPrebuild(ML_NO_SNAPSHOT, GPU)).toBeUndefined();
    const globex = world.principals.find((p) => p.organizationId === GLOBEX_ORG);
    expect(globex?.token).toBe("wpm_globex_bob");
    expect(world.projects.some((p) => p.organizationId === GLOBEX_ORG)).toBe(true);
  });

  it("keeps fixtures/filler.json in step with its seeded generator", () => {
    expect(() =>
      execFileSync(
        process.execPath,
        ["--import", "tsx", "scripts/generate-fixtures.ts", "--check"],
        { stdio: "pipe" },
      ),
    ).not.toThrow();
  });
});
