import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ReadDashboardFile } from "../../core/serve-dashboard.js";
import { findPackageRoot } from "../../package-root.js";

/** Where `npm run build` puts the dashboard's files (scripts/build-dashboard.ts). */
export const DASHBOARD_DIR = join(findPackageRoot(), "dist", "dashboard");

/**
 * Reads the dashboard's built files from `dir`, afresh on every request (a rebuilt dashboard
 * shows at the next reload). The core hands in only plain relative names, so nothing outside
 * `dir` can be named.
 */
export function readDashboardFrom(dir: string = DASHBOARD_DIR): ReadDashboardFile {
  return (name) => {
    try {
      return readFileSync(join(dir, name));
    } catch {
      return undefined;
    }
  };
}
