import { existsSync } from "node:fs";
import { join } from "node:path";
import express, { type Router } from "express";
import { findPackageRoot } from "../package-root.js";
import { DASHBOARD_PREFIX } from "./control-plane-paths.js";

/** Where `npm run build` puts the dashboard's files (scripts/build-dashboard.ts). */
export const DASHBOARD_DIR = join(findPackageRoot(), "dist", "dashboard");

// The page loads only its own files and talks only to the mock that served it.
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join("; ");

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>warm-pool-mock dashboard</title>
<h1>The dashboard is not built</h1><p>Run <code>npm run build</code>, then reload this page.</p></html>`;

/**
 * Serves the dashboard's built files under /_dashboard/ (index.html, the script and the
 * stylesheet). Without a build, a page says how to make one rather than a bare 404.
 */
export function serveDashboard(dir: string = DASHBOARD_DIR): Router {
  const router = express.Router({ strict: true });
  router.use((_req, res, next) => {
    res.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    res.setHeader("X-Content-Type-Options", "nosniff");
    // A rebuilt dashboard shows at the next reload; the files are small.
    res.setHeader("Cache-Control", "no-cache");
    next();
  });
  router.get("/", (req, res, next) => {
    // Relative asset URLs resolve against /_dashboard/, so the bare path redirects there.
    if (req.originalUrl.split("?")[0] === DASHBOARD_PREFIX) {
      res.redirect(301, `${DASHBOARD_PREFIX}/`);
      return;
    }
    if (!existsSync(join(dir, "index.html"))) {
      res.status(503).type("html").send(NOT_BUILT);
      return;
    }
    next();
  });
  router.use(express.static(dir, { index: "index.html", fallthrough: true, etag: false }));
  return router;
}
