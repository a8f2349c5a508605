// Takes docs/dashboard.png: the dashboard at a laptop's 1024 px, over the default world grown
// to 500 more pools (half READY, half PENDING on a manual clock), after a few actions that show
// its states (a failing runner, a fault rule, some journal entries, one call inspected) in
// headless Chromium; then docs/dashboard-details.png: the failing pool found by typing, its
// details open beside the table. `npm run screenshot`; test/browser/dashboard.test.ts runs it too.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp, endEventStreams } from "../src/adapters/express/create-app.js";
import { listenApp } from "../src/adapters/node/listen-app.js";
import { createClock } from "../src/domain/create-clock.js";
import { findPackageRoot } from "../src/package-root.js";
import { loadDefaultWorld } from "../src/store/load-default-world.js";
import { buildDashboard } from "./build-dashboard.js";
import { growPools, growWorld } from "./grow-world.js";
import { launchBrowser } from "./support/launch-browser.js";

/** Where the documentation's screenshots live. */
export const SCREENSHOT_PATH = join(findPackageRoot(), "docs", "dashboard.png");
export const DETAILS_SCREENSHOT_PATH = join(findPackageRoot(), "docs", "dashboard-details.png");

const GLOBEX_RUNNER = "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c02";
const XLARGE = "2b3c4d5e-6f70-4a81-9b2c-3d4e5f6a7b85";
const WEB_APP = "b0e12f6c-4c67-429d-a4a6-d9838b5da047";
const ACME = "0c7d7f3e-1f0a-4c57-9a55-2f5c8b3e4a01";
const GLOBEX_POOL = "fb0e1d2c-3b4a-4596-8877-665544332211";

/**
 * Builds the dashboard, stages a mock, and writes a full-page PNG of it to `path`, then one
 * screen of a pool's details to `detailsPath`.
 */
export async function screenshotDashboard(
  path: string = SCREENSHOT_PATH,
  detailsPath: string = DETAILS_SCREENSHOT_PATH,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "wpm-screenshot-"));
  const app = createApp({
    dashboardDir: await buildDashboard(dir),
    world: growPools(growWorld(loadDefaultWorld(), ACME, 125), ACME, 500),
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
      { projectId: WEB_APP, environmentClassId: XLARGE },
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
    const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    await page.goto(`${server.url}/_dashboard/`);
    await page.getByRole("status").filter({ hasText: "Live" }).waitFor();
    await page.locator("tr[data-fault-id]").first().waitFor();
    await page.locator("tr[data-journal-id]").nth(2).waitFor();
    // The failing pool first: sorted by phase.
    await page
      .getByRole("table", { name: "Warm pools" })
      .getByRole("button", { name: "Phase" })
      .click();
    await page
      .getByRole("button", { name: /^Inspect call / })
      .first()
      .click();
    await page.getByTestId("answer-status").waitFor();
    await page.screenshot({ path, fullPage: true });
    // The failing pool, found by typing part of its project's name, and its details.
    await page.getByLabel("Find pools by part of an ID or project name").fill("globex");
    await page.getByRole("link", { name: `Warm pool ${GLOBEX_POOL}` }).click();
    await page.getByRole("complementary").getByRole("heading", { name: "Warm pool" }).waitFor();
    await page.evaluate("window.scrollTo(0, 0)");
    await page.screenshot({ path: detailsPath });
  } finally {
    await browser.close();
    await server.close(0);
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.filename === process.argv[1]) {
  await screenshotDashboard();
  console.log(`wrote ${SCREENSHOT_PATH} and ${DETAILS_SCREENSHOT_PATH}`);
}
