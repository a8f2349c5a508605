// What the REST-style (Stainless) SDK's own generated warm-pool tests send, and what the real
// API answers them: the facts docs/testing-with-the-mock.md reports from running those tests
// against the mock. Their client is built with `bearerToken: 'My Bearer Token'` and only a base
// URL; each method is a POST of the parameters as a JSON body (List puts `token` and
// `pageSize` in the query, absent here). The IDs are the default world's.
import { afterAll, describe, expect, it } from "vitest";
import { createManualClock } from "../support/create-manual-clock.js";
import { EXISTING_POOL, STANDARD, WEB_APP } from "../support/fixtures.js";
import { rawRequest } from "../support/raw-request.js";
import { type RunningServer, startServer } from "../support/start-server.js";

// The headers such a client sends on every call.
const SDK_HEADERS = {
  Authorization: "Bearer My Bearer Token",
  Accept: "application/json",
  "Content-Type": "application/json",
  "User-Agent": "Gitpod/JS 0.16.0",
  "X-Stainless-Lang": "js",
  "X-Stainless-Package-Version": "0.16.0",
  "X-Stainless-Runtime": "node",
  "X-Stainless-Retry-Count": "0",
  "X-Stainless-Timeout": "60",
};

// The nine generated tests, in file order: name, RPC, body.
const GENERATED: [name: string, rpc: string, body: Record<string, unknown>][] = [
  [
    "createWarmPool: only required params",
    "CreateWarmPool",
    { environmentClassId: STANDARD, projectId: WEB_APP },
  ],
  [
    "createWarmPool: required and optional params",
    "CreateWarmPool",
    { environmentClassId: STANDARD, projectId: WEB_APP, desiredSize: 2, maxSize: 1, minSize: 20 },
  ],
  ["deleteWarmPool: only required params", "DeleteWarmPool", { warmPoolId: EXISTING_POOL }],
  ["deleteWarmPool: required and optional params", "DeleteWarmPool", { warmPoolId: EXISTING_POOL }],
  ["listWarmPools", "ListWarmPools", {}],
  ["retrieveWarmPool: only required params", "GetWarmPool", { warmPoolId: EXISTING_POOL }],
  ["retrieveWarmPool: required and optional params", "GetWarmPool", { warmPoolId: EXISTING_POOL }],
  ["updateWarmPool: only required params", "UpdateWarmPool", { warmPoolId: EXISTING_POOL }],
  [
    "updateWarmPool: required and optional params",
    "UpdateWarmPool",
    { warmPoolId: EXISTING_POOL, desiredSize: 5, maxSize: 1, minSize: 20 },
  ],
];
const REFUSED = new Set([
  "createWarmPool: required and optional params",
  "updateWarmPool: required and optional params",
]);

const servers: RunningServer[] = [];
afterAll(() => Promise.all(servers.map((s) => s.close())));

/** A mock as `npm start` serves it (default world, lenient auth), its clock held still. */
async function freshMock(): Promise<RunningServer> {
  const server = await startServer({ clock: createManualClock() });
  servers.push(server);
  return server;
}

function send(server: RunningServer, rpc: string, body: unknown) {
  return rawRequest(`${server.url}/gitpod.v1.PrebuildService/${rpc}`, {
    method: "POST",
    headers: SDK_HEADERS,
    body: JSON.stringify(body),
  });
}

describe("each generated test on a fresh mock", () => {
  it.each(GENERATED.filter(([name]) => !REFUSED.has(name)))(
    "%s: answered 200 as the default principal",
    async (_name, rpc, body) => {
      const res = await send(await freshMock(), rpc, body);
      expect(res.status).toBe(200);
      expect(res.headers["content-type"]).toBe("application/json");
      expect(res.json).toBeTypeOf("object");
    },
  );

  it.each([...REFUSED])(
    "%s: min 20 > max 1 is invalid_argument, as the real API answers",
    async (name) => {
      const [, rpc, body] = GENERATED.find(([n]) => n === name) as (typeof GENERATED)[number];
      const res = await send(await freshMock(), rpc, body);
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({
        code: "invalid_argument",
        message: expect.stringContaining(
          "max_size (1) must be greater than or equal to min_size (20)",
        ),
      });
    },
  );
});

describe("the generated file run in order against one mock", () => {
  it("passes but for min > max until the delete; then the pool is DELETING and both updates are refused", async () => {
    const server = await freshMock();
    const outcomes: Record<string, string> = {};
    for (const [name, rpc, body] of GENERATED) {
      const res = await send(server, rpc, body);
      const answer = res.json as { code?: string; warmPool?: { status?: { phase?: string } } };
      outcomes[name] = res.status === 200 ? "ok" : String(answer.code);
      if (name.startsWith("retrieveWarmPool")) {
        expect(answer.warmPool?.status?.phase).toBe("WARM_POOL_PHASE_DELETING");
      }
    }
    expect(outcomes).toEqual({
      "createWarmPool: only required params": "ok",
      "createWarmPool: required and optional params": "invalid_argument",
      "deleteWarmPool: only required params": "ok",
      // A second delete of a draining pool succeeds and changes nothing.
      "deleteWarmPool: required and optional params": "ok",
      listWarmPools: "ok",
      "retrieveWarmPool: only required params": "ok",
      "retrieveWarmPool: required and optional params": "ok",
      // An update of a pool being deleted is failed_precondition, before its sizes are judged.
      "updateWarmPool: only required params": "failed_precondition",
      "updateWarmPool: required and optional params": "failed_precondition",
    });
  });
});
