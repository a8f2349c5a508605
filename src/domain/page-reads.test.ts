// The page's reads on the default world: what each organization sees, filters, and paging.
import { describe, expect, it } from "vitest";
import { createTestContext } from "../../test/support/create-test-context.js";
import {
  ACME_RUNNER,
  GLOBEX_CLASS,
  GLOBEX_PROJECT,
  GPU,
  LARGE,
  LEGACY_NO_PREBUILDS,
  ML_NO_SNAPSHOT,
  STANDARD,
  STANDARD_SNAPSHOT,
  WEB_APP,
  XLARGE,
} from "../../test/support/fixtures.js";
import { getEnvironmentClass } from "./get-environment-class.js";
import { getPrebuild } from "./get-prebuild.js";
import { getProject } from "./get-project.js";
import { getRunner } from "./get-runner.js";
import { listEnvironmentClasses } from "./list-environment-classes.js";
import { listPrebuilds } from "./list-prebuilds.js";
import { listProjectEnvironmentClasses } from "./list-project-environment-classes.js";
import { listProjects } from "./list-projects.js";
import { listRunners } from "./list-runners.js";
import { putEnvironmentClass } from "./put-environment-class.js";
import { setRunnerFailure } from "./set-runner-failure.js";
import { startPrebuild } from "./start-prebuild.js";

type Ctx = ReturnType<typeof createTestContext>;
const alice = (ctx: Ctx) => ctx.store.defaultPrincipal;
const bob = (ctx: Ctx) => {
  const principal = ctx.store.principalFor("wpm_globex_bob");
  if (!principal) throw new Error("no Bob");
  return principal;
};
const ids = (items: readonly { id: string }[]) => items.map((i) => i.id);
const sorted = (values: string[]) => [...values].sort();

describe("the page's reads see one organization", () => {
  it("answer not_found for another organization's object, as for a missing one", () => {
    const ctx = createTestContext();
    const missing = "00000000-0000-4000-8000-00000000dead";
    for (const id of [GLOBEX_PROJECT, missing]) {
      expect(() => getProject(ctx, alice(ctx), { projectId: id })).toThrow(
        `project ${id} not found`,
      );
    }
    for (const id of [GLOBEX_CLASS, missing]) {
      expect(() => getEnvironmentClass(ctx, alice(ctx), { environmentClassId: id })).toThrow(
        `environment class ${id} not found`,
      );
    }
    expect(() => getRunner(ctx, bob(ctx), { runnerId: ACME_RUNNER })).toThrow("not found");
    expect(() => getPrebuild(ctx, bob(ctx), { prebuildId: STANDARD_SNAPSHOT })).toThrow(
      "not found",
    );
    expect(getPrebuild(ctx, alice(ctx), { prebuildId: STANDARD_SNAPSHOT.toUpperCase() }).id).toBe(
      STANDARD_SNAPSHOT,
    );
  });

  it("list only the caller's organization's objects", () => {
    const ctx = createTestContext();
    const acmeProjects = [...ctx.store.projects.values()].filter(
      (p) => p.organizationId === alice(ctx).organizationId,
    );
    expect(acmeProjects.map((p) => p.id)).toEqual(
      expect.arrayContaining([WEB_APP, LEGACY_NO_PREBUILDS, ML_NO_SNAPSHOT]),
    );
    expect(ids(listProjects(ctx, alice(ctx), { pagination: { pageSize: 100 } }).items)).toEqual(
      sorted(ids(acmeProjects)),
    );
    expect(ids(listProjects(ctx, bob(ctx), {}).items)).toEqual([GLOBEX_PROJECT]);
    expect(sorted(ids(listEnvironmentClasses(ctx, alice(ctx), {}).items))).toEqual(
      sorted([STANDARD, LARGE, XLARGE, GPU]),
    );
    expect(ids(listEnvironmentClasses(ctx, bob(ctx), {}).items)).toEqual([GLOBEX_CLASS]);
    expect(ids(listRunners(ctx, alice(ctx), {}).items)).toEqual([ACME_RUNNER]);
    const bobsPrebuilds = listPrebuilds(ctx, bob(ctx), {}).items;
    expect(bobsPrebuilds.map((p) => p.projectId)).toEqual([GLOBEX_PROJECT]);
    // Naming another organization's IDs in a filter finds nothing rather than leaking them.
    expect(
      listProjects(ctx, alice(ctx), { filter: { projectIds: [GLOBEX_PROJECT] } }).items,
    ).toEqual([]);
  });
});

