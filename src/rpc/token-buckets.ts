/** How many requests a key may make: a steady rate and a burst allowance. */
export interface RateLimit {
  /** Tokens added per second, per key. */
  requestsPerSecond: number;
  /** Bucket size: requests allowed at once after a quiet spell. */
  burst: number;
}

/**
 * One token bucket per key (a principal): `take` spends a token or says how long until one
 * is available. Time comes from `now` (ms) so tests need not sleep.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly limit: RateLimit,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(limit.requestsPerSecond > 0) || !(limit.burst >= 1)) {
      throw new RangeError("a rate limit needs requestsPerSecond > 0 and burst >= 1");
    }
  }

  /** Spends one token of `key`'s bucket: 0 when allowed, else the milliseconds until a retry can pass. */
  take(key: string): number {
    const now = this.now();
    const { requestsPerSecond, burst } = this.limit;
    const bucket = this.buckets.get(key) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) * requestsPerSecond) / 1000);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - bucket.tokens) * 1000) / requestsPerSecond);
  }
}
