import { describe, expect, it } from "vitest";
import { TEST_EPOCH } from "../../test/support/create-manual-clock.js";
import { createTestContext } from "../../test/support/create-test-context.js";
import {
  GLOBEX_CLASS,
  GLOBEX_PROJECT,
  GPU,
  LARGE,
  ML_NO_SNAPSHOT,
  STANDARD,
  WEB_APP,
} from "../../test/support/fixtures.js";
import { createWarmPool } from "./create-warm-pool.js";
import { putEnvironmentClass } from "./put-environment-class.js";
import { reconcile } from "./reconcile.js";
import { setPrebuildPhase } from "./record-prebuild.js";
import { startPrebuild } from "./start-prebuild.js";

type Ctx = ReturnType<typeof createTestContext>;
const alice = (ctx: Ctx) => ctx.store.defaultPrincipal;
const spec = {};

/** A prebuild's phase, status version and completion as a UI would show them, at a time. */
function prebuildAt(ctx: Ctx, id: string, offset: number): string {
  ctx.clock.set(TEST_EPOCH + offset);
  reconcile(ctx);
  const p = ctx.store.prebuilds.get(id);
  const completed = p?.completedAt === undefined ? "" : ` done +${p.completedAt - TEST_EPOCH}`;
  return `@${offset}: ${p?.phase.replace("PREBUILD_PHASE_", "")} v${p?.statusVersion}${completed}`;
}

