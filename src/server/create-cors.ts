import type { RequestHandler } from "express";
import { isControlPlanePath } from "./control-plane-paths.js";
import { matchOrigin } from "./match-origin.js";

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
 * Answers CORS preflights and marks responses readable by browsers on the allowed origins:
 * the origin is echoed (`*` would not cover an Authorization header). The RPC paths allow
 * `rpcOrigins` (default `["*"]`, any origin); the control plane allows only `controlOrigins`
 * (default none: same-origin pages need no CORS). Both hold exact origins or `*` patterns.
 */
export function createCors(
  rpcOrigins: readonly string[] = ["*"],
  controlOrigins: readonly string[] = [],
): RequestHandler {
  const rpcAllowed = matchOrigin(rpcOrigins);
  const controlAllowed = matchOrigin(controlOrigins);
  return (req, res, next) => {
    const origin = req.headers.origin;
    const preflight = req.method === "OPTIONS" && req.headers["access-control-request-method"];
    const control = isControlPlanePath(req.path);
    const isAllowed = control ? controlAllowed : rpcAllowed;
    res.vary("Origin");
    if (preflight) {
      res.vary("Access-Control-Request-Method").vary("Access-Control-Request-Headers");
    }
    // `null` (sandboxed frames, file: pages, redirects) could be any page: never the control plane's.
    const allowed = origin !== undefined && !(control && origin === "null") && isAllowed(origin);
    if (allowed) res.setHeader("Access-Control-Allow-Origin", origin);
    if (!preflight) {
      if (allowed) res.setHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
      next();
      return;
    }
    // A refused origin still gets a 204, without the allow headers, so the browser blocks it.
    if (allowed) {
      res
        // The control plane also edits with PUT, PATCH and DELETE.
        .setHeader(
          "Access-Control-Allow-Methods",
          control ? "POST, GET, PUT, PATCH, DELETE" : "POST, GET",
        )
        .setHeader(
          "Access-Control-Allow-Headers",
          allowedHeaders(req.headers["access-control-request-headers"]),
        )
        .setHeader("Access-Control-Max-Age", MAX_AGE_SECONDS);
      // Chromium asks before a public page may reach a mock on localhost (Private Network Access).
      if (req.headers["access-control-request-private-network"] === "true") {
        res.setHeader("Access-Control-Allow-Private-Network", "true");
      }
    }
    res.status(204).end();
  };
}

function allowedHeaders(requested: string | undefined): string {
  const extra = (requested ?? "")
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter((h) => STAINLESS_HEADER.test(h));
  return [...ALLOWED_HEADERS, ...new Set(extra)].join(", ");
}
