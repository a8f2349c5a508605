// What each shipped scenario promises, checked through the public API only (plus the admin
// clock for every-phase's "advance it to watch them move on"). Used by every way of selecting
// a scenario: --scenario, POST /_admin/scenario, startMock({ scenario }).
import { expect } from "vitest";
import { callRpc, pageOf, type RpcTarget } from "./call-rpc.js";
import { ALICE, BOB, EXISTING_POOL, GLOBEX_POOL, STANDARD, WEB_APP } from "./fixtures.js";

interface PublicPool {
  id: string;
  spec?: { snapshotId?: string; minSize?: number; maxSize?: number };
  status?: { phase?: string; failureMessage?: string; runningInstances?: number };
}

/** Every pool a principal sees, page by page; also how many pages it took, and their bodies. */
export async function walkPools(
  url: RpcTarget,
  token: string = ALICE,
  pageSize?: number,
): Promise<{ pools: PublicPool[]; pages: number; texts: string[] }> {
  const pools: PublicPool[] = [];
  const texts: string[] = [];
  let token_ = "";
  let pages = 0;
  do {
    const result = await callRpc(
      url,
      "ListWarmPools",
      { pagination: { ...(pageSize ? { pageSize } : {}), ...(token_ ? { token: token_ } : {}) } },
      { token },
    );
    texts.push(result.text);
    const page = pageOf(result);
    pools.push(...(page.pools as PublicPool[]));
    token_ = page.nextToken;
    pages += 1;
  } while (token_ !== "" && pages < 100);
  return { pools, pages, texts };
}

const phaseOf = (p: PublicPool) => p.status?.phase ?? "WARM_POOL_PHASE_UNSPECIFIED";
const running = (p: PublicPool) => p.status?.runningInstances ?? 0;
const countPhases = (pools: PublicPool[]) =>
  pools.reduce<Record<string, number>>((counts, p) => {
    counts[phaseOf(p)] = (counts[phaseOf(p)] ?? 0) + 1;
    return counts;
  }, {});

const RPCS = [
  "GetWarmPool",
  "ListWarmPools",
  "CreateWarmPool",
  "UpdateWarmPool",
  "DeleteWarmPool",
] as const;

/** The error each RPC may be forced to in the flaky scenario besides unavailable. */
export const FLAKY_OWN_CODE: Record<(typeof RPCS)[number], string> = {
  GetWarmPool: "deadline_exceeded",
  ListWarmPools: "deadline_exceeded",
  CreateWarmPool: "resource_exhausted",
  UpdateWarmPool: "aborted",
  DeleteWarmPool: "aborted",
};

const FLAKY_BODIES: Record<(typeof RPCS)[number], unknown> = {
  GetWarmPool: { warmPoolId: EXISTING_POOL },
  ListWarmPools: {},
  CreateWarmPool: { projectId: WEB_APP, environmentClassId: STANDARD },
  UpdateWarmPool: { warmPoolId: EXISTING_POOL, minSize: 1, maxSize: 3 },
  DeleteWarmPool: { warmPoolId: EXISTING_POOL },
};

/** How many calls per RPC the flaky check makes; each waits at most its 50 ms deadline. */
const FLAKY_CALLS = 60;
const FLAKY_BATCH = 20;

