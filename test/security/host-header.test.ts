// Issue 21's Host grammar: `Host: localhost:4010.evil.com` and `Host: [::1]evil.com` were served
// (the name was cut at the first `:` or `]` and the rest never checked), and of two Host
// headers the first was served. Replayed from outside on every kind of path: each is refused
// with 400 before routing, and world, fault rules and journal stay as they were.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createManualClock } from "../support/create-manual-clock.js";
import { ALICE, EXISTING_POOL } from "../support/fixtures.js";
import { expectStateKept, type MockState, readMockState } from "../support/mock-state.js";
import { sendRawRequest } from "../support/raw-http.js";
import { startServer } from "../support/start-server.js";

const mock = await startServer({ clock: createManualClock() });
afterAll(() => mock.close());

const DELETE = JSON.stringify({ warmPoolId: EXISTING_POOL });
// One state-changing call on each plane, and the health probe.
const TARGETS: [method: string, path: string, body: string][] = [
  ["POST", "/gitpod.v1.PrebuildService/DeleteWarmPool", DELETE],
  ["POST", "/_admin/reset", ""],
  ["GET", "/healthz", ""],
];

function send(method: string, path: string, hosts: string[], body: string) {
  return sendRawRequest(
    mock.port,
    [
      `${method} ${path} HTTP/1.1`,
      ...hosts.map((host) => `Host: ${host}`),
      `Authorization: Bearer ${ALICE}`,
      "Content-Type: application/json",
    ],
    body,
  );
}

let before: MockState;
beforeEach(async () => {
  // A state a reset would visibly change: one pool fewer than the start world.
  const world = (await readMockState(mock.url)).world as { warmPools: unknown[] };
  await fetch(`${mock.url}/_admin/world`, {
    method: "PUT",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ ...world, warmPools: world.warmPools.slice(0, -1) }),
  });
  before = await readMockState(mock.url);
});

describe("the transcript", () => {
  it.each(["localhost:4010.evil.com", "[::1]evil.com"])(
    "Host: %s is refused with 400 on every path, before routing",
    async (host) => {
      for (const [method, path, body] of TARGETS) {
        const res = await send(method, path, [host], body);
        expect([path, res.status]).toEqual([path, 400]);
        expect(JSON.parse(res.body)).toEqual({
          code: "invalid_argument",
          message: `Host ${JSON.stringify(host)} is not host[:port]: a name, an IPv4 address or a bracketed IPv6 address, then an optional port from 1 to 65535`,
        });
        expect(res.headers["access-control-allow-origin"]).toBeUndefined();
      }
      await expectStateKept(mock.url, before);
    },
  );

  it("two Host headers, the first allowed, are refused with 400 on every path", async () => {
    for (const [method, path, body] of TARGETS) {
      const res = await send(method, path, [`localhost:${mock.port}`, "evil.com"], body);
      expect([path, res.status, JSON.parse(res.body)]).toEqual([
        path,
        400,
        {
          code: "invalid_argument",
          message: "a request carries one Host header, this one carries 2",
        },
      ]);
    }
    await expectStateKept(mock.url, before);
  });
});

describe("variants", () => {
  it.each([
    "127.0.0.1:4010@evil.com",
    "localhost:",
    "localhost:0",
    "localhost:65536",
    "[::1]:4010.evil.com",
    "[fe80::1%25eth0]",
    "localhost, evil.com",
    "999.1.1.1",
    "a..localhost",
  ])("Host: %s is refused with 400", async (host) => {
    for (const [method, path, body] of TARGETS) {
      expect((await send(method, path, [host], body)).status).toBe(400);
    }
    await expectStateKept(mock.url, before);
  });

  it("two identical Host headers are refused too", async () => {
    const res = await send("GET", "/healthz", ["localhost", "localhost"], "");
    expect(res.status).toBe(400);
  });

  it.each([
    "localhost",
    "localhost:4010",
    "app.localhost:5173",
    "127.0.0.1:65535",
    "[::1]:4010",
    "mock",
  ])("Host: %s is answered", async (host) => {
    const res = await send("GET", "/healthz", [host], "");
    expect(res.status).toBe(200);
  });
});
