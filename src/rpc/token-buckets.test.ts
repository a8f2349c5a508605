import { describe, expect, it } from "vitest";
import { TokenBuckets } from "./token-buckets.js";

function createClock() {
  const clock = { ms: 0, now: () => clock.ms };
  return clock;
}

describe("TokenBuckets", () => {
  it("allows a burst, then one request per 1/rate seconds", () => {
    const clock = createClock();
    const buckets = new TokenBuckets({ requestsPerSecond: 4, burst: 3 }, clock.now);
    expect([buckets.take("a"), buckets.take("a"), buckets.take("a")]).toEqual([0, 0, 0]);
    expect(buckets.take("a")).toBe(250);
    clock.ms = 100;
    expect(buckets.take("a")).toBe(150);
    clock.ms = 250;
    expect(buckets.take("a")).toBe(0);
    expect(buckets.take("a")).toBe(250);
  });

  it("keeps one bucket per key", () => {
    const clock = createClock();
    const buckets = new TokenBuckets({ requestsPerSecond: 1, burst: 1 }, clock.now);
    expect(buckets.take("alice")).toBe(0);
    expect(buckets.take("alice")).toBe(1000);
    expect(buckets.take("bob")).toBe(0);
  });

  it("never holds more than the burst after a long quiet spell", () => {
    const clock = createClock();
    const buckets = new TokenBuckets({ requestsPerSecond: 10, burst: 2 }, clock.now);
    buckets.take("a");
    clock.ms = 3_600_000;
    expect([buckets.take("a"), buckets.take("a")]).toEqual([0, 0]);
    expect(buckets.take("a")).toBeGreaterThan(0);
  });

  it("rejects a limit that could never let a request through", () => {
    expect(() => new TokenBuckets({ requestsPerSecond: 0, burst: 1 })).toThrow(RangeError);
    expect(() => new TokenBuckets({ requestsPerSecond: 1, burst: 0.5 })).toThrow(RangeError);
  });
});
