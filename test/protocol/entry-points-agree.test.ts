// The listening server sends RPCs straight to the RPC handler; createApp()'s Express app
// mounts the same handler. The two must be indistinguishable on the wire: same status, same
// headers in the same order, same body bytes.
import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { loadContract } from "../../src/contract/load-contract.js";
import { createClock } from "../../src/domain/create-clock.js";
import { createMockServer } from "../../src/server/create-app.js";
import { createHttpServer } from "../../src/server/create-http-server.js";
import { ALICE, EXISTING_POOL, WEB_APP, XLARGE } from "../support/fixtures.js";

const contract = loadContract();
const RPC = "/gitpod.v1.PrebuildService";
const json = { "Content-Type": "application/json", Authorization: `Bearer ${ALICE}` };

interface Exchange {
  name: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

const EXCHANGES: Exchange[] = [
  {
    name: "Get",
    method: "POST",
    path: `${RPC}/GetWarmPool`,
    headers: json,
    body: JSON.stringify({ warmPoolId: EXISTING_POOL }),
  },
  {
    name: "List",
    method: "POST",
    path: `${RPC}/ListWarmPools?pageSize=1`,
    headers: json,
    body: "{}",
  },
  {
    name: "Create",
    method: "POST",
    path: `${RPC}/CreateWarmPool`,
    headers: json,
    body: JSON.stringify({
      projectId: WEB_APP,
      environmentClassId: XLARGE,
      minSize: 1,
      maxSize: 2,
    }),
  },
  {
    name: "min > max (a domain rule)",
    method: "POST",
    path: `${RPC}/UpdateWarmPool`,
    headers: json,
    body: JSON.stringify({ warmPoolId: EXISTING_POOL, minSize: 5, maxSize: 2 }),
  },
  {
    name: "schema violations",
    method: "POST",
    path: `${RPC}/GetWarmPool`,
    headers: json,
    body: JSON.stringify({ warmPoolId: "nope" }),
  },
  {
    name: "not found",
    method: "POST",
    path: `${RPC}/GetWarmPool`,
    headers: json,
    body: JSON.stringify({ warmPoolId: "00000000-0000-4000-8000-000000000000" }),
  },
  {
    name: "no token",
    method: "POST",
    path: `${RPC}/GetWarmPool`,
    headers: { "Content-Type": "application/json" },
    body: "{}",
  },
  { name: "unknown procedure", method: "POST", path: `${RPC}/Nope`, headers: json, body: "{}" },
  { name: "wrong verb", method: "PUT", path: `${RPC}/GetWarmPool`, headers: json, body: "{}" },
  {
    name: "wrong content type",
    method: "POST",
    path: `${RPC}/GetWarmPool`,
    headers: { ...json, "Content-Type": "text/plain" },
    body: "{}",
  },
  {
    name: "Connect GET",
    method: "GET",
    path: `${RPC}/GetWarmPool?connect=v1&encoding=json&message=${encodeURIComponent(JSON.stringify({ warmPoolId: EXISTING_POOL }))}`,
    headers: { Authorization: json.Authorization },
  },
  {
    name: "gzip both ways",
    method: "POST",
    path: `${RPC}/GetWarmPool`,
    headers: { ...json, "Content-Encoding": "gzip", "Accept-Encoding": "gzip" },
    body: gzipSync(JSON.stringify({ warmPoolId: EXISTING_POOL })),
  },
  {
    name: "browser origin",
    method: "POST",
    path: `${RPC}/GetWarmPool`,
    headers: { ...json, Origin: "http://localhost:5173" },
    body: JSON.stringify({ warmPoolId: EXISTING_POOL }),
  },
  {
    name: "preflight",
    method: "OPTIONS",
    path: `${RPC}/GetWarmPool`,
    headers: {
      Origin: "http://localhost:5173",
      "Access-Control-Request-Method": "POST",
      "Access-Control-Request-Headers": "content-type, x-stainless-os",
    },
  },
  {
    name: "forced error",
    method: "POST",
    path: `${RPC}/GetWarmPool`,
    headers: { ...json, "X-Mock-Error": "unavailable" },
    body: "{}",
  },
  {
    name: "bad timeout",
    method: "POST",
    path: `${RPC}/GetWarmPool`,
    headers: { ...json, "Connect-Timeout-Ms": "soon" },
    body: "{}",
  },
  {
    name: "too large",
    method: "POST",
    path: `${RPC}/GetWarmPool`,
    headers: json,
    body: "x".repeat(5000),
  },
  { name: "health", method: "GET", path: "/healthz" },
  { name: "admin", method: "GET", path: "/_admin/faults" },
];

async function start(entry: "listener" | "app"): Promise<string> {
  let id = 0;
  const mock = createMockServer({
    contract,
    clock: createClock({ mode: "manual", start: Date.UTC(2026, 10, 28, 12) }),
    newId: () => `00000000-0000-4000-8000-${String(++id).padStart(12, "0")}`,
    maxBodyBytes: 4096,
  });
  const server = createHttpServer(entry === "listener" ? mock.listener : mock.app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  afterAll(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function exchange(base: string, e: Exchange): Promise<{ head: string[]; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${e.path}`, { method: e.method, headers: e.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const head = [`${res.statusCode} ${res.statusMessage}`];
        for (let i = 0; i < res.rawHeaders.length; i += 2) {
          if (res.rawHeaders[i] !== "Date")
            head.push(`${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}`);
        }
        resolve({ head, body: Buffer.concat(chunks).toString("base64") });
      });
    });
    req.on("error", reject);
    req.end(e.body);
  });
}

const listener = await start("listener");
const app = await start("app");

describe("the listening server and createApp() answer byte for byte the same", () => {
  it.each(EXCHANGES.map((e) => [e.name, e] as const))("%s", async (_name, e) => {
    const direct = await exchange(listener, e);
    const viaExpress = await exchange(app, e);
    expect(viaExpress).toEqual(direct);
    expect(direct.head[0]).toMatch(/^\d{3} /);
  });

  it("really compares: different worlds give different bytes", async () => {
    const get = EXCHANGES[0] as Exchange;
    const other = {
      ...get,
      body: JSON.stringify({ warmPoolId: EXISTING_POOL.replace("a1", "b1") }),
    };
    expect(await exchange(app, other)).not.toEqual(await exchange(listener, get));
  });
});
