import type { CaseContext } from "../case-context.js";
import { CaseFailure, show } from "../case-failure.js";
import type { ContractCase } from "../contract-case.js";
import type { Credential, Exchange } from "../http/api-client.js";
import { waitUntil } from "../wait-until.js";
import type { WarmPool } from "../wire-types.js";
import { unknownId } from "./pool-checks.js";

// The RPCs a warm-pool page makes around the pools, by the name the client calls them.
const GET_PROJECT = "ProjectService/GetProject";
const LIST_PROJECTS = "ProjectService/ListProjects";
const UPDATE_PROJECT = "ProjectService/UpdateProject";
const LIST_PROJECT_CLASSES = "ProjectService/ListProjectEnvironmentClasses";
const LIST_CLASSES = "EnvironmentService/ListEnvironmentClasses";
const GET_CLASS = "RunnerConfigurationService/GetEnvironmentClass";
const GET_RUNNER = "RunnerService/GetRunner";
const LIST_RUNNERS = "RunnerService/ListRunners";
const GET_PREBUILD = "PrebuildService/GetPrebuild";
const LIST_PREBUILDS = "PrebuildService/ListPrebuilds";
const CREATE_PREBUILD = "PrebuildService/CreatePrebuild";

/** The methods the page's cases call: a contract document without them skips the cases. */
export const PAGE_RPCS = [
  GET_PROJECT,
  LIST_PROJECTS,
  UPDATE_PROJECT,
  LIST_PROJECT_CLASSES,
  LIST_CLASSES,
  GET_CLASS,
  GET_RUNNER,
  LIST_RUNNERS,
  GET_PREBUILD,
  LIST_PREBUILDS,
  CREATE_PREBUILD,
].map((rpc) => rpc.slice(rpc.indexOf("/") + 1));

/** How many items a paging check compares: enough to cross several pages, few for a big org. */
const PAGED_ITEMS = 4;

type Json = Record<string, unknown>;

interface ListRpc {
  rpc: string;
  /** The response field holding the page's items. */
  items: string;
  /** The request besides paging. */
  message: (ctx: CaseContext) => Json;
  /** How an item is told apart from the others. */
  idOf: (item: Json) => string;
}

const LISTS: readonly ListRpc[] = [
  { rpc: LIST_PROJECTS, items: "projects", message: () => ({}), idOf: (p) => String(p.id) },
  {
    rpc: LIST_CLASSES,
    items: "environmentClasses",
    message: () => ({}),
    idOf: (c) => String(c.id),
  },
  { rpc: LIST_RUNNERS, items: "runners", message: () => ({}), idOf: (r) => String(r.runnerId) },
  {
    rpc: LIST_PREBUILDS,
    items: "prebuilds",
    message: (ctx) => ({ filter: { projectIds: [ctx.options.projectId] } }),
    idOf: (p) => String(p.id),
  },
];

/** The items of a successful list answer. */
function itemsOf(ctx: CaseContext, exchange: Exchange, list: ListRpc): Json[] {
  const body = ctx.expectOk<Json>(exchange, `${list.rpc} succeeds`);
  const items = body[list.items];
  return Array.isArray(items) ? (items as Json[]) : [];
}

function nextTokenOf(exchange: Exchange): string {
  const body = exchange.json as { pagination?: { nextToken?: string } } | undefined;
  return body?.pagination?.nextToken ?? "";
}

/**
 * The IDs of the first `count` items walked one per page, with paging in the body or (as
 * Stainless SDKs page) in the URL query. A token that comes back, or an item seen twice, fails.
 */
