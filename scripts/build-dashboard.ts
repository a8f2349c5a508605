// Part of `npm run build`: bundles dashboard/ (Preact + the admin API's generated types) into
// dist/dashboard/, which the mock serves at /_dashboard/ and the package and image ship. Minified
// and self-contained: the page loads nothing from the internet.
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { build } from "esbuild";
import { findPackageRoot } from "../src/package-root.js";

const ROOT = findPackageRoot();

/** Where `npm run build` puts the dashboard, relative to the package root. */
export const DASHBOARD_BUNDLE_DIR = "dist/dashboard";

/** Builds index.html, main.js and dashboard.css into `outdir` (emptied first). */
export async function buildDashboard(outdir: string = DASHBOARD_BUNDLE_DIR): Promise<string> {
  const out = isAbsolute(outdir) ? outdir : join(ROOT, outdir);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  await build({
    absWorkingDir: ROOT,
    entryPoints: ["dashboard/src/main.tsx", "dashboard/src/dashboard.css"],
    outdir: out,
    entryNames: "[name]",
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    jsx: "automatic",
    jsxImportSource: "preact",
    tsconfig: "dashboard/tsconfig.json",
    legalComments: "none",
    logLevel: "warning",
  });
  copyFileSync(join(ROOT, "dashboard", "index.html"), join(out, "index.html"));
  return out;
}

if (import.meta.filename === process.argv[1]) await buildDashboard();
