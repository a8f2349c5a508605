/** The path prefix of the admin API, apart from every RPC path. */
export const ADMIN_PREFIX = "/_admin";
/** The path prefix of the browser dashboard served beside the admin API. */
export const DASHBOARD_PREFIX = "/_dashboard";
/** The health endpoint, outside the RPC namespace so probes never touch the API. */
export const HEALTH_PATH = "/healthz";
/** Every RPC path starts so: `/gitpod.v1.<Service>/<Method>`, for any service of the contract. */
export const RPC_PACKAGE_PREFIX = "/gitpod.v1.";

/** What a request is for: an RPC, the control plane (admin API, dashboard), health, or nothing. */
export type RequestKind = "rpc" | "control" | "health" | "other";

/** A request target read once: its kind, and the path and query everything after reads. */
export interface SortedTarget {
  kind: RequestKind;
  /** The path, without the query. */
  path: string;
  /** The query without `?`, byte for byte as sent; empty when there is none. */
  query: string;
  /** The target in that reading: `path`, then `?query` if there is one. */
  url: string;
}

const ODD_TARGET = /\/\.|%|\\|\/\//;

/**
 * Reads a request target once and says what it is for: the one decision the request guard and
 * routing both use, so no spelling of a path reaches the control plane without its checks.
 * Matching is exact and case-sensitive (`/_DASHBOARD` is no path of the mock). A target with
 * dot segments, escapes, backslashes, doubled slashes or an absolute form is read as a URL
 * (WHATWG: dot segments resolved, `%2e` counted as a dot, backslashes as slashes), and that
 * reading is the path; every plain target (all an RPC client sends) skips the parse. Letter
 * case and escapes stay as sent: `/_ADMIN` and `/%5Fadmin` are other paths than `/_admin`, as
 * in Go's ServeMux. The query is kept byte for byte.
 */
export function sortRequest(target: string): SortedTarget {
  const q = target.indexOf("?");
  let path = q < 0 ? target : target.slice(0, q);
  const query = q < 0 ? "" : target.slice(q + 1);
  if (path.charCodeAt(0) === 47 && !ODD_TARGET.test(path)) {
    return { kind: kindOf(path), path, query, url: target };
  }
  try {
    path = new URL(path, "http://mock").pathname;
  } catch {
    return { kind: "other", path, query, url: target };
  }
  return { kind: kindOf(path), path, query, url: q < 0 ? path : `${path}?${query}` };
}

function kindOf(path: string): RequestKind {
  // Every control-plane prefix starts "/_", no RPC path does: most requests are settled by one character.
  if (path.charCodeAt(1) === 95) {
    return isUnder(path, ADMIN_PREFIX) || isUnder(path, DASHBOARD_PREFIX) ? "control" : "other";
  }
  if (path.startsWith(RPC_PACKAGE_PREFIX)) return "rpc";
  return path === HEALTH_PATH ? "health" : "other";
}

function isUnder(path: string, prefix: string): boolean {
  return path.startsWith(prefix) && (path.length === prefix.length || path[prefix.length] === "/");
}
