import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { callRpc, send } from "../support/call-rpc.js";
import { createTestApp } from "../support/create-test-app.js";
import { ALICE, EXISTING_POOL, STANDARD, WEB_APP } from "../support/fixtures.js";

const AUTH = { Authorization: `Bearer ${ALICE}` };
const JSON_HEADERS = { ...AUTH, "Content-Type": "application/json" };

describe("Connect unary protocol: bare answers", () => {
  it.each(["put", "delete", "patch", "get"] as const)(
    "answers %s on a side-effect RPC with a bare 405 and Allow: POST",
    async (verb) => {
      const { app } = createTestApp();
      const res = await send(app, verb, "/gitpod.v1.PrebuildService/CreateWarmPool", JSON_HEADERS);
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe("POST");
      expect(res.text).toBe("");
    },
  );

  it.each([
    "text/plain",
    "application/xml",
    "application/json; charset=latin1",
    "multipart/form-data",
    "application/grpc",
  ])("answers Content-Type %s with a bare 415 that lists what is accepted", async (type) => {
    const { app } = createTestApp();
    const res = await send(
      app,
      "post",
      "/gitpod.v1.PrebuildService/GetWarmPool",
      { ...AUTH, "Content-Type": type },
      "{}",
    );
    expect(res.status).toBe(415);
    expect(res.text).toBe("");
    expect(res.headers["accept-post"]).toContain("application/json");
  });

  it("answers a missing Content-Type with 415", async () => {
    const { app } = createTestApp();
    const res = await send(app, "post", "/gitpod.v1.PrebuildService/GetWarmPool", AUTH);
    expect(res.status).toBe(415);
  });

  it.each([
    "/gitpod.v1.PrebuildService/NoSuchMethod",
    "/gitpod.v1.PrebuildService/getWarmPool",
    "/gitpod.v1.prebuildservice/GetWarmPool",
    "/gitpod.v1.OtherService/GetWarmPool",
    "/",
    "/gitpod.v1.PrebuildService/GetWarmPool/extra",
  ])("answers an unknown procedure %s with a bare 404", async (path) => {
    const { app } = createTestApp();
    const res = await send(app, "post", path, JSON_HEADERS, "{}");
    expect(res.status).toBe(404);
    expect(res.text).toBe("");
  });

  it("accepts application/json with charset=utf-8", async () => {
    const { app } = createTestApp();
    const res = await callRpc(
      app,
      "GetWarmPool",
      { warmPoolId: EXISTING_POOL },
      { headers: { "Content-Type": "application/json; charset=utf-8" } },
    );
    expect(res.status).toBe(200);
  });
});

describe("Connect-Protocol-Version", () => {
  it("is optional, as Stainless SDKs never send it", async () => {
    const { app } = createTestApp();
    expect((await callRpc(app, "GetWarmPool", { warmPoolId: EXISTING_POOL })).status).toBe(200);
    expect(
      (
        await callRpc(
          app,
          "GetWarmPool",
          { warmPoolId: EXISTING_POOL },
          { headers: { "Connect-Protocol-Version": "1" } },
        )
      ).status,
    ).toBe(200);
  });

  it("rejects a value other than 1 with invalid_argument", async () => {
    const { app } = createTestApp();
    const res = await callRpc(
      app,
      "GetWarmPool",
      { warmPoolId: EXISTING_POOL },
      { headers: { "Connect-Protocol-Version": "2" } },
    );
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      code: "invalid_argument",
      message: 'connect-protocol-version must be "1": got "2"',
    });
  });
});

