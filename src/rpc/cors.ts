import type { IncomingMessage, ServerResponse } from "node:http";
import { isLoopbackOrigin, LOOPBACK } from "./is-loopback-origin.js";

// What connect-es asks browsers to allow, plus what this API's clients send.
const ALLOWED_HEADERS = [
  "Content-Type",
  "Connect-Protocol-Version",
  "Connect-Timeout-Ms",
  "Connect-Content-Encoding",
  "Connect-Accept-Encoding",
  "Content-Encoding",
  "Accept-Encoding",
  "Grpc-Message-Type",
  "X-Grpc-Web",
  "X-User-Agent",
  "Grpc-Timeout",
  "Authorization",
  "X-Ona-User-Agent",
  "User-Agent",
  // The mock's own per-call fault headers, so a browser test can force outcomes too.
  "X-Mock-Error",
  "X-Mock-Latency-Ms",
];
// Stainless SDKs add a family of X-Stainless-* headers; any of them is let through.
const STAINLESS_HEADER = /^x-stainless-[a-z0-9-]+$/;
// Connect's own, plus the retry hints Stainless SDKs read from error responses.
const EXPOSED_HEADERS = [
  "Grpc-Status",
  "Grpc-Message",
  "Grpc-Status-Details-Bin",
  "Content-Encoding",
  "Connect-Content-Encoding",
  "Retry-After",
  "Retry-After-Ms",
  "X-Should-Retry",
].join(", ");
const MAX_AGE_SECONDS = "7200";

/** CORS for one request: adds its headers, and answers a preflight itself. */
export type Cors = (req: IncomingMessage, res: ServerResponse) => "answered" | "continue";

/** The RPCs' origins unless told otherwise: pages on this machine only, as Vite's dev server. */
export const DEFAULT_CORS_ORIGINS: readonly string[] = [LOOPBACK];

/**
 * Answers CORS preflights and marks responses readable by browsers on the allowed origins:
 * the origin is echoed (`*` would not cover an Authorization header). `allowedOrigins`
 * holds exact origins, patterns with `*`, `loopback` for every page on this machine, or `*`
 * alone for any origin; the default is `loopback`. Every answer varies by Origin; a request
 * without one gets nothing else.
 */
export function createCors(allowedOrigins: readonly string[] = DEFAULT_CORS_ORIGINS): Cors {
  const isAllowed = createOriginMatcher(allowedOrigins);
  return (req, res) => {
    const origin = req.headers.origin;
    const preflight = req.method === "OPTIONS" && req.headers["access-control-request-method"];
    const allowed = origin !== undefined && isAllowed(origin);
    if (!preflight) {
      appendVary(res, "Origin");
      if (allowed) {
        res.setHeader("Access-Control-Allow-Origin", origin);
        res.setHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
      }
      return "continue";
    }
    appendVary(res, "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
    // A refused origin still gets a 204, without the allow headers, so the browser blocks it.
    if (allowed) {
      res.setHeader("Access-Control-Allow-Origin", origin);
      // The control plane under /_admin also edits with PUT, PATCH and DELETE.
      res.setHeader(
        "Access-Control-Allow-Methods",
        (req.url ?? "").startsWith("/_admin") ? "POST, GET, PUT, PATCH, DELETE" : "POST, GET",
      );
      res.setHeader(
        "Access-Control-Allow-Headers",
        allowedHeaders(req.headers["access-control-request-headers"]),
      );
      res.setHeader("Access-Control-Max-Age", MAX_AGE_SECONDS);
      // Chromium asks before a public page may reach a mock on localhost (Private Network Access).
      if (req.headers["access-control-request-private-network"] === "true") {
        res.setHeader("Access-Control-Allow-Private-Network", "true");
      }
    }
    res.statusCode = 204;
    res.end();
    return "answered";
  };
}

function appendVary(res: ServerResponse, names: string): void {
  const existing = res.getHeader("Vary");
  res.setHeader("Vary", existing ? `${String(existing)}, ${names}` : names);
}

function allowedHeaders(requested: string | undefined): string {
  const extra = (requested ?? "")
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter((h) => STAINLESS_HEADER.test(h));
  return [...ALLOWED_HEADERS, ...new Set(extra)].join(", ");
}

/**
 * Builds the test for an `Origin` header against exact origins or patterns in which `*` stands
 * for any run of characters other than `/` (`http://localhost:*` is any port); `loopback`
 * matches every page on this machine (isLoopbackOrigin), `*` alone every origin.
 */
export function createOriginMatcher(patterns: readonly string[]): (origin: string) => boolean {
  if (patterns.includes("*")) return () => true;
  const loopback = patterns.includes(LOOPBACK);
  const regexes = patterns
    .filter((p) => p !== LOOPBACK)
    .map(
      (p) =>
        new RegExp(
          `^${p
            .toLowerCase()
            .split("*")
            .map((part) => part.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"))
            .join("[^/]*")}$`,
        ),
    );
  return (origin) =>
    (loopback && isLoopbackOrigin(origin)) || regexes.some((r) => r.test(origin.toLowerCase()));
}
