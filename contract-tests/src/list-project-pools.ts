import type { HarnessOptions } from "./harness-options.js";
import type { ApiClient, Exchange } from "./http/api-client.js";
import { readCreatedPool } from "./read-created-pool.js";
import { sameId } from "./same-id.js";
import type { ListWarmPoolsResponse, PoolPair } from "./wire-types.js";

const MAX_PAGES = 200;

/**
 * Every pool of the harness's project, read leniently: housekeeping must work even against a
 * broken target, so an error or a repeating page token ends the walk instead of failing it.
 */
export async function listProjectPools(
  client: ApiClient,
  options: HarnessOptions,
): Promise<{ id: string; pair: PoolPair }[]> {
  const found: { id: string; pair: PoolPair }[] = [];
  const seen = new Set<string>();
  let token = "";
  for (let page = 0; page < MAX_PAGES; page++) {
    let exchange: Exchange;
    try {
      exchange = await client.rpc("ListWarmPools", {
        filter: { projectIds: [options.projectId] },
        pagination: { pageSize: 100, ...(token ? { token } : {}) },
      });
    } catch {
      break;
    }
    if (exchange.status !== 200) break;
    const body = exchange.json as Partial<ListWarmPoolsResponse> | undefined;
    for (const pool of body?.warmPools ?? []) {
      const created = readCreatedPool({ warmPool: pool });
      if (created && sameId(created.pair.projectId, options.projectId)) found.push(created);
    }
    const next = body?.pagination?.nextToken ?? "";
    if (!next || seen.has(next)) break;
    seen.add(next);
    token = next;
  }
  return found;
}
