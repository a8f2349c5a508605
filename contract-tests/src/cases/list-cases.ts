import type { CaseContext, WalkResult } from "../case-context.js";
import type { ContractCase } from "../contract-case.js";
import type { WarmPool } from "../wire-types.js";
import { expectSamePool, unknownId } from "./pool-checks.js";

const ids = (pools: readonly WarmPool[]) => pools.map((p) => p.id);

/** Checks that a walk with small pages visits every stable pool exactly once. */
async function expectCompleteWalk(ctx: CaseContext, pagingInQuery: boolean): Promise<void> {
  const first = await ctx.sharedPool();
  const own = [first];
  if (ctx.has("second-class")) own.push(await ctx.sharedPool(ctx.secondPair));
  const before = await ctx.listAll();
  const walk = await ctx.listAll({ pageSize: 1, pagingInQuery });
  const after = await ctx.listAll();
  const how = pagingInQuery ? "with ?pageSize=1&token= in the URL" : "with pagination.pageSize 1";

  const oversized = walk.pages.findIndex((page) => page.length > 1);
  ctx.assert(
    oversized < 0,
    `a walk ${how} returns at most one pool per page`,
    "pages of 0 or 1 pools",
    walk.pages[oversized]?.length,
  );
  const seen = new Map<string, number>();
  walk.pages.forEach((page, index) => {
    for (const pool of page) {
      const earlier = seen.get(pool.id);
      ctx.assert(
        earlier === undefined,
        `a walk ${how} visits every pool exactly once`,
        `pool ${pool.id} once`,
        `on page ${earlier === undefined ? "?" : earlier + 1} and again on page ${index + 1}`,
      );
      seen.set(pool.id, index);
    }
  });
  const afterIds = new Set(ids(after.pools));
  // Pools present before and after the walk must be in it; others may come and go meanwhile.
  const stable = ids(before.pools).filter((id) => afterIds.has(id));
  const missed = stable.filter((id) => !seen.has(id));
  ctx.assert(
    missed.length === 0,
    `a walk ${how} visits every pool exactly once`,
    `all ${stable.length} pools listed with the default page size`,
    `missing ${missed.join(", ")}`,
  );
  for (const pool of own) {
    ctx.assert(
      seen.has(pool.id),
      `a walk ${how} includes the pools just created`,
      pool.id,
      ids(walk.pools),
    );
  }
}

const FILTERED_FIELD = {
  projectIds: "projectId",
  environmentClassIds: "environmentClassId",
} as const;

/**
 * Lists with one filter on the created pool's value: the pool must be kept and every other
 * pool match; a filter on an unknown ID must list nothing. Returns the filtered walk.
 */
async function expectFilterKeepsOnly(
  ctx: CaseContext,
  filter: keyof typeof FILTERED_FIELD,
  created: WarmPool,
): Promise<WalkResult> {
  const field = FILTERED_FIELD[filter];
  const value = created.metadata[field];
  const walk = await ctx.listAll({ filter: { [filter]: [value] } });
  ctx.assert(
    ids(walk.pools).includes(created.id),
    `the ${filter} filter keeps matching pools`,
    created.id,
    ids(walk.pools),
  );
  const strays = walk.pools.filter((p) => p.metadata[field].toLowerCase() !== value.toLowerCase());
  ctx.assert(
    strays.length === 0,
    `the ${filter} filter drops pools that do not match`,
    `only ${field} ${value}`,
    ids(strays),
  );
  const other = await ctx.listAll({ filter: { [filter]: [unknownId()] } });
  ctx.assert(
    other.pools.length === 0,
    `a ${filter} filter on an ID without pools lists nothing`,
    "no pools",
    ids(other.pools),
  );
  return walk;
}

/** ListWarmPools: contents, filters, organization scope and pagination. */
export const LIST_CASES: readonly ContractCase[] = [
  {
    name: "list.contains-created-pool",
    rule: "ListWarmPools lists a created pool, as GetWarmPool returns it",
    async run(ctx) {
      const created = await ctx.sharedPool();
      const { pools } = await ctx.listAll();
      const listed = pools.find((p) => p.id === created.id);
      ctx.assert(
        listed !== undefined,
        "ListWarmPools contains the created pool",
        created.id,
        ids(pools),
      );
      if (listed)
        expectSamePool(ctx, listed, created, "the listed pool has the created pool's metadata");
    },
  },
  {
    name: "list.only-own-organization",
    rule: "ListWarmPools returns only pools of the caller's organization",
    async run(ctx) {
      const created = await ctx.sharedPool();
      const { pools } = await ctx.listAll();
      const foreign = pools.filter(
        (p) => p.metadata.organizationId !== created.metadata.organizationId,
      );
      ctx.assert(
        foreign.length === 0,
        "every listed pool belongs to the caller's organization",
        `organizationId ${created.metadata.organizationId} on every pool`,
        foreign.map((p) => `${p.id} of ${p.metadata.organizationId}`),
      );
    },
  },
  {
    name: "list.filter-project",
    rule: "ListWarmPools filter.projectIds returns only pools of those projects",
    async run(ctx) {
      const created = await ctx.sharedPool();
      await expectFilterKeepsOnly(ctx, "projectIds", created);
    },
  },
  {
    name: "list.filter-environment-class",
    rule: "ListWarmPools filter.environmentClassIds returns only pools of those classes",
    async run(ctx) {
      const created = await ctx.sharedPool();
      const second = ctx.has("second-class") ? await ctx.sharedPool(ctx.secondPair) : undefined;
      const { pools } = await expectFilterKeepsOnly(ctx, "environmentClassIds", created);
      if (second) {
        ctx.assert(
          !ids(pools).includes(second.id),
          "the class filter drops the pool of the second class",
          `not ${second.id}`,
          ids(pools),
        );
      }
      const both = await ctx.listAll({
        filter: {
          projectIds: [ctx.pair.projectId],
          environmentClassIds: [ctx.pair.environmentClassId],
        },
      });
      ctx.assert(
        ids(both.pools).join() === created.id,
        "project and class filters together select the one pool of the pair",
        created.id,
        ids(both.pools),
      );
    },
  },
  {
    name: "list.pagination-page-size-one",
    rule: "a ListWarmPools walk with page size 1 visits every pool exactly once",
    async run(ctx) {
      await expectCompleteWalk(ctx, false);
    },
  },
  {
    name: "list.pagination-query-parameters",
    rule: "token and pageSize in the URL query (as Stainless SDKs page) are honoured like the body's",
    async run(ctx) {
      await expectCompleteWalk(ctx, true);
    },
  },
];
