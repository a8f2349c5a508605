import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { loadDefaultWorld } from "../../src/store/load-default-world.js";
import { parseWorld } from "../../src/store/parse-world.js";
import { callAdmin } from "../support/admin-client.js";
import { callRpc } from "../support/call-rpc.js";
import { TEST_EPOCH } from "../support/create-manual-clock.js";
import { createTestApp } from "../support/create-test-app.js";
import { TEST_TIMING } from "../support/create-test-context.js";
import {
  ACME_ORG,
  ACME_RUNNER,
  EXISTING_POOL,
  LARGE,
  STANDARD,
  WEB_APP,
  XLARGE,
} from "../support/fixtures.js";

async function getPool(app: Parameters<typeof callRpc>[0], id: string = EXISTING_POOL) {
  const res = await callRpc(app, "GetWarmPool", { warmPoolId: id });
  return res.status === 200 ? res.body.warmPool : res.body;
}

describe("admin API: the world", () => {
  it("dumps the whole state in the world-file format", async () => {
    const { app } = createTestApp({ timing: TEST_TIMING });
    const res = await callAdmin(app, "getWorld", "get", "/_admin/world");
    expect(res.status).toBe(200);
    const world = parseWorld(res.body, "dump");
    expect(world.warmPools.map((p) => p.id)).toContain(EXISTING_POOL);
  });

  it("resets the world, the faults and the journal in one call", async () => {
    const { app } = createTestApp({ timing: TEST_TIMING });
    await callRpc(app, "DeleteWarmPool", { warmPoolId: EXISTING_POOL });
    await callAdmin(app, "addFault", "post", "/_admin/faults", { rpc: "*", latencyMs: 1 });
    const res = await callAdmin(app, "reset", "post", "/_admin/reset");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ warmPools: 7, projects: 12 });
    expect((await getPool(app)).status.phase).toBe("WARM_POOL_PHASE_READY");
    expect((await callAdmin(app, "listFaults", "get", "/_admin/faults")).body).toEqual({
      faults: [],
    });
    const journal = await callAdmin(app, "getJournal", "get", "/_admin/journal");
    expect(journal.body.entries).toHaveLength(1); // the GetWarmPool just above
  });

  it("reloads the reset world from a loader on every reset; a failing loader changes nothing", async () => {
    let loads = 0;
    let broken = false;
    const { app } = createTestApp({
      timing: TEST_TIMING,
      resetWorld: () => {
        loads++;
        if (broken) throw new Error("world.json vanished");
        return loadDefaultWorld();
      },
    });
    await callRpc(app, "DeleteWarmPool", { warmPoolId: EXISTING_POOL });
    const res = await callAdmin(app, "reset", "post", "/_admin/reset");
    expect(res.body).toMatchObject({ warmPools: 7, projects: 12 });
    expect(loads).toBe(1);
    await callRpc(app, "DeleteWarmPool", { warmPoolId: EXISTING_POOL });
    const deleting = (await getPool(app)).status.phase;
    broken = true;
    const failed = await request(app).post("/_admin/reset");
    expect(failed.status).toBe(400);
    expect(failed.body).toEqual({
      code: "failed_precondition",
      message: "cannot reload the start-up world: world.json vanished",
    });
    expect((await getPool(app)).status.phase).toBe(deleting);
  });

  it("replaces the world with a body, and refuses an incoherent one without changing anything", async () => {
    const { app } = createTestApp({ timing: TEST_TIMING });
    const world = (await callAdmin(app, "getWorld", "get", "/_admin/world")).body;
    world.warmPools = [];
    const res = await callAdmin(app, "putWorld", "put", "/_admin/world", world);
    expect(res.status).toBe(200);
    expect(res.body.warmPools).toBe(0);
    expect((await getPool(app)).code).toBe("not_found");

    world.projects[0].organizationId = "00000000-0000-4000-8000-000000000000";
    const bad = await callAdmin(app, "putWorld", "put", "/_admin/world", world);
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe("invalid_argument");
    expect(bad.body.message).toMatch(/unknown organization/);
    const after = await callAdmin(app, "getWorld", "get", "/_admin/world");
    expect(after.body.projects[0].organizationId).toBe(ACME_ORG);
  });

  it("loads a world file, and names the problem with a missing or broken one", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wpm-admin-"));
    const { app } = createTestApp({ timing: TEST_TIMING, worldDirs: [dir] });
    const world = (await callAdmin(app, "getWorld", "get", "/_admin/world")).body;
    world.warmPools = world.warmPools.slice(0, 1);
    writeFileSync(join(dir, "world.json"), JSON.stringify(world));
    writeFileSync(join(dir, "broken.json"), "{");
    const ok = await callAdmin(app, "loadWorld", "post", "/_admin/world/load", {
      path: join(dir, "world.json"),
    });
    expect(ok.body.warmPools).toBe(1);
    const relative = await callAdmin(app, "loadWorld", "post", "/_admin/world/load", {
      path: "world.json",
    });
    expect(relative.body.warmPools).toBe(1);
    const missing = await callAdmin(app, "loadWorld", "post", "/_admin/world/load", {
      path: join(dir, "missing.json"),
    });
    expect([missing.status, missing.body.code]).toEqual([404, "not_found"]);
    expect(missing.body.message).toMatch(/no world file .*missing\.json/);
    const broken = await callAdmin(app, "loadWorld", "post", "/_admin/world/load", {
      path: join(dir, "broken.json"),
    });
    expect([broken.status, broken.body.code]).toEqual([400, "invalid_argument"]);
    expect(broken.body.message).toMatch(/broken\.json is not JSON \(syntax error at offset 1\)/);
  });
});

