// Every way into the mock hands requests to one core: the node:http listener (the CLI,
// startMock), createApp()'s Express app, the fetch adapter (createFetchMock, what the MSW and
// Playwright shells build on) and MSW's setupServer in Node with the MSW entry's handlers. They must be indistinguishable: the same status, the
// same headers (node:http and Express: in the same order on the wire) and the same body bytes.
import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync, gzipSync } from "node:zlib";
import express from "express";
import { setupServer } from "msw/node";
import { afterAll, describe, expect, it } from "vitest";
import { createApp, createMockServer } from "../../src/adapters/express/create-app.js";
import { createFetchMock } from "../../src/adapters/fetch/create-fetch-mock.js";
import { createMswMock } from "../../src/adapters/msw/create-msw-mock.js";
import { createHttpServer } from "../../src/adapters/node/create-http-server.js";
import { loadContract } from "../../src/contract/load-contract.js";
import { createClock } from "../../src/domain/create-clock.js";
import { ALICE, EXISTING_POOL, WEB_APP, XLARGE } from "../support/fixtures.js";

const contract = loadContract();
const RPC = "/gitpod.v1.PrebuildService";
const json = { "Content-Type": "application/json", Authorization: `Bearer ${ALICE}` };
const START = Date.UTC(2026, 10, 28, 12);
const ADMIN_ORIGIN = "http://localhost:5173";

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
  {
    name: "admin action with a body",
    method: "POST",
    path: "/_admin/faults",
    headers: { "Content-Type": "application/json", Origin: ADMIN_ORIGIN },
    body: JSON.stringify({ rpc: "ListWarmPools", latencyMs: 0, times: 1 }),
  },
  { name: "admin: wrong method", method: "PUT", path: "/_admin/clock" },
  {
    name: "admin preflight from a listed origin",
    method: "OPTIONS",
    path: "/_admin/clock/advance",
    headers: { Origin: ADMIN_ORIGIN, "Access-Control-Request-Method": "POST" },
  },
  {
    name: "admin from a foreign origin: refused by the guard",
    method: "POST",
    path: "/_admin/reset",
    headers: { Origin: "https://evil.example" },
  },
  {
    name: "rebinding Host: refused by the guard",
    method: "GET",
    path: "/healthz",
    headers: { Host: "evil.example" },
  },
  { name: "dashboard, bare path", method: "GET", path: "/_dashboard" },
  {
    name: "dashboard in another case: not the control plane",
    method: "GET",
    path: "/_DASHBOARD/main.js",
  },
  {
    name: "an RPC of another service",
    method: "POST",
    path: "/gitpod.v1.ProjectService/GetProject",
    headers: json,
    body: "{}",
  },
  { name: "unknown path", method: "GET", path: "/nope" },
  { name: "health, HEAD", method: "HEAD", path: "/healthz" },
];

/** What every entry is built with: one manual clock instant, counted IDs, a small body limit. */
function options() {
  let id = 0;
  return {
    contract,
    newId: () => `00000000-0000-4000-8000-${String(++id).padStart(12, "0")}`,
    maxBodyBytes: 4096,
    adminOrigins: [ADMIN_ORIGIN],
    allowedHosts: [] as string[],
  };
}

/** An answer as it reached the client: status line, headers (without the transport's), body. */
interface Seen {
  status: number;
  /** `name: value` in wire order (lower-case names for the fetch adapter, whose Headers sort them). */
  head: string[];
  body: string;
}

// Headers the HTTP connection adds, not the mock: a fetch Response has none of them.
const TRANSPORT = new Set(["date", "connection", "keep-alive", "transfer-encoding"]);