async function walkOneByOne(
  ctx: CaseContext,
  list: ListRpc,
  count: number,
  inQuery: boolean,
): Promise<string[]> {
  const seen: string[] = [];
  const tokens = new Set<string>();
  let token = "";
  while (seen.length < count) {
    const message = list.message(ctx);
    const exchange = inQuery
      ? await ctx.call(list.rpc, message, {
          query: { pageSize: "1", ...(token ? { token } : {}) },
        })
      : await ctx.call(list.rpc, {
          ...message,
          pagination: { pageSize: 1, ...(token ? { token } : {}) },
        });
    const items = itemsOf(ctx, exchange, list);
    ctx.assert(
      items.length <= 1,
      `${list.rpc} honours pageSize`,
      "at most 1 item for pageSize 1",
      `${items.length} items`,
      exchange,
    );
    for (const item of items) {
      const id = list.idOf(item);
      ctx.assert(
        !seen.includes(id),
        `${list.rpc} pages never repeat an item`,
        "each item on one page only",
        `${id} again on page ${seen.length + 1}`,
        exchange,
      );
      seen.push(id);
    }
    token = nextTokenOf(exchange);
    if (!token) break;
    ctx.assert(
      !tokens.has(token),
      `${list.rpc} pagination ends: each nextToken leads further`,
      "a new token or an empty nextToken",
      `token ${show(token)} again`,
      exchange,
    );
    tokens.add(token);
  }
  return seen;
}

/** Reads one object with another organization's token and expects not_found. */
async function expectHidden(
  ctx: CaseContext,
  rpc: string,
  message: Json,
  as: Credential,
  what: string,
): Promise<void> {
  ctx.expectError(
    await ctx.call(rpc, message, { as }),
    "not_found",
    `${what} is not_found for another organization, as a missing one is`,
  );
}

/** The prebuild configuration a project answers with. */
async function prebuildConfigurationOf(ctx: CaseContext, projectId: string): Promise<Json> {
  const body = ctx.expectOk<{ project?: { prebuildConfiguration?: Json } }>(
    await ctx.call(GET_PROJECT, { projectId }),
    "GetProject of the caller's project succeeds",
  );
  return body.project?.prebuildConfiguration ?? {};
}

