import { expect } from "vitest";
import type { Timing } from "../../../src/domain/domain-context.js";
import { CHECKS } from "../../src/explore/explore-checks.js";
import { type ExploreResult, runExplore } from "../../src/explore/run-explore.js";
import type { HarnessInput } from "../../src/harness-options.js";
import { type BrokenVariant, startBrokenMock } from "./start-broken-mock.js";

// Failures explore reports about itself rather than about the target.
const NOT_A_FINDING: readonly string[] = [CHECKS.explorer, CHECKS.transport];

/**
 * Runs explore, default budget and all, against the mock behind a variant's proxy, checks that
 * it found a mismatch that is about the target (with a replay script), and returns the run.
 */
export async function exploreVariant(
  variant: Omit<BrokenVariant, "failsCase"> & { failsCase?: string },
  input: HarnessInput & { seed: number; waitTimeoutMs: number },
  timing?: Partial<Timing>,
): Promise<ExploreResult> {
  const server = await startBrokenMock(variant, timing);
  try {
    const result = await runExplore({ baseUrl: server.url, ...input });
    const mismatch = result.mismatch;
    expect(mismatch, `${variant.name}: ${JSON.stringify(result.searched)}`).toBeDefined();
    expect(NOT_A_FINDING).not.toContain(mismatch?.failure.check);
    expect(mismatch?.script).toMatch(/^#!\/bin\/sh\n/);
    expect(result.ok).toBe(false);
    return result;
  } finally {
    await server.close();
  }
}

/** A finding as one line, `check | model | target`, for matching against what a variant breaks. */
export function findingOf(result: ExploreResult): string {
  const failure = result.mismatch?.failure;
  return `${failure?.check} | ${failure?.expected} | ${failure?.actual}`;
}
