import { ConnectError } from "../errors/connect-error.js";
import type { WarmPool } from "../store/world.js";
import { changeStatus } from "./change-pool.js";
import type { DomainContext } from "./domain-context.js";
import { reconcile } from "./reconcile.js";

/**
 * Takes running instances out of a pool, as environment starts do; the reconciler then
 * backfills from stopped instances and, after those, from new provisioning.
 */
export function claimInstances(ctx: DomainContext, poolId: string, count: number): WarmPool {
  const pool = ctx.store.getPool(poolId.toLowerCase());
  if (!pool) throw new ConnectError("not_found", `warm pool ${poolId} not found`);
  const { phase, runningInstances } = pool.status;
  if (phase === "WARM_POOL_PHASE_DELETING" || phase === "WARM_POOL_PHASE_DEGRADED") {
    throw new ConnectError(
      "failed_precondition",
      `warm pool ${pool.id} is ${phase}: nothing to claim`,
    );
  }
  if (count > runningInstances) {
    throw new ConnectError(
      "failed_precondition",
      `warm pool ${pool.id} has ${runningInstances} running instance(s); cannot claim ${count}`,
    );
  }
  changeStatus(ctx.store, pool, { runningInstances: runningInstances - count }, ctx.clock.now());
  reconcile(ctx, [pool]);
  return pool;
}
