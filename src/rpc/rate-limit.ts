import { ConnectError } from "../errors/connect-error.js";
import type { Principal } from "../store/world.js";
import type { WorldStore } from "../store/world-store.js";
import { authenticate } from "./authenticate.js";
import { type RateLimit, TokenBuckets } from "./token-buckets.js";

/** Checks one call against its principal's rate; throws `resource_exhausted` when over it. */
export type RateLimiter = (authorization: string | undefined) => void;

/**
 * Limits each principal's RPC rate with a token bucket. An over-eager caller gets
 * `resource_exhausted` (HTTP 429) with Retry-After and Retry-After-Ms, which Stainless SDKs
 * honour when they retry. Calls without a usable token pass: the RPC itself answers them
 * `unauthenticated`.
 */
export function createRateLimiter(
  limit: RateLimit,
  store: WorldStore,
  strictAuth: boolean,
): RateLimiter {
  const buckets = new TokenBuckets(limit);
  return (authorization) => {
    let principal: Principal;
    try {
      principal = authenticate(authorization, store, strictAuth);
    } catch {
      return;
    }
    const waitMs = buckets.take(principal.token);
    if (waitMs === 0) return;
    throw new ConnectError(
      "resource_exhausted",
      `rate limit of ${limit.requestsPerSecond} requests per second (burst ${limit.burst}) exceeded; retry in ${waitMs} ms`,
      [],
      { "retry-after": String(Math.ceil(waitMs / 1000)), "retry-after-ms": String(waitMs) },
    );
  };
}
