import { sortTarget } from "./sort-target.js";

export { ADMIN_PREFIX, DASHBOARD_PREFIX } from "./sort-target.js";

/**
 * Whether a request target (`req.url`) reaches the control plane, which answers only its own
 * origin and the listed admin origins: the same rule that routes it (sortTarget).
 */
export function targetsControlPlane(target: string): boolean {
  const kind = sortTarget(target);
  return kind === "admin" || kind === "dashboard";
}
