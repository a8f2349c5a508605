// The page's services as a frontend team calls them: the protobuf descriptors over connect-web
// (JSON and binary, reads over GET), and the Stainless REST client (@gitpod/sdk: projects,
// environment classes, runners; the prebuilds methods, which the published 0.6.0 lacks, as the
// Stainless client of the API's OpenAPI spec calls them: same paths, paging in the URL query).
import { Code, type ConnectError, createClient } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-web";
import { Gitpod } from "@gitpod/sdk";
import { AbstractPage, type PageRequestOptions } from "@gitpod/sdk/pagination";
import { describe, expect, it } from "vitest";
import { ViolationsSchema } from "../../src/gen/buf/validate/validate_pb.js";
import { EnvironmentService } from "../../src/gen/gitpod/v1/environment_pb.js";
import {
  PrebuildPhase,
  PrebuildService,
  WarmPoolPhase,
} from "../../src/gen/gitpod/v1/prebuild_pb.js";
import { ProjectService } from "../../src/gen/gitpod/v1/project_pb.js";
import { RunnerConfigurationService } from "../../src/gen/gitpod/v1/runner_configuration_pb.js";
import { RunnerPhase, RunnerService } from "../../src/gen/gitpod/v1/runner_pb.js";
import { loadDefaultWorld } from "../../src/store/load-default-world.js";
import { WorldStore } from "../../src/store/world-store.js";
import { createManualClock } from "../support/create-manual-clock.js";
import { TEST_TIMING } from "../support/create-test-context.js";
import {
  ACME_ORG,
  ACME_RUNNER,
  ALICE,
  GLOBEX_PROJECT,
  LARGE,
  LEGACY_NO_PREBUILDS,
  STANDARD,
  WEB_APP,
  XLARGE,
} from "../support/fixtures.js";
import { listen, type SeenRequest } from "../support/listen.js";

const auth = { Authorization: `Bearer ${ALICE}` };

