import { FieldRuleError } from "../errors/field-rule-error.js";

/** The size fields a request may carry; `desiredSize` is the deprecated single size. */
export interface SizeRequest {
  desiredSize?: number;
  minSize?: number;
  maxSize?: number;
}

/**
 * Decides a pool's bounds: explicit min/max win, the deprecated desiredSize fills what is
 * missing (min = max = desired), and the rest keeps `current` (or 1 for a new pool).
 * Throws a rule on `max_size` when the result has min > max.
 */
export function resolveSizes(
  request: SizeRequest,
  current?: { minSize: number; maxSize: number },
): { minSize: number; maxSize: number } {
  const desired = request.desiredSize;
  const minSize =
    request.minSize ?? desired ?? current?.minSize ?? Math.min(1, request.maxSize ?? 1);
  const maxSize = request.maxSize ?? desired ?? current?.maxSize ?? Math.max(minSize, 1);
  if (minSize > maxSize) {
    throw new FieldRuleError([
      {
        path: ["max_size"],
        ruleId: "max_size_gte_min_size",
        message: `max_size (${maxSize}) must be greater than or equal to min_size (${minSize})`,
      },
    ]);
  }
  return { minSize, maxSize };
}

/** The autoscaler's target: at least one warm instance, within [min, max]. */
export function chooseDesiredSize(minSize: number, maxSize: number): number {
  return Math.min(maxSize, Math.max(minSize, 1));
}
