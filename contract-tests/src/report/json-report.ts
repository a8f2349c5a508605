import type { HarnessResult } from "../run-harness.js";

/** The machine-readable report: the run's result as JSON, with a format version. */
export function renderJsonReport(result: HarnessResult): string {
  return `${JSON.stringify({ format: "warm-pool-contract/1", ...result }, null, 2)}\n`;
}
