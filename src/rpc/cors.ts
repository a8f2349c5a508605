import type { CoreAnswer, CoreRequest, HeaderValue } from "../protocol/exchange.js";
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

/**
 * CORS for one request: the grant headers to put first in its answer (none for a request
 * without an allowed Origin), or for a preflight the whole answer.
 */
export type Cors = (
  request: Pick<CoreRequest, "method" | "url" | "headers">,
) => readonly string[] | CoreAnswer;

const NO_GRANT: readonly string[] = Object.freeze([]);

/** The RPCs' origins unless told otherwise: pages on this machine only, as Vite's dev server. */
export const DEFAULT_CORS_ORIGINS: readonly string[] = [LOOPBACK];

/**
 * Answers CORS preflights and marks responses readable by browsers on the allowed origins:
 * the origin is echoed (`*` would not cover an Authorization header). `allowedOrigins`
 * holds exact origins, patterns with `*`, `loopback` for every page on this machine, or `*`
 * alone for any origin; the default is `loopback`. The caller's answer says `Vary: Origin`
 * itself.
 */
export function createCors(allowedOrigins: readonly string[] = DEFAULT_CORS_ORIGINS): Cors {
  const isAllowed = createOriginMatcher(allowedOrigins);
  return ({ method, url, headers }) => {
    const origin = headers.origin;
    const preflight = method === "OPTIONS" && headers["access-control-request-method"];
    const allowed = typeof origin === "string" && isAllowed(origin);
    if (!preflight) {
      return allowed
        ? ["Access-Control-Allow-Origin", origin, "Access-Control-Expose-Headers", EXPOSED_HEADERS]
        : NO_GRANT;
    }
    const answer: string[] = [
      "Vary",
      "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
    ];
    // A refused origin still gets a 204, without the allow headers, so the browser blocks it.
    if (allowed) {
      answer.push(
        "Access-Control-Allow-Origin",
        origin,
        // The control plane under /_admin also edits with PUT, PATCH and DELETE.
        "Access-Control-Allow-Methods",
        url.startsWith("/_admin") ? "POST, GET, PUT, PATCH, DELETE" : "POST, GET",
        "Access-Control-Allow-Headers",
        allowedHeaders(headers["access-control-request-headers"]),
        "Access-Control-Max-Age",
        MAX_AGE_SECONDS,
      );
      // Chromium asks before a public page may reach a mock on localhost (Private Network Access).
      if (headers["access-control-request-private-network"] === "true") {
        answer.push("Access-Control-Allow-Private-Network", "true");
      }
    }
    return { status: 204, headers: answer };
  };
}

function allowedHeaders(requested: HeaderValue): string {
  const extra = (Array.isArray(requested) ? requested.join(",") : (requested ?? ""))
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
