import type { Credential, Exchange } from "./http/api-client.js";
import type { PoolTracker } from "./pool-tracker.js";
import { readCreatedPool } from "./read-created-pool.js";

/**
 * Hands the tracker the pool of every successful CreateWarmPool answer, however it was asked
 * (a Connect GET a broken target serves included), owned by the credential that asked.
 */
export function registerCreatedPool(
  exchange: Exchange,
  tracker: PoolTracker,
  credentials: readonly Credential[],
): void {
  if (exchange.rpc !== "CreateWarmPool" || exchange.status !== 200) return;
  const created = readCreatedPool(exchange.json);
  if (!created) return;
  const token = exchange.request.headers.Authorization?.replace(/^Bearer +/i, "") ?? "";
  tracker.register(
    created.id,
    created.pair,
    credentials.find((c) => c.token === token) ?? { token },
  );
}
