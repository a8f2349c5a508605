import type { RequestHandler } from "express";
import { SERVICE_NAME } from "../contract/load-contract.js";
import { ConnectError } from "../errors/connect-error.js";
import { authenticate } from "../rpc/authenticate.js";
import { type RateLimit, TokenBuckets } from "../rpc/token-buckets.js";
import type { Principal } from "../store/world.js";
import type { WorldStore } from "../store/world-store.js";

const RPC_PREFIX = `/${SERVICE_NAME}/`;

/**
 * Middleware limiting each principal's RPC rate with a token bucket. An over-eager caller gets
 * `resource_exhausted` (HTTP 429) with Retry-After and Retry-After-Ms, which Stainless SDKs
 * honour when they retry. Requests without a usable token pass through: the RPC itself
 * answers them `unauthenticated`.
 */
export function createRateLimit(
  limit: RateLimit,
  store: WorldStore,
  strictAuth: boolean,
): RequestHandler {
  const buckets = new TokenBuckets(limit);
  return (req, _res, next) => {
    if (!req.path.startsWith(RPC_PREFIX)) return next();
    let principal: Principal;
    try {
      principal = authenticate(req.headers.authorization, store, strictAuth);
    } catch {
      return next();
    }
    const waitMs = buckets.take(principal.token);
    if (waitMs === 0) return next();
    next(
      new ConnectError(
        "resource_exhausted",
        `rate limit of ${limit.requestsPerSecond} requests per second (burst ${limit.burst}) exceeded; retry in ${waitMs} ms`,
        [],
        { "retry-after": String(Math.ceil(waitMs / 1000)), "retry-after-ms": String(waitMs) },
      ),
    );
  };
}