describe("startPrebuild", () => {
  it("runs on the simulated clock: a third each PENDING, RUNNING, SNAPSHOTTING, then COMPLETED", () => {
    const ctx = createTestContext();
    const prebuild = startPrebuild(ctx, alice(ctx), { projectId: WEB_APP, spec });
    expect(prebuild).toMatchObject({
      environmentClassId: STANDARD,
      phase: "PREBUILD_PHASE_PENDING",
      creatorId: alice(ctx).userId,
      triggeredBy: "PREBUILD_TRIGGER_MANUAL",
      timeoutSeconds: 3600,
    });
    expect(
      [0, 999, 1000, 2000, 2999, 3000, 9000].map((t) => prebuildAt(ctx, prebuild.id, t)),
    ).toEqual([
      "@0: PENDING v1",
      "@999: PENDING v1",
      "@1000: RUNNING v2",
      "@2000: SNAPSHOTTING v3",
      "@2999: SNAPSHOTTING v3",
      "@3000: COMPLETED v4 done +3000",
      "@9000: COMPLETED v4 done +3000",
    ]);
  });

  it("moves every step to the instant it was due, however late the clock is read", () => {
    const ctx = createTestContext();
    const prebuild = startPrebuild(ctx, alice(ctx), { projectId: WEB_APP, spec });
    expect(prebuildAt(ctx, prebuild.id, 60_000)).toBe("@60000: COMPLETED v4 done +3000");
    expect(ctx.store.prebuilds.get(prebuild.id)?.updatedAt).toBe(TEST_EPOCH + 3000);
  });

  it("fails at the end of RUNNING when the call's outcome says so", () => {
    const ctx = createTestContext();
    const prebuild = startPrebuild(
      ctx,
      alice(ctx),
      { projectId: WEB_APP, environmentClassId: LARGE, spec: { timeout: "600s" } },
      { failWith: "npm ci exited with 1" },
    );
    expect(prebuildAt(ctx, prebuild.id, 2000)).toBe("@2000: FAILED v3 done +2000");
    expect(ctx.store.prebuilds.get(prebuild.id)).toMatchObject({
      failureMessage: "npm ci exited with 1",
      timeoutSeconds: 600,
      dueAt: undefined,
    });
  });

  it("rotates the pool of its pair to the new snapshot when it completes", () => {
    const ctx = createTestContext();
    const pool = createWarmPool(ctx, alice(ctx), {
      projectId: WEB_APP,
      environmentClassId: STANDARD,
    });
    ctx.clock.set(TEST_EPOCH + 1000);
    reconcile(ctx);
    expect(pool.status.phase).toBe("WARM_POOL_PHASE_READY");
    const before = pool.spec.snapshotId;
    const prebuild = startPrebuild(ctx, alice(ctx), { projectId: WEB_APP, spec });
    ctx.clock.set(TEST_EPOCH + 1000 + 3000);
    reconcile(ctx);
    expect(pool.spec.snapshotId).toBe(prebuild.id);
    expect(pool.spec.snapshotId).not.toBe(before);
    // Rotation began at the completion instant: PENDING while new instances are provisioned.
    expect(pool.status.phase).toBe("WARM_POOL_PHASE_PENDING");
    expect(pool.updatedAt).toBe(TEST_EPOCH + 4000);
    ctx.clock.set(TEST_EPOCH + 5000);
    reconcile(ctx);
    expect(pool.status.phase).toBe("WARM_POOL_PHASE_READY");
  });

  it("gives a pool with no snapshot its first one, after a failed prebuild had degraded it", () => {
    const ctx = createTestContext();
    const pool = createWarmPool(ctx, alice(ctx), {
      projectId: ML_NO_SNAPSHOT,
      environmentClassId: GPU,
    });
    const running = [...ctx.store.prebuilds.values()].find((p) => p.environmentClassId === GPU);
    setPrebuildPhase(ctx, running?.id ?? "", "PREBUILD_PHASE_FAILED", "out of disk");
    expect(pool.status.phase).toBe("WARM_POOL_PHASE_DEGRADED");
    const prebuild = startPrebuild(ctx, alice(ctx), { projectId: ML_NO_SNAPSHOT, spec });
    expect(pool.status.phase).toBe("WARM_POOL_PHASE_PENDING");
    ctx.clock.set(TEST_EPOCH + 3000);
    reconcile(ctx);
    expect(pool.spec.snapshotId).toBe(prebuild.id);
    ctx.clock.set(TEST_EPOCH + 4000);
    reconcile(ctx);
    expect(pool.status.phase).toBe("WARM_POOL_PHASE_READY");
  });

  it("hands a running prebuild over to /_admin, which completes it at once", () => {
    const ctx = createTestContext();
    const prebuild = startPrebuild(ctx, alice(ctx), { projectId: WEB_APP, spec });
    setPrebuildPhase(ctx, prebuild.id, "PREBUILD_PHASE_COMPLETED");
    expect(prebuildAt(ctx, prebuild.id, 10_000)).toBe("@10000: COMPLETED v2 done +0");
  });

  it.each([
    ["another organization's project", { projectId: GLOBEX_PROJECT }, "not_found"],
    ["a missing project", { projectId: "00000000-0000-4000-8000-00000000dead" }, "not_found"],
    [
      "another organization's class",
      { projectId: WEB_APP, environmentClassId: GLOBEX_CLASS },
      "not_found",
    ],
    [
      "a class the project does not offer",
      { projectId: WEB_APP, environmentClassId: GPU },
      "failed_precondition",
    ],
  ])("refuses %s with %s, and records nothing", (_what, request, code) => {
    const ctx = createTestContext();
    const before = ctx.store.prebuilds.size;
    expect(() => startPrebuild(ctx, alice(ctx), { ...request, spec })).toThrow(
      expect.objectContaining({ code }),
    );
    expect(ctx.store.prebuilds.size).toBe(before);
  });

  it("refuses a disabled class, and a project without any class, as failed_precondition", () => {
    const ctx = createTestContext();
    const large = ctx.store.environmentClasses.get(LARGE);
    if (!large) throw new Error("no Large class");
    putEnvironmentClass(ctx, { ...large, enabled: false });
    expect(() =>
      startPrebuild(ctx, alice(ctx), { projectId: WEB_APP, environmentClassId: LARGE, spec }),
    ).toThrow(/Large .* is disabled/);
    const project = ctx.store.projects.get(WEB_APP);
    if (project) project.prebuildConfiguration.environmentClassIds = [];
    expect(() => startPrebuild(ctx, alice(ctx), { projectId: WEB_APP, spec })).toThrow(
      expect.objectContaining({ code: "failed_precondition" }),
    );
  });
});
