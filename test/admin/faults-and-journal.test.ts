import request from "supertest";
import { describe, expect, it } from "vitest";
import { CONNECT_CODES } from "../../src/errors/connect-code.js";
import { codeToHttpStatus } from "../../src/protocol/http-status.js";
import { callAdmin } from "../support/admin-client.js";
import { callRpc } from "../support/call-rpc.js";
import { createTestApp } from "../support/create-test-app.js";
import { TEST_TIMING } from "../support/create-test-context.js";
import { EXISTING_POOL, STANDARD, WEB_APP } from "../support/fixtures.js";

const CREATE = { projectId: WEB_APP, environmentClassId: STANDARD };
const GET = { warmPoolId: EXISTING_POOL };

/** A random source that replays the given values. */
function replay(...values: number[]) {
  return () => {
    const next = values.shift();
    if (next === undefined) throw new Error("random source exhausted");
    return next;
  };
}

describe("X-Mock-Error and X-Mock-Latency-Ms: one call's outcome", () => {
  it("forces every Connect code with its HTTP status, and changes nothing in the world", async () => {
    const { app } = createTestApp({ timing: TEST_TIMING });
    for (const code of CONNECT_CODES) {
      const res = await callRpc(app, "CreateWarmPool", CREATE, {
        headers: { "X-Mock-Error": code },
      });
      expect([code, res.status, res.body]).toEqual([
        code,
        codeToHttpStatus(code),
        { code, message: "forced by X-Mock-Error header" },
      ]);
    }
    const created = await callRpc(app, "CreateWarmPool", CREATE);
    expect(created.status).toBe(200); // no forced call created the pool
  });

  it("wins over validation and authentication, and a bad value is itself invalid_argument", async () => {
    const { app } = createTestApp({ timing: TEST_TIMING });
    const forced = await callRpc(
      app,
      "GetWarmPool",
      { warmPoolId: "nope" },
      { headers: { "X-Mock-Error": "NOT_FOUND", Authorization: "" } },
    );
    expect([forced.status, forced.body.code]).toEqual([404, "not_found"]);
    const typo = await callRpc(app, "GetWarmPool", GET, {
      headers: { "X-Mock-Error": "notfound" },
    });
    expect([typo.status, typo.body.code]).toEqual([400, "invalid_argument"]);
    expect(typo.body.message).toMatch(/X-Mock-Error must be a Connect code/);
    const badLatency = await callRpc(app, "GetWarmPool", GET, {
      headers: { "X-Mock-Latency-Ms": "soon" },
    });
    expect(badLatency.body.message).toMatch(/X-Mock-Latency-Ms must be an integer/);
  });

  it("delays one call by X-Mock-Latency-Ms", async () => {
    const { app } = createTestApp({ timing: TEST_TIMING });
    const started = performance.now();
    const res = await callRpc(app, "GetWarmPool", GET, { headers: { "X-Mock-Latency-Ms": "60" } });
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(59);
  });
});

describe("fault rules: per-RPC errors and latency", () => {
  it("fails the next N calls of one RPC with a code, then expires; other RPCs are untouched", async () => {
    const { app } = createTestApp({ timing: TEST_TIMING });
    const rule = await callAdmin(app, "addFault", "post", "/_admin/faults", {
      rpc: "GetWarmPool",
      error: { code: "unavailable", message: "maintenance" },
      times: 2,
    });
    expect(rule.status).toBe(201);
    expect(rule.body).toMatchObject({ id: "fault-1", hits: 0, times: 2 });
    const list = await callRpc(app, "ListWarmPools", {});
    expect(list.status).toBe(200);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await callRpc(app, "GetWarmPool", GET)).status);
    expect(statuses).toEqual([503, 503, 200]);
    expect((await callAdmin(app, "listFaults", "get", "/_admin/faults")).body.faults).toEqual([]);
  });

  it("names an RPC by Service/Method or by its bare method, and refuses any other name", async () => {
    const { app } = createTestApp({ timing: TEST_TIMING });
    const rule = await callAdmin(app, "addFault", "post", "/_admin/faults", {
      rpc: "PrebuildService/GetWarmPool",
      error: { code: "unavailable" },
      times: 1,
    });
    expect(rule.body).toMatchObject({ rpc: "PrebuildService/GetWarmPool" });
    expect((await callRpc(app, "ListWarmPools", {})).status).toBe(200);
    expect((await callRpc(app, "GetWarmPool", GET)).status).toBe(503);
    const journal = await callAdmin(
      app,
      "getJournal",
      "get",
      "/_admin/journal?rpc=PrebuildService/GetWarmPool",
    );
    // The journal shows the bare method, the name of the RPC while it is unique.
    expect(journal.body.entries.map((e: { rpc: string }) => e.rpc)).toEqual(["GetWarmPool"]);
    for (const rpc of ["GetWarmPools", "gitpod.v1.PrebuildService/GetWarmPool", "getWarmPool"]) {
      const refused = await callAdmin(app, "addFault", "post", "/_admin/faults", {
        rpc,
        latencyMs: 1,
      });
      expect([rpc, refused.status, refused.body.code]).toEqual([rpc, 400, "invalid_argument"]);
    }
  });

  it("fails calls with a probability (random source injected)", async () => {
    const { app } = createTestApp({ timing: TEST_TIMING, random: replay(0.1, 0.9, 0.49, 0.5) });
    await callAdmin(app, "addFault", "post", "/_admin/faults", {
      rpc: "*",
      error: { code: "internal" },
      probability: 0.5,
    });
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await callRpc(app, "GetWarmPool", GET)).body.code);
    expect(codes).toEqual(["internal", undefined, "internal", undefined]);
    const rules = (await callAdmin(app, "listFaults", "get", "/_admin/faults")).body.faults;
    expect(rules[0].hits).toBe(2);
  });

  it("adds fixed and ranged latency, summed over matching rules, visible in the journal", async () => {
    const { app } = createTestApp({ timing: TEST_TIMING, random: replay(0.5) });
    await callAdmin(app, "addFault", "post", "/_admin/faults", {
      rpc: "GetWarmPool",
      latencyMs: 30,
    });
    await callAdmin(app, "addFault", "post", "/_admin/faults", {
      rpc: "*",
      latencyMs: { minMs: 10, maxMs: 50 },
    });
    await callRpc(app, "GetWarmPool", GET);
    const [entry] = (await callAdmin(app, "getJournal", "get", "/_admin/journal")).body.entries;
    expect(entry.status).toBe(200);
    expect(entry.latencyMs).toBeGreaterThanOrEqual(59); // 30 + (10 + 0.5 * 40)
  });

  it("lets the header win over rules, and the first matching rule's error over later ones", async () => {
    const { app } = createTestApp({ timing: TEST_TIMING });
    await callAdmin(app, "addFault", "post", "/_admin/faults", {
      rpc: "*",
      error: { code: "aborted" },
    });
    await callAdmin(app, "addFault", "post", "/_admin/faults", {
      rpc: "GetWarmPool",
      error: { code: "data_loss" },
    });
    expect((await callRpc(app, "GetWarmPool", GET)).body).toEqual({
      code: "aborted",
      message: "forced by fault fault-1",
    });
    const header = await callRpc(app, "GetWarmPool", GET, {
      headers: { "X-Mock-Error": "permission_denied" },
    });
    expect(header.body.code).toBe("permission_denied");
  });

  it("removes one rule or all of them", async () => {
    const { app } = createTestApp({ timing: TEST_TIMING });
    await callAdmin(app, "addFault", "post", "/_admin/faults", {
      rpc: "*",
      error: { code: "aborted" },
    });
    await callAdmin(app, "addFault", "post", "/_admin/faults", { rpc: "*", latencyMs: 1 });
    expect((await callAdmin(app, "deleteFault", "delete", "/_admin/faults/fault-1")).status).toBe(
      204,
    );
    expect((await callRpc(app, "GetWarmPool", GET)).status).toBe(200);
    const missing = await callAdmin(app, "deleteFault", "delete", "/_admin/faults/fault-1");
    expect([missing.status, missing.body.code]).toEqual([404, "not_found"]);
    expect((await callAdmin(app, "clearFaults", "delete", "/_admin/faults")).status).toBe(204);
    expect((await callAdmin(app, "listFaults", "get", "/_admin/faults")).body.faults).toEqual([]);
  });
});

