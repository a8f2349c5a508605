// The mock as a hostile web page (or a DNS-rebinding one) sees it: every request of issue 15's
// transcript and its variants must be refused before anything acts, change nothing, and leak
// nothing; the same calls from the mock's own origin, a listed origin and curl must still work.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { loadDefaultWorld } from "../../src/store/load-default-world.js";
import { ALICE, EXISTING_POOL } from "../support/fixtures.js";
import { openRawConnection } from "../support/raw-http.js";
import { type RawResponse, rawRequest } from "../support/raw-request.js";
import { startServer } from "../support/start-server.js";

// A folder the operator named, a world in it, and a world and a secret next to it (outside).
const root = mkdtempSync(join(tmpdir(), "wpm-security-"));
const worldDir = join(root, "worlds");
mkdirSync(worldDir);
const world = loadDefaultWorld();
world.warmPools = world.warmPools.slice(0, 1);
writeFileSync(join(worldDir, "small.json"), JSON.stringify(world));
writeFileSync(join(root, "outside-world.json"), JSON.stringify(world));
const SECRET = "root:x:0:0:super-secret-line";
writeFileSync(join(root, "secret.txt"), `${SECRET}\n`);
symlinkSync(join(root, "secret.txt"), join(worldDir, "secret-link.json"));
symlinkSync(join(root, "outside-world.json"), join(worldDir, "world-link.json"));
symlinkSync(root, join(worldDir, "up"));

const ADMIN_ORIGIN = "http://localhost:5173";
const mock = await startServer({ worldDirs: [worldDir], adminOrigins: [ADMIN_ORIGIN] });
afterAll(() => mock.close());
const SELF = mock.url; // http://127.0.0.1:PORT
const EVIL = "https://evil.example";

