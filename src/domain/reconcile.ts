import type { PoolStep, WarmPool } from "../store/world.js";
import { changeStatus, setInstancesSnapshot } from "./change-pool.js";
import type { DomainContext } from "./domain-context.js";
import { findPoolFailure } from "./find-pool-failure.js";
import { movePrebuild } from "./move-prebuild.js";
import {
  planPoolStep,
  settleHealthyStatus,
  stepDelayMs,
  warmedSnapshotOf,
} from "./plan-pool-step.js";
import { planPrebuildStep } from "./plan-prebuild-step.js";
import { chooseDesiredSize } from "./resolve-sizes.js";

/**
 * Brings the simulation up to the clock's now. First the pools that just changed settle at
 * once (failures, scale-down, rotation start) and get their next step scheduled; then every
 * step due by now runs, each stamped with the time it was due (not the time it was noticed),
 * so what a caller sees does not depend on when it asks. Simulated prebuilds move through
 * their phases in the same timeline; one that completes moves its pool to the new snapshot at
 * the instant it completed. With a manual clock nothing moves until the clock does.
 */
export function reconcile(ctx: DomainContext, changed: Iterable<WarmPool> = []): void {
  const now = ctx.clock.now();
  for (const pool of changed) {
    if (ctx.store.getPool(pool.id) === pool) settle(ctx, pool, now);
  }
  for (;;) {
    const prebuild = ctx.store.nextDuePrebuild();
    const pool = ctx.store.nextDuePool();
    const poolDue = pool?.dueAt ?? Number.POSITIVE_INFINITY;
    // A prebuild step goes first at the same instant: the pool then settles on its outcome.
    if (prebuild?.dueAt !== undefined && prebuild.dueAt <= now && prebuild.dueAt <= poolDue) {
      const at = prebuild.dueAt;
      const step = planPrebuildStep(prebuild, ctx.timing);
      if (!step) {
        // Only the schedule, which no reader is shown (as a pool's): not a change to log.
        prebuild.dueAt = undefined;
        ctx.store.markPrebuildDue(prebuild);
        continue;
      }
      const moved = movePrebuild(ctx, prebuild, step.phase, at, { simulated: true });
      if (moved && ctx.store.getPool(moved.id) === moved) settle(ctx, moved, at);
      continue;
    }
    if (!pool || pool.dueAt === undefined || pool.dueAt > now) break;
    const at = pool.dueAt;
    const step = pool.step;
    pool.dueAt = undefined;
    pool.step = undefined;
    ctx.store.markDue(pool);
    if (step) runStep(ctx, pool, step, at);
    if (ctx.store.getPool(pool.id) === pool) settle(ctx, pool, at, step);
  }
}

function settle(ctx: DomainContext, pool: WarmPool, at: number, previous?: PoolStep): void {
  const { spec } = pool;
  const failure = findPoolFailure(ctx.store, pool);
  const desiredSize = chooseDesiredSize(spec.minSize, spec.maxSize);
  if (spec.desiredPhase === "WARM_POOL_PHASE_DELETING") {
    changeStatus(ctx.store, pool, { phase: "WARM_POOL_PHASE_DELETING", failureMessage: "" }, at);
  } else if (failure) {
    changeStatus(
      ctx.store,
      pool,
      { desiredSize, phase: "WARM_POOL_PHASE_DEGRADED", failureMessage: failure },
      at,
    );
  } else {
    changeStatus(ctx.store, pool, settleHealthyStatus(pool, desiredSize), at);
  }
  const step = planPoolStep(pool, failure);
  if (!step) {
    pool.step = undefined;
    pool.dueAt = undefined;
  } else if (step !== pool.step || pool.dueAt === undefined) {
    pool.step = step;
    pool.dueAt = at + stepDelayMs(ctx.timing, step, previous);
  }
  ctx.store.markDue(pool);
}

function runStep(ctx: DomainContext, pool: WarmPool, step: PoolStep, at: number): void {
  // A step planned before a change that the change made moot is dropped; settle plans anew.
  if (planPoolStep(pool, findPoolFailure(ctx.store, pool)) !== step) return;
  const { status } = pool;
  switch (step) {
    case "start": {
      const started = Math.min(
        status.desiredSize - status.runningInstances,
        status.stoppedInstances,
      );
      changeStatus(
        ctx.store,
        pool,
        {
          runningInstances: status.runningInstances + started,
          stoppedInstances: status.stoppedInstances - started,
        },
        at,
      );
      return;
    }
    case "provision": {
      // Rotation replaces every instance; otherwise the stopped ones stay for later backfill.
      const rotated = warmedSnapshotOf(pool) !== pool.spec.snapshotId;
      setInstancesSnapshot(ctx.store, pool, pool.spec.snapshotId);
      changeStatus(
        ctx.store,
        pool,
        {
          phase: "WARM_POOL_PHASE_READY",
          runningInstances: status.desiredSize,
          ...(rotated ? { stoppedInstances: 0 } : {}),
        },
        at,
      );
      return;
    }
    case "drain":
      changeStatus(ctx.store, pool, { runningInstances: 0, stoppedInstances: 0 }, at);
      return;
    case "remove":
      ctx.store.removePool(pool);
      return;
  }
}
