import type { CaseContext } from "../case-context.js";
import type { Capability, ContractCase } from "../contract-case.js";
import type { PoolPair, WarmPoolResponse } from "../wire-types.js";
import {
  expectRecentTimestamp,
  expectSamePool,
  expectSizes,
  expectSpecUnchanged,
  expectTargetWithinBounds,
  unknownId,
} from "./pool-checks.js";

/**
 * CreateWarmPool on a pair the project's prebuild configuration rules out. A target that
 * creates the pool anyway answers 200; the tracker then owns the pool and deletes it.
 */
function failedPreconditionCase(
  name: string,
  rule: string,
  need: Capability,
  pair: (ctx: CaseContext) => PoolPair,
  check: string,
): ContractCase {
  return {
    name: `create.${name}`,
    rule,
    needs: [need],
    async run(ctx) {
      const exchange = await ctx.call("CreateWarmPool", { ...pair(ctx), minSize: 1, maxSize: 2 });
      ctx.expectError(exchange, "failed_precondition", check);
    },
  };
}

/** CreateWarmPool: what a new pool looks like, and the rules creation enforces. */
export const CREATE_CASES: readonly ContractCase[] = [
  {
    name: "create.echoes-request",
    rule: "CreateWarmPool returns the new pool: its project and class, a UUID, the owning organization and the class's runner, sane timestamps, and min/max as requested",
    async run(ctx) {
      const pool = await ctx.createPool({ ...ctx.pair, minSize: 1, maxSize: 3 });
      const { metadata, spec, status } = pool;
      const check = "the created pool echoes the request";
      ctx.assert(
        metadata.projectId.toLowerCase() === ctx.pair.projectId.toLowerCase(),
        check,
        `projectId ${ctx.pair.projectId}`,
        metadata.projectId,
      );
      ctx.assert(
        metadata.environmentClassId.toLowerCase() === ctx.pair.environmentClassId.toLowerCase(),
        check,
        `environmentClassId ${ctx.pair.environmentClassId}`,
        metadata.environmentClassId,
      );
      ctx.assert(
        typeof metadata.organizationId === "string" && metadata.organizationId !== "",
        "metadata.organizationId is the project's organization",
        "a UUID",
        metadata.organizationId,
      );
      ctx.assert(
        typeof metadata.runnerId === "string" && metadata.runnerId !== "",
        "metadata.runnerId is derived from the environment class",
        "a UUID",
        metadata.runnerId,
      );
      expectSizes(ctx, pool, 1, 3, "spec.minSize and spec.maxSize are as requested");
      expectTargetWithinBounds(ctx, pool);
      const created = expectRecentTimestamp(ctx, metadata.createdAt, "metadata.createdAt");
      const updated = expectRecentTimestamp(ctx, metadata.updatedAt, "metadata.updatedAt");
      ctx.assert(
        updated >= created,
        "metadata.updatedAt >= metadata.createdAt",
        `updatedAt >= ${metadata.createdAt}`,
        metadata.updatedAt,
      );
      ctx.assert(
        BigInt(spec.specVersion) >= 1n,
        "a new pool's spec.specVersion is at least 1",
        "specVersion >= 1",
        spec.specVersion,
      );
      ctx.assert(
        status.phase !== "WARM_POOL_PHASE_UNSPECIFIED" &&
          spec.desiredPhase !== "WARM_POOL_PHASE_UNSPECIFIED",
        "a new pool has a phase and a desired phase",
        "phases other than WARM_POOL_PHASE_UNSPECIFIED",
        { phase: status.phase, desiredPhase: spec.desiredPhase },
      );
    },
  },
  {
    name: "create.migrates-desired-size",
    rule: "the deprecated desiredSize means minSize = maxSize = desiredSize",
    async run(ctx) {
      const pool = await ctx.createPool({ ...ctx.pair, desiredSize: 3 });
      expectSizes(
        ctx,
        pool,
        3,
        3,
        "CreateWarmPool with desiredSize 3 gives minSize 3 and maxSize 3",
      );
    },
  },
  {
    name: "create.min-size-zero",
    rule: "minSize may be 0 (full scale-down) and, having presence, is written even when 0",
    async run(ctx) {
      const pool = await ctx.createPool({ ...ctx.pair, minSize: 0, maxSize: 2 });
      expectSizes(ctx, pool, 0, 2, "CreateWarmPool with minSize 0 keeps it, and writes minSize: 0");
    },
  },
  {
    name: "create.sizes-when-omitted",
    rule: "a pool created without sizes still has bounds with 1 <= maxSize and minSize <= maxSize",
    async run(ctx) {
      const pool = await ctx.createPool({ ...ctx.pair });
      const { minSize, maxSize } = pool.spec;
      ctx.assert(
        minSize !== undefined && maxSize !== undefined && maxSize >= 1 && minSize <= maxSize,
        "omitted sizes default to valid bounds",
        "minSize <= maxSize, maxSize >= 1, both present",
        { minSize, maxSize },
      );
    },
  },
  {
    name: "create.one-pool-per-pair",
    rule: "uniqueness is per pair: the same project with another environment class gets its own pool",
    needs: ["second-class"],
    async run(ctx) {
      const first = await ctx.createPool({ ...ctx.pair });
      const second = await ctx.createPool({ ...ctx.secondPair });
      ctx.assert(
        second.id !== first.id,
        "pools of different pairs are different pools",
        "two IDs",
        second.id,
      );
      ctx.assert(
        second.metadata.environmentClassId.toLowerCase() ===
          ctx.secondPair.environmentClassId.toLowerCase(),
        "the second pool belongs to the second class",
        ctx.secondPair.environmentClassId,
        second.metadata.environmentClassId,
      );
      const { pool } = await ctx.getPool(first.id);
      ctx.assert(
        pool !== undefined,
        "creating a pool on another pair leaves the first in place",
        "the first pool",
        pool,
      );
    },
  },
  {
    name: "create.unknown-project-not-found",
    rule: "the project must exist and be visible to the caller: otherwise not_found",
    async run(ctx) {
      const exchange = await ctx.call("CreateWarmPool", {
        projectId: unknownId(),
        environmentClassId: ctx.pair.environmentClassId,
      });
      ctx.expectError(
        exchange,
        "not_found",
        "CreateWarmPool for a project that does not exist is not_found",
      );
    },
  },
  failedPreconditionCase(
    "prebuilds-disabled-failed-precondition",
    "the project must have prebuilds enabled: CreateWarmPool on a project with prebuilds disabled is failed_precondition and creates nothing",
    "disabled-project",
    (ctx) => ctx.disabledProjectPair,
    "CreateWarmPool on a project with prebuilds disabled is failed_precondition",
  ),
  failedPreconditionCase(
    "unconfigured-class-failed-precondition",
    "the environment class must be in the project's prebuild configuration: otherwise CreateWarmPool is failed_precondition and creates nothing",
    "unconfigured-class",
    (ctx) => ctx.unconfiguredPair,
    "CreateWarmPool with a class outside the project's prebuild configuration is failed_precondition",
  ),
  {
    name: "get.returns-created-pool",
    rule: "GetWarmPool after CreateWarmPool returns the same pool",
    async run(ctx) {
      const created = await ctx.createPool({ ...ctx.pair, minSize: 1, maxSize: 2 });
      const exchange = await ctx.call("GetWarmPool", { warmPoolId: created.id });
      const pool = ctx.expectOk<WarmPoolResponse>(
        exchange,
        "GetWarmPool of a created pool succeeds",
      ).warmPool;
      expectSamePool(
        ctx,
        pool,
        created,
        "GetWarmPool returns the created pool's ID and metadata",
        exchange,
      );
      ctx.assert(
        pool.spec.minSize === 1 &&
          pool.spec.maxSize === 2 &&
          pool.spec.specVersion === created.spec.specVersion,
        "GetWarmPool returns the created pool's spec",
        JSON.stringify({ minSize: 1, maxSize: 2, specVersion: created.spec.specVersion }),
        pool.spec,
        exchange,
      );
    },
  },
  {
    name: "create.duplicate-already-exists",
    rule: "one warm pool per <project, environment class>: a second CreateWarmPool for the pair is already_exists and changes nothing",
    async run(ctx) {
      const pool = await ctx.sharedPool();
      const again = await ctx.call("CreateWarmPool", { ...ctx.pair, minSize: 4, maxSize: 5 });
      ctx.expectError(again, "already_exists", "a second pool for the same pair is already_exists");
      await expectSpecUnchanged(
        ctx,
        pool,
        "the rejected duplicate leaves the existing pool unchanged",
      );
    },
  },
];