describe.each([
  { codec: "JSON", useBinaryFormat: false },
  { codec: "binary", useBinaryFormat: true },
])("connect-web clients of the page's services ($codec, reads over GET)", ({ useBinaryFormat }) => {
  const clock = createManualClock();
  const store = new WorldStore(loadDefaultWorld());
  const seen: SeenRequest[] = [];
  const ready = listen({ store, clock, timing: TEST_TIMING }, seen);
  const clients = async () => {
    const transport = createConnectTransport({
      baseUrl: await ready,
      useBinaryFormat,
      useHttpGet: true,
    });
    return {
      projects: createClient(ProjectService, transport),
      environments: createClient(EnvironmentService, transport),
      configurations: createClient(RunnerConfigurationService, transport),
      prebuilds: createClient(PrebuildService, transport),
      runners: createClient(RunnerService, transport),
    };
  };

  it("reads the project, its classes, the class list and the runner", async () => {
    const c = await clients();
    const { project } = await c.projects.getProject({ projectId: WEB_APP }, { headers: auth });
    expect(project?.metadata?.name).toBe("acme/web-app");
    expect(project?.prebuildConfiguration?.enabled).toBe(true);
    expect(project?.prebuildConfiguration?.environmentClassIds).toEqual([STANDARD, LARGE, XLARGE]);
    expect(project?.prebuildConfiguration?.timeout?.seconds).toBe(3600n);
    const offered = await c.projects.listProjectEnvironmentClasses(
      { projectId: WEB_APP },
      { headers: auth },
    );
    expect(
      offered.projectEnvironmentClasses.map((e) => [e.environmentClass.value, e.order]),
    ).toEqual([
      [STANDARD, 0],
      [LARGE, 1],
      [XLARGE, 2],
    ]);
    const listed = await c.environments.listEnvironmentClasses(
      { filter: { runnerIds: [ACME_RUNNER], enabled: true } },
      { headers: auth },
    );
    expect(listed.environmentClasses.map((e) => e.displayName).sort()).toEqual([
      "GPU",
      "Large",
      "Standard",
      "X-Large",
    ]);
    const { environmentClass } = await c.configurations.getEnvironmentClass(
      { environmentClassId: STANDARD },
      { headers: auth },
    );
    expect(environmentClass?.runnerId).toBe(ACME_RUNNER);
    const { runner } = await c.runners.getRunner({ runnerId: ACME_RUNNER }, { headers: auth });
    expect(runner?.status?.phase).toBe(RunnerPhase.ACTIVE);
    const projects = await c.projects.listProjects(
      { pagination: { pageSize: 100 }, count: { include: true } },
      { headers: auth },
    );
    expect(projects.projects.every((p) => p.metadata?.organizationId === ACME_ORG)).toBe(true);
    expect(projects.count?.value).toBe(projects.projects.length);
  });

  it("fixes a precondition with UpdateProject, then runs a prebuild the pool's snapshot follows", async () => {
    const c = await clients();
    const pair = { projectId: LEGACY_NO_PREBUILDS, environmentClassId: XLARGE };
    const refused = await c.prebuilds.createWarmPool(pair, { headers: auth }).catch((e) => e);
    expect((refused as ConnectError).code).toBe(Code.FailedPrecondition);
    await c.projects.updateProject(
      {
        projectId: LEGACY_NO_PREBUILDS,
        prebuildConfiguration: { enabled: true, environmentClassIds: [XLARGE] },
      },
      { headers: auth },
    );
    const { warmPool } = await c.prebuilds.createWarmPool(pair, { headers: auth });
    expect(warmPool?.status?.phase).toBe(WarmPoolPhase.PENDING);
    const { prebuild } = await c.prebuilds.createPrebuild(
      { projectId: LEGACY_NO_PREBUILDS, spec: { timeout: { seconds: 900n } } },
      { headers: auth },
    );
    expect(prebuild?.status?.phase).toBe(PrebuildPhase.PENDING);
    expect(prebuild?.spec?.timeout?.seconds).toBe(900n);
    clock.advance(TEST_TIMING.prebuildDelayMs);
    const done = await c.prebuilds.getPrebuild(
      { prebuildId: prebuild?.id ?? "" },
      { headers: auth },
    );
    expect(done.prebuild?.status?.phase).toBe(PrebuildPhase.COMPLETED);
    const pool = await c.prebuilds.getWarmPool(
      { warmPoolId: warmPool?.id ?? "" },
      { headers: auth },
    );
    expect(pool.warmPool?.spec?.snapshotId).toBe(prebuild?.id);
    const listed = await c.prebuilds.listPrebuilds(
      { filter: { projectIds: [LEGACY_NO_PREBUILDS], phases: [PrebuildPhase.COMPLETED] } },
      { headers: auth },
    );
    expect(listed.prebuilds.map((p) => p.id)).toEqual([prebuild?.id]);
    // Both codecs really went over the wire, and reads over GET.
    const codec = useBinaryFormat ? "application/proto" : "application/json";
    expect(seen.filter((r) => r.method === "POST").every((r) => r.contentType === codec)).toBe(
      true,
    );
    expect(seen.some((r) => r.method === "GET" && r.path.endsWith("/GetProject"))).toBe(true);
  });

  it("receives not_found for another organization's project, and the Violations detail", async () => {
    const c = await clients();
    const hidden = await c.projects
      .getProject({ projectId: GLOBEX_PROJECT }, { headers: auth })
      .catch((e: unknown) => e);
    expect((hidden as ConnectError).code).toBe(Code.NotFound);
    const invalid = await c.projects
      .updateProject({ projectId: WEB_APP, name: "" }, { headers: auth })
      .catch((e: unknown) => e);
    const [violations] = (invalid as ConnectError).findDetails(ViolationsSchema);
    expect(violations?.violations.map((v) => [v.constraintId, v.message])).toEqual([
      ["string.min_len", "value length must be at least 1 characters"],
    ]);
  });
});

/**
 * A Stainless page of prebuilds: its items under `prebuilds`, the next page asked for by the
 * same request with `?token=` (as the Stainless SDKs' pages of this API do).
 */
class PrebuildsPage<Item> extends AbstractPage<Item> {
  getPaginatedItems(): Item[] {
    return ((this.body as { prebuilds?: Item[] }).prebuilds ?? []) as Item[];
  }