describe("the request journal", () => {
  it("records method, body, status, code, latency and what forced the outcome; filters by RPC", async () => {
    const { app } = createTestApp({ timing: TEST_TIMING });
    await callRpc(app, "GetWarmPool", GET);
    await callRpc(app, "CreateWarmPool", CREATE, { headers: { "X-Mock-Error": "already_exists" } });
    await callRpc(app, "GetWarmPool", { warmPoolId: "not-a-uuid" });
    const all = (await callAdmin(app, "getJournal", "get", "/_admin/journal")).body.entries;
    expect(
      all.map((e: { rpc: string; status: number; code?: string }) => [e.rpc, e.status, e.code]),
    ).toEqual([
      ["GetWarmPool", 200, undefined],
      ["CreateWarmPool", 409, "already_exists"],
      ["GetWarmPool", 400, "invalid_argument"],
    ]);
    expect(all[1]).toMatchObject({ body: CREATE, forcedBy: "header", httpMethod: "POST" });
    expect(all[0].latencyMs).toBeGreaterThanOrEqual(0);
    const gets = await callAdmin(
      app,
      "getJournal",
      "get",
      "/_admin/journal?rpc=GetWarmPool&limit=1",
    );
    expect(gets.body.entries.map((e: { id: number }) => e.id)).toEqual([3]);
    expect((await callAdmin(app, "clearJournal", "delete", "/_admin/journal")).status).toBe(204);
    expect((await callAdmin(app, "getJournal", "get", "/_admin/journal")).body.entries).toEqual([]);
  });

  it("keeps only the last N calls, and none with size 0", async () => {
    const small = createTestApp({ timing: TEST_TIMING, journalSize: 2 }).app;
    for (let i = 0; i < 3; i++)
      await callRpc(small, "ListWarmPools", { pagination: { pageSize: i + 1 } });
    const kept = (await callAdmin(small, "getJournal", "get", "/_admin/journal")).body.entries;
    expect(
      kept.map((e: { body: { pagination: { pageSize: number } } }) => e.body.pagination.pageSize),
    ).toEqual([2, 3]);
    const off = createTestApp({ timing: TEST_TIMING, journalSize: 0 }).app;
    await callRpc(off, "ListWarmPools", {});
    expect((await callAdmin(off, "getJournal", "get", "/_admin/journal")).body.entries).toEqual([]);
  });

  it("keeps a body that is not JSON as base64", async () => {
    const { app } = createTestApp({ timing: TEST_TIMING });
    const res = await request(app)
      .post("/gitpod.v1.PrebuildService/GetWarmPool")
      .set("Content-Type", "application/json")
      .set("Authorization", "Bearer wpm_acme_alice")
      .send("{oops");
    expect(res.body.code).toBe("invalid_argument");
    const [entry] = (await callAdmin(app, "getJournal", "get", "/_admin/journal")).body.entries;
    expect(entry.bodyBase64).toBe(Buffer.from("{oops").toString("base64"));
  });
});
