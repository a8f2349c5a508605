// Takes docs/dashboard.png: the dashboard of a freshly started mock (default world, manual clock)
// after a few actions that show its states — a failing runner, a fault rule, some journal
// entries — in headless Chromium. `npm run screenshot`; test/browser/dashboard.test.ts runs it too.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp, endEventStreams } from "../src/adapters/express/create-app.js";
import { listenApp } from "../src/adapters/node/listen-app.js";
import { createClock } from "../src/domain/create-clock.js";
import { findPackageRoot } from "../src/package-root.js";
import { buildDashboard } from "./build-dashboard.js";
import { launchBrowser } from "./support/launch-browser.js";

/** Where the documentation's screenshot lives. */
export const SCREENSHOT_PATH = join(findPackageRoot(), "docs", "dashboard.png");

const GLOBEX_RUNNER = "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c02";
const STANDARD = "d2c94c27-3b76-4a42-b88c-95a85e392c68";
const WEB_APP = "b0e12f6c-4c67-429d-a4a6-d9838b5da047";

/** Builds the dashboard, stages a mock, and writes a full-page PNG of it to `path`. */
export async function screenshotDashboard(path: string = SCREENSHOT_PATH): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "wpm-screenshot-"));
  const app = createApp({
    dashboardDir: await buildDashboard(dir),
    clock: createClock({ mode: "manual", start: Date.parse("2026-01-02T09:00:00Z") }),
  });
  const server = await listenApp(app, {
    host: "127.0.0.1",
    port: 0,
    onClose: () => endEventStreams(app),
  });
  const browser = await launchBrowser();
  try {
    const send = (path: string, body: unknown, token?: string) =>
      fetch(`${server.url}${path}`, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(body),
      });
    const rpc = "/gitpod.v1.PrebuildService";
    await send(
      `${rpc}/CreateWarmPool`,
      { projectId: WEB_APP, environmentClassId: STANDARD },
      "wpm_acme_alice",
    );
    await send(`${rpc}/ListWarmPools`, {}, "wpm_acme_alice");
    await send(`/_admin/runners/${GLOBEX_RUNNER}/degrade`, { message: "quota exceeded" });
    await send("/_admin/faults", { rpc: "GetWarmPool", error: { code: "unavailable" }, times: 3 });
    await send(
      `${rpc}/GetWarmPool`,
      { warmPoolId: "a1b2c3d4-5678-9abc-def0-1234567890ab" },
      "wpm_acme_alice",
    );
    const page = await browser.newPage({ viewport: { width: 1680, height: 900 } });
    await page.goto(`${server.url}/_dashboard/`);
    await page.getByRole("status").filter({ hasText: "Live" }).waitFor();
    await page.locator("tr[data-fault-id]").first().waitFor();
    await page.locator("tr[data-journal-id]").nth(2).waitFor();
    await page.screenshot({ path, fullPage: true });
  } finally {
    await browser.close();
    await server.close(0);
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.filename === process.argv[1]) {
  await screenshotDashboard();
  console.log(`wrote ${SCREENSHOT_PATH}`);
}
