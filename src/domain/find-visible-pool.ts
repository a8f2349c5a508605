import { ConnectError } from "../errors/connect-error.js";
import type { Principal, WarmPool } from "../store/world.js";
import type { DomainContext } from "./domain-context.js";

/** The pool with this ID if the caller's organization owns it; `not_found` otherwise, alike. */
export function findVisiblePool(ctx: DomainContext, principal: Principal, id: string): WarmPool {
  const pool = ctx.store.getPool(id.toLowerCase());
  if (!pool || pool.organizationId !== principal.organizationId) {
    throw new ConnectError("not_found", `warm pool ${id} not found`);
  }
  return pool;
}
