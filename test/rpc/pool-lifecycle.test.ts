import { describe, expect, it } from "vitest";
import { callRpc } from "../support/call-rpc.js";
import { createTestApp } from "../support/create-test-app.js";
import { EXISTING_POOL, GPU, ML_NO_SNAPSHOT, STANDARD, WEB_APP } from "../support/fixtures.js";

async function createStandardPool(app: Parameters<typeof callRpc>[0], body: object = {}) {
  const res = await callRpc(app, "CreateWarmPool", {
    projectId: WEB_APP,
    environmentClassId: STANDARD,
    ...body,
  });
  expect(res.status).toBe(200);
  return res.body.warmPool;
}

describe("GetWarmPool", () => {
  it("returns the pool that CreateWarmPool returned", async () => {
    const { app } = createTestApp();
    const created = await createStandardPool(app, { minSize: 1, maxSize: 4 });
    const got = await callRpc(app, "GetWarmPool", { warmPoolId: created.id });
    expect(got.status).toBe(200);
    expect(got.body.warmPool).toEqual(created);
  });

  it("returns the fixture pool from the documentation", async () => {
    const { app } = createTestApp();
    const res = await callRpc(app, "GetWarmPool", { warmPoolId: EXISTING_POOL });
    expect(res.body.warmPool.status).toEqual({
      phase: "WARM_POOL_PHASE_READY",
      statusVersion: "2",
      runningInstances: 1,
      desiredSize: 1,
    });
  });

  it("answers not_found for an unknown ID", async () => {
    const { app } = createTestApp();
    const res = await callRpc(app, "GetWarmPool", {
      warmPoolId: "99999999-9999-4999-8999-999999999999",
    });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      code: "not_found",
      message: "warm pool 99999999-9999-4999-8999-999999999999 not found",
    });
  });
});

describe("the PENDING to READY lifecycle", () => {
  it("becomes READY once the ready delay has passed, with running = desired and a new status version", async () => {
    const { app, clock } = createTestApp({ timing: { readyDelayMs: 2000 } });
    const created = await createStandardPool(app, { minSize: 2, maxSize: 5 });
    expect(created.status).toEqual({
      phase: "WARM_POOL_PHASE_PENDING",
      statusVersion: "1",
      desiredSize: 2,
    });

    clock.advance(1999);
    const early = await callRpc(app, "GetWarmPool", { warmPoolId: created.id });
    expect(early.body.warmPool.status.phase).toBe("WARM_POOL_PHASE_PENDING");

    clock.advance(1);
    const ready = await callRpc(app, "GetWarmPool", { warmPoolId: created.id });
    expect(ready.body.warmPool.status).toEqual({
      phase: "WARM_POOL_PHASE_READY",
      statusVersion: "2",
      runningInstances: 2,
      desiredSize: 2,
    });
    expect(ready.body.warmPool.spec.specVersion).toBe("1");
    expect(
      Date.parse(ready.body.warmPool.metadata.updatedAt) - Date.parse(created.metadata.createdAt),
    ).toBe(2000);
  });

  it("stamps the transition with the time it was due, however late it is observed", async () => {
    const { app, clock } = createTestApp({ timing: { readyDelayMs: 1000 } });
    const created = await createStandardPool(app);
    clock.advance(3_600_000);
    const res = await callRpc(app, "GetWarmPool", { warmPoolId: created.id });
    expect(
      Date.parse(res.body.warmPool.metadata.updatedAt) - Date.parse(created.metadata.createdAt),
    ).toBe(1000);
  });

  it("keeps a pool without a snapshot PENDING", async () => {
    const { app, clock } = createTestApp();
    const res = await callRpc(app, "CreateWarmPool", {
      projectId: ML_NO_SNAPSHOT,
      environmentClassId: GPU,
    });
    clock.advance(86_400_000);
    const later = await callRpc(app, "GetWarmPool", { warmPoolId: res.body.warmPool.id });
    expect(later.body.warmPool.status).toEqual(res.body.warmPool.status);
  });
});

