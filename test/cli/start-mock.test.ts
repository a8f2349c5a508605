// How a frontend team uses the mock from its own vitest suite: start, call, look, close.
import { afterEach, describe, expect, it } from "vitest";
import {
  type CreateWarmPoolResponse,
  type ListWarmPoolsResponse,
  loadDefaultWorld,
  type RunningMock,
  startMock,
} from "../../src/index.js";
import { ACME_ORG, STANDARD, WEB_APP } from "../support/fixtures.js";

const RPC = "/gitpod.v1.PrebuildService";
let mock: RunningMock | undefined;

afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

async function call<T>(base: string, method: string, body: unknown): Promise<T> {
  const res = await fetch(`${base}${RPC}/${method}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: "Bearer wpm_acme_alice" },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { message?: string };
  if (!res.ok) throw Object.assign(new Error(json.message), json);
  return json as T;
}

describe("startMock", () => {
  it("serves the built-in world on an ephemeral loopback port", async () => {
    mock = await startMock();
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(mock.port).toBeGreaterThan(0);
    const page = await call<ListWarmPoolsResponse>(mock.url, "ListWarmPools", {});
    expect(page.warmPools?.length).toBe(mock.store.poolsOfOrganization(ACME_ORG).length);
    expect((await fetch(`${mock.url}/healthz`)).status).toBe(200);
  });

  it("runs on the clock the test hands it", async () => {
    let now = Date.UTC(2030, 0, 1);
    mock = await startMock({ clock: { now: () => now }, timing: { readyDelayMs: 60_000 } });
    const created = await call<CreateWarmPoolResponse>(mock.url, "CreateWarmPool", {
      projectId: WEB_APP,
      environmentClassId: STANDARD,
    });
    expect(Date.parse(created.warmPool.metadata?.createdAt ?? "")).toBe(now);
    expect(created.warmPool.status?.phase).toBe("WARM_POOL_PHASE_PENDING");
    now += 60_000;
    const got = await call<CreateWarmPoolResponse>(mock.url, "GetWarmPool", {
      warmPoolId: created.warmPool.id,
    });
    expect(got.warmPool.status?.phase).toBe("WARM_POOL_PHASE_READY");
    expect(mock.store.getPool(created.warmPool.id ?? "")?.status.phase).toBe(
      "WARM_POOL_PHASE_READY",
    );
  });

  it("carries the control plane as methods, the same ones /_admin calls", async () => {
    mock = await startMock({ scenario: "every-phase" });
    const before = mock.getClock();
    expect(before.mode).toBe("manual");
    const fault = mock.addFault({ rpc: "ListWarmPools", error: { code: "unavailable" } });
    const res = await fetch(`${mock.url}/_admin/faults`);
    expect(await res.json()).toEqual({ faults: [{ ...fault, hits: 0 }] });
    await expect(call(mock.url, "ListWarmPools", {})).rejects.toMatchObject({
      code: "unavailable",
    });
    expect(mock.getJournal().entries.at(-1)).toMatchObject({ rpc: "ListWarmPools", status: 503 });
    expect(mock.advanceClock({ ms: 5_000 }).nowMs).toBe(before.nowMs + 5_000);
    mock.reset();
    expect(mock.listFaults().faults).toEqual([]);
    expect(mock.getClock().nowMs).toBe(before.nowMs);
  });

  it("serves the world it is given, and each mock its own copy", async () => {
    const world = loadDefaultWorld();
    world.warmPools = [];
    mock = await startMock({ world });
    const other = await startMock();
    try {
      const empty = await call<ListWarmPoolsResponse>(mock.url, "ListWarmPools", {});
      expect(empty.warmPools ?? []).toEqual([]);
      const full = await call<ListWarmPoolsResponse>(other.url, "ListWarmPools", {});
      expect(full.warmPools?.length).toBeGreaterThan(0);
    } finally {
      await other.close();
    }
  });

  it("rejects a hand-made world with a broken reference, saying where", async () => {
    const world = loadDefaultWorld();
    (world.warmPools[0] as { projectId: string }).projectId =
      "00000000-0000-4000-8000-000000000001";
    await expect(startMock({ world })).rejects.toThrow(
      /startMock\(\{ world \}\) is not a coherent world:\n {2}warmPools\[0\]\.projectId: unknown project/,
    );
  });

  it("loads a world file by path and rejects a missing one", async () => {
    await expect(startMock({ world: "/nonexistent.json" })).rejects.toThrow(
      "cannot read world file /nonexistent.json",
    );
  });

  it("closes once, runs close hooks after the server stops, and frees the port", async () => {
    mock = await startMock();
    const order: string[] = [];
    mock.onClose(() => {
      order.push(mock?.app ? "hook" : "?");
    });
    const { url } = mock;
    await Promise.all([mock.close(), mock.close()]);
    expect(order).toEqual(["hook"]);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });
});
