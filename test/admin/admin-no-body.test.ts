// Admin operations that take no body accept none, and an empty JSON object `{}` as most HTTP
// clients send by default; any other body stays an error and changes nothing.
import type { RequestListener } from "node:http";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { loadAdminContract } from "../../src/core/admin/load-admin-contract.js";
import { callAdmin } from "../support/admin-client.js";
import { createTestApp } from "../support/create-test-app.js";
import { ACME_RUNNER, XLARGE } from "../support/fixtures.js";

const RUNNING_PREBUILD = "c0ffee00-0004-4aaa-8bbb-000000000004";

type Method = "get" | "post" | "put" | "patch" | "delete";

/** Each no-body operation: how to call it, what it answers, and what it needs first. */
const NO_BODY: Record<
  string,
  {
    method: Method;
    path: string;
    status: number;
    prepare?: (app: RequestListener) => Promise<unknown>;
  }
> = {
  reset: { method: "post", path: "/_admin/reset", status: 200 },
  getWorld: { method: "get", path: "/_admin/world", status: 200 },
  deleteEnvironmentClass: {
    method: "delete",
    path: `/_admin/environment-classes/${XLARGE}`,
    status: 204,
  },
  recoverRunner: {
    method: "post",
    path: `/_admin/runners/${ACME_RUNNER}/recover`,
    status: 200,
    prepare: (app) =>
      request(app).post(`/_admin/runners/${ACME_RUNNER}/degrade`).send({ message: "disk full" }),
  },
  completePrebuild: {
    method: "post",
    path: `/_admin/prebuilds/${RUNNING_PREBUILD}/complete`,
    status: 200,
  },
  getClock: { method: "get", path: "/_admin/clock", status: 200 },
  listFaults: { method: "get", path: "/_admin/faults", status: 200 },
  clearFaults: { method: "delete", path: "/_admin/faults", status: 204 },
  deleteFault: {
    method: "delete",
    path: "/_admin/faults/fault-1",
    status: 204,
    prepare: (app) =>
      request(app)
        .post("/_admin/faults")
        .send({ rpc: "*", error: { code: "unavailable" } }),
  },
  getJournal: { method: "get", path: "/_admin/journal", status: 200 },
  getJournalEntry: {
    method: "get",
    path: "/_admin/journal/1",
    status: 200,
    prepare: (app) =>
      request(app)
        .post("/gitpod.v1.PrebuildService/ListWarmPools")
        .set("Content-Type", "application/json")
        .send({}),
  },
  getOverview: { method: "get", path: "/_admin/overview", status: 200 },
  readRecords: { method: "get", path: "/_admin/records", status: 200 },
  clearJournal: { method: "delete", path: "/_admin/journal", status: 204 },
  listScenarios: { method: "get", path: "/_admin/scenarios", status: 200 },
};

// The event stream never ends, so no call here could wait for its answer; events.test.ts has it.
const STREAMS = new Set(["watchEvents"]);

describe("admin operations without a body", () => {
  it("are every operation openapi/admin.yaml gives no request body", () => {
    const withoutBody = [...loadAdminContract().values()]
      .filter((operation) => !operation.validateBody && !STREAMS.has(operation.operationId))
      .map((operation) => operation.operationId);
    expect(Object.keys(NO_BODY).sort()).toEqual(withoutBody.sort());
  });

  describe.each(Object.entries(NO_BODY))("%s", (operationId, { method, path, status, prepare }) => {
    it.each([
      ["no body", undefined],
      ["an empty JSON object", "{}"],
      ["an empty JSON object with blanks", " {  }\n"],
    ])("accepts %s", async (_, body) => {
      const { app } = createTestApp();
      await prepare?.(app);
      // callAdmin also checks the answer against what the document promises.
      const res = await callAdmin(app, operationId, method, path, body, {
        "Content-Type": "application/json",
      });
      expect(res.status, res.text).toBe(status);
    });

    it.each([
      ["a non-empty object", '{"force":true}'],
      ["an array", "[]"],
      ["null", "null"],
      ["text that is not JSON", "please"],
    ])("refuses %s, as invalid_argument", async (_, body) => {
      const { app, store } = createTestApp();
      await prepare?.(app);
      const world = store.snapshot();
      const res = await request(app)
        [method](path)
        .set("Content-Type", "application/json")
        .send(body);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        code: "invalid_argument",
        message: `${operationId} takes no body (an empty JSON object {} is accepted too)`,
      });
      expect(store.snapshot()).toEqual(world);
    });
  });

  it("keeps the fault rules when a refused reset would have cleared them", async () => {
    const { app } = createTestApp();
    await request(app).post("/_admin/faults").send({ rpc: "*", latencyMs: 5 });
    const refused = await request(app)
      .post("/_admin/reset")
      .set("Content-Type", "application/json")
      .send('{"faults":[]}');
    expect(refused.status).toBe(400);
    expect((await request(app).get("/_admin/faults")).body.faults).toHaveLength(1);
    const accepted = await request(app)
      .post("/_admin/reset")
      .set("Content-Type", "application/json")
      .send("{}");
    expect(accepted.status).toBe(200);
    expect((await request(app).get("/_admin/faults")).body.faults).toEqual([]);
  });
});
