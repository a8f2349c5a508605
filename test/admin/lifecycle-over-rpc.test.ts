import { describe, expect, it } from "vitest";
import { callAdmin } from "../support/admin-client.js";
import { callRpc } from "../support/call-rpc.js";
import { TEST_EPOCH } from "../support/create-manual-clock.js";
import { createTestApp } from "../support/create-test-app.js";
import { TEST_TIMING } from "../support/create-test-context.js";
import { ACME_RUNNER, EXISTING_POOL, LARGE, STANDARD, WEB_APP } from "../support/fixtures.js";

const iso = (offsetMs: number) => new Date(TEST_EPOCH + offsetMs).toISOString();

describe("what a UI sees through the RPCs, on a manual clock", () => {
  it("a new pool: PENDING, then READY with instances, versions and updatedAt moving together", async () => {
    const { app, clock } = createTestApp({ timing: TEST_TIMING });
    const created = await callRpc(app, "CreateWarmPool", {
      projectId: WEB_APP,
      environmentClassId: STANDARD,
      minSize: 2,
      maxSize: 4,
    });
    const { id } = created.body.warmPool;
    expect(created.body.warmPool.status).toEqual({
      phase: "WARM_POOL_PHASE_PENDING",
      statusVersion: "1",
      desiredSize: 2,
    });
    clock.advance(999);
    const pending = await callRpc(app, "GetWarmPool", { warmPoolId: id });
    expect(pending.body.warmPool.status.phase).toBe("WARM_POOL_PHASE_PENDING");
    clock.advance(1);
    const ready = (await callRpc(app, "GetWarmPool", { warmPoolId: id })).body.warmPool;
    expect(ready.status).toEqual({
      phase: "WARM_POOL_PHASE_READY",
      statusVersion: "2",
      runningInstances: 2,
      desiredSize: 2,
    });
    expect(ready.metadata.updatedAt).toBe(iso(1000));
    expect(ready.spec.specVersion).toBe("1");
  });

  it("scaling: UpdateWarmPool changes the spec now; the instances follow on the runner's schedule", async () => {
    const { app, clock } = createTestApp({ timing: TEST_TIMING });
    const updated = await callRpc(app, "UpdateWarmPool", { warmPoolId: EXISTING_POOL, minSize: 3 });
    expect(updated.body.warmPool.spec).toMatchObject({ specVersion: "2", minSize: 3, maxSize: 3 });
    expect(updated.body.warmPool.status).toMatchObject({ desiredSize: 3, runningInstances: 1 });
    clock.advance(1000);
    const scaled = (await callRpc(app, "GetWarmPool", { warmPoolId: EXISTING_POOL })).body.warmPool;
    expect(scaled.status).toMatchObject({ runningInstances: 3, desiredSize: 3 });
    expect(scaled.status.stoppedInstances).toBeUndefined(); // 0 is omitted in ProtoJSON
    const down = await callRpc(app, "UpdateWarmPool", { warmPoolId: EXISTING_POOL, minSize: 1 });
    expect(down.body.warmPool.status).toMatchObject({
      desiredSize: 1,
      runningInstances: 1,
      stoppedInstances: 2,
    });
  });

  it("DEGRADED carries the failure message; DELETING drains, then the pool is not_found", async () => {
    const { app, clock } = createTestApp({ timing: TEST_TIMING });
    await callAdmin(app, "degradeRunner", "post", `/_admin/runners/${ACME_RUNNER}/degrade`, {
      message: "node pool exhausted",
    });
    const degraded = (await callRpc(app, "ListWarmPools", { filter: { projectIds: [WEB_APP] } }))
      .body.warmPools[0];
    expect(degraded.status).toMatchObject({
      phase: "WARM_POOL_PHASE_DEGRADED",
      failureMessage: "runner acme-eu-central: node pool exhausted",
    });
    await callRpc(app, "DeleteWarmPool", { warmPoolId: EXISTING_POOL });
    const deleting = (await callRpc(app, "GetWarmPool", { warmPoolId: EXISTING_POOL })).body
      .warmPool;
    expect(deleting.spec.desiredPhase).toBe("WARM_POOL_PHASE_DELETING");
    expect(deleting.status).toMatchObject({
      phase: "WARM_POOL_PHASE_DELETING",
      runningInstances: 1,
    });
    expect(deleting.status.failureMessage).toBeUndefined();
    clock.advance(300);
    const drained = (await callRpc(app, "GetWarmPool", { warmPoolId: EXISTING_POOL })).body
      .warmPool;
    expect(drained.status.runningInstances).toBeUndefined();
    clock.advance(300);
    const gone = await callRpc(app, "GetWarmPool", { warmPoolId: EXISTING_POOL });
    expect([gone.status, gone.body.code]).toEqual([404, "not_found"]);
  });

  it("snapshot rotation shows as PENDING with the new snapshotId, then READY", async () => {
    const { app, clock } = createTestApp({ timing: TEST_TIMING });
    const prebuild = await callAdmin(app, "createPrebuild", "post", "/_admin/prebuilds", {
      projectId: WEB_APP,
      environmentClassId: LARGE,
      phase: "PREBUILD_PHASE_COMPLETED",
    });
    const rotating = (await callRpc(app, "GetWarmPool", { warmPoolId: EXISTING_POOL })).body
      .warmPool;
    expect(rotating.spec.snapshotId).toBe(prebuild.body.id);
    expect(rotating.status).toMatchObject({
      phase: "WARM_POOL_PHASE_PENDING",
      runningInstances: 1,
    });
    clock.advance(1000);
    const ready = (await callRpc(app, "GetWarmPool", { warmPoolId: EXISTING_POOL })).body.warmPool;
    expect(ready.status).toMatchObject({
      phase: "WARM_POOL_PHASE_READY",
      runningInstances: 1,
    });
  });
});
