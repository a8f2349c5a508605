import type { CaseContext } from "../case-context.js";
import type { Exchange } from "../http/api-client.js";
import type { WarmPool } from "../wire-types.js";

// Clocks of a CI machine and a target differ a little; a timestamp further off is not sane.
const CLOCK_SKEW_MS = 10 * 60 * 1000;

/** The fields that identify a pool and never change after creation. */
export function identityOf(pool: WarmPool): Record<string, string> {
  const { organizationId, projectId, environmentClassId, runnerId, createdAt } = pool.metadata;
  return { id: pool.id, organizationId, projectId, environmentClassId, runnerId, createdAt };
}

/** Checks that `pool` is the same pool as `reference`: same ID and same immutable metadata. */
export function expectSamePool(
  ctx: CaseContext,
  pool: WarmPool,
  reference: WarmPool,
  check: string,
  exchange?: Exchange,
): void {
  const expected = identityOf(reference);
  const actual = identityOf(pool);
  ctx.assert(
    JSON.stringify(actual) === JSON.stringify(expected),
    check,
    JSON.stringify(expected),
    actual,
    exchange,
  );
}

/** Checks a timestamp of a pool made during this run: parseable and close to now. */
export function expectRecentTimestamp(
  ctx: CaseContext,
  value: string,
  what: string,
  exchange?: Exchange,
): number {
  const at = Date.parse(value);
  const now = Date.now();
  ctx.assert(
    !Number.isNaN(at) && at >= ctx.runStartedAt - CLOCK_SKEW_MS && at <= now + CLOCK_SKEW_MS,
    `${what} of a pool created now is the current time`,
    `a time within 10 minutes of ${new Date(now).toISOString()}`,
    value,
    exchange,
  );
  return at;
}

/** Compares two uint64 decimal strings. */
export function compareVersions(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x === y ? 0 : x < y ? -1 : 1;
}

/** A random UUID no target holds: a safe ID for "missing" cases. */
export function unknownId(): string {
  return crypto.randomUUID();
}

/** Checks a pool's size bounds. */
export function expectSizes(
  ctx: CaseContext,
  pool: WarmPool | undefined,
  minSize: number,
  maxSize: number,
  check: string,
): void {
  ctx.assert(
    pool?.spec.minSize === minSize && pool.spec.maxSize === maxSize,
    check,
    `spec.minSize ${minSize}, spec.maxSize ${maxSize}`,
    pool && { minSize: pool.spec.minSize, maxSize: pool.spec.maxSize },
  );
}

/** Checks that the autoscaler's target, status.desiredSize (absent = 0), is within the bounds. */
export function expectTargetWithinBounds(ctx: CaseContext, pool: WarmPool): void {
  const target = pool.status.desiredSize ?? 0;
  const { minSize = 0, maxSize = 0 } = pool.spec;
  ctx.assert(
    target >= minSize && target <= maxSize,
    "status.desiredSize is the autoscaler's choice within [spec.minSize, spec.maxSize]",
    `a value from ${minSize} to ${maxSize}`,
    target,
  );
}

/** Reads the pool again and checks that its spec is still `before`'s: a rejected call changed nothing. */
export async function expectSpecUnchanged(
  ctx: CaseContext,
  before: WarmPool,
  check: string,
): Promise<void> {
  const { pool: after, exchange } = await ctx.getPool(before.id);
  ctx.assert(
    after !== undefined && JSON.stringify(after.spec) === JSON.stringify(before.spec),
    check,
    JSON.stringify(before.spec),
    after?.spec,
    exchange,
  );
}
