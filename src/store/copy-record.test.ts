import { describe, expect, it } from "vitest";
import { createTestContext } from "../../test/support/create-test-context.js";
import { createWarmPool } from "../domain/create-warm-pool.js";
import { deleteWarmPool } from "../domain/delete-warm-pool.js";
import { reconcile } from "../domain/reconcile.js";
import { createPrebuild, setPrebuildPhase } from "../domain/record-prebuild.js";
import { copyWarmPool, copyWithoutUndefined, createStringSharer } from "./copy-record.js";
import { loadDefaultWorld } from "./load-default-world.js";
import { WorldStore } from "./world-store.js";

const PROJECT = "b0e12f6c-4c67-429d-a4a6-d9838b5da047";
const STANDARD = "d2c94c27-3b76-4a42-b88c-95a85e392c68";

describe("copied records", () => {
  it("give every pool and prebuild of a world the same fields in the same order", () => {
    const store = new WorldStore(loadDefaultWorld());
    const poolKeys = new Set([...store.allPools()].map((p) => Object.keys(p).join()));
    expect([...poolKeys]).toHaveLength(1);
    expect([...poolKeys][0]).toContain("instancesSnapshotId");
    const specKeys = new Set([...store.allPools()].map((p) => Object.keys(p.spec).join()));
    expect([...specKeys]).toEqual(["version,desiredSize,snapshotId,desiredPhase,minSize,maxSize"]);
    const prebuildKeys = new Set([...store.prebuilds.values()].map((p) => Object.keys(p).join()));
    expect([...prebuildKeys]).toHaveLength(1);
  });

  it("keep their fields through the whole lifecycle: the domain never deletes a property", () => {
    const ctx = createTestContext();
    const created = createWarmPool(ctx, ctx.store.defaultPrincipal, {
      projectId: PROJECT,
      environmentClassId: STANDARD,
      minSize: 1,
      maxSize: 2,
    });
    const shape = Object.keys(created).join();
    const prebuild = createPrebuild(ctx, { projectId: PROJECT, environmentClassId: STANDARD });
    const prebuildShape = Object.keys(prebuild).join();
    for (let i = 0; i < 20; i++) {
      ctx.clock.set(ctx.clock.now() + 500);
      reconcile(ctx);
      expect(Object.keys(created).join()).toBe(shape);
    }
    setPrebuildPhase(ctx, prebuild.id, "PREBUILD_PHASE_COMPLETED");
    setPrebuildPhase(ctx, prebuild.id, "PREBUILD_PHASE_FAILED", "broke");
    setPrebuildPhase(ctx, prebuild.id, "PREBUILD_PHASE_RUNNING");
    expect(Object.keys(prebuild).join()).toBe(prebuildShape);
    deleteWarmPool(ctx, ctx.store.defaultPrincipal, { warmPoolId: created.id });
    ctx.clock.set(ctx.clock.now() + 10_000);
    reconcile(ctx);
    expect(Object.keys(created).join()).toBe(shape);
  });

  it("share one string per repeated value, and map snapshot IDs through the caller", () => {
    const share = createStringSharer();
    const a = share(["WARM", "POOL"].join("_"));
    expect(share("WARM_POOL")).toBe(a);
    const world = loadDefaultWorld();
    const pool = world.warmPools.find((p) => p.spec.snapshotId !== undefined);
    if (!pool) throw new Error("the default world has a pool with a snapshot");
    const copy = copyWarmPool(pool, share, (id) => `prebuild:${id}`);
    expect(copy.spec.snapshotId).toBe(`prebuild:${pool.spec.snapshotId}`);
    expect(copy).not.toBe(pool);
    expect(copyWithoutUndefined(copy)).toEqual({
      ...pool,
      spec: { ...pool.spec, snapshotId: `prebuild:${pool.spec.snapshotId}` },
    });
  });

  it("come back out without unset optional fields, as in the fixture format", () => {
    const data = { a: 1, b: undefined, c: [{ d: undefined, e: "x" }], f: { g: undefined } };
    expect(copyWithoutUndefined(data)).toStrictEqual({ a: 1, c: [{ e: "x" }], f: {} });
    expect(
      Object.hasOwn(new WorldStore(loadDefaultWorld()).snapshot().warmPools[0] ?? {}, "dueAt"),
    ).toBe(false);
  });
});
