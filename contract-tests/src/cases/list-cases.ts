import type { CaseContext } from "../case-context.js";
import type { ContractCase } from "../contract-case.js";
import type { WarmPool } from "../wire-types.js";
import { expectSamePool, unknownId } from "./pool-checks.js";

const ids = (pools: readonly WarmPool[]) => pools.map((p) => p.id);

/** Checks that a walk with small pages visits every stable pool exactly once. */
async function expectCompleteWalk(ctx: CaseContext, pagingInQuery: boolean): Promise<void> {
  const first = await ctx.createPool({ ...ctx.pair });
  const own = [first];
  if (ctx.has("second-class")) own.push(await ctx.createPool({ ...ctx.secondPair }));
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

/** ListWarmPools: contents, filters, organization scope and pagination. */
export const LIST_CASES: readonly ContractCase[] = [
  {
    name: "list.contains-created-pool",
    rule: "ListWarmPools lists a created pool, as GetWarmPool returns it",
    async run(ctx) {
      const created = await ctx.createPool({ ...ctx.pair });
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
      const created = await ctx.createPool({ ...ctx.pair });
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
      const created = await ctx.createPool({ ...ctx.pair });
      const { pools } = await ctx.listAll({ filter: { projectIds: [ctx.pair.projectId] } });
      ctx.assert(
        ids(pools).includes(created.id),
        "the project filter keeps the project's pools",
        created.id,
        ids(pools),
      );
      const strays = pools.filter(
        (p) => p.metadata.projectId.toLowerCase() !== ctx.pair.projectId.toLowerCase(),
      );
      ctx.assert(
        strays.length === 0,
        "the project filter drops other projects' pools",
        `only project ${ctx.pair.projectId}`,
        ids(strays),
      );
      const other = await ctx.listAll({ filter: { projectIds: [unknownId()] } });
      ctx.assert(
        other.pools.length === 0,
        "a filter on a project without pools lists nothing",
        "no pools",
        ids(other.pools),
      );
    },
  },
  {
    name: "list.filter-environment-class",
    rule: "ListWarmPools filter.environmentClassIds returns only pools of those classes",
    async run(ctx) {
      const created = await ctx.createPool({ ...ctx.pair });
      const second = ctx.has("second-class")
        ? await ctx.createPool({ ...ctx.secondPair })
        : undefined;
      const { pools } = await ctx.listAll({
        filter: { environmentClassIds: [ctx.pair.environmentClassId] },
      });
      ctx.assert(
        ids(pools).includes(created.id),
        "the class filter keeps the class's pools",
        created.id,
        ids(pools),
      );
      const strays = pools.filter(
        (p) =>
          p.metadata.environmentClassId.toLowerCase() !== ctx.pair.environmentClassId.toLowerCase(),
      );
      ctx.assert(
        strays.length === 0,
        "the class filter drops other classes' pools",
        `only class ${ctx.pair.environmentClassId}`,
        ids(strays),
      );
      if (second)
        ctx.assert(
          !ids(pools).includes(second.id),
          "the class filter drops the pool of the second class",
          `not ${second.id}`,
          ids(pools),
        );
      const other = await ctx.listAll({ filter: { environmentClassIds: [unknownId()] } });
      ctx.assert(
        other.pools.length === 0,
        "a filter on a class without pools lists nothing",
        "no pools",
        ids(other.pools),
      );
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
