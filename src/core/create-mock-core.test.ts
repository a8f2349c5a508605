import { describe, expect, it, vi } from "vitest";
import { bytesReader, type CoreAnswer, type CoreRequest } from "../protocol/exchange.js";
import { createMockCore } from "./create-mock-core.js";

const encoder = new TextEncoder();

function requestOf(
  method: string,
  url: string,
  headers: Record<string, string> = {},
  body = "",
): CoreRequest {
  const bytes = encoder.encode(body);
  return {
    method,
    url,
    headers: {
      host: "127.0.0.1:4010",
      ...(body ? { "content-length": `${bytes.length}` } : {}),
      ...Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
    },
    readBody: bytesReader(bytes),
  };
}

function text(answer: CoreAnswer): string {
  return new TextDecoder().decode(answer.body);
}

function header(answer: CoreAnswer, name: string): string | undefined {
  const i = answer.headers.findIndex((h, n) => n % 2 === 0 && h.toLowerCase() === name);
  return i < 0 ? undefined : answer.headers[i + 1];
}

describe("createMockCore", () => {
  it("answers on the request's own turn wherever nothing is waited for", () => {
    const core = createMockCore();
    const sync = [
      requestOf("GET", "/healthz"),
      requestOf("GET", "/_admin/clock"),
      requestOf("GET", "/nope"),
      requestOf("OPTIONS", "/gitpod.v1.PrebuildService/GetWarmPool", {
        Origin: "http://localhost:3000",
        "Access-Control-Request-Method": "POST",
      }),
      requestOf("GET", "/healthz", { Host: "attacker.example" }),
      requestOf("PUT", "/gitpod.v1.PrebuildService/Nope", { Authorization: "Bearer x" }),
    ];
    for (const request of sync) expect(core.handle(request)).not.toBeInstanceOf(Promise);
    const rpc = core.handle(
      requestOf(
        "POST",
        "/gitpod.v1.PrebuildService/ListWarmPools",
        { "Content-Type": "application/json", Authorization: "Bearer wpm_acme_alice" },
        "{}",
      ),
    );
    expect(rpc).toBeInstanceOf(Promise);
  });

  it("guards once, at its entry, with the same reading of the path that routing uses", () => {
    const warn = vi.fn();
    const logger = { warn, info: vi.fn(), debug: vi.fn(), error: vi.fn() };
    const core = createMockCore({ logger });
    const evil = { Origin: "https://evil.example" };
    const refused = core.handle(requestOf("POST", "/x/%2e%2e/_admin/reset", evil)) as CoreAnswer;
    expect(refused.status).toBe(403);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith(
      // Logged as everything after the sorting reads it.
      expect.objectContaining({ url: "/_admin/reset", status: 403 }),
      "request refused before routing",
    );
    // Another spelling is not the control plane for the guard, and not for routing either.
    for (const url of ["/_ADMIN/reset", "/_DASHBOARD/main.js", "/%5Fadmin/reset"]) {
      const answer = core.handle(requestOf("POST", url, evil)) as CoreAnswer;
      expect([url, answer.status]).toEqual([url, 404]);
    }
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it("logs one line per request outside the RPCs, with the code it answered", async () => {
    const info = vi.fn();
    const debug = vi.fn();
    const core = createMockCore({ logger: { info, debug, warn: vi.fn(), error: vi.fn() } });
    core.handle(requestOf("GET", "/healthz"));
    core.handle(requestOf("GET", "/_admin/nope"));
    await core.handle(
      requestOf("POST", "/_admin/faults", { "Content-Type": "application/json" }, "{"),
    );
    expect(debug.mock.calls.map(([line]) => line.rpc)).toEqual(["/healthz"]);
    expect(info.mock.calls.map(([line, message]) => [line.status, message])).toEqual([
      [404, "/_admin/nope not_found"],
      [400, "/_admin/faults invalid_argument"],
    ]);
  });

  it("needs no file system: without its capabilities it says what is missing", () => {
    const core = createMockCore();
    const load = core.handle(
      requestOf("POST", "/_admin/world/load", { "Content-Type": "application/json" }, "{}"),
    );
    expect(load).toBeInstanceOf(Promise);
    expect(() => core.loadWorld({ path: "w.json" })).toThrow(/reads no world files/);
    const page = core.handle(requestOf("GET", "/_dashboard/")) as CoreAnswer;
    expect([page.status, text(page)]).toEqual([503, expect.stringContaining("npm run build")]);
  });

  it("serves the dashboard's files through its reader, never naming one outside", () => {
    const files: Record<string, string> = { "index.html": "<!doctype html>", "main.js": "1" };
    const read = vi.fn((name: string) =>
      files[name] === undefined ? undefined : encoder.encode(files[name]),
    );
    const core = createMockCore({ readDashboardFile: read });
    const index = core.handle(requestOf("GET", "/_dashboard/")) as CoreAnswer;
    expect([index.status, header(index, "content-type"), text(index)]).toEqual([
      200,
      "text/html; charset=utf-8",
      "<!doctype html>",
    ]);
    expect(header(index, "content-security-policy")).toContain("default-src 'none'");
    const script = core.handle(requestOf("HEAD", "/_dashboard/%6Dain.js")) as CoreAnswer;
    expect([script.status, header(script, "content-length"), script.body]).toEqual([
      200,
      "1",
      undefined,
    ]);
    const redirect = core.handle(requestOf("GET", "/_dashboard")) as CoreAnswer;
    expect([redirect.status, header(redirect, "location")]).toEqual([301, "/_dashboard/"]);
    for (const url of [
      "/_dashboard/.env",
      "/_dashboard/..%2fpackage.json",
      "/_dashboard/a%5c..%5c..%5cpackage.json",
      "/_dashboard/%2e%2e%2fpackage.json",
      "/_dashboard/main.js%00",
      "/_dashboard/nope.js",
    ]) {
      expect((core.handle(requestOf("GET", url)) as CoreAnswer).status).toBe(404);
    }
    expect(read.mock.calls.map(([name]) => name)).toEqual(["index.html", "main.js", "nope.js"]);
  });

  it("keeps the control plane off with admin: false, but its methods in process", () => {
    const core = createMockCore({ admin: false });
    expect((core.handle(requestOf("GET", "/_admin/clock")) as CoreAnswer).status).toBe(404);
    expect((core.handle(requestOf("GET", "/_dashboard/")) as CoreAnswer).status).toBe(404);
    expect(core.getClock().mode).toBe("real");
  });
});
