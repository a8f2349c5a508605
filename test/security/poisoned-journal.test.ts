// Issue 21's journal poisoning, from the attacker's side: a request whose body no reader of the
// journal could render (nested 5,000 deep in an unknown field, 10 KB) was answered and kept,
// and from then on GET /_admin/journal answered 500 and the dashboard lost its sections. Each
// transcript below is replayed; afterwards every admin read, the dashboard's reads and the event
// feed still work, and world, fault rules and journal are as they were but for the call itself.
import { gzipSync } from "node:zlib";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { JOURNAL_BODY_BYTES, JOURNAL_BODY_DEPTH } from "../../src/rpc/describe-journal-body.js";
import { callAdmin } from "../support/admin-client.js";
import { createManualClock } from "../support/create-manual-clock.js";
import { ALICE, EXISTING_POOL } from "../support/fixtures.js";
import { expectStateKept, type MockState, readMockState } from "../support/mock-state.js";
import { rawRequest } from "../support/raw-request.js";
import { startServer } from "../support/start-server.js";
import { watchEvents } from "../support/watch-events.js";

// A manual clock: nothing moves between the readings before and after an attack.
const mock = await startServer({ clock: createManualClock() });
afterAll(() => mock.close());

const arrays = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`;
const objects = (n: number) => `${'{"a":'.repeat(n)}1${"}".repeat(n)}`;

function rpc(
  method: string,
  body: string | Uint8Array,
  headers: Record<string, string> = {},
): ReturnType<typeof rawRequest> {
  return rawRequest(`${mock.url}/gitpod.v1.PrebuildService/${method}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${ALICE}`, "Content-Type": "application/json", ...headers },
    body,
  });
}

/** Every read of the control plane answers, each as openapi/admin.yaml says. */
async function expectEveryAdminReadWorks(): Promise<void> {
  const reads: [string, string][] = [
    ["getWorld", "/_admin/world"],
    ["getClock", "/_admin/clock"],
    ["listFaults", "/_admin/faults"],
    // The dashboard's own journal read, and the filtered one.
    ["getJournal", "/_admin/journal?limit=100"],
    ["getJournal", "/_admin/journal?rpc=ListWarmPools"],
    ["listScenarios", "/_admin/scenarios"],
  ];
  for (const [operationId, path] of reads) {
    const res = await callAdmin(mock.url, operationId, "get", path);
    expect(res.status, path).toBe(200);
  }
}

let before: MockState;
beforeEach(async () => {
  await rawRequest(`${mock.url}/_admin/reset`, { method: "POST" });
  // Some journal to keep: an ordinary call before the attack.
  expect((await rpc("GetWarmPool", JSON.stringify({ warmPoolId: EXISTING_POOL }))).status).toBe(
    200,
  );
  before = await readMockState(mock.url);
});

describe("the transcript: an unknown field nesting 5,000 arrays, 10 KB", () => {
  const poison = `{"x":${arrays(5000)}}`;

  it("is answered as connect-go answers it (the field is ignored), and poisons nothing", async () => {
    expect(poison.length).toBe(10_006);
    const res = await rpc("ListWarmPools", poison);
    expect(res.status).toBe(200);
    await expectEveryAdminReadWorks();
    const [entry] = await expectStateKept(mock.url, before, 1);
    expect(entry).toMatchObject({
      rpc: "ListWarmPools",
      status: 200,
      bodyBase64: Buffer.from(poison).toString("base64"),
      bodyNote: `JSON nested more than ${JOURNAL_BODY_DEPTH} levels deep, kept as bytes`,
    });
    expect(entry).not.toHaveProperty("body");
  });

  it("leaves the event feed working: it tells of the call, and the journal it names reads", async () => {
    const events = await watchEvents(mock.url);
    try {
      expect((await events.next())?.reload).toBe(true);
      expect((await rpc("ListWarmPools", poison)).status).toBe(200);
      expect((await events.next())?.topics).toContain("journal");
      await expectEveryAdminReadWorks();
      // The feed goes on after the read.
      expect((await rpc("ListWarmPools", "{}")).status).toBe(200);
      expect((await events.next())?.topics).toContain("journal");
    } finally {
      events.close();
    }
    await expectStateKept(mock.url, before, 2);
  });
});

describe("its variants", () => {
  it.each([
    ["objects nested 5,000 deep in an unknown field", `{"x":${objects(5000)}}`, 200],
    ["arrays nested 9,999 deep, protojson's limit", `{"x":${arrays(9_999)}}`, 200],
    ["a known field nesting 5,000 deep", `{"warmPoolId":${objects(5000)}}`, 400],
  ])("%s: answered, and every read survives", async (_name, body, status) => {
    const res = await rpc(status === 200 ? "ListWarmPools" : "GetWarmPool", body);
    expect(res.status).toBe(status);
    await expectEveryAdminReadWorks();
    const [entry] = await expectStateKept(mock.url, before, 1);
    expect(entry?.bodyNote).toMatch(/nested more than/);
  });

  it("nesting past protojson's limit (10,000) is invalid_argument, as connect-go answers it", async () => {
    const res = await rpc("ListWarmPools", `{"x":${arrays(10_000)}}`);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      code: "invalid_argument",
      message:
        "unmarshal into gitpod.v1.ListWarmPoolsRequest: exceeded max recursion depth: JSON nests deeper than 10000 levels",
    });
    await expectEveryAdminReadWorks();
    await expectStateKept(mock.url, before, 1);
  });

  it("the same body gzip-compressed: inflated and answered, kept as sent", async () => {
    const res = await rpc("ListWarmPools", gzipSync(`{"x":${arrays(5000)}}`), {
      "Content-Encoding": "gzip",
    });
    expect(res.status).toBe(200);
    await expectEveryAdminReadWorks();
    const [entry] = await expectStateKept(mock.url, before, 1);
    expect(entry?.bodyNote).toBe("compressed (gzip), kept as sent");
  });

  it("a body at the 1 MiB limit: the journal keeps its first 64 KiB, so reads stay small", async () => {
    const big = `{"x":"${"7".repeat(1024 * 1024 - 8)}"}`;
    expect((await rpc("ListWarmPools", big)).status).toBe(200);
    await expectEveryAdminReadWorks();
    const [entry] = await expectStateKept(mock.url, before, 1);
    expect(entry?.bodyNote).toBe(`${big.length} bytes, the first ${JOURNAL_BODY_BYTES} kept`);
    expect(Buffer.from(String(entry?.bodyBase64), "base64").length).toBe(JOURNAL_BODY_BYTES);
  });

  it("bytes that are not UTF-8, sent as JSON: refused, and the journal says why it shows bytes", async () => {
    const res = await rpc("ListWarmPools", Uint8Array.of(0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d));
    expect(res.status).toBe(400);
    await expectEveryAdminReadWorks();
    const [entry] = await expectStateKept(mock.url, before, 1);
    expect(entry?.bodyNote).toBe("not UTF-8, so not JSON");
  });

  it("a Connect GET whose message nests 2,000 deep: answered, and every read survives", async () => {
    const message = encodeURIComponent(`{"x":${arrays(2000)}}`);
    const res = await rawRequest(
      `${mock.url}/gitpod.v1.PrebuildService/ListWarmPools?encoding=json&message=${message}`,
      { headers: { Authorization: `Bearer ${ALICE}` } },
    );
    expect(res.status).toBe(200);
    await expectEveryAdminReadWorks();
    await expectStateKept(mock.url, before, 1);
  });

  it("a control-plane body nesting past the limit is refused before it is parsed", async () => {
    const res = await rawRequest(`${mock.url}/_admin/faults`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: `{"rpc":"*","latencyMs":1,"x":${arrays(10_000)}}`,
    });
    expect([res.status, res.json]).toEqual([
      400,
      { code: "invalid_argument", message: "body nests deeper than 10000 levels" },
    ]);
    await expectEveryAdminReadWorks();
    await expectStateKept(mock.url, before);
  });
});
