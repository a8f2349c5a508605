// Real parallel HTTP against a listening server: races must leave the world coherent.
import { afterEach, describe, expect, it } from "vitest";
import { growWorld, syntheticUuid } from "../../scripts/grow-world.js";
import { loadContract } from "../../src/contract/load-contract.js";
import { readPoolSizeLimits } from "../../src/contract/read-pool-size-limits.js";
import { loadDefaultWorld } from "../../src/store/load-default-world.js";
import type { Principal } from "../../src/store/world.js";
import { callRpc, pageOf, warmPoolOf } from "../support/call-rpc.js";
import { ACME_ORG, ALICE, LARGE, STANDARD, WEB_APP, XLARGE } from "../support/fixtures.js";
import { rpcCases } from "../support/rpc-table.js";
import { type RunningServer, startServer } from "../support/start-server.js";

const contract = loadContract();
const POOL_SIZE_LIMITS = readPoolSizeLimits(contract.doc);
let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const ACME_TAG = Number.parseInt(ACME_ORG.slice(0, 6), 16);
const CLASSES = [STANDARD, LARGE, XLARGE];

describe("parallel requests", () => {
  // The sample request of each RPC 50 times at once: the first to land is ok and every other
  // one answers as a repeat would (a create: already_exists, one pool; the rest: ok).
  it.each(rpcCases().map((c) => [c.label, c] as const))(
    "%s: one request 50 times at once answers as once and 49 repeats, the world coherent",
    async (label, { valid, entry }) => {
      server = await startServer({ contract, timing: { deleteDelayMs: 60_000 } });
      const { url, store } = server;
      const answers = await Promise.all(
        Array.from({ length: 50 }, () => callRpc(url, label, valid, { token: ALICE })),
      );
      const counts: Record<string, number> = {};
      for (const { code } of answers) counts[code] = (counts[code] ?? 0) + 1;
      expect(counts).toEqual(
        entry.repeatCode === "ok" ? { ok: 50 } : { ok: 1, [entry.repeatCode]: 49 },
      );
      const principal = store.principalFor(ALICE) as Principal;
      for (const answer of answers.filter((a) => a.code === "ok")) {
        const response = answer.body as Record<string, unknown>;
        const where = `${label} ${answer.text}`;
        entry.checkAnswer?.({ request: valid, response, store, principal, query: "", where });
      }
      expect(store.checkInvariants(POOL_SIZE_LIMITS)).toEqual([]);
    },
  );

  it("racing updates and deletes of one pool leave versions gapless and the pool deleting", async () => {
    server = await startServer({ contract, timing: { deleteDelayMs: 60_000 } });
    const { url, store } = server;
    const pool = warmPoolOf(
      await callRpc(url, "CreateWarmPool", {
        projectId: WEB_APP,
        environmentClassId: STANDARD,
        minSize: 0,
        maxSize: 20,
      }),
    );
    const initial = Number(pool.spec.specVersion);
    // Every update names a different maxSize, so each one that lands changes the spec.
    const updates = Array.from({ length: 19 }, (_, i) =>
      callRpc(url, "UpdateWarmPool", { warmPoolId: pool.id, maxSize: i + 1 }),
    );
    const deletes = Array.from({ length: 3 }, () =>
      callRpc(url, "DeleteWarmPool", { warmPoolId: pool.id }),
    );
    const [updated, deleted] = await Promise.all([Promise.all(updates), Promise.all(deletes)]);
    expect(deleted.map((d) => d.code)).toEqual(["ok", "ok", "ok"]);
    for (const answer of updated) expect(["ok", "failed_precondition"]).toContain(answer.code);
    const landed = updated
      .filter((a) => a.code === "ok")
      .map((a) => Number(warmPoolOf(a).spec.specVersion))
      .sort((a, b) => a - b);
    expect(landed).toEqual(landed.map((_, i) => initial + 1 + i));
    const final = warmPoolOf(await callRpc(url, "GetWarmPool", { warmPoolId: pool.id }));
    // One more version for the delete, which came after every update that landed.
    expect(Number(final.spec.specVersion)).toBe(initial + landed.length + 1);
    expect(final.spec.desiredPhase).toBe("WARM_POOL_PHASE_DELETING");
    expect(store.checkInvariants(POOL_SIZE_LIMITS)).toEqual([]);
  });

  it("a list walked while pools come and go never repeats or skips a pool", async () => {
    const world = growWorld(loadDefaultWorld(), ACME_ORG, 40);
    server = await startServer({ contract, world, timing: { deleteDelayMs: 0 } });
    const { url, store } = server;
    const pairs = Array.from({ length: 120 }, (_, i) => ({
      projectId: syntheticUuid(ACME_TAG, Math.floor(i / 3)),
      environmentClassId: CLASSES[i % 3],
    }));
    const seeded = await Promise.all(
      pairs.slice(0, 45).map((p) => callRpc(url, "CreateWarmPool", p).then(warmPoolOf)),
    );
    const stable = new Set(store.poolsOfOrganization(ACME_ORG).map((p) => p.id));
    const doomed = seeded.filter((_, i) => i % 4 === 0).map((p) => p.id);
    for (const id of doomed) stable.delete(id);

    let walking = true;
    const churn = async () => {
      let next = 45;
      let k = 0;
      while (walking && next < pairs.length) {
        await Promise.all([
          callRpc(url, "CreateWarmPool", pairs[next++]),
          doomed[k] ? callRpc(url, "DeleteWarmPool", { warmPoolId: doomed[k++] }) : undefined,
        ]);
      }
    };
    const walk = async () => {
      const seen: string[] = [];
      let token = "";
      try {
        do {
          const page = await callRpc(
            url,
            "ListWarmPools",
            { pagination: { pageSize: 3 } },
            {
              query: token ? `token=${token}` : "",
            },
          );
          const { pools, nextToken } = pageOf(page);
          for (const pool of pools) seen.push(pool.id);
          token = nextToken;
        } while (token);
      } finally {
        walking = false;
      }
      return seen;
    };
    const [seen] = await Promise.all([walk(), churn()]);
    expect(new Set(seen).size).toBe(seen.length);
    const missing = [...stable].filter((id) => !seen.includes(id));
    expect(missing).toEqual([]);
    expect(store.checkInvariants(POOL_SIZE_LIMITS)).toEqual([]);
  });
});