function send(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<RawResponse> {
  return rawRequest(`${mock.url}${path}`, { method, headers, body });
}

const json = (body: unknown) => JSON.stringify(body);
const FAULT = { rpc: "*", error: { code: "unavailable" } };

async function faultsNow(): Promise<unknown> {
  return (await send("GET", "/_admin/faults")).json;
}

// A state that a reset, a new world or a new fault would visibly change: one pool fewer than
// the start world, one fault set.
let before: { world: unknown; faults: unknown };
beforeEach(async () => {
  await send("POST", "/_admin/reset");
  const changed = mock.store.snapshot();
  changed.warmPools = changed.warmPools.slice(0, -1);
  const type = { "Content-Type": "application/json" };
  const put = await send("PUT", "/_admin/world", type, json(changed));
  const fault = await send(
    "POST",
    "/_admin/faults",
    type,
    json({ rpc: "ListWarmPools", latencyMs: 1 }),
  );
  expect([put.status, fault.status]).toEqual([200, 201]);
  before = { world: mock.store.snapshot(), faults: await faultsNow() };
});

/** Refused, no CORS grant, nothing leaked, nothing changed. */
async function expectRefused(res: RawResponse, status: number, code: string): Promise<void> {
  expect(res.status).toBe(status);
  expect(res.json).toMatchObject({ code });
  expect(res.headers["access-control-allow-origin"]).toBeUndefined();
  expect(res.body.toString()).not.toContain("root:x");
  expect(mock.store.snapshot()).toEqual(before.world);
  expect(await faultsNow()).toEqual(before.faults);
}

describe("the attack transcript of issue 15", () => {
  it("world/load of /etc/passwd from another origin: refused, no grant, no file content", async () => {
    const res = await send(
      "POST",
      "/_admin/world/load",
      { Origin: EVIL, "Content-Type": "application/json" },
      json({ path: "/etc/passwd" }),
    );
    await expectRefused(res, 403, "permission_denied");
    expect(res.json).toMatchObject({ message: expect.stringContaining("https://evil.example") });
  });

  it.each([
    ["/_admin/faults", json(FAULT)],
    ["/_admin/reset", ""],
    ["/_admin/scenario", json({ name: "empty" })],
  ])("a text/plain POST %s from another origin: refused", async (path, body) => {
    const res = await send("POST", path, { Origin: EVIL, "Content-Type": "text/plain" }, body);
    await expectRefused(res, 403, "permission_denied");
  });

  it("GET /_admin/world with a rebinding Host: refused before routing", async () => {
    const res = await send("GET", "/_admin/world", { Host: "attacker.example" });
    await expectRefused(res, 403, "permission_denied");
    expect(res.json).toMatchObject({ message: expect.stringContaining("--allowed-hosts") });
  });
});

describe("cross-origin variants", () => {
  const forms = [
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "text/plain",
  ];

  it.each(forms)("a %s form post, with no Origin or Sec-Fetch-* at all: refused", async (type) => {
    const res = await send("POST", "/_admin/faults", { "Content-Type": type }, "rpc=*");
    await expectRefused(res, 400, "invalid_argument");
    expect(res.json).toMatchObject({ message: expect.stringContaining("application/json") });
  });

  it("a form post with an empty body (reset takes none): refused for its content type", async () => {
    const res = await send("POST", "/_admin/reset", {
      "Content-Type": "application/x-www-form-urlencoded",
    });
    await expectRefused(res, 400, "invalid_argument");
  });

  it.each([
    ["Origin: null", { Origin: "null", "Content-Type": "application/json" }],
    [
      "no Origin, Sec-Fetch-Site: cross-site",
      { "Sec-Fetch-Site": "cross-site", "Content-Type": "application/json" },
    ],
    [
      "no Origin, Sec-Fetch-Site: same-site (another port of localhost)",
      { "Sec-Fetch-Site": "same-site", "Content-Type": "application/json" },
    ],
    [
      "an origin that only starts like the mock's",
      { Origin: `${SELF}.evil.example`, "Content-Type": "application/json" },
    ],
    [
      "the mock's host on another port",
      { Origin: "http://127.0.0.1:1", "Content-Type": "application/json" },
    ],
  ])("%s: refused", async (_name, headers) => {
    const res = await send("POST", "/_admin/faults", headers, json(FAULT));
    await expectRefused(res, 403, "permission_denied");
  });

  it("a preflight from another origin gets no grant, not even for Private Network Access", async () => {
    const res = await send("OPTIONS", "/_admin/faults", {
      Origin: EVIL,
      "Access-Control-Request-Method": "POST",
      "Access-Control-Request-Headers": "content-type",
      "Access-Control-Request-Private-Network": "true",
    });
    await expectRefused(res, 403, "permission_denied");
    expect(res.headers["access-control-allow-methods"]).toBeUndefined();
    expect(res.headers["access-control-allow-private-network"]).toBeUndefined();
  });

  it("the dashboard is same-origin too", async () => {
    const res = await send("GET", "/_dashboard/", { Origin: EVIL, "Sec-Fetch-Site": "cross-site" });
    await expectRefused(res, 403, "permission_denied");
  });

  it.each(["/_admin/../_admin/reset", "/x/../_admin/reset", "http://127.0.0.1/_admin/reset"])(
    "a request target %s read another way is still the control plane",
    async (target) => {
      const res = await sendTarget(target);
      expect(res).toMatch(/^HTTP\/1\.1 403 /);
      expect(mock.store.snapshot()).toEqual(before.world);
    },
  );
});

describe("rebinding Host on every path", () => {
  it.each([
    ["POST", `/gitpod.v1.PrebuildService/DeleteWarmPool`],
    ["GET", "/healthz"],
    ["POST", "/_admin/reset"],
  ])("%s %s with Host: attacker.example is refused", async (method, path) => {
    const res = await send(
      method,
      path,
      {
        Host: "attacker.example:4010",
        Origin: "http://attacker.example:4010",
        Authorization: `Bearer ${ALICE}`,
        "Content-Type": "application/json",
      },
      method === "POST" ? json({ warmPoolId: EXISTING_POOL }) : undefined,
    );
    await expectRefused(res, 403, "permission_denied");
  });

  it("a name listed with allowedHosts (or a subdomain of a .domain entry) is answered", async () => {
    const listed = await startServer({ allowedHosts: ["mock.example.com", ".corp.example"] });
    try {
      for (const host of ["mock.example.com", "a.b.corp.example", "corp.example"]) {
        const res = await rawRequest(`${listed.url}/healthz`, { headers: { Host: host } });
        expect(res.status, host).toBe(200);
      }
      const other = await rawRequest(`${listed.url}/healthz`, {
        headers: { Host: "example.com" },
      });
      expect(other.status).toBe(403);
    } finally {
      await listed.close();
    }
  });
});

describe("world files outside the operator's folder", () => {
  it.each([
    ["an absolute path outside", "/etc/passwd", 403, "permission_denied"],
    ["a secret next to the folder", join(root, "secret.txt"), 403, "permission_denied"],
    [
      "a valid world next to the folder",
      join(root, "outside-world.json"),
      403,
      "permission_denied",
    ],
    ["a relative path climbing out", "../secret.txt", 403, "permission_denied"],
    ["a deep traversal", "../../../../../../etc/passwd", 403, "permission_denied"],
    ["an inside path that climbs out", `${worldDir}/../secret.txt`, 403, "permission_denied"],
    ["a symlink to a secret outside", "secret-link.json", 403, "permission_denied"],
    ["a symlink to a valid world outside", "world-link.json", 403, "permission_denied"],
    ["a path through a symlinked folder", "up/outside-world.json", 403, "permission_denied"],
    ["a missing file outside (existence is not revealed)", "/nope.json", 403, "permission_denied"],
    ["a missing file inside", "nope.json", 404, "not_found"],
    ["the folder itself", ".", 400, "invalid_argument"],
  ])("%s (%s): refused", async (_name, path, status, code) => {
    const res = await send(
      "POST",
      "/_admin/world/load",
      { "Content-Type": "application/json" },
      json({ path }),
    );
    await expectRefused(res, status, code);
    expect(res.body.toString()).not.toContain("super-secret");
  });

  it("a file inside that is not JSON, or not a world, is named without quoting it", async () => {
    writeFileSync(join(worldDir, "notes.json"), `${SECRET} and more`);
    writeFileSync(join(worldDir, "half.json"), json({ ...world, defaultToken: SECRET }));
    const notJson = await send(
      "POST",
      "/_admin/world/load",
      { "Content-Type": "application/json" },
      json({ path: "notes.json" }),
    );
    await expectRefused(notJson, 400, "invalid_argument");
    expect(notJson.json).toMatchObject({
      message: expect.stringMatching(/notes\.json is not JSON/),
    });
    const notWorld = await send(
      "POST",
      "/_admin/world/load",
      { "Content-Type": "application/json" },
      json({ path: "half.json" }),
    );
    await expectRefused(notWorld, 400, "invalid_argument");
    expect(notWorld.json).toMatchObject({
      message: expect.stringContaining("defaultToken: names no principal"),
    });
    expect(notWorld.body.toString()).not.toContain("super-secret");
  });
});

describe("the legitimate callers still get through", () => {
  const loadSmall = (headers: Record<string, string>) =>
    send(
      "POST",
      "/_admin/world/load",
      { "Content-Type": "application/json", ...headers },
      json({ path: "small.json" }),
    );

  it("curl (no Origin, no Sec-Fetch-*) loads a world inside the folder and adds a fault", async () => {
    const res = await loadSmall({});
    expect(res.status).toBe(200);
    expect(mock.store.snapshot().warmPools).toHaveLength(1);
    const fault = await send(
      "POST",
      "/_admin/faults",
      { "Content-Type": "application/json; charset=utf-8" },
      json(FAULT),
    );
    expect(fault.status).toBe(201);
    expect(await send("POST", "/_admin/reset")).toMatchObject({ status: 200 });
  });

  it("the dashboard's own origin (same-origin fetch) can act", async () => {
    const res = await loadSmall({ Origin: SELF, "Sec-Fetch-Site": "same-origin" });
    expect(res.status).toBe(200);
    expect(res.headers["access-control-allow-origin"]).toBeUndefined();
    expect(mock.store.snapshot().warmPools).toHaveLength(1);
  });

  it("the dashboard's own origin loads a named scenario", async () => {
    const res = await send(
      "POST",
      "/_admin/scenario",
      { Origin: SELF, "Sec-Fetch-Site": "same-origin", "Content-Type": "application/json" },
      json({ name: "empty" }),
    );
    expect(res.status).toBe(200);
    expect(mock.store.snapshot().warmPools).toHaveLength(0);
  });

  it("the mock named as localhost (Host and Origin agree) can act", async () => {
    const origin = `http://localhost:${mock.port}`;
    const res = await loadSmall({ Host: `localhost:${mock.port}`, Origin: origin });
    expect(res.status).toBe(200);
  });

  it("an origin listed with adminOrigins gets the CORS grant and can act", async () => {
    const preflight = await send("OPTIONS", "/_admin/world/load", {
      Origin: ADMIN_ORIGIN,
      "Access-Control-Request-Method": "POST",
      "Access-Control-Request-Headers": "content-type",
      "Access-Control-Request-Private-Network": "true",
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers["access-control-allow-origin"]).toBe(ADMIN_ORIGIN);
    expect(preflight.headers["access-control-allow-private-network"]).toBe("true");
    const res = await loadSmall({ Origin: ADMIN_ORIGIN, "Sec-Fetch-Site": "same-site" });
    expect(res.status).toBe(200);
    expect(res.headers["access-control-allow-origin"]).toBe(ADMIN_ORIGIN);
  });

  it("a link to the dashboard from another page (a top-level GET navigation) opens", async () => {
    const res = await send("GET", "/_admin/clock", {
      "Sec-Fetch-Site": "cross-site",
      "Sec-Fetch-Mode": "navigate",
      "Sec-Fetch-Dest": "document",
    });
    expect(res.status).toBe(200);
  });

  it("the RPCs grant pages on this machine by default, Private Network Access included", async () => {
    const page = "http://localhost:5173";
    const preflight = await send("OPTIONS", "/gitpod.v1.PrebuildService/GetWarmPool", {
      Origin: page,
      "Access-Control-Request-Method": "POST",
      "Access-Control-Request-Private-Network": "true",
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers["access-control-allow-origin"]).toBe(page);
    expect(preflight.headers["access-control-allow-private-network"]).toBe("true");
    const res = await send(
      "POST",
      "/gitpod.v1.PrebuildService/GetWarmPool",
      {
        Origin: page,
        "Sec-Fetch-Site": "same-site",
        Authorization: `Bearer ${ALICE}`,
        "Content-Type": "application/json",
      },
      json({ warmPoolId: EXISTING_POOL }),
    );
    expect(res.status).toBe(200);
    expect(res.headers["access-control-allow-origin"]).toBe(page);
  });

  it("a remote site gets no grant for the RPCs by default: its preflight and answers are bare", async () => {
    const preflight = await send("OPTIONS", "/gitpod.v1.PrebuildService/DeleteWarmPool", {
      Origin: EVIL,
      "Access-Control-Request-Method": "POST",
      "Access-Control-Request-Headers": "authorization,content-type",
      "Access-Control-Request-Private-Network": "true",
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers["access-control-allow-origin"]).toBeUndefined();
    expect(preflight.headers["access-control-allow-private-network"]).toBeUndefined();
    expect(mock.store.snapshot()).toEqual(before.world);
  });

  it.each(["localhost", "app.localhost", "127.0.0.1", "[::1]", "10.1.2.3", "mock"])(
    "Host %s (loopback, IP literal, or a dotless service name) is answered",
    async (host) => {
      const res = await send("GET", "/healthz", { Host: `${host}:4010` });
      expect(res.status).toBe(200);
    },
  );
});

describe("every control-plane answer says nosniff", () => {
  it.each([
    ["GET", "/_admin/world", {}, undefined, 200],
    ["GET", "/_admin/nope", {}, undefined, 404],
    ["DELETE", "/_admin/world", {}, undefined, 405],
    ["POST", "/_admin/faults", { "Content-Type": "application/json" }, "{", 400],
    ["POST", "/_admin/reset", { "Content-Type": "text/plain" }, "x", 400],
    ["POST", "/_admin/reset", { Origin: EVIL }, undefined, 403],
    ["GET", "/_admin/events", {}, undefined, 200],
  ] as const)("%s %s (HTTP %i)", async (method, path, headers, body, status) => {
    const res = await new Promise<{ status: number; nosniff: unknown }>((resolve, reject) => {
      // The event stream never ends: read the head, then hang up.
      const req = request(`${mock.url}${path}`, { method, headers }, (answer) => {
        resolve({
          status: answer.statusCode ?? 0,
          nosniff: answer.headers["x-content-type-options"],
        });
        answer.destroy();
      });
      req.on("error", reject);
      req.end(body);
    });
    expect(res).toEqual({ status, nosniff: "nosniff" });
  });
});

/** Sends a request line exactly as given (no URL parsing on the way), returns the raw answer. */
async function sendTarget(target: string): Promise<string> {
  const connection = await openRawConnection(mock.port);
  connection.socket.end(
    `POST ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: ${EVIL}\r\nContent-Type: text/plain\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
  );
  await connection.closed;
  return connection.received();
}
