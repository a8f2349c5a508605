import { describe, expect, it } from "vitest";
import { callRpc } from "../support/call-rpc.js";
import { createTestApp } from "../support/create-test-app.js";
import {
  ACME_ORG,
  ACME_RUNNER,
  BOB,
  GLOBEX_PROJECT,
  GPU,
  LARGE,
  LEGACY_NO_PREBUILDS,
  ML_NO_SNAPSHOT,
  STANDARD,
  STANDARD_SNAPSHOT,
  WEB_APP,
  XLARGE,
} from "../support/fixtures.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("CreateWarmPool", () => {
  it("accepts the documented example verbatim and derives runner, organization and snapshot", async () => {
    const { app, clock } = createTestApp();
    const res = await callRpc(
      app,
      "CreateWarmPool",
      `{"projectId":"${WEB_APP}",\n "environmentClassId":"${STANDARD}",\n "desiredSize":2}`,
    );
    expect(res.status).toBe(200);
    const pool = res.body.warmPool;
    expect(pool.id).toMatch(UUID);
    expect(pool.metadata).toEqual({
      organizationId: ACME_ORG,
      projectId: WEB_APP,
      environmentClassId: STANDARD,
      runnerId: ACME_RUNNER,
      createdAt: new Date(clock.now()).toISOString(),
      updatedAt: new Date(clock.now()).toISOString(),
    });
    expect(pool.spec).toEqual({
      specVersion: "1",
      desiredSize: 2,
      snapshotId: STANDARD_SNAPSHOT,
      desiredPhase: "WARM_POOL_PHASE_READY",
      minSize: 2,
      maxSize: 2,
    });
    expect(pool.status).toEqual({
      phase: "WARM_POOL_PHASE_PENDING",
      statusVersion: "1",
      desiredSize: 2,
    });
  });

  it("keeps explicit min and max, and writes minSize 0 because it has presence", async () => {
    const { app } = createTestApp();
    const res = await callRpc(app, "CreateWarmPool", {
      projectId: WEB_APP,
      environmentClassId: STANDARD,
      minSize: 0,
      maxSize: 5,
    });
    expect(res.status).toBe(200);
    expect(res.body.warmPool.spec.minSize).toBe(0);
    expect(res.body.warmPool.spec.maxSize).toBe(5);
    expect(res.body.warmPool.spec).not.toHaveProperty("desiredSize");
  });

  it("defaults a pool with no sizes to min = max = 1, and fills a missing bound from the other", async () => {
    const { app } = createTestApp();
    const none = await callRpc(app, "CreateWarmPool", {
      projectId: WEB_APP,
      environmentClassId: STANDARD,
    });
    expect(none.body.warmPool.spec).toMatchObject({ minSize: 1, maxSize: 1 });
    const onlyMin = await callRpc(app, "CreateWarmPool", {
      projectId: WEB_APP,
      environmentClassId: XLARGE,
      minSize: 4,
    });
    expect(onlyMin.body.warmPool.spec).toMatchObject({ minSize: 4, maxSize: 4 });
  });

  it("lets explicit min/max win over the deprecated desiredSize", async () => {
    const { app } = createTestApp();
    const res = await callRpc(app, "CreateWarmPool", {
      projectId: WEB_APP,
      environmentClassId: STANDARD,
      desiredSize: 3,
      maxSize: 6,
    });
    expect(res.body.warmPool.spec).toMatchObject({ desiredSize: 3, minSize: 3, maxSize: 6 });
  });

  it("treats desiredSize 0 as unset (the field has no presence)", async () => {
    const { app } = createTestApp();
    const res = await callRpc(app, "CreateWarmPool", {
      projectId: WEB_APP,
      environmentClassId: STANDARD,
      desiredSize: 0,
    });
    expect(res.status).toBe(200);
    expect(res.body.warmPool.spec).toMatchObject({ minSize: 1, maxSize: 1 });
  });

  it("rejects max < min with invalid_argument and creates nothing", async () => {
    const { app, store } = createTestApp();
    const before = store.poolCount;
    const res = await callRpc(app, "CreateWarmPool", {
      projectId: WEB_APP,
      environmentClassId: STANDARD,
      minSize: 5,
      maxSize: 2,
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("invalid_argument");
    expect(res.body.message).toBe(
      "validation error:\n - max_size: max_size (2) must be greater than or equal to min_size (5) [max_size_gte_min_size]",
    );
    expect(store.poolCount).toBe(before);
  });

  it("rejects a desiredSize that makes max < an explicit min", async () => {
    const { app } = createTestApp();
    const res = await callRpc(app, "CreateWarmPool", {
      projectId: WEB_APP,
      environmentClassId: STANDARD,
      desiredSize: 2,
      minSize: 3,
    });
    expect(res.body.code).toBe("invalid_argument");
  });

  it("allows one pool per project and class: the second is already_exists", async () => {
    const { app, store } = createTestApp();
    const body = { projectId: WEB_APP, environmentClassId: STANDARD };
    expect((await callRpc(app, "CreateWarmPool", body)).status).toBe(200);
    const count = store.poolCount;
    const again = await callRpc(app, "CreateWarmPool", { ...body, minSize: 2, maxSize: 3 });
    expect(again.status).toBe(409);
    expect(again.body).toEqual({
      code: "already_exists",
      message: `warm pool for project ${WEB_APP} and environment class ${STANDARD} already exists`,
    });
    expect(store.poolCount).toBe(count);
  });

  it("sees the pair of the fixture pool as taken", async () => {
    const { app } = createTestApp();
    const res = await callRpc(app, "CreateWarmPool", {
      projectId: WEB_APP,
      environmentClassId: LARGE,
    });
    expect(res.body.code).toBe("already_exists");
  });

  it("treats upper-case UUIDs as the same IDs", async () => {
    const { app } = createTestApp();
    const res = await callRpc(app, "CreateWarmPool", {
      projectId: WEB_APP.toUpperCase(),
      environmentClassId: LARGE.toUpperCase(),
    });
    expect(res.body.code).toBe("already_exists");
  });

  it("answers not_found for an unknown project", async () => {
    const { app } = createTestApp();
    const res = await callRpc(app, "CreateWarmPool", {
      projectId: "00000000-0000-4000-8000-000000000000",
      environmentClassId: STANDARD,
    });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      code: "not_found",
      message: "project 00000000-0000-4000-8000-000000000000 not found",
    });
  });

  it("answers a foreign organization's project exactly like a missing one", async () => {
    const { app, store } = createTestApp();
    const before = store.poolCount;
    const foreign = await callRpc(app, "CreateWarmPool", {
      projectId: GLOBEX_PROJECT,
      environmentClassId: STANDARD,
    });
    expect(foreign.status).toBe(404);
    expect(foreign.body.message).toBe(`project ${GLOBEX_PROJECT} not found`);
    const fromBob = await callRpc(
      app,
      "CreateWarmPool",
      { projectId: WEB_APP, environmentClassId: STANDARD },
      { token: BOB },
    );
    expect(fromBob.body).toEqual({ code: "not_found", message: `project ${WEB_APP} not found` });
    expect(store.poolCount).toBe(before);
  });

  it("is failed_precondition when the project has prebuilds disabled", async () => {
    const { app } = createTestApp();
    const res = await callRpc(app, "CreateWarmPool", {
      projectId: LEGACY_NO_PREBUILDS,
      environmentClassId: STANDARD,
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("failed_precondition");
    expect(res.body.message).toContain("prebuilds are not enabled");
  });

  it("is failed_precondition when the class is not in the project's prebuild configuration", async () => {
    const { app } = createTestApp();
    const res = await callRpc(app, "CreateWarmPool", {
      projectId: WEB_APP,
      environmentClassId: GPU,
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("failed_precondition");
    expect(res.body.message).toContain("not in the prebuild configuration");
  });

  it("leaves snapshotId absent when no prebuild has completed, and the pool stays PENDING", async () => {
    const { app, clock } = createTestApp();
    const res = await callRpc(app, "CreateWarmPool", {
      projectId: ML_NO_SNAPSHOT,
      environmentClassId: GPU,
    });
    expect(res.status).toBe(200);
    expect(res.body.warmPool.spec).not.toHaveProperty("snapshotId");
    clock.advance(60_000);
    const later = await callRpc(app, "GetWarmPool", { warmPoolId: res.body.warmPool.id });
    expect(later.body.warmPool.status.phase).toBe("WARM_POOL_PHASE_PENDING");
  });

  it("takes the newest completed prebuild as the snapshot", async () => {
    const { app, store } = createTestApp();
    store.prebuilds.set("c0ffee00-0009-4aaa-8bbb-000000000009", {
      id: "c0ffee00-0009-4aaa-8bbb-000000000009",
      projectId: WEB_APP,
      environmentClassId: STANDARD,
      phase: "PREBUILD_PHASE_COMPLETED",
      createdAt: Date.UTC(2026, 5, 1),
      completedAt: Date.UTC(2026, 5, 1, 0, 10),
    });
    store.prebuilds.set("c0ffee00-000a-4aaa-8bbb-00000000000a", {
      id: "c0ffee00-000a-4aaa-8bbb-00000000000a",
      projectId: WEB_APP,
      environmentClassId: STANDARD,
      phase: "PREBUILD_PHASE_FAILED",
      createdAt: Date.UTC(2026, 6, 1),
    });
    const res = await callRpc(app, "CreateWarmPool", {
      projectId: WEB_APP,
      environmentClassId: STANDARD,
    });
    expect(res.body.warmPool.spec.snapshotId).toBe("c0ffee00-0009-4aaa-8bbb-000000000009");
  });
});