describe("UpdateWarmPool", () => {
  it("changes only the fields present and increments specVersion", async () => {
    const { app, clock } = createTestApp();
    const created = await createStandardPool(app, { minSize: 1, maxSize: 4 });
    clock.advance(500);
    const res = await callRpc(app, "UpdateWarmPool", { warmPoolId: created.id, maxSize: 8 });
    expect(res.status).toBe(200);
    const pool = res.body.warmPool;
    expect(pool.spec).toEqual({ ...created.spec, maxSize: 8, specVersion: "2" });
    expect(pool.metadata.createdAt).toBe(created.metadata.createdAt);
    expect(Date.parse(pool.metadata.updatedAt)).toBe(Date.parse(created.metadata.updatedAt) + 500);
    const min = await callRpc(app, "UpdateWarmPool", { warmPoolId: created.id, minSize: 0 });
    expect(min.body.warmPool.spec).toMatchObject({ minSize: 0, maxSize: 8, specVersion: "3" });
  });

  it("maps the deprecated desiredSize to min = max = desired", async () => {
    const { app, clock } = createTestApp();
    const res = await callRpc(app, "UpdateWarmPool", { warmPoolId: EXISTING_POOL, desiredSize: 6 });
    expect(res.body.warmPool.spec).toMatchObject({
      desiredSize: 6,
      minSize: 6,
      maxSize: 6,
      specVersion: "2",
    });
    // The autoscaler's target moves at once; the instances follow once provisioned.
    expect(res.body.warmPool.status).toMatchObject({ desiredSize: 6, runningInstances: 1 });
    clock.advance(60_000);
    const later = await callRpc(app, "GetWarmPool", { warmPoolId: EXISTING_POOL });
    expect(later.body.warmPool.status).toMatchObject({ desiredSize: 6, runningInstances: 6 });
    expect(Number(later.body.warmPool.status.statusVersion)).toBeGreaterThan(
      Number(res.body.warmPool.status.statusVersion),
    );
  });

  it("drops the deprecated desiredSize once bounds are set explicitly", async () => {
    const { app } = createTestApp();
    const created = await createStandardPool(app, { desiredSize: 2 });
    const res = await callRpc(app, "UpdateWarmPool", { warmPoolId: created.id, maxSize: 5 });
    expect(res.body.warmPool.spec).toMatchObject({ minSize: 2, maxSize: 5, specVersion: "2" });
    expect(res.body.warmPool.spec).not.toHaveProperty("desiredSize");
  });

  it("does not bump specVersion when nothing changes", async () => {
    const { app } = createTestApp();
    const res = await callRpc(app, "UpdateWarmPool", { warmPoolId: EXISTING_POOL });
    expect(res.body.warmPool.spec.specVersion).toBe("1");
  });

  it("re-checks min <= max against the stored values and changes nothing when it fails", async () => {
    const { app, store } = createTestApp();
    const before = JSON.stringify(store.snapshot());
    const res = await callRpc(app, "UpdateWarmPool", { warmPoolId: EXISTING_POOL, minSize: 5 });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe(
      "validation error:\n - max_size: max_size (3) must be greater than or equal to min_size (5) [max_size_gte_min_size]",
    );
    expect(JSON.stringify(store.snapshot())).toBe(before);
  });

  it("answers not_found for an unknown pool", async () => {
    const { app } = createTestApp();
    const res = await callRpc(app, "UpdateWarmPool", {
      warmPoolId: "99999999-9999-4999-8999-999999999999",
      maxSize: 2,
    });
    expect(res.body.code).toBe("not_found");
  });
});

describe("DeleteWarmPool", () => {
  it("is asynchronous: DELETING first, then gone, then the pair can be created again", async () => {
    const { app, clock } = createTestApp({ timing: { deleteDelayMs: 3000 } });
    const created = await createStandardPool(app);
    const del = await callRpc(app, "DeleteWarmPool", { warmPoolId: created.id });
    expect(del.status).toBe(200);
    expect(del.body).toEqual({});

    const draining = await callRpc(app, "GetWarmPool", { warmPoolId: created.id });
    expect(draining.body.warmPool.spec.desiredPhase).toBe("WARM_POOL_PHASE_DELETING");
    expect(draining.body.warmPool.status.phase).toBe("WARM_POOL_PHASE_DELETING");
    expect(draining.body.warmPool.spec.specVersion).toBe("2");
    expect(draining.body.warmPool.status.statusVersion).toBe("2");

    const duplicate = await callRpc(app, "CreateWarmPool", {
      projectId: WEB_APP,
      environmentClassId: STANDARD,
    });
    expect(duplicate.body.code).toBe("already_exists");
    const update = await callRpc(app, "UpdateWarmPool", { warmPoolId: created.id, maxSize: 3 });
    expect(update.body.code).toBe("failed_precondition");
    expect((await callRpc(app, "DeleteWarmPool", { warmPoolId: created.id })).status).toBe(200);

    clock.advance(3000);
    const gone = await callRpc(app, "GetWarmPool", { warmPoolId: created.id });
    expect(gone.body.code).toBe("not_found");
    expect((await callRpc(app, "DeleteWarmPool", { warmPoolId: created.id })).body.code).toBe(
      "not_found",
    );
    const listed = await callRpc(app, "ListWarmPools", {});
    expect(listed.body.warmPools.map((p: { id: string }) => p.id)).not.toContain(created.id);

    const again = await callRpc(app, "CreateWarmPool", {
      projectId: WEB_APP,
      environmentClassId: STANDARD,
    });
    expect(again.status).toBe(200);
    expect(again.body.warmPool.id).not.toBe(created.id);
  });
});
