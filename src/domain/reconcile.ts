import type { DomainContext } from "./domain-context.js";
import type { WarmPool } from "./world.js";

/**
 * Schedules the next transition of one pool, then applies every transition that is due by
 * now, each stamped with the time it was due (not the time it was noticed), so what a
 * caller sees does not depend on when it asks.
 */
export function reconcile(ctx: DomainContext, changed?: WarmPool): void {
  if (changed) schedule(ctx, changed);
  const now = ctx.clock.now();
  for (const pool of ctx.store.duePools()) {
    if (pool.dueAt === undefined || pool.dueAt > now) break;
    advance(ctx, pool, pool.dueAt);
  }
}

function schedule(ctx: DomainContext, pool: WarmPool): void {
  const { spec, status } = pool;
  if (spec.desiredPhase === "WARM_POOL_PHASE_DELETING") {
    pool.dueAt ??= pool.updatedAt + ctx.timing.deleteDelayMs;
  } else if (status.phase === "WARM_POOL_PHASE_PENDING" && spec.snapshotId) {
    pool.dueAt ??= pool.updatedAt + ctx.timing.readyDelayMs;
  } else {
    delete pool.dueAt;
  }
  ctx.store.markDue(pool);
}

function advance(ctx: DomainContext, pool: WarmPool, at: number): void {
  delete pool.dueAt;
  if (pool.spec.desiredPhase === "WARM_POOL_PHASE_DELETING") {
    ctx.store.removePool(pool);
    return;
  }
  if (pool.status.phase === "WARM_POOL_PHASE_PENDING" && pool.spec.snapshotId) {
    pool.status.phase = "WARM_POOL_PHASE_READY";
    pool.status.runningInstances = pool.status.desiredSize;
    pool.status.version += 1;
    pool.updatedAt = at;
  }
  schedule(ctx, pool);
}
