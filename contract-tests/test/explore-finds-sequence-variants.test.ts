import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_BUDGET_MS } from "../src/explore/explore-options.js";
import { runHarness } from "../src/run-harness.js";
import { exploreVariant, findingOf } from "./support/explore-variant.js";
import { SEQUENCE_VARIANT_TIMING, SEQUENCE_VARIANTS } from "./support/sequence-variants.js";
import { startBrokenMock } from "./support/start-broken-mock.js";

const README = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const SHOWN_IN_README = "page tokens are offsets";

describe("defects only a sequence shows", () => {
  it("has at least five, and every named case passes against each", async () => {
    expect(SEQUENCE_VARIANTS.length).toBeGreaterThanOrEqual(5);
    for (const variant of SEQUENCE_VARIANTS) {
      const server = await startBrokenMock(variant, variant.timing ?? SEQUENCE_VARIANT_TIMING);
      try {
        const result = await runHarness({ baseUrl: server.url, waitTimeoutMs: 5000 });
        const failed = result.cases.filter((c) => c.status !== "passed");
        expect(failed, variant.name).toEqual([]);
        expect(result.ok, variant.name).toBe(true);
      } finally {
        await server.close();
      }
    }
  }, 300_000);

  // The default budget (no budgetMs given): found within it, and shrunk to at most 6 steps
  // that fail again when replayed from a target without the run's pools.
  it.each(SEQUENCE_VARIANTS.map((v) => [v.name, v] as const))(
    "explore finds and shrinks: %s",
    async (_name, variant) => {
      const result = await exploreVariant(
        variant,
        { seed: 1, waitTimeoutMs: 5000 },
        variant.timing ?? SEQUENCE_VARIANT_TIMING,
      );
      expect(result.budgetMs).toBe(DEFAULT_BUDGET_MS);
      const mismatch = result.mismatch;
      expect(findingOf(result)).toMatch(variant.because);
      expect(mismatch?.sequence.steps.length).toBeLessThanOrEqual(6);
      expect(mismatch?.shrinking.reproduced).toBe(true);
      expect(mismatch?.sequence.leftovers).toEqual([]);
      // The README shows this run's minimal sequence for one of them.
      if (variant.name.startsWith(SHOWN_IN_README)) {
        for (const step of mismatch?.sequence.steps ?? [])
          expect(README).toContain(step.description);
      }
    },
    300_000,
  );
});
