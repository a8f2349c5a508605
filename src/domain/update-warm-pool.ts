import { ConnectError } from "../protocol/connect-error.js";
import type { DomainContext } from "./domain-context.js";
import { findVisiblePool } from "./find-visible-pool.js";
import { reconcile } from "./reconcile.js";
import type { UpdateWarmPoolRequest } from "./requests.js";
import { chooseDesiredSize, resolveSizes } from "./resolve-sizes.js";
import type { Principal, WarmPool } from "./world.js";

// Field number of max_size in UpdateWarmPoolRequest.
const MAX_SIZE_FIELD = 4;

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
  const { minSize, maxSize } = resolveSizes(request, MAX_SIZE_FIELD, pool.spec);
  // Explicit bounds supersede the deprecated single size, which would otherwise go stale.
  const explicitBounds = request.minSize !== undefined || request.maxSize !== undefined;
  const desiredSize = request.desiredSize ?? (explicitBounds ? 0 : pool.spec.desiredSize);
  const { spec, status } = pool;
  const now = ctx.clock.now();
  if (minSize !== spec.minSize || maxSize !== spec.maxSize || desiredSize !== spec.desiredSize) {
    spec.minSize = minSize;
    spec.maxSize = maxSize;
    spec.desiredSize = desiredSize;
    spec.version += 1;
    pool.updatedAt = now;
  }
  const target = chooseDesiredSize(minSize, maxSize);
  if (target !== status.desiredSize) {
    status.desiredSize = target;
    if (status.phase === "WARM_POOL_PHASE_READY") status.runningInstances = target;
    status.version += 1;
    pool.updatedAt = now;
  }
  reconcile(ctx, pool);
  return pool;
}
