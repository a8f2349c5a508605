import { describe, expect, it } from "vitest";
import { TEST_EPOCH } from "../../test/support/create-manual-clock.js";
import { createTestContext } from "../../test/support/create-test-context.js";
import type { WarmPool } from "../store/world.js";
import { claimInstances } from "./claim-instances.js";
import { createWarmPool } from "./create-warm-pool.js";
import { deleteWarmPool } from "./delete-warm-pool.js";
import type { DomainContext } from "./domain-context.js";
import { putEnvironmentClass } from "./put-environment-class.js";
import { putProject } from "./put-project.js";
import { reconcile } from "./reconcile.js";
import { createPrebuild, setPrebuildPhase } from "./record-prebuild.js";
import { setRunnerFailure } from "./set-runner-failure.js";
import { updateWarmPool } from "./update-warm-pool.js";

const PROJECT = "b0e12f6c-4c67-429d-a4a6-d9838b5da047";
const STANDARD = "d2c94c27-3b76-4a42-b88c-95a85e392c68";
const LARGE = "3f9a6b1e-8c2d-4e7f-9a1b-5c6d7e8f9a02";
const XLARGE = "2b3c4d5e-6f70-4a81-9b2c-3d4e5f6a7b85";
const GPU_PROJECT = "4a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c73";
const GPU = "5e4d3c2b-1a09-4876-b5a4-c3d2e1f0a903";
const RUNNER = "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c01";
const READY_POOL = "a1b2c3d4-5678-9abc-def0-1234567890ab"; // min 1, max 3

type Ctx = ReturnType<typeof createTestContext>;

function alice(ctx: DomainContext) {
  return ctx.store.defaultPrincipal;
}

/** What a UI shows of a pool: phase, counts, versions, and the time of the last change. */
function view(ctx: DomainContext, id: string) {
  reconcile(ctx);
  const pool = ctx.store.getPool(id);
  if (!pool) return "gone";
  const { spec, status } = pool;
  return [
    status.phase.replace("WARM_POOL_PHASE_", ""),
    `run ${status.runningInstances}`,
    `stop ${status.stoppedInstances}`,
    `want ${status.desiredSize}`,
    `sv ${status.version}`,
    `spv ${spec.version}`,
    `+${pool.updatedAt - TEST_EPOCH}`,
    ...(status.failureMessage ? [status.failureMessage] : []),
  ].join(" | ");
}

/** Runs `act`, then reads the pool at each listed offset (ms after the action). */
function timeline(ctx: Ctx, id: string, offsets: number[]): string[] {
  const start = ctx.clock.now();
  return offsets.map((offset) => {
    ctx.clock.set(start + offset);
    return `@${offset}: ${view(ctx, id)}`;
  });
}

function create(
  ctx: DomainContext,
  classId: string,
  sizes = { minSize: 1, maxSize: 3 },
  project = PROJECT,
) {
  return createWarmPool(ctx, alice(ctx), {
    projectId: project,
    environmentClassId: classId,
    ...sizes,
  });
}

