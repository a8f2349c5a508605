import { describe, expect, it } from "vitest";
import { callRpc } from "../support/call-rpc.js";
import { createTestApp } from "../support/create-test-app.js";
import { BOB, EXISTING_POOL, GLOBEX_POOL, STANDARD, WEB_APP } from "../support/fixtures.js";

describe("authentication", () => {
  it.each([
    ["no Authorization header", null, {}],
    ["a Basic header", null, { Authorization: "Basic YWxpY2U6c2VjcmV0" }],
    ["Bearer without a token", null, { Authorization: "Bearer " }],
    ["a token without the Bearer scheme", null, { Authorization: "My Bearer Token" }],
  ])("answers unauthenticated for %s", async (_name, token, headers) => {
    const { app, store } = createTestApp();
    const before = store.poolCount;
    const res = await callRpc(
      app,
      "CreateWarmPool",
      { projectId: WEB_APP, environmentClassId: STANDARD },
      { token, headers },
    );
    expect(res.status).toBe(401);
    expect(res.body.code).toBe("unauthenticated");
    expect(res.body.message).toMatch(/Authorization header/);
    expect(store.poolCount).toBe(before);
  });

  it("checks the token before looking at the body", async () => {
    const { app } = createTestApp();
    const res = await callRpc(app, "GetWarmPool", "{not json", { token: null });
    expect(res.body.code).toBe("unauthenticated");
  });

  it("accepts the scheme in any case", async () => {
    const { app } = createTestApp();
    const res = await callRpc(
      app,
      "GetWarmPool",
      { warmPoolId: EXISTING_POOL },
      { token: null, headers: { Authorization: "bearer wpm_acme_alice" } },
    );
    expect(res.status).toBe(200);
  });

  it("maps an unlisted well-formed token to the default principal", async () => {
    const { app } = createTestApp();
    const res = await callRpc(
      app,
      "GetWarmPool",
      { warmPoolId: EXISTING_POOL },
      { token: "any-token-at-all" },
    );
    expect(res.status).toBe(200);
  });

  it("maps any other bearer token text, spaces included, to the default principal", async () => {
    const { app } = createTestApp();
    for (const token of ["two words", "My Bearer Token", "a\tb c"]) {
      const res = await callRpc(app, "GetWarmPool", { warmPoolId: EXISTING_POOL }, { token });
      expect([token, res.status]).toEqual([token, 200]);
    }
  });

  it("rejects an unlisted token with --strict-auth, and still accepts listed ones", async () => {
    const { app } = createTestApp({ strictAuth: true });
    const res = await callRpc(
      app,
      "GetWarmPool",
      { warmPoolId: EXISTING_POOL },
      { token: "any-token-at-all" },
    );
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ code: "unauthenticated", message: "unknown token" });
    expect(
      (await callRpc(app, "GetWarmPool", { warmPoolId: GLOBEX_POOL }, { token: BOB })).status,
    ).toBe(200);
  });
});

describe("organization isolation", () => {
  it("hides another organization's pool from Get, Update and Delete alike", async () => {
    const { app, store } = createTestApp();
    const before = JSON.stringify(store.snapshot());
    for (const [method, body] of [
      ["GetWarmPool", { warmPoolId: GLOBEX_POOL }],
      ["UpdateWarmPool", { warmPoolId: GLOBEX_POOL, maxSize: 9 }],
      ["DeleteWarmPool", { warmPoolId: GLOBEX_POOL }],
    ] as const) {
      const res = await callRpc(app, method, body);
      expect(res.status).toBe(404);
      expect(res.body).toEqual({
        code: "not_found",
        message: `warm pool ${GLOBEX_POOL} not found`,
      });
    }
    const asBob = await callRpc(app, "GetWarmPool", { warmPoolId: EXISTING_POOL }, { token: BOB });
    expect(asBob.body.code).toBe("not_found");
    expect(JSON.stringify(store.snapshot())).toBe(before);
  });
});