async function listenOn(entry: "node:http" | "Express"): Promise<(e: Exchange) => Promise<Seen>> {
  const mock = createMockServer({
    ...options(),
    clock: createClock({ mode: "manual", start: START }),
  });
  const server = createHttpServer(entry === "node:http" ? mock.listener : mock.app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  afterAll(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return (e) => overHttp(base, e);
}

function overHttp(base: string, e: Exchange): Promise<Seen> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${e.path}`, { method: e.method, headers: e.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const head: string[] = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) {
          const name = res.rawHeaders[i] as string;
          if (!TRANSPORT.has(name.toLowerCase())) head.push(`${name}: ${res.rawHeaders[i + 1]}`);
        }
        resolve({
          status: res.statusCode ?? 0,
          head,
          body: Buffer.concat(chunks).toString("base64"),
        });
      });
    });
    req.on("error", reject);
    req.end(e.body);
  });
}

function inProcess(): (e: Exchange) => Promise<Seen> {
  // The guard as a server runs it, so refusals compare too.
  const mock = createFetchMock({ ...options(), clockStart: START, networkChecks: true });
  afterAll(() => mock.close());
  return (e) => seenThrough(mock.fetch, e);
}

/**
 * MSW in Node: setupServer's interception of the global fetch, with the MSW entry's handlers.
 * What reaches the test is what a fetch client sees: fetch inflates a gzipped body, as it does
 * a server's (the inflated bytes are compared; `Content-Encoding` and the rest as sent).
 */
function throughMsw(): (e: Exchange) => Promise<Seen> {
  // The server's CORS origins (in process the default lets every page origin in).
  const mock = createMswMock({
    ...options(),
    baseUrl: "http://127.0.0.1:4010",
    clockStart: START,
    networkChecks: true,
    corsOrigins: ["loopback"],
  });
  const server = setupServer(...mock.handlers);
  server.listen({ onUnhandledRequest: "error" });
  afterAll(() => {
    server.close();
    mock.close();
  });
  return (e) => seenThrough((request) => fetch(request), e);
}

// The same base URL as a listening entry's, so Host and same-origin checks read alike.
async function seenThrough(
  send: (request: Request) => Promise<Response>,
  e: Exchange,
): Promise<Seen> {
  const headers = { Host: "127.0.0.1:4010", ...e.headers };
  const res = await send(
    new Request(`http://127.0.0.1:4010${e.path}`, {
      method: e.method,
      headers,
      redirect: "manual",
      ...(e.body === undefined ? {} : { body: e.body }),
    }),
  );
  const head: string[] = [];
  for (const [name, value] of res.headers) head.push(`${name}: ${value}`);
  return {
    status: res.status,
    head,
    body: Buffer.from(await res.arrayBuffer()).toString("base64"),
  };
}

/** A listening entry's answer as a fetch Response shows it: lower-case names, sorted. */
function asFetchSees(seen: Seen): Seen {
  const head = seen.head
    .map((line) => {
      const colon = line.indexOf(":");
      return `${line.slice(0, colon).toLowerCase()}${line.slice(colon)}`;
    })
    .sort();
  return { ...seen, head };
}

/** What a fetch client reads of a listening entry's answer: a gzipped body inflated. */
function asFetchClientSees(seen: Seen): Seen {
  const fetchSees = asFetchSees(seen);
  if (!fetchSees.head.includes("content-encoding: gzip")) return fetchSees;
  const inflated = gunzipSync(Buffer.from(seen.body, "base64")).toString("base64");
  return { ...fetchSees, body: inflated };
}

// Every entry, each over its own mock in the same state.
const ENTRIES = {
  "node:http": await listenOn("node:http"),
  Express: await listenOn("Express"),
  fetch: inProcess(),
  "MSW (Node)": throughMsw(),
};

describe("every entry answers byte for byte the same", () => {
  it.each(EXCHANGES.map((e) => [e.name, e] as const))("%s", async (_name, e) => {
    // In order, so each mock sees the same sequence of requests (Create changes the world).
    const direct = await ENTRIES["node:http"](e);
    const viaExpress = await ENTRIES.Express(e);
    const viaFetch = await ENTRIES.fetch(e);
    const viaMsw = await ENTRIES["MSW (Node)"](e);
    expect(direct.status).toBeGreaterThanOrEqual(200);
    expect(viaExpress).toEqual(direct);
    expect(viaFetch).toEqual(asFetchSees(direct));
    expect(viaMsw).toEqual(asFetchClientSees(direct));
  });

  it("really compares: different requests give different bytes on every entry", async () => {
    const get = EXCHANGES[0] as Exchange;
    const other = {
      ...get,
      body: JSON.stringify({ warmPoolId: "00000000-0000-4000-8000-000000000000" }),
    };
    for (const send of Object.values(ENTRIES)) {
      expect(await send(other)).not.toEqual(await send(get));
    }
  });
});

describe("createApp() inside someone else's Express app", () => {
  it("answers under the path it is mounted at, after the parent's own middleware", async () => {
    const parent = express();
    const seen: string[] = [];
    parent.use((req, _res, next) => {
      seen.push(req.url);
      next();
    });
    parent.use("/mock", createApp({ contract }));
    parent.get("/own", (_req, res) => {
      res.send("parent");
    });
    const server = createHttpServer(parent);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const get = EXCHANGES[0] as Exchange;
      const mounted = await overHttp(base, { ...get, path: `/mock${get.path}` });
      expect(mounted.status).toBe(200);
      expect(JSON.parse(Buffer.from(mounted.body, "base64").toString()).warmPool.id).toBe(
        EXISTING_POOL,
      );
      expect(
        (await overHttp(base, { name: "", method: "GET", path: "/mock/healthz" })).status,
      ).toBe(200);
      const own = await overHttp(base, { name: "", method: "GET", path: "/own" });
      expect(Buffer.from(own.body, "base64").toString()).toBe("parent");
      expect(seen).toEqual([`/mock${get.path}`, "/mock/healthz", "/own"]);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