describe("bad bodies get clear Connect errors and change nothing", () => {
  it.each([
    ["an empty body", "", "zero-length payload is not a valid JSON object"],
    ["malformed JSON", '{"projectId": ', "invalid JSON"],
    ["a JSON array", "[]", "expected a JSON object, got an array"],
    ["a JSON string", '"hello"', 'expected a JSON object, got "hello"'],
    ["JSON null", "null", "expected a JSON object, got null"],
    ["a number", "42", "expected a JSON object, got 42"],
    [
      "invalid UTF-8",
      Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
      "invalid UTF-8",
    ],
  ])("answers %s with invalid_argument", async (_name, body, fragment) => {
    const { app, store } = createTestApp();
    const before = JSON.stringify(store.snapshot());
    const res = await callRpc(app, "CreateWarmPool", body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("invalid_argument");
    expect(res.body.message).toContain(fragment);
    expect(JSON.stringify(store.snapshot())).toBe(before);
  });

  it("answers a body over the limit with resource_exhausted", async () => {
    const { app, store } = createTestApp({ maxBodyBytes: 1024 });
    const before = store.poolCount;
    const padding = "x".repeat(2048);
    const res = await callRpc(app, "CreateWarmPool", {
      projectId: WEB_APP,
      environmentClassId: STANDARD,
      padding,
    });
    expect(res.status).toBe(429);
    expect(res.body).toEqual({
      code: "resource_exhausted",
      message: "request body is larger than the limit of 1024 bytes",
    });
    // The unread rest of the body would stall the connection; the answer closes it.
    expect(res.headers.connection).toBe("close");
    expect(store.poolCount).toBe(before);
  });

  it("limits bodies to 1 MiB by default", async () => {
    const { app } = createTestApp();
    const ok = await callRpc(app, "GetWarmPool", {
      warmPoolId: EXISTING_POOL,
      padding: "x".repeat(1024 * 1024 - 100),
    });
    expect(ok.status).toBe(200);
    const big = await callRpc(app, "GetWarmPool", {
      warmPoolId: EXISTING_POOL,
      padding: "x".repeat(1024 * 1024),
    });
    expect(big.body.code).toBe("resource_exhausted");
  });

  it("does not treat a gzip body as JSON when no encoding is declared", async () => {
    const { app } = createTestApp();
    const res = await callRpc(app, "GetWarmPool", gzipSync(`{"warmPoolId":"${EXISTING_POOL}"}`));
    expect(res.body.code).toBe("invalid_argument");
  });
});

describe("ProtoJSON input", () => {
  it("accepts proto field names, numeric strings, null as unset and ignores unknown fields", async () => {
    const { app } = createTestApp();
    const res = await callRpc(app, "CreateWarmPool", {
      project_id: WEB_APP,
      environment_class_id: STANDARD,
      min_size: "2",
      maxSize: "5.0e0",
      desiredSize: null,
      someFutureField: { nested: true },
      __proto__: { polluted: true },
    });
    expect(res.status).toBe(200);
    expect(res.body.warmPool.spec).toMatchObject({ minSize: 2, maxSize: 5 });
    expect(res.body.warmPool.spec).not.toHaveProperty("desiredSize");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("lets the last duplicate key win", async () => {
    const { app } = createTestApp();
    const res = await callRpc(
      app,
      "CreateWarmPool",
      `{"projectId":"${WEB_APP}","environmentClassId":"${STANDARD}","maxSize":2,"maxSize":7,"max_size":4}`,
    );
    expect(res.body.warmPool.spec.maxSize).toBe(4);
  });

  it("writes camelCase, int64 as strings, RFC 3339 Z timestamps, and omits zero-valued fields", async () => {
    const { app } = createTestApp();
    const res = await callRpc(app, "GetWarmPool", { warm_pool_id: EXISTING_POOL });
    expect(res.text).not.toMatch(/_[a-z]+":/);
    const pool = res.body.warmPool;
    expect(typeof pool.spec.specVersion).toBe("string");
    expect(typeof pool.status.statusVersion).toBe("string");
    expect(pool.metadata.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z$/);
    expect(pool.status).not.toHaveProperty("stoppedInstances");
    expect(pool.status).not.toHaveProperty("failureMessage");
    expect(pool.spec).not.toHaveProperty("desiredSize");
  });
});
