/**
 * Builds the test for an `Origin` header against a list of exact origins or patterns in which
 * `*` stands for any run of characters other than `/` (so `http://localhost:*` is any port).
 * A list holding `*` alone matches every origin.
 */
export function matchOrigin(patterns: readonly string[]): (origin: string) => boolean {
  if (patterns.includes("*")) return () => true;
  const regexes = patterns.map(
    (p) =>
      new RegExp(
        `^${p
          .toLowerCase()
          .split("*")
          .map((part) => part.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"))
          .join("[^/]*")}$`,
      ),
  );
  return (origin) => regexes.some((r) => r.test(origin.toLowerCase()));
}
