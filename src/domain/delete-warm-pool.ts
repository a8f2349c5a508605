import type { Principal } from "../store/world.js";
import type { DomainContext } from "./domain-context.js";
import { findVisiblePool } from "./find-visible-pool.js";
import { markPoolDeleting } from "./mark-pool-deleting.js";
import { reconcile } from "./reconcile.js";
import type { WarmPoolIdRequest } from "./requests.js";

/** Marks a pool for deletion; it drains in DELETING and disappears once the delay has passed. */
export function deleteWarmPool(
  ctx: DomainContext,
  principal: Principal,
  request: WarmPoolIdRequest,
): void {
  const pool = findVisiblePool(ctx, principal, request.warmPoolId);
  // Deleting a pool that is already draining changes nothing: the call is idempotent.
  if (pool.spec.desiredPhase === "WARM_POOL_PHASE_DELETING") return;
  markPoolDeleting(ctx.store, pool, ctx.clock.now());
  reconcile(ctx, [pool]);
}
