// A few seconds of scripts/soak.ts, so the script keeps working; the real soak runs minutes.
import { expect, it } from "vitest";
import { runSoak } from "../../scripts/soak.js";
import { loadContract } from "../../src/contract/load-contract.js";

it("drives every RPC against a child server without a 5xx or an unexpected code", async () => {
  const report = await runSoak({
    durationMs: 2000,
    concurrency: 4,
    projects: 5,
    maxRssGrowthMb: 1024,
  });
  expect(report.serverErrors).toBe(0);
  expect(report.unexpected).toEqual({});
  const labels = [...loadContract().rpcs.values()].map((rpc) => rpc.label);
  expect(Object.keys(report.codes).sort()).toEqual(labels.sort());
  expect(report.rssMb.end).toBeGreaterThan(0);
  expect(report.ok).toBe(true);
}, 60_000);
