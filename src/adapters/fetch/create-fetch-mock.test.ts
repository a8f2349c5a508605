// The mock with no process and no port, as a Vitest test (or an MSW handler) uses it.
import { afterEach, describe, expect, it } from "vitest";
import { createFetchMock, type FetchMock } from "./create-fetch-mock.js";

const BASE = "https://api.example.com";
const ALICE = "wpm_acme_alice";
const WEB_APP = "b0e12f6c-4c67-429d-a4a6-d9838b5da047";
const XLARGE = "2b3c4d5e-6f70-4a81-9b2c-3d4e5f6a7b85";
const ACME_RUNNER = "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c01";

const mocks: FetchMock[] = [];
afterEach(() => {
  for (const mock of mocks.splice(0)) mock.close();
});

function create(...args: Parameters<typeof createFetchMock>): FetchMock {
  const mock = createFetchMock(...args);
  mocks.push(mock);
  return mock;
}

async function call(mock: FetchMock, method: string, body: unknown, init: RequestInit = {}) {
  const res = await mock.fetch(
    new Request(`${BASE}/gitpod.v1.PrebuildService/${method}`, {
      method: "POST",
      body: JSON.stringify(body),
      ...init,
      headers: {
        "Content-Type": "application/json",
        Authorization: `Bearer ${ALICE}`,
        ...(init.headers as Record<string, string>),
      },
    }),
  );
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever the answer holds
  return { status: res.status, body: (await res.json()) as any, headers: res.headers };
}