  nextPageRequestOptions(): PageRequestOptions | null {
    const cursor = (this.body as { pagination?: { nextToken?: string } }).pagination?.nextToken;
    if (!cursor) return null;
    const query = (this.options.query ?? {}) as Record<string, unknown>;
    return { ...this.options, query: { ...query, token: cursor } };
  }
}

describe("the Stainless REST client (@gitpod/sdk)", () => {
  const clock = createManualClock();
  const store = new WorldStore(loadDefaultWorld());
  const seen: SeenRequest[] = [];
  const ready = listen({ store, clock, timing: TEST_TIMING }, seen);
  const sdk = async () => new Gitpod({ bearerToken: ALICE, baseURL: await ready, maxRetries: 0 });

  it("projects.retrieve, projects.list (auto-paging), environments.classes.list, runners.retrieve/list", async () => {
    const client = await sdk();
    const { project } = await client.projects.retrieve({ projectId: WEB_APP });
    expect(project?.metadata?.name).toBe("acme/web-app");
    // 0.6.0 predates the prebuild configuration in its types; the JSON carries it all the same.
    const config = (project as { prebuildConfiguration?: { environmentClassIds?: string[] } })
      .prebuildConfiguration;
    expect(config?.environmentClassIds).toEqual([STANDARD, LARGE, XLARGE]);
    const names: string[] = [];
    for await (const p of client.projects.list({ pageSize: 2 })) names.push(p.metadata?.name ?? "");
    const own = [...store.projects.values()].filter((p) => p.organizationId === ACME_ORG);
    expect(names.sort()).toEqual(own.map((p) => p.name).sort());
    const classes: string[] = [];
    for await (const c of client.environments.classes.list({ pageSize: 1 })) {
      classes.push(c.displayName ?? "");
    }
    expect(classes.sort()).toEqual(["GPU", "Large", "Standard", "X-Large"]);
    const { runner } = await client.runners.retrieve({ runnerId: ACME_RUNNER });
    expect(runner.status?.phase).toBe("RUNNER_PHASE_ACTIVE");
    const runners = await client.runners.list({});
    expect(runners.runners.map((r) => r.runnerId)).toEqual([ACME_RUNNER]);
    // The SDK pages as Stainless SDKs do: token and page size in the URL query of the POST.
    expect(seen.some((r) => r.path === "/gitpod.v1.ProjectService/ListProjects")).toBe(true);
  });

  it("prebuilds.create, retrieve and list (auto-paging by ?token=), as the Stainless client calls them", async () => {
    const client = await sdk();
    const created = await client.post<{ prebuild: { id: string; status: { phase: string } } }>(
      "/gitpod.v1.PrebuildService/CreatePrebuild",
      { body: { projectId: WEB_APP, environmentClassId: LARGE, spec: { timeout: "3600s" } } },
    );
    expect(created.prebuild.status.phase).toBe("PREBUILD_PHASE_PENDING");
    clock.advance(TEST_TIMING.prebuildDelayMs);
    const retrieved = await client.post<{ prebuild: { status: { phase: string } } }>(
      "/gitpod.v1.PrebuildService/GetPrebuild",
      { body: { prebuildId: created.prebuild.id } },
    );
    expect(retrieved.prebuild.status.phase).toBe("PREBUILD_PHASE_COMPLETED");
    const ids: string[] = [];
    for await (const p of client.getAPIList<{ id: string }, PrebuildsPage<{ id: string }>>(
      "/gitpod.v1.PrebuildService/ListPrebuilds",
      PrebuildsPage,
      { query: { pageSize: 1 }, body: { filter: { projectIds: [WEB_APP] } }, method: "post" },
    )) {
      ids.push(p.id);
    }
    expect(ids[0]).toBe(created.prebuild.id);
    expect(new Set(ids).size).toBe(ids.length);
    const onWebApp = [...store.prebuilds.values()].filter((p) => p.projectId === WEB_APP);
    expect(ids).toHaveLength(onWebApp.length);
  });

  it("raises the SDK's typed errors: NotFoundError for another organization's project", async () => {
    const client = await sdk();
    const error = await client.projects.retrieve({ projectId: GLOBEX_PROJECT }).catch((e) => e);
    expect(error).toBeInstanceOf(Gitpod.NotFoundError);
    expect(error.status).toBe(404);
  });
});
