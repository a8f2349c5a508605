import { ConnectError } from "../errors/connect-error.js";
import type { Principal, WarmPool } from "../store/world.js";
import { changeSpec } from "./change-pool.js";
import type { DomainContext } from "./domain-context.js";
import { findVisiblePool } from "./find-visible-pool.js";
import { reconcile } from "./reconcile.js";
import type { UpdateWarmPoolRequest } from "./requests.js";
import { resolveSizes } from "./resolve-sizes.js";

/** Changes only the size fields present in the request; every change bumps `specVersion`. */
export function updateWarmPool(
  ctx: DomainContext,
  principal: Principal,
  request: UpdateWarmPoolRequest,
): WarmPool {
  const pool = findVisiblePool(ctx, principal, request.warmPoolId);
  if (pool.spec.desiredPhase === "WARM_POOL_PHASE_DELETING") {
    throw new ConnectError("failed_precondition", `warm pool ${pool.id} is being deleted`);
  }
  const { minSize, maxSize } = resolveSizes(request, pool.spec);
  // Explicit bounds supersede the deprecated single size, which would otherwise go stale.
  const explicitBounds = request.minSize !== undefined || request.maxSize !== undefined;
  const desiredSize = request.desiredSize ?? (explicitBounds ? 0 : pool.spec.desiredSize);
  // The status (the autoscaler's target, instances) follows in reconcile.
  changeSpec(ctx.store, pool, { minSize, maxSize, desiredSize }, ctx.clock.now());
  reconcile(ctx, [pool]);
  return pool;
}