/** The checks, by scenario name. */
export const SCENARIO_PROMISES: Record<string, (url: string) => Promise<void>> = {
  async default(url) {
    const acme = await walkPools(url);
    expect(acme.pools).toHaveLength(6);
    expect(countPhases(acme.pools)).toEqual({ WARM_POOL_PHASE_READY: 6 });
    expect(acme.pools.map((p) => p.id)).toContain(EXISTING_POOL);
    const globex = await walkPools(url, BOB);
    expect(globex.pools.map((p) => p.id)).toEqual([GLOBEX_POOL]);
  },

  async empty(url) {
    expect((await walkPools(url)).pools).toEqual([]);
    expect((await walkPools(url, BOB)).pools).toEqual([]);
    const created = await callRpc(url, "CreateWarmPool", {
      projectId: WEB_APP,
      environmentClassId: STANDARD,
    });
    expect(created.code).toBe("ok");
    expect((await walkPools(url)).pools).toHaveLength(1);
  },

  async "every-phase"(url) {
    const { pools } = await walkPools(url);
    expect(countPhases(pools)).toEqual({
      WARM_POOL_PHASE_READY: 1,
      WARM_POOL_PHASE_PENDING: 3,
      WARM_POOL_PHASE_DEGRADED: 3,
      WARM_POOL_PHASE_DELETING: 1,
    });
    const pending = pools.filter((p) => phaseOf(p) === "WARM_POOL_PHASE_PENDING");
    const provisioning = pending.filter((p) => p.spec?.snapshotId && running(p) === 0);
    const rotating = pending.filter((p) => p.spec?.snapshotId && running(p) > 0);
    const awaitingPrebuild = pending.filter((p) => !p.spec?.snapshotId);
    expect([provisioning.length, rotating.length, awaitingPrebuild.length]).toEqual([1, 1, 1]);
    const degraded = pools.filter((p) => phaseOf(p) === "WARM_POOL_PHASE_DEGRADED");
    expect(degraded.map((p) => p.status?.failureMessage).sort()).toEqual([
      "environment class Medium is disabled",
      expect.stringMatching(/^prebuild [0-9a-f-]{36} failed: npm ci exited with 1; no snapshot/),
      "runner acme-us-west: lost contact with its cluster",
    ]);
    // GetWarmPool tells the same story, pool by pool.
    for (const pool of pools) {
      const got = await callRpc(url, "GetWarmPool", { warmPoolId: pool.id });
      expect((got.body?.warmPool as PublicPool | undefined)?.status).toEqual(pool.status);
    }
    // The manual clock holds every phase still...
    expect((await walkPools(url)).pools).toEqual(pools);
    // ...until it moves: the domain's own steps then finish the rotation and the deletion.
    const advanced = await fetch(`${url}/_admin/clock/advance`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ ms: 5_000 }),
    });
    expect(advanced.status).toBe(200);
    const later = await walkPools(url);
    expect(countPhases(later.pools)).toEqual({
      WARM_POOL_PHASE_READY: 3,
      WARM_POOL_PHASE_PENDING: 1,
      WARM_POOL_PHASE_DEGRADED: 3,
    });
    const rotated = later.pools.find((p) => p.id === rotating[0]?.id);
    expect(rotated?.status?.phase).toBe("WARM_POOL_PHASE_READY");
  },

  async "many-pools"(url) {
    const { pools, pages } = await walkPools(url);
    expect(pools).toHaveLength(80);
    expect(pages).toBe(4);
    expect(new Set(pools.map((p) => p.id)).size).toBe(80);
    expect(countPhases(pools)).toEqual({ WARM_POOL_PHASE_READY: 80 });
    expect((await walkPools(url, ALICE, 10)).pages).toBe(8);
  },

  async flaky(url) {
    for (const rpc of RPCS) {
      const forced = new Set<string>();
      let slow = 0;
      let through = 0;
      // Calls go in batches: which call gets which roll of the seeded random may vary, but the
      // rolls themselves, and so the counts, do not.
      for (let batch = 0; batch < FLAKY_CALLS / FLAKY_BATCH; batch++) {
        const results = await Promise.all(
          Array.from({ length: FLAKY_BATCH }, () =>
            callRpc(url, rpc, FLAKY_BODIES[rpc], { headers: { "Connect-Timeout-Ms": "50" } }),
          ),
        );
        for (const result of results) {
          const message = String(result.body?.message ?? "");
          if (message.startsWith("flaky scenario:")) forced.add(result.code);
          else if (result.code === "deadline_exceeded" && /simulated latency/.test(message)) slow++;
          else {
            expect(result.code, `${rpc}: ${result.text}`).not.toBe("internal");
            through++;
          }
        }
      }
      expect([...forced].sort(), rpc).toEqual(["unavailable", FLAKY_OWN_CODE[rpc]].sort());
      expect(slow, `${rpc} slow calls`).toBeGreaterThan(0);
      expect(through, `${rpc} calls that got through`).toBeGreaterThan(0);
    }
  },

  async "quota-reached"(url) {
    expect((await walkPools(url)).pools).toHaveLength(6);
    const refused = await callRpc(url, "CreateWarmPool", {
      projectId: WEB_APP,
      environmentClassId: STANDARD,
    });
    expect(refused.code).toBe("resource_exhausted");
    expect(refused.body?.message).toMatch(/maximum of 6 warm pools/);
    expect((await walkPools(url)).pools).toHaveLength(6);
  },
};