/** The page around the pools: projects, classes, runners and prebuilds over the real RPCs. */
export const PAGE_CASES: readonly ContractCase[] = [
  {
    name: "page.unknown-ids-not-found",
    needs: ["page-services"],
    rule: "GetProject, GetEnvironmentClass, GetRunner, GetPrebuild and ListProjectEnvironmentClasses of an ID that names nothing answer not_found",
    async run(ctx) {
      const id = unknownId();
      for (const [rpc, message] of [
        [GET_PROJECT, { projectId: id }],
        [LIST_PROJECT_CLASSES, { projectId: id }],
        [GET_CLASS, { environmentClassId: id }],
        [GET_RUNNER, { runnerId: id }],
        [GET_PREBUILD, { prebuildId: id }],
      ] as const) {
        ctx.expectError(
          await ctx.call(rpc, message),
          "not_found",
          `${rpc} of an unknown ID is not_found`,
        );
      }
    },
  },
  {
    name: "page.foreign-objects-not-visible",
    rule: "another organization's project, environment class, runner and prebuild are not_found for it (as missing ones are), and its lists do not hold them",
    needs: ["page-services", "foreign-token"],
    async run(ctx) {
      const pool = await ctx.sharedPool();
      const { projectId, environmentClassId } = ctx.pair;
      const foreign = ctx.foreign;
      await expectHidden(ctx, GET_PROJECT, { projectId }, foreign, "the harness's project");
      await expectHidden(
        ctx,
        LIST_PROJECT_CLASSES,
        { projectId },
        foreign,
        "the project's classes",
      );
      await expectHidden(ctx, GET_CLASS, { environmentClassId }, foreign, "the harness's class");
      await expectHidden(
        ctx,
        GET_RUNNER,
        { runnerId: pool.metadata.runnerId },
        foreign,
        "its runner",
      );
      if (pool.spec.snapshotId) {
        await expectHidden(
          ctx,
          GET_PREBUILD,
          { prebuildId: pool.spec.snapshotId },
          foreign,
          "its snapshot's prebuild",
        );
      }
      for (const [rpc, field, idField, id] of [
        [LIST_PROJECTS, "projects", "id", projectId],
        [LIST_CLASSES, "environmentClasses", "id", environmentClassId],
        [LIST_RUNNERS, "runners", "runnerId", pool.metadata.runnerId],
      ] as const) {
        const exchange = await ctx.call(rpc, { filter: {} }, { as: foreign });
        const body = ctx.expectOk<Json>(exchange, `${rpc} succeeds for another organization`);
        const items = (Array.isArray(body[field]) ? body[field] : []) as Json[];
        ctx.assert(
          !items.some((item) => String(item[idField]).toLowerCase() === id.toLowerCase()),
          `${rpc} lists only the caller's organization's objects`,
          `no item ${id}`,
          items.map((item) => item[idField]),
          exchange,
        );
      }
    },
  },
  {
    name: "page.lists-page-through",
    needs: ["page-services"],
    rule: "ListProjects, ListEnvironmentClasses, ListRunners and ListPrebuilds page one item at a time without repeating or skipping one, with paging in the body or in the URL query, in the order of a bigger page",
    async run(ctx) {
      for (const list of LISTS) {
        const whole = itemsOf(
          ctx,
          await ctx.call(list.rpc, { ...list.message(ctx), pagination: { pageSize: PAGED_ITEMS } }),
          list,
        ).map(list.idOf);
        for (const inQuery of [false, true]) {
          const walked = await walkOneByOne(ctx, list, whole.length, inQuery);
          ctx.assert(
            JSON.stringify(walked) === JSON.stringify(whole),
            `${list.rpc} pages of 1 hold the items of a page of ${PAGED_ITEMS}, in its order${inQuery ? " (token and pageSize in the URL query)" : ""}`,
            JSON.stringify(whole),
            walked,
          );
        }
      }
    },
  },
  {
    name: "page.configured-class-listed-by-name",
    needs: ["page-services"],
    rule: "the harness's class is in its project's prebuild configuration, and ListEnvironmentClasses and GetEnvironmentClass give it a display name and its runner",
    async run(ctx) {
      const { projectId, environmentClassId } = ctx.pair;
      const config = await prebuildConfigurationOf(ctx, projectId);
      const ids = (
        Array.isArray(config.environmentClassIds) ? config.environmentClassIds : []
      ) as string[];
      ctx.assert(
        config.enabled === true &&
          ids.some((id) => id.toLowerCase() === environmentClassId.toLowerCase()),
        "GetProject shows prebuilds enabled for the class a warm pool is created for",
        `enabled, with ${environmentClassId} among environmentClassIds`,
        config,
      );
      const exchange = await ctx.call(GET_CLASS, { environmentClassId });
      const { environmentClass } = ctx.expectOk<{ environmentClass: Json }>(
        exchange,
        "GetEnvironmentClass of the harness's class succeeds",
      );
      const pool = await ctx.sharedPool();
      ctx.assert(
        typeof environmentClass.displayName === "string" &&
          String(environmentClass.runnerId).toLowerCase() === pool.metadata.runnerId.toLowerCase(),
        "an environment class has a display name and is on the runner of its pools",
        `a displayName, runnerId ${pool.metadata.runnerId}`,
        environmentClass,
        exchange,
      );
    },
  },
  {
    name: "page.snapshot-is-a-prebuild",
    needs: ["page-services"],
    rule: "a warm pool's spec.snapshotId is a COMPLETED prebuild of the pool's project and class that GetPrebuild returns",
    async run(ctx) {
      const shared = await ctx.sharedPool();
      const snapshotted = await waitUntil(async () => {
        const { pool } = await ctx.getPool(shared.id);
        return pool?.spec.snapshotId ? pool : undefined;
      }, ctx.options.waitTimeoutMs);
      if (!snapshotted) {
        throw new CaseFailure(
          "a pool whose pair has a completed prebuild warms its snapshot",
          `spec.snapshotId within ${ctx.options.waitTimeoutMs} ms (--wait-timeout)`,
          "no snapshotId",
          ctx.lastExchange,
        );
      }
      const exchange = await ctx.call(GET_PREBUILD, { prebuildId: snapshotted.spec.snapshotId });
      const { prebuild } = ctx.expectOk<{
        prebuild: { metadata: Json; status: Json };
      }>(exchange, "GetPrebuild of a pool's snapshot succeeds");
      const same = (a: unknown, b: string) => String(a).toLowerCase() === b.toLowerCase();
      ctx.assert(
        same(prebuild.metadata.projectId, snapshotted.metadata.projectId) &&
          same(prebuild.metadata.environmentClassId, snapshotted.metadata.environmentClassId) &&
          same(prebuild.metadata.organizationId, snapshotted.metadata.organizationId) &&
          prebuild.status.phase === "PREBUILD_PHASE_COMPLETED",
        "a pool's snapshot is a completed prebuild of its project and class",
        "PREBUILD_PHASE_COMPLETED, same organization, project and class as the pool",
        { metadata: prebuild.metadata, phase: prebuild.status.phase },
        exchange,
      );
    },
  },
  {
    name: "page.update-project-lifts-precondition",
    rule: "CreateWarmPool on a project with prebuilds disabled is failed_precondition until UpdateProject enables prebuilds for the class; then it succeeds (the project's configuration is put back afterwards)",
    needs: ["page-services", "disabled-project"],
    async run(ctx) {
      const pair = ctx.disabledProjectPair;
      const original = await prebuildConfigurationOf(ctx, pair.projectId);
      ctx.expectError(
        await ctx.call("CreateWarmPool", pair),
        "failed_precondition",
        "CreateWarmPool on a project with prebuilds disabled is failed_precondition",
      );
      const enabled = {
        ...original,
        enabled: true,
        environmentClassIds: [pair.environmentClassId],
      };
      try {
        const updated = ctx.expectOk<{ project: { prebuildConfiguration?: Json } }>(
          await ctx.call(UPDATE_PROJECT, {
            projectId: pair.projectId,
            prebuildConfiguration: enabled,
          }),
          "UpdateProject with a prebuild configuration succeeds",
        );
        const config = updated.project.prebuildConfiguration ?? {};
        ctx.assert(
          config.enabled === true &&
            JSON.stringify(config.environmentClassIds) ===
              JSON.stringify([pair.environmentClassId]),
          "UpdateProject answers the project with the configuration it was given",
          JSON.stringify({ enabled: true, environmentClassIds: [pair.environmentClassId] }),
          config,
        );
        const created = await ctx.createPool(
          { ...pair, minSize: 0, maxSize: 1 },
          "CreateWarmPool succeeds once UpdateProject enabled prebuilds for the class",
        );
        await removePool(ctx, created);
      } finally {
        await ctx.call(UPDATE_PROJECT, {
          projectId: pair.projectId,
          prebuildConfiguration: original,
        });
      }
      const restored = await prebuildConfigurationOf(ctx, pair.projectId);
      ctx.assert(
        restored.enabled !== true,
        "UpdateProject puts the configuration back",
        JSON.stringify(original),
        restored,
      );
    },
  },
  {
    name: "page.create-prebuild-refused-before-starting",
    needs: ["page-services"],
    rule: "CreatePrebuild without a spec, or with a spec.timeout outside 300s..7200s, is invalid_argument naming the field and the rule, and of a project that names nothing not_found: none of them starts a prebuild",
    async run(ctx) {
      const { projectId, environmentClassId } = ctx.pair;
      for (const [message, field, ruleId] of [
        [{ projectId, environmentClassId }, "spec", "required"],
        [
          { projectId, environmentClassId, spec: { timeout: "299s" } },
          "spec.timeout",
          "duration.gte_lte",
        ],
        [
          { projectId, environmentClassId, spec: { timeout: "7201s" } },
          "spec.timeout",
          "duration.gte_lte",
        ],
      ] as const) {
        const exchange = await ctx.call(CREATE_PREBUILD, message);
        const what = `CreatePrebuild ${JSON.stringify(message)}`;
        const error = ctx.expectError(exchange, "invalid_argument", `${what} is invalid_argument`);
        ctx.assert(
          (error.message ?? "").includes(`${field}: `) &&
            (error.message ?? "").includes(`[${ruleId}]`),
          `${what} names the field and the rule, as protovalidate does`,
          `"${field}: …" … "[${ruleId}]"`,
          error.message,
          exchange,
        );
      }
      ctx.expectError(
        await ctx.call(CREATE_PREBUILD, { projectId: unknownId(), spec: {} }),
        "not_found",
        "CreatePrebuild of a project that names nothing is not_found",
      );
    },
  },
];

// The pool a case made on the disabled project is deleted (putting the project's configuration
// back would delete it on the API anyway); the run's cleanup waits for it to go, so a target
// whose deletions go wrong fails the case that checks deletion, not this one.
async function removePool(ctx: CaseContext, pool: WarmPool): Promise<void> {
  const exchange = await ctx.deletePool(pool.id);
  ctx.expectOk(exchange, "DeleteWarmPool of the case's own pool succeeds");
}
