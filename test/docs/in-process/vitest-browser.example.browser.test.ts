// docs/in-process.md, "Vitest browser mode": run as it is printed there by the "browser"
// project of vitest.config.ts (imports mapped to src/).
import { setupWorker } from "msw/browser";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createMswMock } from "../../../src/msw.js";

const mock = createMswMock({ baseUrl: "https://api.example.com", scenario: "every-phase" });
const worker = setupWorker(...mock.handlers);

beforeAll(() => worker.start({ onUnhandledRequest: "bypass", quiet: true }));
afterAll(() => worker.stop());

it("sees the every-phase world, and a degraded pool recover when its runner does", async () => {
  const list = async () => {
    const res = await fetch("https://api.example.com/gitpod.v1.PrebuildService/ListWarmPools", {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: "Bearer wpm_acme_alice" },
      body: "{}",
    });
    const { warmPools } = (await res.json()) as { warmPools: { status: { phase: string } }[] };
    return warmPools.map((p) => p.status.phase);
  };
  expect(await list()).toContain("WARM_POOL_PHASE_DEGRADED");

  const runner = mock.getWorld().runners.find((r) => r.failureMessage);
  mock.recoverRunner(runner?.id ?? "");
  mock.advanceClock({ ms: 60_000 });
  expect((await list()).filter((p) => p === "WARM_POOL_PHASE_DEGRADED")).toHaveLength(2);
});
