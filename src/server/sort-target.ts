import { RPC_PATH_PREFIX } from "../contract/load-contract.js";

/** The path prefix of the admin API, apart from every RPC path. */
export const ADMIN_PREFIX = "/_admin";
/** The path prefix of the browser dashboard served beside the admin API. */
export const DASHBOARD_PREFIX = "/_dashboard";
/** The health endpoint, outside the RPC namespace so probes never touch the API. */
export const HEALTH_PATH = "/healthz";

/** Which part of the server a request is for. */
export type TargetKind = "rpc" | "admin" | "dashboard" | "health" | "other";

// Only dot segments (also written %2e), backslashes, doubled slashes or an absolute form read
// differently as a URL; no RPC call has any of them, so RPCs skip the parse.
const ODD_TARGET = /\/\.|%|\\|\/\//;

/**
 * A request target as every part of the server reads it: origin-form, with dot segments
 * resolved, backslashes and an absolute form read as a browser's URL parser reads them. The
 * query is kept byte for byte. Letter case and percent-escapes are left as sent: `/_ADMIN` and
 * `/%5Fadmin` are other paths than `/_admin`, as in Go's ServeMux. A target that is already
 * in that form comes back unchanged, without parsing.
 */
export function canonicalTarget(target: string): string {
  const query = target.indexOf("?");
  const path = query < 0 ? target : target.slice(0, query);
  if (path.charCodeAt(0) === 47 && !ODD_TARGET.test(path)) return target;
  try {
    return new URL(path, "http://mock").pathname + (query < 0 ? "" : target.slice(query));
  } catch {
    return target;
  }
}

/**
 * The one rule that sorts requests: the RPC plane, the control plane (admin API or dashboard),
 * the health endpoint, or anything else (a bare 404). Routing, CORS and the control plane's
 * checks all ask it, so no spelling of a path can be routed one way and checked another.
 * Prefixes match exactly, letter case included.
 */
export function sortTarget(target: string): TargetKind {
  const canonical = canonicalTarget(target);
  const query = canonical.indexOf("?");
  const path = query < 0 ? canonical : canonical.slice(0, query);
  // Every other prefix starts "/_", no RPC path does: most requests are settled here.
  if (path.charCodeAt(1) !== 95) {
    if (path.startsWith(RPC_PATH_PREFIX)) return "rpc";
    return path === HEALTH_PATH ? "health" : "other";
  }
  if (isUnder(path, ADMIN_PREFIX)) return "admin";
  if (isUnder(path, DASHBOARD_PREFIX)) return "dashboard";
  return "other";
}

function isUnder(path: string, prefix: string): boolean {
  return path.startsWith(prefix) && (path.length === prefix.length || path[prefix.length] === "/");
}
