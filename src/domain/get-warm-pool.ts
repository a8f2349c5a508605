import type { Principal, WarmPool } from "../store/world.js";
import type { DomainContext } from "./domain-context.js";
import { findVisiblePool } from "./find-visible-pool.js";
import type { WarmPoolIdRequest } from "./requests.js";

/** Returns one of the caller's pools. */
export function getWarmPool(
  ctx: DomainContext,
  principal: Principal,
  request: WarmPoolIdRequest,
): WarmPool {
  return findVisiblePool(ctx, principal, request.warmPoolId);
}
