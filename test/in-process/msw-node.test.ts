// MSW in Node (setupServer): the mock's handlers answer connect-web (JSON and binary) and a
// Stainless-style fetch as the server would, with time and faults driven through the object.
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { setupServer } from "msw/node";
import { afterEach, describe, expect, it } from "vitest";
import { createMswMock, type MswMock } from "../../src/msw.js";
import { ALICE, EXISTING_POOL, STANDARD, XLARGE } from "../support/fixtures.js";
import { controlOf, LIFECYCLE_SEEN, runLifecycle } from "./run-lifecycle.js";

const servers: { close(): void }[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

function serve(...mocks: MswMock[]) {
  const server = setupServer(...mocks.flatMap((m) => m.handlers));
  server.listen({ onUnhandledRequest: "error" });
  servers.push(server, ...mocks);
  return server;
}

const getPool = (base: string, id = EXISTING_POOL) =>
  fetch(`${base}/gitpod.v1.PrebuildService/GetWarmPool`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${ALICE}` },
    body: JSON.stringify({ warmPoolId: id }),
  });

describe.each([
  { name: "JSON", useBinaryFormat: false, environmentClassId: STANDARD },
  { name: "binary", useBinaryFormat: true, environmentClassId: XLARGE },
])("connect-web through setupServer, $name", (variant) => {
  it("runs create, READY, update, delete on the manual clock, with a fault and errors", async () => {
    const baseUrl = "https://api.example.test/gitpod";
    const mock = createMswMock({ baseUrl });
    serve(mock);
    const result = await runLifecycle({ ...variant, baseUrl }, controlOf(mock));
    expect(result).toEqual({ ...LIFECYCLE_SEEN, preflights: 0 });
    // The variant really used its wire format: a binary body is kept as bytes.
    const [create] = mock.getJournal({ rpc: "CreateWarmPool" }).entries;
    expect(create?.bodyBase64 !== undefined).toBe(variant.useBinaryFormat);
  });
});

describe("createMswMock", () => {
  it("answers below its base URL only; MSW's policy decides the rest", async () => {
    const mock = createMswMock({ baseUrl: "https://api.example.test/v1/" });
    expect(mock.baseUrl).toBe("https://api.example.test/v1");
    const server = setupServer(...mock.handlers);
    server.listen({ onUnhandledRequest: "error" });
    servers.push(server, mock);
    expect((await getPool("https://api.example.test/v1")).status).toBe(200);
    expect((await fetch("https://api.example.test/v1/healthz")).status).toBe(200);
    // Another path, another origin: no handler, so MSW's "error" policy refuses them.
    await expect(getPool("https://api.example.test/v2")).rejects.toThrow();
    await expect(getPool("https://api.example.test")).rejects.toThrow();
    await expect(getPool("http://api.example.test/v1")).rejects.toThrow();
  });

  it("lets a request outside its base URL through to the network, same origin or not", async () => {
    const real = createServer((req, res) => res.end(`real ${req.url}`)).listen(0, "127.0.0.1");
    await once(real, "listening");
    const origin = `http://127.0.0.1:${(real.address() as AddressInfo).port}`;
    const mock = createMswMock({ baseUrl: `${origin}/api` });
    const server = setupServer(...mock.handlers);
    server.listen({ onUnhandledRequest: "bypass" });
    servers.push(server, mock, real);
    expect((await getPool(`${origin}/api`)).status).toBe(200);
    expect(await (await fetch(`${origin}/apiary/healthz`)).text()).toBe("real /apiary/healthz");
    expect(await (await fetch(`${origin}/`)).text()).toBe("real /");
    expect(mock.getJournal().entries).toHaveLength(1);
  });

  it("keeps two mocks in one process apart: world, clock, faults, journal", async () => {
    const a = createMswMock({ baseUrl: "https://a.example.test" });
    const b = createMswMock({ baseUrl: "https://b.example.test", scenario: "every-phase" });
    serve(a, b);
    a.addFault({ rpc: "GetWarmPool", error: { code: "unavailable" } });
    a.advanceClock({ ms: 3_600_000 });
    expect((await getPool("https://a.example.test")).status).toBe(503);
    expect((await getPool("https://b.example.test")).status).not.toBe(503);
    expect(b.listFaults().faults).toEqual([]);
    expect(b.getClock().now).toBe("2026-01-05T09:10:00.000Z");
    expect(a.getJournal().entries).toHaveLength(1);
    expect(b.getJournal().entries).toHaveLength(1);
    expect(a.getWorld().warmPools.length).not.toBe(b.getWorld().warmPools.length);
  });

  it("checks CORS as a browser would when told the page's origin", async () => {
    const refusals: string[] = [];
    const mock = createMswMock({
      baseUrl: "https://api.example.test",
      pageOrigin: "https://app.example.test",
      corsOrigins: ["https://other.example.test"],
      onCorsRefusal: (message) => refusals.push(message),
    });
    serve(mock);
    await expect(getPool("https://api.example.test")).rejects.toThrow();
    expect(refusals).toEqual([expect.stringContaining("do not include https://app.example.test")]);
    // The refused preflight was answered by the mock, as a server would have been asked.
    expect(mock.getJournal().entries.map((e) => [e.httpMethod, e.status])).toEqual([
      ["OPTIONS", 204],
    ]);
  });

  it("refuses a relative base URL outside a browser, saying why", () => {
    expect(() => createMswMock({ baseUrl: "/api" })).toThrow(/must be absolute/);
  });
});
