// The RPCs a warm-pool page makes around the pools, over HTTP: what each answers, and that
// every answer agrees with the warm-pool RPCs and with /_admin at every moment.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadWorldFile } from "../../src/adapters/node/load-world-file.js";
import { findPackageRoot } from "../../src/package-root.js";
import { loadDefaultWorld } from "../../src/store/load-default-world.js";
import { callAdmin } from "../support/admin-client.js";
import { callRpc } from "../support/call-rpc.js";
import { createTestApp } from "../support/create-test-app.js";
import { TEST_TIMING } from "../support/create-test-context.js";
import {
  ACME_ORG,
  ACME_RUNNER,
  ALICE,
  BOB,
  EXISTING_POOL,
  GLOBEX_PROJECT,
  GPU,
  LARGE,
  LEGACY_NO_PREBUILDS,
  ML_NO_SNAPSHOT,
  STANDARD,
  WEB_APP,
  XLARGE,
} from "../support/fixtures.js";

describe("GetProject", () => {
  it("answers the project with its prebuild configuration, classes and nothing it does not model", async () => {
    const { app } = createTestApp();
    const res = await callRpc(app, "GetProject", { projectId: WEB_APP.toUpperCase() });
    expect(res.body).toEqual({
      project: {
        id: WEB_APP,
        metadata: { organizationId: ACME_ORG, name: "acme/web-app" },
        environmentClass: { environmentClassId: STANDARD },
        prebuildConfiguration: {
          enabled: true,
          environmentClassIds: [STANDARD, LARGE, XLARGE],
          timeout: "3600s",
        },
        desiredPhase: "PROJECT_PHASE_ACTIVE",
        environmentClasses: [
          { environmentClassId: STANDARD },
          { environmentClassId: LARGE, order: 1 },
          { environmentClassId: XLARGE, order: 2 },
        ],
      },
    });
  });

  it("refuses a project ID left out as protovalidate does: the empty value is no UUID", async () => {
    const { app } = createTestApp();
    const res = await callRpc(app, "GetProject", {});
    expect(res.code).toBe("invalid_argument");
    expect(res.body.message).toBe(
      "validation error:\n - project_id: value is empty, which is not a valid UUID [string.uuid_empty]",
    );
  });

  it("is served over Connect GET, as every side-effect-free RPC", async () => {
    const { app } = createTestApp();
    const message = encodeURIComponent(JSON.stringify({ projectId: GLOBEX_PROJECT }));
    const { default: request } = await import("supertest");
    const got = await request(app)
      .get(`/gitpod.v1.ProjectService/GetProject?encoding=json&message=${message}`)
      .set("Authorization", `Bearer ${BOB}`);
    expect(got.status).toBe(200);
    expect(got.body.project.metadata.name).toBe("globex/billing");
  });
});