describe("listProjects", () => {
  it("searches names and IDs without regard to case, and counts the matches", () => {
    const ctx = createTestContext();
    const page = listProjects(ctx, alice(ctx), {
      filter: { search: "WEB" },
      count: { include: true },
    });
    expect(ids(page.items)).toEqual([WEB_APP]);
    expect(page.count).toBe(1);
    expect(ids(listProjects(ctx, alice(ctx), { filter: { search: "4A5B6C7D" } }).items)).toEqual([
      ML_NO_SNAPSHOT,
    ]);
  });

  it("sorts by ID either way and pages without repeating, and refuses other sort fields", () => {
    const ctx = createTestContext();
    const all = sorted(
      [...ctx.store.projects.values()]
        .filter((p) => p.organizationId === alice(ctx).organizationId)
        .map((p) => p.id),
    );
    const walk = (order?: "SORT_ORDER_DESC") => {
      const seen: string[] = [];
      let token: string | undefined;
      do {
        const page = listProjects(ctx, alice(ctx), {
          pagination: { pageSize: 2, token },
          sort: { field: "id", order },
        });
        seen.push(...ids(page.items));
        token = page.nextToken || undefined;
      } while (token);
      return seen;
    };
    expect(walk()).toEqual(all);
    expect(walk("SORT_ORDER_DESC")).toEqual([...all].reverse());
    expect(() => listProjects(ctx, alice(ctx), { sort: { field: "name" } })).toThrow(
      expect.objectContaining({ code: "invalid_argument" }),
    );
  });

  it("filters by the runners of the project's classes; unmodelled filters match nothing", () => {
    const ctx = createTestContext();
    const withClasses = [...ctx.store.projects.values()].filter(
      (p) =>
        p.organizationId === alice(ctx).organizationId &&
        p.prebuildConfiguration.environmentClassIds.length > 0,
    );
    expect(
      listProjects(ctx, alice(ctx), { filter: { runnerIds: [ACME_RUNNER] } }).items,
    ).toHaveLength(withClasses.length);
    expect(
      listProjects(ctx, alice(ctx), { filter: { runnerKinds: ["RUNNER_KIND_LOCAL"] } }).items,
    ).toEqual([]);
    expect(
      listProjects(ctx, alice(ctx), { filter: { specRemoteUris: ["https://github.com/acme/web"] } })
        .items,
    ).toEqual([]);
  });
});

describe("listProjectEnvironmentClasses", () => {
  it("lists the classes of the project's prebuild configuration in their order", () => {
    const ctx = createTestContext();
    const first = listProjectEnvironmentClasses(ctx, alice(ctx), {
      projectId: WEB_APP,
      pagination: { pageSize: 2 },
    });
    expect(first.items).toEqual([
      { environmentClassId: STANDARD, order: 0 },
      { environmentClassId: LARGE, order: 1 },
    ]);
    const rest = listProjectEnvironmentClasses(ctx, alice(ctx), {
      projectId: WEB_APP,
      pagination: { token: first.nextToken },
    });
    expect(rest).toEqual({ items: [{ environmentClassId: XLARGE, order: 2 }], nextToken: "" });
  });
});

describe("listEnvironmentClasses", () => {
  it("filters on enabled and on whether environments can start, which a failing runner stops", () => {
    const ctx = createTestContext();
    const large = ctx.store.environmentClasses.get(LARGE);
    if (!large) throw new Error("no Large");
    putEnvironmentClass(ctx, { ...large, enabled: false });
    expect(
      ids(listEnvironmentClasses(ctx, alice(ctx), { filter: { enabled: false } }).items),
    ).toEqual([LARGE]);
    expect(
      listEnvironmentClasses(ctx, alice(ctx), { filter: { canCreateEnvironments: true } }).items,
    ).toHaveLength(3);
    setRunnerFailure(ctx, ACME_RUNNER, "cannot reach the cluster");
    expect(
      listEnvironmentClasses(ctx, alice(ctx), { filter: { canCreateEnvironments: true } }).items,
    ).toEqual([]);
    expect(
      listEnvironmentClasses(ctx, alice(ctx), {
        filter: { runnerProviders: ["RUNNER_PROVIDER_AWS_EC2"], runnerKinds: [99] },
      }).items,
    ).toEqual([]);
  });
});

describe("listPrebuilds", () => {
  it("lists newest first, filtered by project, phase, trigger and creator", () => {
    const ctx = createTestContext();
    ctx.clock.advance(1);
    const started = startPrebuild(ctx, alice(ctx), { projectId: WEB_APP, spec: {} });
    const all = listPrebuilds(ctx, alice(ctx), {}).items;
    expect(all[0]?.id).toBe(started.id);
    expect(all.map((p) => p.createdAt)).toEqual(
      [...all.map((p) => p.createdAt)].sort((a, b) => b - a),
    );
    const userId = alice(ctx).userId;
    for (const filter of [
      { triggeredBy: ["PREBUILD_TRIGGER_MANUAL" as const] },
      { creatorIds: [userId.toUpperCase()] },
      { executorIds: [userId] },
      { phases: ["PREBUILD_PHASE_PENDING" as const], projectIds: [WEB_APP] },
    ]) {
      expect(ids(listPrebuilds(ctx, alice(ctx), { filter }).items), JSON.stringify(filter)).toEqual(
        [started.id],
      );
    }
    expect(
      listPrebuilds(ctx, alice(ctx), { filter: { phases: ["PREBUILD_PHASE_RUNNING"] } }).items.map(
        (p) => p.projectId,
      ),
    ).toEqual([ML_NO_SNAPSHOT]);
  });

  it("pages without repeating or skipping a prebuild, while new ones start", () => {
    const ctx = createTestContext();
    const first = listPrebuilds(ctx, alice(ctx), { pagination: { pageSize: 2 } });
    // A newer prebuild starts between the pages: it sorts before the token, so it is not met.
    ctx.clock.advance(1);
    startPrebuild(ctx, alice(ctx), { projectId: WEB_APP, spec: {} });
    const second = listPrebuilds(ctx, alice(ctx), { pagination: { token: first.nextToken } });
    const seen = [...ids(first.items), ...ids(second.items)];
    expect(new Set(seen).size).toBe(seen.length);
    // Every prebuild that existed before the walk, the new one excepted.
    expect(seen).toHaveLength(
      listPrebuilds(ctx, alice(ctx), { pagination: { pageSize: 100 } }).items.length - 1,
    );
  });
});
