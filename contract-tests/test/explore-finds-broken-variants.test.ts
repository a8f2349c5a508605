import { describe, expect, it } from "vitest";
import { runExplore } from "../src/explore/run-explore.js";
import { EXPLORED_VARIANTS } from "./support/broken-variants.js";
import { exploreVariant } from "./support/explore-variant.js";
import { startBrokenMock } from "./support/start-broken-mock.js";

// The first half of the broken variants of the warm-pool RPCs' cases (explore's five); the second half is in
// explore-finds-broken-variants-more.test.ts, so that the two run side by side.
const FIRST_HALF = EXPLORED_VARIANTS.slice(0, Math.ceil(EXPLORED_VARIANTS.length / 2));

describe("explore finds each broken variant the warm-pool cases catch (first half)", () => {
  it.each(FIRST_HALF.map((v) => [v.name, v] as const))(
    "%s",
    async (_name, variant) => {
      // A short --wait-timeout, as the named cases' test takes, for the deletion variants.
      await exploreVariant(variant, { seed: 1, waitTimeoutMs: 400, ...variant.harnessInput });
    },
    150_000,
  );

  it("finds nothing against the mock behind the proxy without a defect", async () => {
    const server = await startBrokenMock({ name: "intact" });
    try {
      const result = await runExplore({ baseUrl: server.url, seed: 1, runs: 40 });
      expect(result.mismatch?.failure).toBeUndefined();
      expect(result.ok).toBe(true);
    } finally {
      await server.close();
    }
  }, 150_000);
});