describe("UpdateProject", () => {
  it("lifts CreateWarmPool's failed_precondition, as a page fixing its own precondition would", async () => {
    const { app } = createTestApp();
    const pair = { projectId: LEGACY_NO_PREBUILDS, environmentClassId: XLARGE };
    expect((await callRpc(app, "CreateWarmPool", pair)).code).toBe("failed_precondition");
    const updated = await callRpc(app, "UpdateProject", {
      projectId: LEGACY_NO_PREBUILDS,
      prebuildConfiguration: { enabled: true, environmentClassIds: [STANDARD, XLARGE] },
    });
    expect(updated.body.project.prebuildConfiguration).toEqual({
      enabled: true,
      environmentClassIds: [STANDARD, XLARGE],
      timeout: "3600s",
    });
    expect((await callRpc(app, "CreateWarmPool", pair)).code).toBe("ok");
    // The read answers what the write applied.
    const read = await callRpc(app, "GetProject", { projectId: LEGACY_NO_PREBUILDS });
    expect(read.body.project).toEqual(updated.body.project);
  });

  it("deletes the pools a new configuration leaves out, which the warm-pool RPCs then show", async () => {
    const { app } = createTestApp();
    await callRpc(app, "UpdateProject", {
      projectId: WEB_APP,
      prebuildConfiguration: { enabled: false, environmentClassIds: [LARGE] },
    });
    const pool = await callRpc(app, "GetWarmPool", { warmPoolId: EXISTING_POOL });
    expect(pool.body.warmPool.spec.desiredPhase).toBe("WARM_POOL_PHASE_DELETING");
  });

  it("refuses a field the world does not model with unimplemented (HTTP 501), naming it", async () => {
    const { app, store } = createTestApp();
    const before = JSON.stringify(store.snapshot());
    const res = await callRpc(app, "UpdateProject", {
      projectId: WEB_APP,
      prebuildConfiguration: { enabled: true, trigger: { dailySchedule: { hourUtc: 2 } } },
    });
    expect(res.status).toBe(501);
    expect(res.body).toEqual({
      code: "unimplemented",
      message:
        "warm-pool-mock does not model prebuild_configuration.trigger of UpdateProjectRequest; leave it out",
    });
    expect(JSON.stringify(store.snapshot())).toBe(before);
  });

  it("validates before it refuses: an out-of-range timeout is invalid_argument with its rule", async () => {
    const { app } = createTestApp();
    const res = await callRpc(app, "UpdateProject", {
      projectId: WEB_APP,
      devcontainerFilePath: "/.devcontainer.json",
      prebuildConfiguration: { timeout: "299.5s" },
    });
    expect(res.body.message).toBe(
      [
        "validation error:",
        " - devcontainer_file_path: path must not be absolute (start with a /) [relative_path]",
        " - prebuild_configuration.timeout: value must be greater than or equal to 300s and less than or equal to 7200s [duration.gte_lte]",
      ].join("\n"),
    );
  });
});