describe("admin API: editing records", () => {
  it("creates a project that CreateWarmPool then accepts", async () => {
    const { app } = createTestApp({ timing: TEST_TIMING });
    const id = "11111111-2222-4333-8444-555555555555";
    const res = await callAdmin(app, "putProject", "put", `/_admin/projects/${id}`, {
      organizationId: ACME_ORG,
      name: "acme/new",
      prebuildConfiguration: {
        enabled: true,
        environmentClassIds: [STANDARD],
        timeoutSeconds: 600,
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(id);
    const created = await callRpc(app, "CreateWarmPool", {
      projectId: id,
      environmentClassId: STANDARD,
    });
    expect(created.status).toBe(200);
    expect(created.body.warmPool.spec.snapshotId).toBeUndefined(); // no prebuild yet
  });

  it("refuses a project of an unknown organization or with an unknown class", async () => {
    const { app } = createTestApp({ timing: TEST_TIMING });
    const path = "/_admin/projects/11111111-2222-4333-8444-555555555555";
    const config = { enabled: true, environmentClassIds: [STANDARD], timeoutSeconds: 600 };
    const noOrg = await callAdmin(app, "putProject", "put", path, {
      organizationId: "00000000-0000-4000-8000-000000000000",
      name: "x",
      prebuildConfiguration: config,
    });
    expect([noOrg.status, noOrg.body.code]).toEqual([400, "invalid_argument"]);
    const noClass = await callAdmin(app, "putProject", "put", path, {
      organizationId: ACME_ORG,
      name: "x",
      prebuildConfiguration: {
        ...config,
        environmentClassIds: ["00000000-0000-4000-8000-000000000000"],
      },
    });
    expect(noClass.body.message).toMatch(/environment class .* not found/);
  });

  it("disabling prebuilds deletes the project's pools (DELETING, then gone)", async () => {
    const { app, clock } = createTestApp({ timing: TEST_TIMING });
    const res = await callAdmin(
      app,
      "patchPrebuildConfiguration",
      "patch",
      `/_admin/projects/${WEB_APP}/prebuild-configuration`,
      { enabled: false },
    );
    expect(res.body.prebuildConfiguration.enabled).toBe(false);
    expect((await getPool(app)).status.phase).toBe("WARM_POOL_PHASE_DELETING");
    clock.advance(600);
    expect((await getPool(app)).code).toBe("not_found");
  });

  it("dropping a class from the configuration deletes only that class's pool", async () => {
    const { app } = createTestApp({ timing: TEST_TIMING });
    const other = await callRpc(app, "CreateWarmPool", {
      projectId: WEB_APP,
      environmentClassId: STANDARD,
    });
    await callAdmin(
      app,
      "patchPrebuildConfiguration",
      "patch",
      `/_admin/projects/${WEB_APP}/prebuild-configuration`,
      {
        environmentClassIds: [STANDARD],
      },
    );
    expect((await getPool(app)).status.phase).toBe("WARM_POOL_PHASE_DELETING");
    expect((await getPool(app, other.body.warmPool.id)).status.phase).toBe(
      "WARM_POOL_PHASE_PENDING",
    );
  });

  it("disabling an environment class degrades its pools; enabling recovers them", async () => {
    const { app } = createTestApp({ timing: TEST_TIMING });
    const path = `/_admin/environment-classes/${LARGE}`;
    const off = await callAdmin(app, "patchEnvironmentClass", "patch", path, { enabled: false });
    expect(off.body.enabled).toBe(false);
    const degraded = await getPool(app);
    expect(degraded.status).toMatchObject({
      phase: "WARM_POOL_PHASE_DEGRADED",
      failureMessage: "environment class Large is disabled",
    });
    await callAdmin(app, "patchEnvironmentClass", "patch", path, { enabled: true });
    expect((await getPool(app)).status.phase).toBe("WARM_POOL_PHASE_READY");
  });

  it("creates and replaces environment classes and runners", async () => {
    const { app } = createTestApp({ timing: TEST_TIMING });
    const runnerId = "22222222-3333-4444-8555-666666666666";
    const classId = "33333333-4444-4555-8666-777777777777";
    const runner = await callAdmin(app, "putRunner", "put", `/_admin/runners/${runnerId}`, {
      organizationId: ACME_ORG,
      name: "acme-us-west",
    });
    expect(runner.body).toEqual({ id: runnerId, organizationId: ACME_ORG, name: "acme-us-west" });
    const cls = await callAdmin(
      app,
      "putEnvironmentClass",
      "put",
      `/_admin/environment-classes/${classId}`,
      {
        runnerId,
        displayName: "Tiny",
        description: "2 cores",
        enabled: true,
      },
    );
    expect(cls.status).toBe(200);
    const world = (await callAdmin(app, "getWorld", "get", "/_admin/world")).body;
    expect(world.environmentClasses.map((c: { id: string }) => c.id)).toContain(classId);
    const noRunner = await callAdmin(
      app,
      "putEnvironmentClass",
      "put",
      `/_admin/environment-classes/${classId}`,
      {
        runnerId: "00000000-0000-4000-8000-000000000000",
        displayName: "Tiny",
        description: "2 cores",
        enabled: true,
      },
    );
    expect(noRunner.body.message).toMatch(/runner .* not found/);
  });

  it("deletes an unused environment class everywhere, but not one that pools use", async () => {
    const { app } = createTestApp({ timing: TEST_TIMING });
    const used = await callAdmin(
      app,
      "deleteEnvironmentClass",
      "delete",
      `/_admin/environment-classes/${LARGE}`,
    );
    expect([used.status, used.body.code]).toEqual([400, "failed_precondition"]);
    const unused = await callAdmin(
      app,
      "deleteEnvironmentClass",
      "delete",
      `/_admin/environment-classes/${XLARGE}`,
    );
    expect(unused.status).toBe(204);
    const world = (await callAdmin(app, "getWorld", "get", "/_admin/world")).body;
    const project = world.projects.find((p: { id: string }) => p.id === WEB_APP);
    expect(project.prebuildConfiguration.environmentClassIds).not.toContain(XLARGE);
    expect(() => parseWorld(world, "dump")).not.toThrow(); // still a loadable state file
    const missing = await callAdmin(
      app,
      "deleteEnvironmentClass",
      "delete",
      `/_admin/environment-classes/${XLARGE}`,
    );
    expect(missing.status).toBe(404);
  });
});

describe("admin API: driving the simulation", () => {
  it("degrades and recovers a runner", async () => {
    const { app } = createTestApp({ timing: TEST_TIMING });
    const down = await callAdmin(
      app,
      "degradeRunner",
      "post",
      `/_admin/runners/${ACME_RUNNER}/degrade`,
      {
        message: "cannot reach the cluster",
      },
    );
    expect(down.body.failureMessage).toBe("cannot reach the cluster");
    expect((await getPool(app)).status).toMatchObject({
      phase: "WARM_POOL_PHASE_DEGRADED",
      failureMessage: "runner acme-eu-central: cannot reach the cluster",
    });
    const up = await callAdmin(
      app,
      "recoverRunner",
      "post",
      `/_admin/runners/${ACME_RUNNER}/recover`,
    );
    expect(up.body.failureMessage).toBeUndefined();
    const pool = await getPool(app);
    expect(pool.status.phase).toBe("WARM_POOL_PHASE_READY");
    expect(pool.status.failureMessage).toBeUndefined();
    const missing = await callAdmin(
      app,
      "recoverRunner",
      "post",
      "/_admin/runners/00000000-0000-4000-8000-000000000000/recover",
    );
    expect(missing.status).toBe(404);
  });

  it("creates, completes and fails prebuilds; completion rotates the pool to the new snapshot", async () => {
    const { app, clock } = createTestApp({ timing: TEST_TIMING });
    const created = await callAdmin(app, "createPrebuild", "post", "/_admin/prebuilds", {
      projectId: WEB_APP,
      environmentClassId: LARGE,
    });
    expect(created.status).toBe(201);
    expect(created.body.phase).toBe("PREBUILD_PHASE_RUNNING");
    const before = await getPool(app);
    const done = await callAdmin(
      app,
      "completePrebuild",
      "post",
      `/_admin/prebuilds/${created.body.id}/complete`,
    );
    expect(done.body).toMatchObject({ phase: "PREBUILD_PHASE_COMPLETED", completedAt: TEST_EPOCH });
    const rotating = await getPool(app);
    expect(rotating.spec.snapshotId).toBe(created.body.id);
    expect(BigInt(rotating.spec.specVersion)).toBe(BigInt(before.spec.specVersion) + 1n);
    expect(rotating.status.phase).toBe("WARM_POOL_PHASE_PENDING");
    clock.advance(1000);
    expect((await getPool(app)).status.phase).toBe("WARM_POOL_PHASE_READY");

    const failing = await callAdmin(app, "createPrebuild", "post", "/_admin/prebuilds", {
      projectId: WEB_APP,
      environmentClassId: LARGE,
    });
    const failed = await callAdmin(
      app,
      "failPrebuild",
      "post",
      `/_admin/prebuilds/${failing.body.id}/fail`,
      {
        message: "npm ci failed",
      },
    );
    expect(failed.body).toMatchObject({
      phase: "PREBUILD_PHASE_FAILED",
      failureMessage: "npm ci failed",
    });
    // The pool has a snapshot, so a failed newer prebuild leaves it serving the old one.
    expect((await getPool(app)).status.phase).toBe("WARM_POOL_PHASE_READY");
    const dup = await callAdmin(app, "createPrebuild", "post", "/_admin/prebuilds", {
      id: failing.body.id,
      projectId: WEB_APP,
      environmentClassId: LARGE,
    });
    expect([dup.status, dup.body.code]).toEqual([409, "already_exists"]);
  });

  it("claims instances; the pool backfills from stopped ones, then by provisioning", async () => {
    const { app, clock } = createTestApp({ timing: TEST_TIMING });
    // Scale up, then down: the extra instances wait stopped.
    await callRpc(app, "UpdateWarmPool", { warmPoolId: EXISTING_POOL, minSize: 3 });
    clock.advance(1000);
    await callRpc(app, "UpdateWarmPool", { warmPoolId: EXISTING_POOL, minSize: 1 });
    const claim = (count?: number) =>
      callAdmin(
        app,
        "claimInstances",
        "post",
        `/_admin/warm-pools/${EXISTING_POOL}/claim`,
        count === undefined ? undefined : { count },
      );
    const res = await claim(1);
    expect(res.body.status).toMatchObject({ runningInstances: 0, stoppedInstances: 2 });
    clock.advance(200);
    expect((await getPool(app)).status).toMatchObject({ runningInstances: 1, stoppedInstances: 1 });
    const tooMany = await claim(5);
    expect([tooMany.status, tooMany.body.code]).toEqual([400, "failed_precondition"]);
    const noBody = await claim();
    expect(noBody.body.status.runningInstances).toBe(0); // count defaults to 1
    const missing = await callAdmin(
      app,
      "claimInstances",
      "post",
      "/_admin/warm-pools/00000000-0000-4000-8000-000000000000/claim",
    );
    expect(missing.status).toBe(404);
  });

  it("reads and advances the manual clock, by ms or to an instant, never backwards", async () => {
    const { app } = createTestApp({ timing: TEST_TIMING });
    const now = await callAdmin(app, "getClock", "get", "/_admin/clock");
    expect(now.body).toEqual({
      mode: "manual",
      scale: 1,
      now: new Date(TEST_EPOCH).toISOString(),
      nowMs: TEST_EPOCH,
    });
    const by = await callAdmin(app, "advanceClock", "post", "/_admin/clock/advance", { ms: 1500 });
    expect(by.body.nowMs).toBe(TEST_EPOCH + 1500);
    const to = await callAdmin(app, "advanceClock", "post", "/_admin/clock/advance", {
      to: "2026-01-04T00:00:00Z",
    });
    expect(to.body.nowMs).toBe(Date.UTC(2026, 0, 4));
    const back = await callAdmin(app, "advanceClock", "post", "/_admin/clock/advance", {
      to: "2026-01-01T00:00:00Z",
    });
    expect([back.status, back.body.code]).toEqual([400, "invalid_argument"]);
    const both = await callAdmin(app, "advanceClock", "post", "/_admin/clock/advance", {
      ms: 1,
      to: "2026-01-05T00:00:00Z",
    });
    expect(both.status).toBe(400);
  });

  it("cannot move an injected plain clock", async () => {
    const { app } = createTestApp({ timing: TEST_TIMING, clock: { now: () => TEST_EPOCH } });
    const res = await callAdmin(app, "advanceClock", "post", "/_admin/clock/advance", { ms: 1 });
    expect([res.status, res.body.code]).toEqual([400, "failed_precondition"]);
  });
});

describe("admin API: access and bad input", () => {
  it("answers bad input with JSON errors, never a 500", async () => {
    const { app } = createTestApp({ timing: TEST_TIMING });
    const cases: [string, () => request.Test, number, string][] = [
      [
        "not JSON",
        () => request(app).post("/_admin/faults").set("Content-Type", "application/json").send("{"),
        400,
        "invalid_argument",
      ],
      [
        "unknown field",
        () => request(app).post("/_admin/faults").send({ rpc: "*", latencyMs: 1, x: 1 }),
        400,
        "invalid_argument",
      ],
      [
        "missing body",
        () => request(app).post(`/_admin/runners/${ACME_RUNNER}/degrade`),
        400,
        "invalid_argument",
      ],
      [
        "body where none is taken",
        () => request(app).post("/_admin/reset").send({ a: 1 }),
        400,
        "invalid_argument",
      ],
      ["array body", () => request(app).put("/_admin/world").send([1]), 400, "invalid_argument"],
      ["unknown path", () => request(app).get("/_admin/nothing"), 404, "not_found"],
      ["wrong method", () => request(app).delete("/_admin/world"), 405, "unimplemented"],
      [
        "bad id",
        () => request(app).post("/_admin/prebuilds/%E0%A4%A/complete"),
        400,
        "invalid_argument",
      ],
      [
        "id that is not a UUID",
        () =>
          request(app)
            .put("/_admin/runners/not-a-uuid")
            .send({ organizationId: ACME_ORG, name: "x" }),
        400,
        "invalid_argument",
      ],
      ["bad limit", () => request(app).get("/_admin/journal?limit=-1"), 400, "invalid_argument"],
      [
        "range upside down",
        () =>
          request(app)
            .post("/_admin/faults")
            .send({ rpc: "*", latencyMs: { minMs: 5, maxMs: 1 } }),
        400,
        "invalid_argument",
      ],
      [
        "fault without effect",
        () => request(app).post("/_admin/faults").send({ rpc: "*" }),
        400,
        "invalid_argument",
      ],
    ];
    for (const [name, call, status, code] of cases) {
      const res = await call();
      expect([name, res.status, res.body.code], JSON.stringify(res.body)).toEqual([
        name,
        status,
        code,
      ]);
      expect(res.headers["content-type"]).toMatch(/^application\/json/);
    }
  });

  it("requires the admin token when one is set, and never the RPC token", async () => {
    const { app } = createTestApp({ timing: TEST_TIMING, adminToken: "s3cret" });
    const none = await request(app).get("/_admin/clock");
    expect([none.status, none.body.code]).toEqual([401, "unauthenticated"]);
    const rpcToken = await request(app)
      .get("/_admin/clock")
      .set("Authorization", "Bearer wpm_acme_alice");
    expect(rpcToken.status).toBe(401);
    const ok = await request(app).get("/_admin/clock").set("Authorization", "Bearer s3cret");
    expect(ok.status).toBe(200);
  });

  it("is absent with admin: false (--no-admin): a bare 404 like any unknown path", async () => {
    const { app } = createTestApp({ timing: TEST_TIMING, admin: false });
    const res = await request(app).post("/_admin/reset");
    expect(res.status).toBe(404);
    expect(res.text).toBe("");
  });
});
