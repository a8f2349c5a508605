import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ApiClient, Exchange } from "./http/api-client.js";
import { PairUnusableError } from "./pair-unusable-error.js";
import { PoolTracker } from "./pool-tracker.js";

const PAIR = { projectId: "p", environmentClassId: "c" };
const OTHER_PAIR = { projectId: "p", environmentClassId: "c2" };
const WAIT_MS = 1000;

/** A target whose pools never disappear; `phase` says what GetWarmPool shows. */
function stubbornTarget(phase: () => string) {
  const calls: string[] = [];
  const answer = (status: number, json: unknown) =>
    ({ status, json, text: JSON.stringify(json), headers: new Headers() }) as Exchange;
  const client = {
    async rpc(method: string, message: { warmPoolId: string }) {
      calls.push(`${method} ${message.warmPoolId}`);
      if (method === "DeleteWarmPool") return answer(200, {});
      return answer(200, { warmPool: { id: message.warmPoolId, status: { phase: phase() } } });
    },
  } as unknown as ApiClient;
  return { client, calls };
}

/** Runs `work` while the fake clock moves on, so waits end without real time passing. */
async function withClockRunning<T>(work: Promise<T>): Promise<T> {
  const settled = work.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  await vi.advanceTimersByTimeAsync(10 * WAIT_MS);
  const outcome = await settled;
  if ("error" in outcome) throw outcome.error;
  return outcome.value;
}

describe("PoolTracker", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "Date"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("gives up on a pair whose deleted pool outlives --wait-timeout, and never waits on it again", async () => {
    const { client, calls } = stubbornTarget(() => "WARM_POOL_PHASE_DELETING");
    const tracker = new PoolTracker(client, WAIT_MS);
    tracker.enterCase("create.first");
    tracker.register("pool-1", PAIR, { token: "t" });
    tracker.enterCase("create.second");

    const [problem] = await withClockRunning(tracker.freePair(PAIR));
    expect(problem?.kind).toBe("stuck");
    expect(problem?.description).toMatch(
      /^pool pool-1 \(deleted in case create\.second\) still present \d+ ms after DeleteWarmPool \(--wait-timeout 1000\); last phase seen: WARM_POOL_PHASE_DELETING$/,
    );

    const before = calls.length;
    await expect(tracker.freePair(PAIR)).rejects.toThrow(PairUnusableError);
    await expect(tracker.freePair(PAIR)).rejects.toThrow(/p \/ class c is unusable: pool pool-1/);
    expect(calls.length).toBe(before);
    // Another pair is still usable.
    await expect(tracker.freePair(OTHER_PAIR)).resolves.toEqual([]);
  });

  it("counts a pool's wait from its DeleteWarmPool, not from when someone waits for it", async () => {
    const { client } = stubbornTarget(() => "WARM_POOL_PHASE_DELETING");
    const tracker = new PoolTracker(client, WAIT_MS);
    tracker.register("pool-1", PAIR, { token: "t" });
    tracker.markDeleting("pool-1");
    await vi.advanceTimersByTimeAsync(WAIT_MS * 0.75);
    expect(tracker.remainingWait("pool-1")).toBe(WAIT_MS * 0.25);
    await withClockRunning(tracker.freePair(PAIR));
    // Counted from the wait's start it would have lasted until 1.75 waits after the delete.
    const since = Number(
      /still present (\d+) ms after/.exec(tracker.unusableReason(PAIR) ?? "")?.[1],
    );
    expect(since).toBeGreaterThanOrEqual(WAIT_MS);
    expect(since).toBeLessThan(WAIT_MS * 1.25);
  });

  it("reports a pool back from DELETING with the cases that deleted it and saw it deleting", async () => {
    let reads = 0;
    const { client } = stubbornTarget(() =>
      reads++ === 0 ? "WARM_POOL_PHASE_DELETING" : "WARM_POOL_PHASE_READY",
    );
    const tracker = new PoolTracker(client, WAIT_MS);
    tracker.register("pool-1", PAIR, { token: "t" });
    tracker.enterCase("delete.first");
    const [problem] = await withClockRunning(tracker.freePair(PAIR));
    expect(problem).toMatchObject({
      kind: "came-back",
      description:
        "pool pool-1 (deleted in case delete.first) read WARM_POOL_PHASE_READY after it was seen WARM_POOL_PHASE_DELETING (in case delete.first) instead of disappearing",
    });
    expect(tracker.unusableReason(PAIR)).toContain("read WARM_POOL_PHASE_READY");
    expect(tracker.isLive("pool-1")).toBe(true);
  });

  it("takes DELETED after DELETING as the way out, not a return", () => {
    const tracker = new PoolTracker(stubbornTarget(() => "").client, WAIT_MS);
    tracker.register("pool-1", PAIR, { token: "t" });
    expect(tracker.observe({ id: "pool-1", status: { phase: "WARM_POOL_PHASE_DELETING" } })).toBe(
      undefined,
    );
    expect(tracker.observe({ id: "pool-1", status: { phase: "WARM_POOL_PHASE_DELETED" } })).toBe(
      undefined,
    );
    expect(
      tracker.observe({ id: "pool-1", status: { phase: "WARM_POOL_PHASE_PENDING" } }),
    ).toMatchObject({
      kind: "came-back",
    });
  });

  it("at cleanup probes a pool on a given-up pair once and reports it", async () => {
    const { client, calls } = stubbornTarget(() => "WARM_POOL_PHASE_DELETING");
    const tracker = new PoolTracker(client, WAIT_MS);
    tracker.register("pool-1", PAIR, { token: "t" });
    await withClockRunning(tracker.freePair(PAIR));
    const before = calls.length;
    const report = await tracker.cleanup();
    expect(calls.slice(before)).toEqual(["GetWarmPool pool-1"]);
    expect(report).toEqual({
      deleted: [],
      failed: [
        {
          id: "pool-1",
          reason:
            "pool pool-1 still present (last phase seen: WARM_POOL_PHASE_DELETING); not waited for, its pair was given up",
        },
      ],
    });
  });
});