describe("CreatePrebuild and GetPrebuild", () => {
  it("run a prebuild on the simulated clock; when it completes the pool's snapshot is it", async () => {
    const { app, clock } = createTestApp({ timing: TEST_TIMING });
    const pool = await callRpc(app, "CreateWarmPool", {
      projectId: WEB_APP,
      environmentClassId: XLARGE,
    });
    const poolId = pool.body.warmPool.id;
    const started = await callRpc(app, "CreatePrebuild", {
      projectId: WEB_APP,
      environmentClassId: XLARGE,
      spec: { timeout: "900s", desiredPhase: "PREBUILD_PHASE_CANCELLED", specVersion: "7" },
    });
    const prebuild = started.body.prebuild;
    expect(prebuild.metadata).toMatchObject({
      organizationId: ACME_ORG,
      projectId: WEB_APP,
      environmentClassId: XLARGE,
      triggeredBy: "PREBUILD_TRIGGER_MANUAL",
      creator: { principal: "PRINCIPAL_USER" },
    });
    // The server's own spec fields are the server's: the request's are ignored.
    expect(prebuild.spec).toEqual({
      specVersion: "1",
      desiredPhase: "PREBUILD_PHASE_COMPLETED",
      timeout: "900s",
    });
    expect(prebuild.status).toEqual({ phase: "PREBUILD_PHASE_PENDING", statusVersion: "1" });
    const phases: string[] = [];
    for (const step of [1000, 1000, 1000]) {
      clock.advance(step);
      const got = await callRpc(app, "GetPrebuild", { prebuildId: prebuild.id });
      phases.push(got.body.prebuild.status.phase);
    }
    expect(phases).toEqual([
      "PREBUILD_PHASE_RUNNING",
      "PREBUILD_PHASE_SNAPSHOTTING",
      "PREBUILD_PHASE_COMPLETED",
    ]);
    const rotated = await callRpc(app, "GetWarmPool", { warmPoolId: poolId });
    expect(rotated.body.warmPool.spec.snapshotId).toBe(prebuild.id);
    expect(rotated.body.warmPool.status.phase).toBe("WARM_POOL_PHASE_PENDING");
    // ListPrebuilds shows it first, completed.
    const listed = await callRpc(app, "ListPrebuilds", { filter: { projectIds: [WEB_APP] } });
    expect(listed.body.prebuilds[0]).toMatchObject({
      id: prebuild.id,
      status: { phase: "PREBUILD_PHASE_COMPLETED", statusVersion: "4" },
    });
  });

  it("fails the prebuild a fault rule's failPrebuild names; a pool without a snapshot degrades", async () => {
    const { app, clock } = createTestApp({ timing: TEST_TIMING });
    const rule = await callAdmin(app, "addFault", "post", "/_admin/faults", {
      rpc: "CreatePrebuild",
      failPrebuild: "npm ci exited with 1",
      times: 1,
    });
    expect(rule.status).toBe(201);
    const pool = await callRpc(app, "CreateWarmPool", {
      projectId: ML_NO_SNAPSHOT,
      environmentClassId: GPU,
    });
    const started = await callRpc(app, "CreatePrebuild", { projectId: ML_NO_SNAPSHOT, spec: {} });
    expect(started.code).toBe("ok");
    clock.advance(2000);
    const failed = await callRpc(app, "GetPrebuild", { prebuildId: started.body.prebuild.id });
    expect(failed.body.prebuild.status).toMatchObject({
      phase: "PREBUILD_PHASE_FAILED",
      failureMessage: "npm ci exited with 1",
    });
    const degraded = await callRpc(app, "GetWarmPool", { warmPoolId: pool.body.warmPool.id });
    expect(degraded.body.warmPool.status.phase).toBe("WARM_POOL_PHASE_DEGRADED");
    // The rule acted once: the next prebuild completes, and the pool gets its first snapshot.
    const next = await callRpc(app, "CreatePrebuild", { projectId: ML_NO_SNAPSHOT, spec: {} });
    clock.advance(3000);
    const done = await callRpc(app, "GetPrebuild", { prebuildId: next.body.prebuild.id });
    expect(done.body.prebuild.status.phase).toBe("PREBUILD_PHASE_COMPLETED");
    const journal = await callAdmin(app, "getJournal", "get", "/_admin/journal?rpc=CreatePrebuild");
    expect(journal.body.entries[0]).toMatchObject({ status: 200, forcedBy: "fault-1" });
  });

  it("refuses failPrebuild on another RPC than CreatePrebuild", async () => {
    const { app } = createTestApp();
    const res = await callAdmin(app, "addFault", "post", "/_admin/faults", {
      rpc: "GetPrebuild",
      failPrebuild: "x",
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/failPrebuild acts on the prebuilds CreatePrebuild starts/);
  });
});

describe("classes and runners follow /_admin", () => {
  it("a class disabled through /_admin shows disabled in ListEnvironmentClasses, and its pool DEGRADED", async () => {
    const { app } = createTestApp();
    await callAdmin(app, "patchEnvironmentClass", "patch", `/_admin/environment-classes/${LARGE}`, {
      enabled: false,
    });
    const listed = await callRpc(app, "ListEnvironmentClasses", { filter: { enabled: false } });
    expect(listed.body.environmentClasses).toEqual([
      {
        id: LARGE,
        displayName: "Large",
        description: "8 vCPU, 32 GiB memory, 120 GiB disk",
        runnerId: ACME_RUNNER,
      },
    ]);
    const got = await callRpc(app, "GetEnvironmentClass", { environmentClassId: LARGE });
    expect(got.body.environmentClass.enabled).toBeUndefined();
    const pool = await callRpc(app, "GetWarmPool", { warmPoolId: EXISTING_POOL });
    expect(pool.body.warmPool.status.phase).toBe("WARM_POOL_PHASE_DEGRADED");
  });

  it("a runner failed through /_admin shows DEGRADED in GetRunner with why, and its pools DEGRADED", async () => {
    const { app } = createTestApp();
    await callAdmin(app, "degradeRunner", "post", `/_admin/runners/${ACME_RUNNER}/degrade`, {
      message: "cannot reach the cluster",
    });
    const runner = await callRpc(app, "GetRunner", { runnerId: ACME_RUNNER });
    expect(runner.body.runner).toEqual({
      runnerId: ACME_RUNNER,
      name: "acme-eu-central",
      spec: { desiredPhase: "RUNNER_PHASE_ACTIVE" },
      status: {
        phase: "RUNNER_PHASE_DEGRADED",
        message: "cannot reach the cluster",
        capabilities: ["RUNNER_CAPABILITY_WARM_POOL"],
      },
      kind: "RUNNER_KIND_REMOTE",
      provider: "RUNNER_PROVIDER_AWS_EC2",
    });
    const pool = await callRpc(app, "GetWarmPool", { warmPoolId: EXISTING_POOL });
    expect(pool.body.warmPool.status.failureMessage).toBe(
      "runner acme-eu-central: cannot reach the cluster",
    );
    await callAdmin(app, "recoverRunner", "post", `/_admin/runners/${ACME_RUNNER}/recover`);
    const healthy = await callRpc(app, "GetRunner", { runnerId: ACME_RUNNER });
    expect(healthy.body.runner.status.phase).toBe("RUNNER_PHASE_ACTIVE");
  });
});

describe("lists page as Stainless SDKs page", () => {
  it("ListProjects reads token and pageSize from the URL query, and counts", async () => {
    const { app, store } = createTestApp();
    const own = [...store.projects.values()].filter((p) => p.organizationId === ACME_ORG);
    const seen: string[] = [];
    let token = "";
    do {
      const query = `pageSize=2${token ? `&token=${encodeURIComponent(token)}` : ""}`;
      const page = await callRpc(app, "ListProjects", { count: { include: true } }, { query });
      expect(page.body.count).toEqual({
        value: own.length,
        relation: "COUNT_RESPONSE_RELATION_EQ",
      });
      seen.push(...page.body.projects.map((p: { id: string }) => p.id));
      token = page.body.pagination.nextToken ?? "";
    } while (token);
    expect(seen).toEqual(own.map((p) => p.id).sort());
  });

  it("leaves nextToken out on the last page, and refuses a page token of another list", async () => {
    const { app } = createTestApp();
    const page = await callRpc(app, "ListRunners", {}, { query: "pageSize=1", token: ALICE });
    expect(page.body).toMatchObject({ pagination: {}, runners: [{ runnerId: ACME_RUNNER }] });
    const projects = await callRpc(app, "ListProjects", { pagination: { pageSize: 1 } });
    const misused = await callRpc(app, "ListPrebuilds", {
      pagination: { token: projects.body.pagination.nextToken },
    });
    expect(misused.code).toBe("invalid_argument");
  });
});

describe("every pool's snapshot is a prebuild GetPrebuild returns", () => {
  const worlds = {
    default: loadDefaultWorld(),
    "every-phase": loadWorldFile(
      join(findPackageRoot(), "fixtures", "scenarios", "worlds", "every-phase.json"),
    ),
  };
  it.each(Object.entries(worlds))("in the %s world", async (_name, world) => {
    const { app } = createTestApp({ world });
    let checked = 0;
    for (const principal of world.principals) {
      const pools = await callRpc(
        app,
        "ListWarmPools",
        { pagination: { pageSize: 100 } },
        { token: principal.token },
      );
      for (const pool of pools.body.warmPools ?? []) {
        if (!pool.spec.snapshotId) continue;
        const got = await callRpc(
          app,
          "GetPrebuild",
          { prebuildId: pool.spec.snapshotId },
          { token: principal.token },
        );
        expect(got.body.prebuild, pool.id).toMatchObject({
          id: pool.spec.snapshotId,
          metadata: {
            organizationId: pool.metadata.organizationId,
            projectId: pool.metadata.projectId,
            environmentClassId: pool.metadata.environmentClassId,
          },
          status: { phase: "PREBUILD_PHASE_COMPLETED" },
        });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(2);
  });
});
