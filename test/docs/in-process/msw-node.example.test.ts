// docs/in-process.md, "MSW in Node": run as it is printed there (imports mapped to src/).
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { createMswMock, type GetWarmPoolResponse } from "../../../src/msw.js";

const API = "https://api.example.com";
const mock = createMswMock({ baseUrl: API });
const server = setupServer(...mock.handlers);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => mock.reset()); // the start-up world, clock and fault rules again
afterAll(() => server.close());

// What the app under test does; any SDK (Stainless JSON, Connect, fetch) works the same.
async function call(method: string, body: unknown) {
  const res = await fetch(`${API}/gitpod.v1.PrebuildService/${method}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: "Bearer wpm_acme_alice" },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as GetWarmPoolResponse };
}

it("shows a new pool PENDING, READY a minute later, and the API down when told", async () => {
  const created = await call("CreateWarmPool", {
    projectId: "b0e12f6c-4c67-429d-a4a6-d9838b5da047",
    environmentClassId: "d2c94c27-3b76-4a42-b88c-95a85e392c68",
  });
  expect(created.body.warmPool?.status?.phase).toBe("WARM_POOL_PHASE_PENDING");

  mock.advanceClock({ ms: 60_000 }); // time moves only when the test says so
  const got = await call("GetWarmPool", { warmPoolId: created.body.warmPool?.id });
  expect(got.body.warmPool?.status?.phase).toBe("WARM_POOL_PHASE_READY");

  mock.addFault({ rpc: "ListWarmPools", error: { code: "unavailable" }, times: 1 });
  expect((await call("ListWarmPools", {})).status).toBe(503);
  expect((await call("ListWarmPools", {})).status).toBe(200);
});
