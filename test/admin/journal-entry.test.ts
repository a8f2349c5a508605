// GET /_admin/journal/{entryId}: one call with its request headers and the answer the mock made,
// bounded and shown safely as the request body is; GET /_admin/journal?after= for what is new.
import request from "supertest";
import { describe, expect, it } from "vitest";
import { callAdmin } from "../support/admin-client.js";
import { callRpc } from "../support/call-rpc.js";
import { createTestApp } from "../support/create-test-app.js";
import { ALICE, EXISTING_POOL } from "../support/fixtures.js";

const GET = "/gitpod.v1.PrebuildService/GetWarmPool";

describe("GET /_admin/journal/{entryId}", () => {
  it("shows a call's request headers and its answer: status, headers, body", async () => {
    const { app } = createTestApp();
    await request(app)
      .post(GET)
      .set("Content-Type", "application/json")
      .set("Authorization", `Bearer ${ALICE}`)
      .set("Cookie", "session=not-the-apis")
      .set("Accept-Encoding", "identity")
      .set("X-Mock-Latency-Ms", "0")
      .send({ warmPoolId: EXISTING_POOL });
    const res = await callAdmin(app, "getJournalEntry", "get", "/_admin/journal/1");
    expect(res.status).toBe(200);
    const entry = res.body;
    expect(entry).toMatchObject({
      id: 1,
      rpc: "GetWarmPool",
      status: 200,
      body: { warmPoolId: EXISTING_POOL },
      requestHeaders: {
        "content-type": "application/json",
        authorization: `Bearer ${ALICE}`,
        "x-mock-latency-ms": "0",
      },
      answer: {
        status: 200,
        headers: { "content-type": "application/json" },
        body: { warmPool: { id: EXISTING_POOL } },
      },
    });
    // Framing and the browser's cookies for the host are not the call's.
    for (const name of ["host", "cookie", "content-length", "connection"]) {
      expect(entry.requestHeaders).not.toHaveProperty(name);
    }
    // The list stays short: the answer is only here.
    const list = await callAdmin(app, "getJournal", "get", "/_admin/journal");
    expect(list.body.entries[0]).not.toHaveProperty("answer");
    expect(list.body.entries[0]).not.toHaveProperty("requestHeaders");
  });

  it("shows an error answer, a compressed one as bytes, and a binary one as base64", async () => {
    const { app } = createTestApp();
    await callRpc(app, "GetWarmPool", { warmPoolId: "00000000-0000-4000-8000-000000000000" });
    await request(app)
      .post(GET)
      .set("Content-Type", "application/json")
      .set("Authorization", `Bearer ${ALICE}`)
      .set("Accept-Encoding", "gzip")
      .send(JSON.stringify({ warmPoolId: EXISTING_POOL }).padEnd(2000, " "));
    // GetWarmPoolRequest { warm_pool_id (1): EXISTING_POOL } in protobuf's binary form.
    const proto = Buffer.concat([
      Buffer.from([0x0a, EXISTING_POOL.length]),
      Buffer.from(EXISTING_POOL),
    ]);
    await request(app)
      .post(GET)
      .set("Content-Type", "application/proto")
      .set("Authorization", `Bearer ${ALICE}`)
      .set("Accept-Encoding", "identity")
      .send(proto);
    const [missing, gzipped, binary] = await Promise.all(
      [1, 2, 3].map(async (id) => (await request(app).get(`/_admin/journal/${id}`)).body),
    );
    expect(missing.answer).toMatchObject({
      status: 404,
      body: { code: "not_found" },
    });
    // A gzipped answer is shown as its message before compression, and says so.
    expect(gzipped.answer.headers["content-encoding"]).toBe("gzip");
    expect(gzipped.answer).toMatchObject({
      body: { warmPool: { id: EXISTING_POOL } },
      bodyNote: "sent gzip; shown before compression",
    });
    expect(binary.answer.headers["content-type"]).toBe("application/proto");
    expect(binary.answer.body).toBeUndefined();
    expect(Buffer.from(binary.answer.bodyBase64, "base64").includes(EXISTING_POOL)).toBe(true);
  });

  it("answers not_found for a call it does not hold, invalid_argument for a bad id", async () => {
    const { app } = createTestApp();
    const missing = await request(app).get("/_admin/journal/7");
    expect([missing.status, missing.body.code]).toEqual([404, "not_found"]);
    for (const bad of ["0", "x", "-1", "1.5"]) {
      const res = await request(app).get(`/_admin/journal/${bad}`);
      expect([bad, res.status, res.body.code]).toEqual([bad, 400, "invalid_argument"]);
    }
  });
});

describe("GET /_admin/journal?after=", () => {
  it("returns only the calls after the one named, with or without a filter", async () => {
    const { app } = createTestApp({ journalSize: 3 });
    for (let i = 0; i < 5; i++) await callRpc(app, i % 2 ? "ListWarmPools" : "GetWarmPool", {});
    const ids = async (query: string) =>
      ((await request(app).get(`/_admin/journal${query}`)).body.entries as { id: number }[]).map(
        (e) => e.id,
      );
    expect(await ids("")).toEqual([3, 4, 5]);
    expect(await ids("?after=3")).toEqual([4, 5]);
    expect(await ids("?after=0")).toEqual([3, 4, 5]);
    expect(await ids("?after=5")).toEqual([]);
    expect(await ids("?after=3&rpc=GetWarmPool")).toEqual([5]);
    expect((await request(app).get("/_admin/journal?after=x")).status).toBe(400);
  });
});