describe("createFetchMock", () => {
  it("runs a pool's lifecycle on a manual clock the test moves", async () => {
    const mock = create();
    const created = await call(mock, "CreateWarmPool", {
      projectId: WEB_APP,
      environmentClassId: XLARGE,
      minSize: 1,
      maxSize: 2,
    });
    expect(created.status).toBe(200);
    const id = created.body.warmPool.id as string;
    expect(created.body.warmPool.status.phase).toBe("WARM_POOL_PHASE_PENDING");
    // Time stands still until told: no amount of waiting makes it READY.
    expect((await call(mock, "GetWarmPool", { warmPoolId: id })).body.warmPool.status.phase).toBe(
      "WARM_POOL_PHASE_PENDING",
    );
    const clock = mock.advanceClock({ ms: 60_000 });
    expect(clock.mode).toBe("manual");
    expect((await call(mock, "GetWarmPool", { warmPoolId: id })).body.warmPool.status.phase).toBe(
      "WARM_POOL_PHASE_READY",
    );
    await call(mock, "DeleteWarmPool", { warmPoolId: id });
    mock.advanceClock({ ms: 60_000 });
    expect((await call(mock, "GetWarmPool", { warmPoolId: id })).body.code).toBe("not_found");
  });

  it("forces faults and records every call, through the control methods", async () => {
    const mock = create();
    const fault = mock.addFault({ rpc: "ListWarmPools", error: { code: "unavailable" }, times: 1 });
    expect(mock.listFaults().faults).toHaveLength(1);
    const refused = await call(mock, "ListWarmPools", {});
    expect([refused.status, refused.body.code]).toEqual([503, "unavailable"]);
    expect((await call(mock, "ListWarmPools", {})).status).toBe(200);
    const entries = mock.getJournal({ rpc: "ListWarmPools" }).entries;
    expect(entries.map((e) => [e.status, e.forcedBy])).toEqual([
      [503, fault.id],
      [200, undefined],
    ]);
    mock.clearJournal();
    expect(mock.getJournal().entries).toEqual([]);
  });

  it("changes the world in process as /_admin does, with the same errors", async () => {
    const mock = create();
    const runner = mock.degradeRunner(ACME_RUNNER, { message: "disk full" });
    expect(runner.failureMessage).toBe("disk full");
    const pools = (await call(mock, "ListWarmPools", {})).body.warmPools as {
      status: { phase: string };
    }[];
    expect(pools.some((p) => p.status.phase === "WARM_POOL_PHASE_DEGRADED")).toBe(true);
    expect(() => mock.advanceClock({ ms: -1 } as never)).toThrow(
      expect.objectContaining({ code: "invalid_argument" }),
    );
    expect(() => mock.recoverRunner("not-a-uuid")).toThrow(
      expect.objectContaining({ code: "invalid_argument", message: "not-a-uuid is not a UUID" }),
    );
    expect(() => mock.loadWorld({ path: "world.json" })).toThrow(
      expect.objectContaining({ code: "failed_precondition" }),
    );
    mock.reset();
    expect(mock.getWorld().runners.find((r) => r.id === ACME_RUNNER)?.failureMessage).toBe(
      undefined,
    );
  });

  it("keeps two mocks apart: world, faults, journal and clock", async () => {
    const a = create();
    const b = create();
    const before = (await call(b, "ListWarmPools", {})).body.warmPools.length;
    await call(a, "CreateWarmPool", { projectId: WEB_APP, environmentClassId: XLARGE });
    a.addFault({ rpc: "*", latencyMs: 0 });
    a.advanceClock({ ms: 3_600_000 });
    expect((await call(a, "ListWarmPools", {})).body.warmPools.length).toBe(before + 1);
    expect((await call(b, "ListWarmPools", {})).body.warmPools.length).toBe(before);
    expect(b.listFaults().faults).toEqual([]);
    expect(b.getClock().nowMs).toBeLessThan(a.getClock().nowMs);
    expect(b.getJournal().entries.every((e) => e.rpc === "ListWarmPools")).toBe(true);
  });

  it("starts from a named scenario at its instant, and resets to it", async () => {
    const mock = create({ scenario: "every-phase" });
    const start = mock.getClock();
    expect([start.mode, start.now]).toEqual(["manual", "2026-01-05T09:10:00.000Z"]);
    mock.advanceClock({ ms: 1000 });
    mock.reset();
    expect(mock.getClock().now).toBe("2026-01-05T09:10:00.000Z");
    expect(() =>
      createFetchMock({ scenario: "every-phase", world: mock.store.snapshot() }),
    ).toThrow(/not both/);
  });

  it("answers the control plane over fetch too, and streams the change feed", async () => {
    const mock = create();
    const faults = await mock.fetch(new Request(`${BASE}/_admin/faults`));
    expect(await faults.json()).toEqual({ faults: [] });
    const controller = new AbortController();
    const events = await mock.fetch(
      new Request(`${BASE}/_admin/events`, { signal: controller.signal }),
    );
    expect(events.headers.get("content-type")).toBe("text/event-stream");
    const reader = events.body?.pipeThrough(new TextDecoderStream()).getReader();
    expect((await reader?.read())?.value).toContain(
      '"topics":["world","faults","journal","clock","scenario"],"reload":true',
    );
    const heard: unknown[] = [];
    const stop = mock.watchEvents((event) => heard.push(event));
    expect(heard).toMatchObject([{ seq: 0, reload: true }]);
    mock.degradeRunner(ACME_RUNNER, { message: "disk full" });
    expect((await reader?.read())?.value).toContain('"seq":1,"topics":["world"]');
    expect(heard).toHaveLength(2);
    stop();
    controller.abort();
    expect((await reader?.read())?.done).toBe(true);
  });

  it("inflates a gzipped request and gzips the answer with web streams", async () => {
    const mock = create();
    const body = new Blob([JSON.stringify({})]).stream().pipeThrough(new CompressionStream("gzip"));
    const res = await mock.fetch(
      new Request(`${BASE}/gitpod.v1.PrebuildService/ListWarmPools`, {
        method: "POST",
        body: await new Response(body).arrayBuffer(),
        headers: {
          "Content-Type": "application/json",
          "Content-Encoding": "gzip",
          "Accept-Encoding": "gzip",
          Authorization: `Bearer ${ALICE}`,
        },
      }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-encoding")).toBe("gzip");
    const text = await new Response(
      res.body?.pipeThrough(new DecompressionStream("gzip")) ?? null,
    ).text();
    expect(JSON.parse(text).warmPools.length).toBeGreaterThan(0);
  });

  it("serves an API below a base path, and only there", async () => {
    const mock = create({ basePath: "/api/" });
    expect((await mock.fetch(new Request(`${BASE}/api/healthz`))).status).toBe(200);
    expect((await mock.fetch(new Request(`${BASE}/apiary/healthz`))).status).toBe(404);
    expect((await mock.fetch(new Request(`${BASE}/healthz`))).status).toBe(200);
  });

  it("says how to build the dashboard it cannot serve", async () => {
    const res = await create().fetch(new Request(`${BASE}/_dashboard/`));
    expect(res.status).toBe(503);
    expect(await res.text()).toContain("npm run build");
  });
});
