import { afterEach, describe, expect, it } from "vitest";
import { runExplore } from "../src/explore/run-explore.js";
import { type RunningServer, startMock } from "./support/start-mock.js";

let mock: RunningServer | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

// Short sequences keep a thousand of them near half a minute; the long run is
// contract-tests/scripts/explore-long-run.ts (see the README).
const THOUSAND = { runs: 1000, maxSteps: 8, budgetMs: 15 * 60_000, waitTimeoutMs: 10_000 };

describe("explore finds no mismatch against the intact mock", () => {
  it("over 1,000 sequences with fast lifecycle delays (20 ms): deletions end between steps", async () => {
    mock = await startMock({ readyDelayMs: 20, deleteDelayMs: 20 });
    const before = mock.store.snapshot().warmPools;
    const result = await runExplore({ baseUrl: mock.url, seed: 1, ...THOUSAND });
    expect(result.mismatch?.sequence.steps).toBeUndefined();
    expect(result.searched.sequences).toBe(1000);
    expect(result.stoppedBy).toBe("runs");
    // Every RPC, refusals of each kind, and the pools it made, all cleaned up.
    expect(Object.keys(result.coverage.rpcs).sort()).toEqual([
      "CreateWarmPool",
      "DeleteWarmPool",
      "GetWarmPool",
      "ListWarmPools",
      "UpdateWarmPool",
    ]);
    expect(result.coverage.verdicts.length).toBeGreaterThan(30);
    expect(result.cleanup).toEqual({ deleted: expect.any(Array), failed: [] });
    expect(result.cleanup.deleted.length).toBeGreaterThan(100);
    expect(result.ok).toBe(true);
    expect(mock.store.snapshot().warmPools).toEqual(before);
  }, 300_000);

  it("over 1,000 sequences with slow delays (READY after 5 s, gone 2 s after DeleteWarmPool) and --no-wait", async () => {
    mock = await startMock({ readyDelayMs: 5000, deleteDelayMs: 2000 });
    const before = mock.store.snapshot().warmPools;
    const result = await runExplore({ baseUrl: mock.url, seed: 2, waits: false, ...THOUSAND });
    expect(result.mismatch?.sequence.steps).toBeUndefined();
    expect(result.searched.sequences).toBe(1000);
    // Pools stay PENDING and DELETING for many sequences: a create usually meets one.
    expect(result.coverage.verdicts).toContain("CreateWarmPool already_exists");
    expect(result.ok).toBe(true);
    expect(mock.store.snapshot().warmPools).toEqual(before);
  }, 300_000);

  it("stops at the budget with what it covered, and the same seed replays the same sequences", async () => {
    mock = await startMock({ readyDelayMs: 20, deleteDelayMs: 20 });
    const before = mock.store.snapshot().warmPools;
    const budgeted = await runExplore({ baseUrl: mock.url, seed: 3, budgetMs: 1500 });
    expect(budgeted.stoppedBy).toBe("budget");
    expect(budgeted.ok).toBe(true);
    expect(budgeted.searched.sequences).toBeGreaterThan(0);
    // The sequence under way at the budget has ended too: nothing calls the target any more,
    // so no pool of the run turns up after its clean-up.
    expect(mock.store.snapshot().warmPools).toEqual(before);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(mock.store.snapshot().warmPools).toEqual(before);

    // The steps are the seed's; how many pages a walk takes is the target's.
    const once = await runExplore({ baseUrl: mock.url, seed: 3, runs: 15, maxSteps: 6 });
    const again = await runExplore({ baseUrl: mock.url, seed: 3, runs: 15, maxSteps: 6 });
    const { ListWarmPools: _, ...calls } = once.coverage.rpcs;
    expect(again.coverage.rpcs).toMatchObject(calls);
    expect(again.searched.steps).toBe(once.searched.steps);
    const other = await runExplore({ baseUrl: mock.url, seed: 4, runs: 15, maxSteps: 6 });
    expect(other.coverage.rpcs).not.toEqual(once.coverage.rpcs);
  }, 120_000);
});
