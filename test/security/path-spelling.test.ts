// Issue 21's path case: `GET /_DASHBOARD/main.js` with a foreign Origin was served the script
// with an Access-Control-Allow-Origin grant, because routing matched paths case-insensitively
// and the control-plane check did not. Now one rule (src/core/sort-request.ts) sorts every
// spelling for routing, CORS and the checks alike. From outside: each spelling of each path is
// either the control plane (same-origin, refused to the hostile page) or served by nothing.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createManualClock } from "../support/create-manual-clock.js";
import { ALICE, EXISTING_POOL } from "../support/fixtures.js";
import { expectStateKept, type MockState, readMockState } from "../support/mock-state.js";
import { sendRawRequest } from "../support/raw-http.js";
import { startServer } from "../support/start-server.js";

// A built dashboard, so that a path that reached it would really be served.
const dashboardDir = mkdtempSync(join(tmpdir(), "wpm-dashboard-"));
mkdirSync(dashboardDir, { recursive: true });
const SCRIPT = "/* the dashboard's script */";
writeFileSync(join(dashboardDir, "index.html"), "<!doctype html><script src=main.js></script>");
writeFileSync(join(dashboardDir, "main.js"), SCRIPT);

const mock = await startServer({ dashboardDir, clock: createManualClock() });
afterAll(() => mock.close());
const EVIL = "https://evil.example";

function send(method: string, target: string, headers: string[] = [], body = "") {
  return sendRawRequest(
    mock.port,
    [`${method} ${target} HTTP/1.1`, `Host: 127.0.0.1:${mock.port}`, ...headers],
    body,
  );
}

let before: MockState;
beforeEach(async () => {
  before = await readMockState(mock.url);
});

describe("the transcript: GET /_DASHBOARD/main.js from another origin", () => {
  it("is served nothing and granted nothing", async () => {
    const res = await send("GET", "/_DASHBOARD/main.js", [`Origin: ${EVIL}`]);
    expect(res.status).toBe(404);
    expect(res.body).not.toContain(SCRIPT);
    await expectStateKept(mock.url, before);
  });
});

describe("every spelling of a control-plane path", () => {
  // Spellings some reader could take for the control plane: none may be served to another origin.
  const spellings = [
    "/_admin/world",
    "/_ADMIN/world",
    "/_Admin/world",
    "/%5Fadmin/world",
    "/%5fadmin/world",
    "/_admin%2Fworld",
    "/_adm%69n/world",
    "/x/../_admin/world",
    "/x/%2e%2e/_admin/world",
    "/gitpod.v1.PrebuildService/../_admin/world",
    "http://127.0.0.1/_admin/world",
    "//127.0.0.1/_admin/world",
    "/_dashboard/main.js",
    "/_DASHBOARD/main.js",
    "/_Dashboard/main.js",
    "/%5Fdashboard/main.js",
    "/_dashboard%2Fmain.js",
    "/_dashboard/%6Dain.js",
    "/_dashboard/./main.js",
    "/x/../_dashboard/main.js",
    "/_DASHBOARD/",
  ];

  it.each(spellings)(
    "GET %s from another origin: refused or not found, never granted",
    async (target) => {
      const res = await send("GET", target, [`Origin: ${EVIL}`, "Sec-Fetch-Site: cross-site"]);
      expect([403, 404]).toContain(res.status);
      if (res.status === 403)
        expect(JSON.parse(res.body)).toMatchObject({ code: "permission_denied" });
      expect(res.body).not.toContain(SCRIPT);
      expect(res.body).not.toContain(EXISTING_POOL);
      // A 404 answers like any unknown path (RPC plane CORS), but says and holds nothing.
      if (res.status === 404) expect(res.body).toBe("");
      await expectStateKept(mock.url, before);
    },
  );

  it.each(spellings.map((s) => s.replace("world", "reset").replace("main.js", "x")))(
    "a text/plain POST %s from another origin changes nothing",
    async (target) => {
      const res = await send("POST", target, [`Origin: ${EVIL}`, "Content-Type: text/plain"], "x");
      expect([403, 404]).toContain(res.status);
      await expectStateKept(mock.url, before);
    },
  );

  it("the spellings that are the control plane still work for its own callers (curl)", async () => {
    for (const target of [
      "/_admin/world",
      "/x/../_admin/world",
      "/gitpod.v1.PrebuildService/../_admin/world",
    ]) {
      const res = await send("GET", target);
      expect(res.status, target).toBe(200);
      expect(res.body).toContain(EXISTING_POOL);
    }
    for (const target of [
      "/_dashboard/main.js",
      "/_dashboard/%6Dain.js",
      "/_dashboard/./main.js",
    ]) {
      const res = await send("GET", target);
      expect([target, res.status, res.body]).toEqual([target, 200, SCRIPT]);
    }
  });

  it("the other spellings are found by nobody, curl included", async () => {
    for (const target of [
      "/_ADMIN/world",
      "/%5Fadmin/world",
      "/_DASHBOARD/main.js",
      "/_dashboard%2Fmain.js",
    ]) {
      expect((await send("GET", target)).status, target).toBe(404);
    }
  });
});

describe("health and RPC paths", () => {
  it.each([
    ["/healthz", 200],
    ["/healthz?probe=1", 200],
    ["/x/../healthz", 200],
    ["/HEALTHZ", 404],
    ["/Healthz", 404],
    ["/%68ealthz", 404],
    ["/healthz/", 404],
  ])("GET %s answers %i", async (target, status) => {
    expect((await send("GET", target)).status).toBe(status);
  });

  const auth = [`Authorization: Bearer ${ALICE}`, "Content-Type: application/json"];
  const get = JSON.stringify({ warmPoolId: EXISTING_POOL });

  it.each([
    ["/gitpod.v1.PrebuildService/GetWarmPool", 200],
    ["/gitpod.v1.PrebuildService/./GetWarmPool", 200],
    ["/_admin/../gitpod.v1.PrebuildService/GetWarmPool", 200],
    ["/gitpod.v1.PrebuildService/getwarmpool", 404],
    ["/GITPOD.V1.PREBUILDSERVICE/GetWarmPool", 404],
    ["/gitpod.v1.PrebuildService%2FGetWarmPool", 404],
    ["/gitpod.v1.prebuildservice/GetWarmPool", 404],
  ])("POST %s answers %i", async (target, status) => {
    const res = await send("POST", target, auth, get);
    expect(res.status).toBe(status);
    if (status === 200) expect(JSON.parse(res.body).warmPool.id).toBe(EXISTING_POOL);
    else expect(res.body).toBe("");
  });

  it("a DeleteWarmPool spelled in capitals from another origin deletes nothing", async () => {
    const res = await send(
      "POST",
      "/gitpod.v1.PrebuildService/DELETEWARMPOOL",
      [...auth, `Origin: ${EVIL}`],
      get,
    );
    expect(res.status).toBe(404);
    await expectStateKept(mock.url, before);
  });
});
