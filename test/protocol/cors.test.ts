import { describe, expect, it } from "vitest";
import { ALICE, EXISTING_POOL } from "../support/fixtures.js";
import { listen } from "../support/listen.js";
import { rawRequest } from "../support/raw-request.js";

// `--cors-origins '*'`: every origin, as the mock allowed by default before issue 21.
const open = await listen({ corsOrigins: ["*"] });
const byDefault = await listen();
const strict = await listen({ corsOrigins: ["https://app.example.com", "http://localhost:*"] });
const path = "/gitpod.v1.PrebuildService/GetWarmPool";
const preflight = (origin: string, requestHeaders = "authorization,content-type") => ({
  method: "OPTIONS",
  headers: {
    Origin: origin,
    "Access-Control-Request-Method": "POST",
    "Access-Control-Request-Headers": requestHeaders,
  },
});

describe("CORS preflight", () => {
  it("answers 204 with the Connect headers plus Authorization, echoing the origin", async () => {
    const res = await rawRequest(`${open}${path}`, preflight("http://localhost:5173"));
    expect(res.status).toBe(204);
    expect(res.body.length).toBe(0);
    expect(res.headers["access-control-allow-origin"]).toBe("http://localhost:5173");
    expect(res.headers["access-control-allow-methods"]).toBe("POST, GET");
    expect(res.headers["access-control-max-age"]).toBe("7200");
    expect(res.headers.vary).toBe(
      "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
    );
    const allowed = String(res.headers["access-control-allow-headers"]).toLowerCase().split(", ");
    for (const header of [
      "content-type",
      "connect-protocol-version",
      "connect-timeout-ms",
      "connect-content-encoding",
      "connect-accept-encoding",
      "content-encoding",
      "accept-encoding",
      "grpc-message-type",
      "x-grpc-web",
      "x-user-agent",
      "grpc-timeout",
      "authorization",
      "x-ona-user-agent",
      "user-agent",
    ]) {
      expect(allowed).toContain(header);
    }
  });

  it("lets the X-Stainless-* headers of Stainless SDKs through", async () => {
    const res = await rawRequest(
      `${open}${path}`,
      preflight(
        "http://localhost:3000",
        "authorization, x-stainless-lang, x-stainless-retry-count, x-evil",
      ),
    );
    const allowed = String(res.headers["access-control-allow-headers"]).split(", ");
    expect(allowed).toContain("x-stainless-lang");
    expect(allowed).toContain("x-stainless-retry-count");
    expect(allowed).not.toContain("x-evil");
  });

  it("answers Chromium's Private Network Access question for allowed origins only", async () => {
    const ask = (base: string, origin: string) =>
      rawRequest(`${base}${path}`, {
        method: "OPTIONS",
        headers: {
          Origin: origin,
          "Access-Control-Request-Method": "POST",
          "Access-Control-Request-Private-Network": "true",
        },
      });
    const allowed = await ask(open, "https://staging.example.com");
    const refused = await ask(strict, "https://staging.example.com");
    expect(allowed.headers["access-control-allow-private-network"]).toBe("true");
    expect(refused.headers["access-control-allow-private-network"]).toBeUndefined();
  });

  it("allows only the configured origins and patterns", async () => {
    const cases = {
      "https://app.example.com": true,
      "http://localhost:8080": true,
      "https://evil.example.com": false,
      "http://localhost.evil.com:80": false,
    };
    for (const [origin, allowed] of Object.entries(cases)) {
      const res = await rawRequest(`${strict}${path}`, preflight(origin));
      expect(res.status, origin).toBe(204);
      expect(res.headers["access-control-allow-origin"], origin).toBe(allowed ? origin : undefined);
      expect(res.headers["access-control-allow-headers"] !== undefined, origin).toBe(allowed);
    }
  });

  it("leaves a plain OPTIONS (no Access-Control-Request-Method) to the RPC: 405", async () => {
    const res = await rawRequest(`${open}${path}`, {
      method: "OPTIONS",
      headers: { Origin: "http://x.test" },
    });
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe("GET, POST");
  });
});

describe("CORS on actual responses", () => {
  const call = (base: string, origin: string, body: string) =>
    rawRequest(`${base}${path}`, {
      method: "POST",
      headers: {
        Origin: origin,
        Authorization: `Bearer ${ALICE}`,
        "Content-Type": "application/json",
      },
      body,
    });

  it("echoes the origin and exposes the Connect headers on success and on errors", async () => {
    const ok = await call(
      open,
      "http://localhost:5173",
      JSON.stringify({ warmPoolId: EXISTING_POOL }),
    );
    const error = await call(open, "http://localhost:5173", "{}");
    for (const res of [ok, error]) {
      expect(res.headers["access-control-allow-origin"]).toBe("http://localhost:5173");
      expect(String(res.headers["access-control-expose-headers"])).toContain("Content-Encoding");
      expect(String(res.headers["access-control-expose-headers"])).toContain(
        "Grpc-Status-Details-Bin",
      );
      expect(String(res.headers.vary)).toContain("Origin");
    }
    expect([ok.status, error.status]).toEqual([200, 400]);
  });

  it("serves a refused origin without CORS headers, so the browser withholds the answer", async () => {
    const res = await call(
      strict,
      "https://evil.example.com",
      JSON.stringify({ warmPoolId: EXISTING_POOL }),
    );
    expect(res.headers["access-control-allow-origin"]).toBeUndefined();
  });
});

describe("the default: pages on this machine only", () => {
  it.each([
    "http://localhost:5173",
    "https://localhost",
    "http://app.localhost:3000",
    "http://127.0.0.1:8080",
    "https://[::1]:5173",
  ])("%s is granted, Private Network Access included", async (origin) => {
    const res = await rawRequest(`${byDefault}${path}`, {
      method: "OPTIONS",
      headers: {
        Origin: origin,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Private-Network": "true",
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers["access-control-allow-origin"]).toBe(origin);
    expect(res.headers["access-control-allow-private-network"]).toBe("true");
  });

  it.each([
    "https://evil.example",
    "http://localhost.evil.example",
    "http://192.168.1.20:5173",
    "https://tunnel.trycloudflare.com",
    "null",
  ])("%s gets no grant on a preflight nor on an answer", async (origin) => {
    const res = await rawRequest(`${byDefault}${path}`, preflight(origin));
    expect(res.status).toBe(204);
    expect(res.headers["access-control-allow-origin"]).toBeUndefined();
    expect(res.headers["access-control-allow-headers"]).toBeUndefined();
    const answer = await rawRequest(`${byDefault}${path}`, {
      method: "POST",
      headers: {
        Origin: origin,
        Authorization: `Bearer ${ALICE}`,
        "Content-Type": "application/json",
      },
      body: JSON.stringify({ warmPoolId: EXISTING_POOL }),
    });
    expect(answer.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("loopback in a list keeps those pages and adds the rest of the list", async () => {
    const lan = await listen({ corsOrigins: ["loopback", "http://192.168.1.20:5173"] });
    for (const [origin, granted] of [
      ["http://localhost:5173", true],
      ["http://192.168.1.20:5173", true],
      ["http://192.168.1.21:5173", false],
    ] as const) {
      const res = await rawRequest(`${lan}${path}`, preflight(origin));
      expect(res.headers["access-control-allow-origin"], origin).toBe(granted ? origin : undefined);
    }
  });
});
