import type { ContractCase } from "./contract-case.js";

/** Thrown for --only/--skip patterns that match no case: a typo would otherwise pass silently. */
export class UnknownCaseError extends Error {
  override name = "UnknownCaseError";
}

/**
 * Keeps the cases matching any `only` pattern (all when empty) and none of the `skip`
 * patterns. A pattern is a case name or a glob with `*` (`list.*`).
 */
export function selectCases(
  cases: readonly ContractCase[],
  only: readonly string[],
  skip: readonly string[],
): ContractCase[] {
  const onlyMatchers = only.map(toMatcher);
  const skipMatchers = skip.map(toMatcher);
  const unmatched = [...onlyMatchers, ...skipMatchers].filter(
    (m) => !cases.some((c) => m.test(c.name)),
  );
  if (unmatched.length > 0) {
    throw new UnknownCaseError(
      `no case matches ${unmatched.map((m) => JSON.stringify(m.pattern)).join(", ")}; --list shows the names`,
    );
  }
  return cases.filter(
    (c) =>
      (onlyMatchers.length === 0 || onlyMatchers.some((m) => m.test(c.name))) &&
      !skipMatchers.some((m) => m.test(c.name)),
  );
}

function toMatcher(pattern: string): { pattern: string; test: (name: string) => boolean } {
  const source = pattern
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  const regex = new RegExp(`^${source}$`);
  return { pattern, test: (name) => regex.test(name) };
}
