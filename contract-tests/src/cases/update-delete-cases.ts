import type { ContractCase } from "../contract-case.js";
import type { WarmPool, WarmPoolResponse } from "../wire-types.js";
import {
  compareVersions,
  expectSamePool,
  expectSizes,
  expectTargetWithinBounds,
  identityOf,
} from "./pool-checks.js";

const DELETING = "WARM_POOL_PHASE_DELETING";

/** UpdateWarmPool and DeleteWarmPool: partial updates, versions, asynchronous deletion. */
export const UPDATE_DELETE_CASES: readonly ContractCase[] = [
  {
    name: "update.changes-only-sent-fields",
    rule: "UpdateWarmPool changes only the fields present in the request",
    async run(ctx) {
      const pool = await ctx.createPool({ ...ctx.pair, minSize: 1, maxSize: 3 });
      const call = async (message: Record<string, unknown>) =>
        ctx.expectOk<WarmPoolResponse>(
          await ctx.call("UpdateWarmPool", { warmPoolId: pool.id, ...message }),
          "UpdateWarmPool succeeds",
        ).warmPool;
      const check = "fields absent from UpdateWarmPool keep their values";
      const widened = await call({ maxSize: 5 });
      expectSizes(ctx, widened, 1, 5, `${check} (minSize after {maxSize: 5})`);
      const raised = await call({ minSize: 2 });
      expectSizes(ctx, raised, 2, 5, `${check} (maxSize after {minSize: 2})`);
      expectSamePool(
        ctx,
        raised,
        pool,
        "UpdateWarmPool leaves the pool's identity and metadata alone",
      );
      ctx.assert(
        Date.parse(raised.metadata.updatedAt) >= Date.parse(pool.metadata.updatedAt),
        "metadata.updatedAt never goes back",
        `>= ${pool.metadata.updatedAt}`,
        raised.metadata.updatedAt,
      );
      const { pool: read } = await ctx.getPool(pool.id);
      expectSizes(ctx, read, 2, 5, "GetWarmPool returns the updated sizes");
      if (read) expectTargetWithinBounds(ctx, read);
    },
  },
  {
    name: "update.increments-spec-version",
    rule: "every spec change increments spec.specVersion",
    async run(ctx) {
      const pool = await ctx.createPool({ ...ctx.pair, minSize: 1, maxSize: 2 });
      let previous = pool.spec.specVersion;
      for (const maxSize of [4, 6]) {
        const exchange = await ctx.call("UpdateWarmPool", { warmPoolId: pool.id, maxSize });
        const updated = ctx.expectOk<WarmPoolResponse>(
          exchange,
          "UpdateWarmPool succeeds",
        ).warmPool;
        ctx.assert(
          compareVersions(updated.spec.specVersion, previous) > 0,
          "UpdateWarmPool that changes the spec increments spec.specVersion",
          `specVersion > ${previous}`,
          updated.spec.specVersion,
          exchange,
        );
        const { pool: read } = await ctx.getPool(pool.id);
        ctx.assert(
          read?.spec.specVersion === updated.spec.specVersion,
          "GetWarmPool returns the specVersion UpdateWarmPool answered",
          updated.spec.specVersion,
          read?.spec.specVersion,
        );
        previous = updated.spec.specVersion;
      }
    },
  },
  {
    name: "update.migrates-desired-size",
    rule: "UpdateWarmPool with the deprecated desiredSize sets minSize = maxSize = desiredSize",
    async run(ctx) {
      const pool = await ctx.createPool({ ...ctx.pair, minSize: 1, maxSize: 2 });
      const exchange = await ctx.call("UpdateWarmPool", { warmPoolId: pool.id, desiredSize: 4 });
      const updated = ctx.expectOk<WarmPoolResponse>(exchange, "UpdateWarmPool succeeds").warmPool;
      expectSizes(ctx, updated, 4, 4, "desiredSize 4 gives minSize 4 and maxSize 4");
    },
  },
  {
    name: "delete.marks-deleting-or-gone",
    rule: "DeleteWarmPool answers {} and the pool is then DELETING or gone",
    async run(ctx) {
      const pool = await ctx.createPool({ ...ctx.pair });
      const exchange = await ctx.deletePool(pool.id);
      ctx.expectOk(exchange, "DeleteWarmPool of an existing pool succeeds");
      const { pool: read, exchange: got } = await ctx.getPool(pool.id);
      if (!read) return;
      expectSamePool(ctx, read, pool, "GetWarmPool of a deleting pool returns that pool", got);
      ctx.assert(
        read.spec.desiredPhase === DELETING || read.status.phase === DELETING,
        "right after DeleteWarmPool the pool is marked for deletion",
        `spec.desiredPhase or status.phase ${DELETING} (or not_found)`,
        { desiredPhase: read.spec.desiredPhase, phase: read.status.phase },
        got,
      );
    },
  },
  {
    name: "delete.get-after-delete",
    rule: "after DeleteWarmPool the pool drains, then GetWarmPool answers not_found and ListWarmPools omits it",
    async run(ctx) {
      const pool = await ctx.createPool({ ...ctx.pair });
      ctx.expectOk(await ctx.deletePool(pool.id), "DeleteWarmPool of an existing pool succeeds");
      await ctx.waitGone(pool.id);
      const { pools } = await ctx.listAll();
      ctx.assert(
        !pools.some((p) => p.id === pool.id),
        "ListWarmPools omits a deleted pool",
        `no ${pool.id}`,
        pools.map(identityOf),
      );
      const again = await ctx.call("DeleteWarmPool", { warmPoolId: pool.id });
      ctx.expectError(again, "not_found", "DeleteWarmPool of a pool that is gone is not_found");
      const recreated = await ctx.createPool(
        { ...ctx.pair },
        "once the pool is gone its pair is free again",
      );
      ctx.assert(
        recreated.id !== pool.id,
        "a re-created pool is a new pool",
        `an ID other than ${pool.id}`,
        recreated.id,
      );
    },
  },
];

/** The phases a pool shows over its life. */
export const LIFECYCLE_CASES: readonly ContractCase[] = [
  {
    name: "lifecycle.phases-are-defined",
    rule: "status.phase and spec.desiredPhase are always defined WarmPoolPhase names, and status.phase is never UNSPECIFIED",
    async run(ctx) {
      const phases = ctx.validator.enumAt("GetWarmPool", 200, ["warmPool", "status", "phase"]);
      const seen: WarmPool[] = [];
      const pool = await ctx.createPool({ ...ctx.pair });
      seen.push(pool);
      const { pool: read } = await ctx.getPool(pool.id);
      if (read) seen.push(read);
      const updated = await ctx.call("UpdateWarmPool", { warmPoolId: pool.id, maxSize: 2 });
      seen.push(ctx.expectOk<WarmPoolResponse>(updated, "UpdateWarmPool succeeds").warmPool);
      ctx.expectOk(await ctx.deletePool(pool.id), "DeleteWarmPool succeeds");
      const { pool: deleting } = await ctx.getPool(pool.id);
      if (deleting) seen.push(deleting);
      for (const p of seen) {
        const { phase } = p.status;
        const { desiredPhase } = p.spec;
        ctx.assert(
          phases.includes(phase) &&
            phases.includes(desiredPhase) &&
            phase !== "WARM_POOL_PHASE_UNSPECIFIED",
          "phases are defined WarmPoolPhase names",
          `one of ${phases.filter((n) => !n.endsWith("UNSPECIFIED")).join(", ")}`,
          { phase, desiredPhase },
        );
      }
    },
  },
];
