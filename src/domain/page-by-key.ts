import { ConnectError } from "../errors/connect-error.js";

/** A position in a sorted list: the sort key of an item, field by field. */
export type SortKey = readonly (string | number)[];

/** One page of a list and the token of the next, empty on the last page. */
export interface KeyedPage<T> {
  items: T[];
  nextToken: string;
}

/** The page size used when a request asks for 0 (or nothing). */
export const DEFAULT_PAGE_SIZE = 25;

/** How a list is paged: what its tokens are called, and its items' sort keys in order. */
export interface KeyedList<T> {
  /** The token prefix, so one list's token is refused by another (`pj1`, `pb1`, …). */
  kind: string;
  keyOf: (item: T) => SortKey;
  /** Items are sorted by descending key. */
  descending?: boolean;
}

/**
 * One page of `items` (sorted by `list.keyOf`, ascending unless `list.descending`), keyset-style: the token holds the key
 * of the last item returned, and the next page starts after it, so a walk neither repeats nor
 * skips an item while others are added or removed.
 */
export function pageByKey<T>(
  items: readonly T[],
  list: KeyedList<T>,
  pagination: { pageSize?: number; token?: string } | undefined,
): KeyedPage<T> {
  const pageSize = pagination?.pageSize || DEFAULT_PAGE_SIZE;
  const after = pagination?.token ? parseKeyToken(list.kind, pagination.token) : undefined;
  const sign = list.descending ? -1 : 1;
  let start = 0;
  if (after) {
    // The first item whose key is past `after`.
    let hi = items.length;
    while (start < hi) {
      const mid = (start + hi) >>> 1;
      if (sign * compareKeys(list.keyOf(items[mid] as T), after) <= 0) start = mid + 1;
      else hi = mid;
    }
  }
  const page = items.slice(start, start + pageSize);
  const more = start + pageSize < items.length;
  return {
    items: page,
    nextToken: more ? createKeyToken(list.kind, list.keyOf(page.at(-1) as T)) : "",
  };
}

/** Orders records by ID, the order of the lists sorted by ID. */
export function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Orders sort keys field by field; numbers before strings never meet (keys have one shape). */
export function compareKeys(a: SortKey, b: SortKey): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] as string | number;
    const y = b[i] as string | number;
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return a.length - b.length;
}

/** Encodes a list position as an opaque token of one list kind. */
export function createKeyToken(kind: string, key: SortKey): string {
  const base64 = btoa(JSON.stringify(key));
  return `${kind}.${base64.replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "")}`;
}

/** Reads a token made by createKeyToken for this list kind; anything else is `invalid_argument`. */
export function parseKeyToken(kind: string, token: string): SortKey {
  const invalid = () =>
    new ConnectError(
      "invalid_argument",
      `invalid page token ${JSON.stringify(token.slice(0, 80))}`,
    );
  const prefix = `${kind}.`;
  if (!token.startsWith(prefix)) throw invalid();
  let key: unknown;
  try {
    const base64 = token.slice(prefix.length).replaceAll("-", "+").replaceAll("_", "/");
    key = JSON.parse(atob(base64));
  } catch {
    throw invalid();
  }
  // Only the one spelling createKeyToken writes is a token.
  if (!isSortKey(key) || createKeyToken(kind, key) !== token) throw invalid();
  return key;
}

function isSortKey(value: unknown): value is SortKey {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((k) => typeof k === "string" || (typeof k === "number" && Number.isSafeInteger(k)))
  );
}
