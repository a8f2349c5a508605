import type { Principal, WarmPool } from "../store/world.js";
import { upperBound } from "../store/world-store.js";
import type { DomainContext } from "./domain-context.js";
import { createPageToken, parsePageToken } from "./page-token.js";
import type { ListWarmPoolsRequest } from "./requests.js";

/** The page size used when a request asks for 0 (or nothing). */
export const DEFAULT_PAGE_SIZE = 25;

/**
 * Lists the caller's pools in creation order, filtered by project and class IDs. Page tokens
 * hold the position after the last pool returned (keyset pagination), so a walk never
 * repeats or skips a pool while others are created or deleted.
 */
export function listWarmPools(
  ctx: DomainContext,
  principal: Principal,
  request: ListWarmPoolsRequest,
): { warmPools: WarmPool[]; nextToken: string } {
  const pageSize = request.pagination?.pageSize || DEFAULT_PAGE_SIZE;
  const token = request.pagination?.token;
  const after = token ? parsePageToken(token) : 0;
  const projects = toSet(request.filter?.projectIds);
  const classes = toSet(request.filter?.environmentClassIds);
  const matches = (pool: WarmPool) =>
    (!projects || projects.has(pool.projectId)) &&
    (!classes || classes.has(pool.environmentClassId));

  const pools = ctx.store.poolsOfOrganization(principal.organizationId);
  const page: WarmPool[] = [];
  for (let i = upperBound(pools, after); i < pools.length; i++) {
    const pool = pools[i] as WarmPool;
    if (!matches(pool)) continue;
    if (page.length === pageSize) {
      // One more match exists beyond this page, so a next page is worth asking for.
      return { warmPools: page, nextToken: createPageToken((page.at(-1) as WarmPool).seq) };
    }
    page.push(pool);
  }
  return { warmPools: page, nextToken: "" };
}

function toSet(ids: string[] | undefined): Set<string> | undefined {
  return ids && ids.length > 0 ? new Set(ids.map((id) => id.toLowerCase())) : undefined;
}
