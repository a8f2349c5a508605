import type { HarnessOptions } from "./harness-options.js";
import type { ApiClient } from "./http/api-client.js";
import { listProjectPools } from "./list-project-pools.js";
import type { PoolTracker } from "./pool-tracker.js";
import { sameId } from "./same-id.js";

/**
 * Hands the tracker the pools a create whose answer was lost (a timeout) still made: any pool on
 * the harness's classes that was not there before the run and that the tracker does not know.
 */
export async function sweepLostPools(
  options: HarnessOptions,
  client: ApiClient,
  tracker: PoolTracker,
  preexisting: ReadonlySet<string>,
): Promise<void> {
  // The unconfigured class too: a target that wrongly created a pool there must not keep it.
  const classes = [
    options.environmentClassId,
    options.secondEnvironmentClassId,
    options.unconfiguredEnvironmentClassId,
  ].filter((c): c is string => !!c);
  for (const pool of await listProjectPools(client, options)) {
    if (preexisting.has(pool.id) || tracker.owns(pool.id)) continue;
    if (classes.some((c) => sameId(c, pool.pair.environmentClassId)))
      tracker.register(pool.id, pool.pair, options.credential);
  }
}
