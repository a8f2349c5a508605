/** The IDs of a filter as a set in their stored (lower-case) spelling; undefined when none are given. */
export function toIdSet(ids: readonly string[] | undefined): Set<string> | undefined {
  return ids && ids.length > 0 ? new Set(ids.map((id) => id.toLowerCase())) : undefined;
}

/** The values of an enum filter as a set; undefined when none are given. */
export function toValueSet<T>(values: readonly T[] | undefined): Set<T> | undefined {
  return values && values.length > 0 ? new Set(values) : undefined;
}