describe("reconcile: the simulated lifecycle, on a manual clock", () => {
  it("PENDING until provisioned from the snapshot, then READY with running instances", () => {
    const ctx = createTestContext();
    const pool = create(ctx, STANDARD, { minSize: 2, maxSize: 3 });
    expect(timeline(ctx, pool.id, [0, 999, 1000, 5000])).toEqual([
      "@0: PENDING | run 0 | stop 0 | want 2 | sv 1 | spv 1 | +0",
      "@999: PENDING | run 0 | stop 0 | want 2 | sv 1 | spv 1 | +0",
      "@1000: READY | run 2 | stop 0 | want 2 | sv 2 | spv 1 | +1000",
      "@5000: READY | run 2 | stop 0 | want 2 | sv 2 | spv 1 | +1000",
    ]);
  });

  it("nothing moves while a manual clock stands still, however often it is asked", () => {
    const ctx = createTestContext();
    const pool = create(ctx, STANDARD);
    for (let i = 0; i < 5; i++) reconcile(ctx);
    expect(view(ctx, pool.id)).toBe("PENDING | run 0 | stop 0 | want 1 | sv 1 | spv 1 | +0");
  });

  it("stamps each step with the time it was due, even when noticed much later", () => {
    const ctx = createTestContext();
    const pool = create(ctx, STANDARD, { minSize: 2, maxSize: 2 });
    ctx.clock.advance(1000);
    reconcile(ctx); // as the server does before every call
    claimInstances(ctx, pool.id, 2);
    ctx.clock.advance(60_000);
    // Claimed at +1000, re-provisioned at +2000 (no stopped instances with min = max).
    expect(view(ctx, pool.id)).toBe("READY | run 2 | stop 0 | want 2 | sv 4 | spv 1 | +2000");
  });

  it("status.desiredSize stays within [min, max]: at least one, at most max", () => {
    const ctx = createTestContext();
    const cases: [number, number, number][] = [
      [0, 1, 1],
      [0, 5, 1],
      [3, 5, 3],
      [4, 4, 4],
    ];
    for (const [minSize, maxSize, want] of cases) {
      const pool = create(ctx, STANDARD, { minSize, maxSize });
      expect(pool.status.desiredSize, `min ${minSize} max ${maxSize}`).toBe(want);
      deleteWarmPool(ctx, alice(ctx), { warmPoolId: pool.id });
      ctx.clock.advance(600);
      reconcile(ctx);
    }
  });

  it("stays PENDING without a snapshot, and warms once a prebuild completes (a spec change)", () => {
    const ctx = createTestContext();
    const pool = create(ctx, GPU, { minSize: 1, maxSize: 1 }, GPU_PROJECT);
    ctx.clock.advance(10_000);
    expect(view(ctx, pool.id)).toBe("PENDING | run 0 | stop 0 | want 1 | sv 1 | spv 1 | +0");
    const running = [...ctx.store.prebuilds.values()].find((p) => p.environmentClassId === GPU);
    setPrebuildPhase(ctx, running?.id ?? "", "PREBUILD_PHASE_COMPLETED");
    expect(pool.spec.snapshotId).toBe(running?.id);
    expect(timeline(ctx, pool.id, [0, 1000])).toEqual([
      "@0: PENDING | run 0 | stop 0 | want 1 | sv 1 | spv 2 | +10000",
      "@1000: READY | run 1 | stop 0 | want 1 | sv 2 | spv 2 | +11000",
    ]);
  });

  it("DEGRADED when the newest prebuild failed and there is no snapshot; a new prebuild clears it", () => {
    const ctx = createTestContext();
    const pool = create(ctx, GPU, { minSize: 1, maxSize: 1 }, GPU_PROJECT);
    const running = [...ctx.store.prebuilds.values()].find((p) => p.environmentClassId === GPU);
    setPrebuildPhase(ctx, running?.id ?? "", "PREBUILD_PHASE_FAILED", "exit code 1");
    expect(view(ctx, pool.id)).toBe(
      `DEGRADED | run 0 | stop 0 | want 1 | sv 2 | spv 1 | +0 | prebuild ${running?.id} failed: exit code 1; no snapshot to warm`,
    );
    ctx.clock.advance(50);
    createPrebuild(ctx, { projectId: GPU_PROJECT, environmentClassId: GPU });
    expect(view(ctx, pool.id)).toBe("PENDING | run 0 | stop 0 | want 1 | sv 3 | spv 1 | +50");
  });

  it("DEGRADED with the runner's message while it fails; READY again with the same instances", () => {
    const ctx = createTestContext();
    ctx.clock.advance(100);
    setRunnerFailure(ctx, RUNNER, "cannot reach the cluster");
    expect(view(ctx, READY_POOL)).toBe(
      "DEGRADED | run 1 | stop 0 | want 1 | sv 3 | spv 1 | +100 | runner acme-eu-central: cannot reach the cluster",
    );
    ctx.clock.advance(100);
    setRunnerFailure(ctx, RUNNER, undefined);
    expect(view(ctx, READY_POOL)).toBe("READY | run 1 | stop 0 | want 1 | sv 4 | spv 1 | +200");
  });

  it("a degraded pool does not provision; it resumes after recovery", () => {
    const ctx = createTestContext();
    const pool = create(ctx, STANDARD);
    setRunnerFailure(ctx, RUNNER, "quota exceeded");
    ctx.clock.advance(5000);
    expect(view(ctx, pool.id)).toMatch(/^DEGRADED \| run 0 \| stop 0 .*quota exceeded$/);
    setRunnerFailure(ctx, RUNNER, undefined);
    expect(timeline(ctx, pool.id, [0, 1000])).toEqual([
      "@0: PENDING | run 0 | stop 0 | want 1 | sv 3 | spv 1 | +5000",
      "@1000: READY | run 1 | stop 0 | want 1 | sv 4 | spv 1 | +6000",
    ]);
  });

  it("DEGRADED while its environment class is disabled", () => {
    const ctx = createTestContext();
    const large = ctx.store.environmentClasses.get(LARGE);
    if (!large) throw new Error("fixture changed");
    putEnvironmentClass(ctx, { ...large, enabled: false });
    expect(view(ctx, READY_POOL)).toMatch(/^DEGRADED .* environment class Large is disabled$/);
    putEnvironmentClass(ctx, { ...large, enabled: true });
    expect(view(ctx, READY_POOL)).toMatch(/^READY \| run 1 \| stop 0/);
  });

  it("DELETING drains its instances, then the pool is gone", () => {
    const ctx = createTestContext();
    deleteWarmPool(ctx, alice(ctx), { warmPoolId: READY_POOL });
    expect(timeline(ctx, READY_POOL, [0, 299, 300, 599, 600])).toEqual([
      "@0: DELETING | run 1 | stop 0 | want 1 | sv 3 | spv 2 | +0",
      "@299: DELETING | run 1 | stop 0 | want 1 | sv 3 | spv 2 | +0",
      "@300: DELETING | run 0 | stop 0 | want 1 | sv 4 | spv 2 | +300",
      "@599: DELETING | run 0 | stop 0 | want 1 | sv 4 | spv 2 | +300",
      "@600: gone",
    ]);
  });

  it("a degraded pool still drains and goes when deleted", () => {
    const ctx = createTestContext();
    setRunnerFailure(ctx, RUNNER, "down");
    deleteWarmPool(ctx, alice(ctx), { warmPoolId: READY_POOL });
    expect(view(ctx, READY_POOL)).toMatch(/^DELETING \| run 1 \| stop 0 .*\+0$/);
    ctx.clock.advance(600);
    expect(view(ctx, READY_POOL)).toBe("gone");
  });

  it("rotates to a newer snapshot: stopped instances discarded, PENDING, then READY on the new one", () => {
    const ctx = createTestContext();
    const pool = withStoppedInstances(ctx); // run 1, stop 2
    const before = pool.spec.version;
    const prebuild = createPrebuild(ctx, {
      projectId: PROJECT,
      environmentClassId: LARGE,
      phase: "PREBUILD_PHASE_COMPLETED",
    });
    expect(pool.spec.snapshotId).toBe(prebuild.id);
    expect(pool.spec.version).toBe(before + 1);
    expect(timeline(ctx, READY_POOL, [0, 999, 1000])).toEqual([
      "@0: PENDING | run 1 | stop 0 | want 1 | sv 6 | spv 4 | +1000",
      "@999: PENDING | run 1 | stop 0 | want 1 | sv 6 | spv 4 | +1000",
      "@1000: READY | run 1 | stop 0 | want 1 | sv 7 | spv 4 | +2000",
    ]);
    expect(pool.instancesSnapshotId).toBe(prebuild.id);
  });

  it("rotates a pool read from a world file, which does not record its instances' snapshot", () => {
    const ctx = createTestContext();
    const prebuild = createPrebuild(ctx, {
      projectId: PROJECT,
      environmentClassId: LARGE,
      phase: "PREBUILD_PHASE_COMPLETED",
    });
    expect(timeline(ctx, READY_POOL, [0, 1000])).toEqual([
      "@0: PENDING | run 1 | stop 0 | want 1 | sv 3 | spv 2 | +0",
      "@1000: READY | run 1 | stop 0 | want 1 | sv 4 | spv 2 | +1000",
    ]);
    expect(ctx.store.getPool(READY_POOL)?.instancesSnapshotId).toBe(prebuild.id);
  });

  it("an older or unrelated completed prebuild does not move the snapshot", () => {
    const ctx = createTestContext();
    const pool = ctx.store.getPool(READY_POOL) as WarmPool;
    const before = structuredClone(pool);
    createPrebuild(ctx, {
      projectId: PROJECT,
      environmentClassId: STANDARD,
      phase: "PREBUILD_PHASE_COMPLETED",
    });
    createPrebuild(ctx, {
      projectId: PROJECT,
      environmentClassId: LARGE,
      phase: "PREBUILD_PHASE_FAILED",
    });
    ctx.clock.advance(5000);
    reconcile(ctx);
    expect(pool).toEqual(before);
  });

  it("claims lower running; backfill starts stopped instances first, then provisions", () => {
    const ctx = createTestContext();
    withStoppedInstances(ctx); // run 1, stop 2, at +1000
    claimInstances(ctx, READY_POOL, 1);
    expect(timeline(ctx, READY_POOL, [0, 199, 200])).toEqual([
      "@0: READY | run 0 | stop 2 | want 1 | sv 6 | spv 3 | +1000",
      "@199: READY | run 0 | stop 2 | want 1 | sv 6 | spv 3 | +1000",
      "@200: READY | run 1 | stop 1 | want 1 | sv 7 | spv 3 | +1200",
    ]);
    claimInstances(ctx, READY_POOL, 1);
    claimInstances(ctx, READY_POOL, 0);
    ctx.clock.advance(200);
    expect(view(ctx, READY_POOL)).toBe("READY | run 1 | stop 0 | want 1 | sv 9 | spv 3 | +1400");
    claimInstances(ctx, READY_POOL, 1);
    expect(timeline(ctx, READY_POOL, [0, 999, 1000])).toEqual([
      "@0: READY | run 0 | stop 0 | want 1 | sv 10 | spv 3 | +1400",
      "@999: READY | run 0 | stop 0 | want 1 | sv 10 | spv 3 | +1400",
      "@1000: READY | run 1 | stop 0 | want 1 | sv 11 | spv 3 | +2400",
    ]);
  });

  it("claims beyond the running instances, or from a degraded pool, are refused", () => {
    const ctx = createTestContext();
    expect(() => claimInstances(ctx, READY_POOL, 2)).toThrow(/has 1 running instance/);
    setRunnerFailure(ctx, RUNNER, "down");
    expect(() => claimInstances(ctx, READY_POOL, 1)).toThrow(/DEGRADED/);
    expect(() => claimInstances(ctx, "00000000-0000-4000-8000-000000000000", 1)).toThrow(
      /not found/,
    );
  });

  it("scaling: raising min provisions (visible as desiredSize above running), lowering it stops the extra", () => {
    const ctx = createTestContext();
    updateWarmPool(ctx, alice(ctx), { warmPoolId: READY_POOL, minSize: 3 });
    expect(timeline(ctx, READY_POOL, [0, 1000])).toEqual([
      "@0: READY | run 1 | stop 0 | want 3 | sv 3 | spv 2 | +0",
      "@1000: READY | run 3 | stop 0 | want 3 | sv 4 | spv 2 | +1000",
    ]);
    updateWarmPool(ctx, alice(ctx), { warmPoolId: READY_POOL, minSize: 1 });
    expect(view(ctx, READY_POOL)).toBe("READY | run 1 | stop 2 | want 1 | sv 5 | spv 3 | +1000");
    updateWarmPool(ctx, alice(ctx), { warmPoolId: READY_POOL, maxSize: 2 });
    expect(view(ctx, READY_POOL)).toBe("READY | run 1 | stop 1 | want 1 | sv 6 | spv 4 | +1000");
    updateWarmPool(ctx, alice(ctx), { warmPoolId: READY_POOL, minSize: 2 });
    expect(timeline(ctx, READY_POOL, [0, 200])).toEqual([
      "@0: READY | run 1 | stop 1 | want 2 | sv 7 | spv 5 | +1000",
      "@200: READY | run 2 | stop 0 | want 2 | sv 8 | spv 5 | +1200",
    ]);
  });

  it("disabling prebuilds deletes the project's pools; dropping a class deletes only its pool", () => {
    const ctx = createTestContext();
    const standard = create(ctx, STANDARD);
    const project = ctx.store.projects.get(PROJECT);
    if (!project) throw new Error("fixture changed");
    const config = project.prebuildConfiguration;
    putProject(ctx, {
      ...project,
      prebuildConfiguration: { ...config, environmentClassIds: [STANDARD, XLARGE] },
    });
    expect(view(ctx, READY_POOL)).toMatch(/^DELETING .* spv 2 /);
    expect(view(ctx, standard.id)).toMatch(/^PENDING/);
    putProject(ctx, { ...project, prebuildConfiguration: { ...config, enabled: false } });
    expect(view(ctx, standard.id)).toMatch(/^DELETING/);
    ctx.clock.advance(600);
    expect([view(ctx, READY_POOL), view(ctx, standard.id)]).toEqual(["gone", "gone"]);
  });

  it("every status change bumps statusVersion once; spec changes bump specVersion", () => {
    const ctx = createTestContext();
    const pool = ctx.store.getPool(READY_POOL) as WarmPool;
    const versions = () => [pool.status.version, pool.spec.version];
    updateWarmPool(ctx, alice(ctx), { warmPoolId: READY_POOL, minSize: 1, maxSize: 3 });
    expect(versions()).toEqual([2, 1]); // nothing changed
    updateWarmPool(ctx, alice(ctx), { warmPoolId: READY_POOL, maxSize: 4 });
    expect(versions()).toEqual([2, 2]); // the spec only: the target is still 1
    updateWarmPool(ctx, alice(ctx), { warmPoolId: READY_POOL, minSize: 2 });
    expect(versions()).toEqual([3, 3]); // the spec, and the target in the status
    ctx.clock.advance(1000);
    reconcile(ctx);
    expect(versions()).toEqual([4, 3]); // the provisioned instance
  });

  it("deleting a pool without instances takes the whole delete delay", () => {
    const ctx = createTestContext();
    const pool = create(ctx, GPU, { minSize: 1, maxSize: 1 }, GPU_PROJECT);
    deleteWarmPool(ctx, alice(ctx), { warmPoolId: pool.id });
    expect(timeline(ctx, pool.id, [599, 600])).toEqual([
      "@599: DELETING | run 0 | stop 0 | want 1 | sv 2 | spv 2 | +0",
      "@600: gone",
    ]);
  });
});

/** Brings the fixture pool (min 1, max 3) to 1 running and 2 stopped: scale up, then down. */
function withStoppedInstances(ctx: Ctx): WarmPool {
  updateWarmPool(ctx, alice(ctx), { warmPoolId: READY_POOL, minSize: 3 });
  ctx.clock.advance(1000);
  reconcile(ctx);
  updateWarmPool(ctx, alice(ctx), { warmPoolId: READY_POOL, minSize: 1 });
  const pool = ctx.store.getPool(READY_POOL) as WarmPool;
  expect(pool.status).toMatchObject({ runningInstances: 1, stoppedInstances: 2 });
  return pool;
}
