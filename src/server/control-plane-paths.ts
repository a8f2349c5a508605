/** The path prefix of the admin API, apart from every RPC path. */
export const ADMIN_PREFIX = "/_admin";
/** The path prefix of the browser dashboard served beside the admin API. */
export const DASHBOARD_PREFIX = "/_dashboard";

const PREFIXES = [ADMIN_PREFIX, DASHBOARD_PREFIX];
const ODD_TARGET = /\/\.|%|\\|\/\//;

/**
 * Whether a request path (no query) belongs to the control plane, which answers only its own
 * origin and the listed admin origins; everything else is the RPC plane or /healthz.
 */
export function isControlPlanePath(path: string): boolean {
  // Every prefix starts "/_", no RPC path does: most requests are settled by one character.
  if (path.charCodeAt(1) !== 95) return false;
  for (const prefix of PREFIXES) {
    if (path.startsWith(prefix) && (path.length === prefix.length || path[prefix.length] === "/"))
      return true;
  }
  return false;
}

/**
 * Whether a request target (`req.url`) reaches the control plane. Routers read the target in
 * different ways (raw, or normalised as a URL, which resolves `..` and absolute forms), so a
 * target counts as control plane when either reading says it is.
 */
export function targetsControlPlane(target: string): boolean {
  const query = target.indexOf("?");
  const raw = query < 0 ? target : target.slice(0, query);
  if (isControlPlanePath(raw)) return true;
  // Only dot segments, escapes, backslashes, doubled slashes or an absolute form read
  // differently as a URL; every RPC call skips the parse.
  if (raw.charCodeAt(0) === 47 && !ODD_TARGET.test(raw)) return false;
  try {
    return isControlPlanePath(new URL(target, "http://mock").pathname);
  } catch {
    return false;
  }
}
