// The dashboard in a real headless Chromium at a laptop's 1024 px: every action is clicked, its
// effect read on the page and through the mock's APIs; changes made elsewhere show without a
// reload; the layout never scrolls sideways; feedback appears where the click was.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser, CDPSession, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDashboard } from "../../scripts/build-dashboard.js";
import { screenshotDashboard } from "../../scripts/screenshot-dashboard.js";
import { createApp, endEventStreams } from "../../src/adapters/express/create-app.js";
import { listenApp } from "../../src/adapters/node/listen-app.js";
import { createClock } from "../../src/domain/create-clock.js";
import { callAdmin } from "../support/admin-client.js";
import { callRpc } from "../support/call-rpc.js";
import { createManualClock } from "../support/create-manual-clock.js";
import {
  ACME_RUNNER,
  BOB,
  EXISTING_POOL,
  GLOBEX_POOL,
  LARGE,
  STANDARD,
  WEB_APP,
  XLARGE,
} from "../support/fixtures.js";
import { launchBrowser } from "../support/launch-browser.js";
import {
  findPool,
  openDashboard,
  overflowingBoxes,
  poolRow,
  waitForText,
} from "../support/open-dashboard.js";
import { startServer } from "../support/start-server.js";

const dashboardDir = mkdtempSync(join(tmpdir(), "wpm-dashboard-"));
await buildDashboard(dashboardDir);
afterAll(() => rmSync(dashboardDir, { recursive: true, force: true }));

// A manual clock: pools move only when the page (or the test) advances it.
const START = Date.parse("2026-01-02T00:10:00Z");
const mock = await startServer({ dashboardDir, clock: createManualClock(START) });
afterAll(() => mock.close());

const LAPTOP = { width: 1024, height: 768 };

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function getPool(id: string, token?: string) {
  const result = await callRpc(mock.url, "GetWarmPool", { warmPoolId: id }, { token });
  return result.body?.warmPool as
    | {
        spec: { minSize: number; maxSize: number; snapshotId?: string };
        status: { phase: string; runningInstances?: number; failureMessage?: string };
      }
    | undefined;
}

/** The world as GET /_admin/world says it is now. */
async function readWorld() {
  return (await callAdmin(mock.url, "getWorld", "get", "/_admin/world")).body as {
    runners: { id: string; failureMessage?: string }[];
    environmentClasses: { id: string; enabled: boolean }[];
    projects: { id: string; name: string; prebuildConfiguration?: { timeoutSeconds?: number } }[];
    prebuilds: { id: string; phase: string }[];
  };
}

/** The text of the feedback shown after the last action. */
function feedback(page: Page): Locator {
  return page.getByTestId("feedback");
}

/** Opens a pool row's menu and picks an entry. */
async function fromMenu(page: Page, id: string, entry: string): Promise<Locator> {
  const button = page.getByRole("button", { name: `Actions for pool ${id}` });
  await button.click();
  await page.getByRole("menuitem", { name: entry }).click();
  return button;
}

/** Opens a kind of record in the records panel. */
async function showTab(page: Page, name: RegExp): Promise<void> {
  await page.getByRole("tab", { name }).click();
}

describe("the dashboard", () => {
  let page: Page;
  let errors: string[];
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ page, errors, close } = await openDashboard(browser, mock.url, { viewport: LAPTOP }));
  });
  afterAll(async () => {
    await close?.();
  });

  it("is linked from / of the dashboard path and loads nothing from elsewhere", async () => {
    const bare = await fetch(`${mock.url}/_dashboard`, { redirect: "manual" });
    expect(bare.status).toBe(301);
    expect(bare.headers.get("location")).toBe("/_dashboard/");
    const index = await fetch(`${mock.url}/_dashboard/`);
    expect(index.headers.get("content-security-policy")).toContain("default-src 'none'");
    const html = await index.text();
    expect(html).not.toMatch(/https?:\/\//);
  });

  it("shows every pool with its phase as text, short IDs with the full one, counts per phase, the clock and what is in force", async () => {
    await waitForText(poolRow(page, EXISTING_POOL).getByTestId("pool-phase"), /^READY$/);
    await waitForText(poolRow(page, GLOBEX_POOL).getByTestId("pool-phase"), /^READY$/);
    const link = poolRow(page, EXISTING_POOL).getByRole("link", {
      name: `Warm pool ${EXISTING_POOL}`,
    });
    expect(await link.getAttribute("title")).toBe(EXISTING_POOL);
    expect(await link.textContent()).toBe(`…${EXISTING_POOL.slice(-8)}`);
    const total = (await callRpc(mock.url, "ListWarmPools", {})).body.warmPools.length;
    await waitForText(page.getByTestId("phase-count"), /^READY \d+$/);
    expect(await page.getByTestId("clock-mode").textContent()).toBe("manual");
    expect(await page.getByTestId("clock-now").textContent()).toBe("2026-01-02T00:10:00Z");
    expect(await page.getByTestId("in-force").textContent()).toBe(
      "Scenario: none (the start-up world) · Clock: manual",
    );
    expect(total).toBeGreaterThan(0);
    await showTab(page, /^Runners/);
    await page.locator(`tr[data-runner-id="${ACME_RUNNER}"]`).getByText("healthy").waitFor();
  });

  it("copies a short ID's full ID", async () => {
    await poolRow(page, EXISTING_POOL)
      .getByRole("button", { name: `Copy the ID ${EXISTING_POOL}` })
      .click();
    expect(await readClipboard(page)).toBe(EXISTING_POOL);
  });

  it("gives every control an accessible name", async () => {
    const cdp: CDPSession = await page.context().newCDPSession(page);
    const { nodes } = (await cdp.send("Accessibility.getFullAXTree")) as {
      nodes: { role?: { value: string }; name?: { value: string }; ignored: boolean }[];
    };
    const controls = nodes.filter(
      (n) =>
        !n.ignored &&
        [
          "button",
          "textbox",
          "combobox",
          "checkbox",
          "spinbutton",
          "link",
          "searchbox",
          "tab",
        ].includes(n.role?.value ?? ""),
    );
    expect(controls.length).toBeGreaterThan(30);
    const unnamed = controls.filter((n) => !n.name?.value.trim());
    expect(unnamed.map((n) => n.role?.value)).toEqual([]);
    await cdp.detach();
    // What an action says is announced: the feedback is a polite live region.
    expect(await feedback(page).getAttribute("role")).toBe("status");
    expect(await feedback(page).getAttribute("aria-live")).toBe("polite");
  });

  it("follows the system's dark mode", async () => {
    // The page declares both schemes; the browser's own colours follow: light text when dark.
    const text = async () =>
      ((await page.evaluate<string>("getComputedStyle(document.body).color")).match(/\d+/g) ?? [])
        .slice(0, 3)
        .map(Number);
    expect(await text()).toEqual([0, 0, 0]);
    await page.emulateMedia({ colorScheme: "dark" });
    try {
      const dark = await text();
      expect(dark.length).toBe(3);
      for (const c of dark) expect(c).toBeGreaterThan(200);
    } finally {
      await page.emulateMedia({ colorScheme: "light" });
    }
  });

  it("advances the clock by a preset, from the keyboard, and by a custom step", async () => {
    const preset = page.getByRole("button", { name: "Advance the clock by 1 min" });
    await preset.focus();
    await page.keyboard.press("Enter");
    await waitForText(page.getByTestId("clock-now"), "2026-01-02T00:11:00Z");
    await page.getByLabel("Seconds to advance").fill("30");
    await page.getByRole("button", { name: "Advance the clock", exact: true }).click();
    await waitForText(page.getByTestId("clock-now"), "2026-01-02T00:11:30Z");
    const clock = (await callAdmin(mock.url, "getClock", "get", "/_admin/clock")).body;
    expect(clock?.now).toBe("2026-01-02T00:11:30.000Z");
  });

  let created = "";
  it("creates a pool through CreateWarmPool as the chosen principal, and says so next to the button", async () => {
    await page.getByText("Create a warm pool").click();
    const form = page.getByRole("form", { name: "Create a warm pool" });
    await page
      .getByLabel("Act as in Acme Corp")
      .selectOption({ label: "Alice (Acme Corp) (wpm_acme_alice)" });
    await form.getByLabel("Project").selectOption({ label: "acme/web-app" });
    await form.getByLabel("Class").selectOption({ label: "X-Large" });
    await form.getByLabel("Min").fill("2");
    await form.getByLabel("Max").fill("4");
    const submit = form.getByRole("button", { name: "Create warm pool" });
    await submit.click();
    await waitForText(feedback(page), /^Created warm pool /);
    await expectNear(feedback(page), submit);
    created = ((await feedback(page).textContent()) ?? "").split(" ").at(-1) ?? "";
    const made = (await callRpc(mock.url, "GetWarmPool", { warmPoolId: created })).body?.warmPool as
      | { metadata: { environmentClassId: string }; spec: object }
      | undefined;
    expect(made?.metadata.environmentClassId).toBe(XLARGE);
    expect(made?.spec).toMatchObject({ minSize: 2, maxSize: 4 });
    const row = await findPool(page, created);
    await waitForText(row.getByTestId("pool-phase"), /^PENDING$/);
    await waitForText(row.getByTestId("pool-sizes"), "2–4");
  });

  it("moves the new pool to READY when the clock moves", async () => {
    await page.getByRole("button", { name: "Advance the clock by 1 h" }).click();
    await waitForText(poolRow(page, created).getByTestId("pool-phase"), /^READY$/);
    await waitForText(poolRow(page, created).getByTestId("pool-instances"), "2 / 0 / 2");
    expect((await getPool(created))?.status.phase).toBe("WARM_POOL_PHASE_READY");
  });

  it("claims an instance from the row's menu, from the keyboard, with feedback at the row", async () => {
    const button = page.getByRole("button", { name: `Actions for pool ${created}` });
    const focused = () => page.evaluate<string>("document.activeElement?.textContent");
    await button.focus();
    await page.keyboard.press("Enter");
    // The menu takes focus on its first entry; Escape gives it back.
    await expect.poll(focused).toBe("Claim 1 instance");
    await page.keyboard.press("Escape");
    await expect.poll(() => isFocused(button)).toBe(true);
    await page.keyboard.press("Enter");
    await expect.poll(focused).toBe("Claim 1 instance");
    await page.keyboard.press("Enter");
    await waitForText(poolRow(page, created).getByTestId("pool-instances"), "1 / 0 / 2");
    await waitForText(feedback(page), `Claimed 1 instance from ${created}`);
    await expectNear(feedback(page), button);
    expect((await getPool(created))?.status.runningInstances).toBe(1);
  });

  it("resizes a pool through UpdateWarmPool from its details", async () => {
    await fromMenu(page, created, "Resize…");
    const min = page.getByLabel(`Minimum size of pool ${created}`);
    await expect.poll(() => isFocused(min)).toBe(true);
    await min.fill("3");
    await page.getByLabel(`Maximum size of pool ${created}`).fill("5");
    await page.getByRole("button", { name: `Resize pool ${created}` }).click();
    await waitForText(poolRow(page, created).getByTestId("pool-sizes"), "3–5");
    await waitForText(feedback(page), `Resized ${created} to 3–5`);
    expect((await getPool(created))?.spec).toMatchObject({ minSize: 3, maxSize: 5 });
  });

  it("links a pool to its project, class, runner and snapshot, and those back to their pools", async () => {
    const details = page.getByRole("complementary");
    await details.getByRole("link", { name: "acme/web-app" }).click();
    await details.getByRole("heading", { name: "Project acme/web-app" }).waitFor();
    await details.getByRole("link", { name: `Warm pool ${created}` }).click();
    await details.getByRole("heading", { name: "Warm pool" }).waitFor();
    await details.getByRole("link", { name: "X-Large" }).click();
    await details.getByRole("heading", { name: "Environment class X-Large" }).waitFor();
    await details.getByRole("link", { name: "acme-eu-central" }).click();
    await details.getByRole("heading", { name: "Runner acme-eu-central" }).waitFor();
    await details.getByRole("link", { name: `Warm pool ${EXISTING_POOL}` }).click();
    const snapshot = details.getByRole("link", { name: /^Prebuild / });
    await snapshot.click();
    await details.getByRole("heading", { name: "Prebuild" }).waitFor();
    await details.getByRole("link", { name: `Warm pool ${EXISTING_POOL}` }).waitFor();
    // The back button retraces the links.
    await page.goBack();
    await details.getByText(`${EXISTING_POOL}`).first().waitFor();
    await details.getByRole("button", { name: "Close the details" }).click();
    expect(await details.count()).toBe(0);
  });

  it("fails and recovers a runner; the pools show the reason next to their phase", async () => {
    await showTab(page, /^Runners/);
    await page.getByRole("link", { name: "Fail runner acme-eu-central…" }).click();
    await page.getByLabel("Failure message for runner acme-eu-central").fill("disk full");
    await page.getByRole("button", { name: "Fail runner acme-eu-central" }).click();
    const row = await findPool(page, EXISTING_POOL);
    await waitForText(row.getByTestId("pool-phase"), /^DEGRADED$/);
    await waitForText(row.getByTestId("pool-failure"), "disk full");
    expect(await row.getByTestId("pool-failure").getAttribute("title")).toContain("disk full");
    expect((await getPool(EXISTING_POOL))?.status.phase).toBe("WARM_POOL_PHASE_DEGRADED");
    // The details of the runner are open beside the table: recover it there, then close them.
    const details = page.getByRole("complementary");
    await details.getByRole("button", { name: "Recover runner acme-eu-central" }).click();
    await page.locator(`tr[data-runner-id="${ACME_RUNNER}"]`).getByText("healthy").waitFor();
    expect((await readWorld()).runners.find((r) => r.id === ACME_RUNNER)?.failureMessage).toBe(
      undefined,
    );
    await page.keyboard.press("Escape");
    await details.waitFor({ state: "detached" });
    await page.getByRole("button", { name: "Advance the clock by 1 h" }).click();
    await waitForText(poolRow(page, EXISTING_POOL).getByTestId("pool-phase"), /^READY$/);
  });

  it("disables and enables an environment class", async () => {
    await showTab(page, /^Environment classes/);
    await page.getByRole("button", { name: "Disable class Large" }).click();
    await waitForText(poolRow(page, EXISTING_POOL).getByTestId("pool-phase"), /^DEGRADED$/);
    expect((await getPool(EXISTING_POOL))?.status.phase).toBe("WARM_POOL_PHASE_DEGRADED");
    expect((await readWorld()).environmentClasses.find((c) => c.id === LARGE)?.enabled).toBe(false);
    await page.getByRole("button", { name: "Enable class Large" }).click();
    await page.getByRole("button", { name: "Disable class Large" }).waitFor();
    expect((await readWorld()).environmentClasses.find((c) => c.id === LARGE)?.enabled).toBe(true);
    await page.getByRole("button", { name: "Advance the clock by 1 h" }).click();
    await waitForText(poolRow(page, EXISTING_POOL).getByTestId("pool-phase"), /^READY$/);
  });

  it("records a prebuild and completes it; records another and fails it", async () => {
    await showTab(page, /^Prebuilds/);
    const form = page.getByRole("form", { name: "Record a prebuild" });
    await form.getByLabel("Prebuild project").selectOption({ label: "acme/web-app" });
    await form.getByLabel("Prebuild class").selectOption({ label: "Large" });
    await form.getByRole("button", { name: "Record a prebuild" }).click();
    await waitForText(feedback(page), /^Recorded prebuild /);
    const id = ((await feedback(page).textContent()) ?? "").split(" ").at(-1) ?? "";
    await page.getByLabel("Find prebuilds by part of a name or ID").fill(id);
    const row = page.locator(`tr[data-prebuild-id="${id}"]`);
    await waitForText(row.getByTestId("prebuild-phase"), /^RUNNING$/);
    await page.getByRole("button", { name: `Complete prebuild ${id}` }).click();
    await waitForText(row.getByTestId("prebuild-phase"), /^COMPLETED$/);
    // The pool of that project and class moves to the new snapshot.
    await expect.poll(async () => (await getPool(EXISTING_POOL))?.spec.snapshotId).toBe(id);

    await form.getByRole("button", { name: "Record a prebuild" }).click();
    await waitForText(feedback(page), new RegExp(`^Recorded prebuild (?!${id})`));
    const second = ((await feedback(page).textContent()) ?? "").split(" ").at(-1) ?? "";
    await page.getByLabel("Find prebuilds by part of a name or ID").fill(second);
    await page.getByRole("button", { name: `Fail prebuild ${second}` }).click();
    await waitForText(
      page.locator(`tr[data-prebuild-id="${second}"]`).getByTestId("prebuild-phase"),
      /^FAILED$/,
    );
    const phases = new Map((await readWorld()).prebuilds.map((p) => [p.id, p.phase]));
    expect(phases.get(id)).toBe("PREBUILD_PHASE_COMPLETED");
    expect(phases.get(second)).toBe("PREBUILD_PHASE_FAILED");
  });

  it("edits a project's prebuild configuration; a dropped class deletes its pool", async () => {
    await page.getByLabel("Find pools by part of an ID or project name").fill("");
    await showTab(page, /^Projects/);
    await page.getByRole("link", { name: "Edit project acme/web-app…" }).click();
    const form = page.getByRole("form", { name: "Prebuild configuration of acme/web-app" });
    await form.getByRole("checkbox", { name: "X-Large" }).uncheck();
    await form.getByLabel("Timeout in seconds for acme/web-app").fill("1200");
    await form
      .getByRole("button", { name: "Save the prebuild configuration of acme/web-app" })
      .click();
    await waitForText(
      page.locator(`tr[data-project-id="${WEB_APP}"]`).getByTestId("prebuild-configuration"),
      "timeout 1200 s",
    );
    await waitForText(poolRow(page, created).getByTestId("pool-phase"), /^DELETING$/);
    expect((await getPool(created))?.status.phase).toBe("WARM_POOL_PHASE_DELETING");
    const project = (await readWorld()).projects.find((p) => p.id === WEB_APP);
    expect(project?.prebuildConfiguration?.timeoutSeconds).toBe(1200);
    await page.keyboard.press("Escape");
    await page.getByRole("complementary").waitFor({ state: "detached" });
  });

  it("asks before deleting a pool, naming it; Cancel changes nothing", async () => {
    await page.getByLabel("Find pools by part of an ID or project name").fill("");
    const dialog = page.getByRole("dialog");
    await fromMenu(page, GLOBEX_POOL, "Delete…");
    await dialog.getByRole("heading", { name: `Delete warm pool ${GLOBEX_POOL}?` }).waitFor();
    expect(await dialog.textContent()).toContain("globex/billing");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    expect((await getPool(GLOBEX_POOL, BOB))?.status.phase).toBe("WARM_POOL_PHASE_READY");
    const button = await fromMenu(page, GLOBEX_POOL, "Delete…");
    await dialog.getByRole("button", { name: "Delete the pool" }).click();
    // Globex's pool goes through DeleteWarmPool as Globex's principal.
    await waitForText(poolRow(page, GLOBEX_POOL).getByTestId("pool-phase"), /^DELETING$/);
    await waitForText(feedback(page), `Deleted ${GLOBEX_POOL}`);
    await expectNear(feedback(page), button);
    expect((await getPool(GLOBEX_POOL, BOB))?.status.phase).toBe("WARM_POOL_PHASE_DELETING");
  });

  it("filters by text, phase, project and class, and sorts by a column", async () => {
    const search = page.getByLabel("Find pools by part of an ID or project name");
    await search.fill(EXISTING_POOL.slice(2, 10).toUpperCase());
    await expect.poll(() => page.locator("tr[data-pool-id]").count()).toBe(1);
    await search.fill("web-app");
    await expect
      .poll(async () => new Set(await page.getByTestId("pool-project").allTextContents()))
      .toEqual(new Set(["acme/web-app"]));
    await search.fill("");
    await page.getByRole("button", { name: /^DELETING \d/ }).click();
    await expect
      .poll(async () => new Set(await page.getByTestId("pool-phase").allTextContents()))
      .toEqual(new Set(["DELETING"]));
    await page.getByRole("button", { name: /^Every phase/ }).click();
    const filters = page.locator("search");
    await filters.getByLabel(/^Project/).selectOption({ label: "globex/billing" });
    await expect.poll(async () => (await page.locator("tr[data-pool-id]").all()).length).toBe(1);
    expect(await poolRow(page, GLOBEX_POOL).count()).toBe(1);
    await filters.getByLabel(/^Project/).selectOption({ index: 0 });
    await filters.getByLabel(/^Class/).selectOption({ label: "Large" });
    await expect.poll(() => page.locator("tr[data-pool-id]").count()).toBe(1);
    expect(await poolRow(page, EXISTING_POOL).count()).toBe(1);
    await page.getByRole("button", { name: "Clear the filters" }).click();
    const pools = page.getByRole("table", { name: "Warm pools" });
    const sort = pools.getByRole("button", { name: "Project", exact: true });
    await sort.click();
    await sort.click();
    expect(
      await pools.getByRole("columnheader", { name: "Project" }).getAttribute("aria-sort"),
    ).toBe("descending");
    const projects = await page.getByTestId("pool-project").allTextContents();
    expect(projects).toEqual([...projects].sort().reverse());
  });

  it("adds a fault rule, shows its hits live, and removes it", async () => {
    const form = page.getByRole("form", { name: "Add a fault rule" });
    await form.getByLabel("Fault RPC").selectOption("GetWarmPool");
    await form.getByLabel("Error code").selectOption("unavailable");
    await form.getByLabel("Latency ms").fill("5");
    await form.getByLabel("Times").fill("2");
    await form.getByLabel("Probability").fill("1");
    await form.getByRole("button", { name: "Add fault rule" }).click();
    const rule = page.locator("tr[data-fault-id]").first();
    await rule.waitFor();
    const id = (await rule.getAttribute("data-fault-id")) ?? "";
    const forced = await callRpc(mock.url, "GetWarmPool", { warmPoolId: EXISTING_POOL });
    expect(forced.code).toBe("unavailable");
    // The call was made outside the page: its hit count arrives over the event stream.
    await waitForText(rule.getByTestId("fault-hits"), /^1$/);
    await page.getByRole("button", { name: `Remove fault rule ${id}` }).click();
    await page.getByText("No fault rules.").waitFor();
    expect((await callAdmin(mock.url, "listFaults", "get", "/_admin/faults")).body.faults).toEqual(
      [],
    );
  });

  it("inspects a call: the request, the answer's status, headers and body; copies it as curl", async () => {
    await callRpc(
      mock.url,
      "GetWarmPool",
      { warmPoolId: EXISTING_POOL },
      { headers: { "x-trace": "inspect-me" } },
    );
    const journal = await callAdmin(mock.url, "getJournal", "get", "/_admin/journal?limit=1");
    const id = String(journal.body.entries[0].id);
    await page.locator(`tr[data-journal-id="${id}"]`).waitFor();
    await page.getByRole("button", { name: `Inspect call ${id}` }).click();
    const call = page.getByRole("region", { name: `Call ${id}` });
    await waitForText(call.getByTestId("answer-status"), "200");
    expect(await call.getByTestId("request-body").textContent()).toContain(EXISTING_POOL);
    const answer = JSON.parse((await call.getByTestId("answer-body").textContent()) ?? "");
    expect(answer.warmPool.id).toBe(EXISTING_POOL);
    expect(await call.getByTestId("answer-headers").textContent()).toContain(
      "content-typeapplication/json",
    );
    expect(await call.getByTestId("request-headers").textContent()).toContain("x-traceinspect-me");
    await call.getByRole("button", { name: "Copy as curl" }).click();
    const curl = await readClipboard(page);
    expect(curl).toBe(await call.getByTestId("curl").textContent());
    expect(curl).toContain(`curl -X POST '${mock.url}/gitpod.v1.PrebuildService/GetWarmPool'`);
    expect(curl).toContain("-H 'content-type: application/json'");
    expect(curl).toContain(`--data-raw '{"warmPoolId":"${EXISTING_POOL}"}'`);
  });

  it("filters the journal by RPC and clears it", async () => {
    await callRpc(mock.url, "ListWarmPools", {});
    await page.getByLabel("Show calls to").selectOption("GetWarmPool");
    await expect
      .poll(async () => new Set(await page.getByTestId("journal-rpc").allTextContents()), {
        timeout: 10_000,
      })
      .toEqual(new Set(["GetWarmPool"]));
    await page.getByLabel("Show calls to").selectOption("");
    await waitForText(page.getByTestId("journal-rpc"), "ListWarmPools");
    await page.getByRole("button", { name: "Clear the journal" }).click();
    await page.getByText("No calls recorded.").waitFor();
    const left = (await callAdmin(mock.url, "getJournal", "get", "/_admin/journal")).body;
    expect(left.entries).toEqual([]);
  });

  it("shows a pool created elsewhere, and the clock moved elsewhere, without a reload", async () => {
    const made = await callRpc(mock.url, "CreateWarmPool", {
      projectId: WEB_APP,
      environmentClassId: STANDARD,
    });
    const id = (made.body?.warmPool as { id: string } | undefined)?.id ?? "";
    expect(made.code).toBe("ok");
    const row = await findPool(page, id);
    await waitForText(row.getByTestId("pool-phase"), /^PENDING$/);
    await callAdmin(mock.url, "advanceClock", "post", "/_admin/clock/advance", { ms: 3_600_000 });
    await waitForText(row.getByTestId("pool-phase"), /^READY$/);
    await page.getByLabel("Find pools by part of an ID or project name").fill("");
  });

  it("shows the page's RPC writes made elsewhere: a project renamed by UpdateProject, a prebuild from CreatePrebuild through its phases to its pool's snapshot", async () => {
    const renamed = await callRpc(mock.url, "UpdateProject", {
      projectId: WEB_APP,
      name: "acme/web-app-2",
    });
    expect(renamed.code).toBe("ok");
    const row = await findPool(page, EXISTING_POOL);
    await waitForText(row.getByTestId("pool-project"), /^acme\/web-app-2$/);
    const details = page.getByRole("complementary");
    await row.getByRole("link", { name: `Warm pool ${EXISTING_POOL}` }).click();
    const before = (await getPool(EXISTING_POOL))?.spec.snapshotId ?? "";

    const started = await callRpc(mock.url, "CreatePrebuild", {
      projectId: WEB_APP,
      environmentClassId: LARGE,
      spec: { timeout: "1800s" },
    });
    expect(started.code).toBe("ok");
    const prebuildId = (started.body.prebuild as { id: string }).id;
    // From the pool to its project (renamed there too), to the new prebuild.
    await details.getByRole("link", { name: "acme/web-app-2" }).click();
    await details.getByRole("heading", { name: "Project acme/web-app-2" }).waitFor();
    await details.getByRole("link", { name: `Prebuild ${prebuildId}` }).click();
    const phase = details.getByTestId("details-prebuild-phase");
    await waitForText(phase, /^PENDING$/);
    expect(await details.textContent()).toContain("through CreatePrebuild by Alice");
    expect(await details.textContent()).toContain("1800 s");
    // The simulated runner moves it a phase per second of the clock, advanced on the page.
    const step = page.getByRole("button", { name: "Advance the clock by 1 s" });
    for (const next of ["RUNNING", "SNAPSHOTTING", "COMPLETED"]) {
      await step.click();
      await waitForText(phase, new RegExp(`^${next}$`));
    }
    const got = await callRpc(mock.url, "GetPrebuild", { prebuildId });
    expect((got.body.prebuild as { status: { phase: string } }).status.phase).toBe(
      "PREBUILD_PHASE_COMPLETED",
    );
    // Completed, it is its pool's snapshot; the pool's instances rotate off the old one.
    await details.getByRole("link", { name: `Warm pool ${EXISTING_POOL}` }).click();
    await details.getByRole("link", { name: `Prebuild ${prebuildId}` }).waitFor();
    await waitForText(details.getByTestId("details-rotating"), "rotating");
    await details.getByRole("link", { name: `Prebuild ${before}` }).waitFor();
    expect((await getPool(EXISTING_POOL))?.spec.snapshotId).toBe(prebuildId);
    await page.getByRole("button", { name: "Advance the clock by 1 h" }).click();
    await details.getByTestId("details-rotating").waitFor({ state: "detached" });
    // The name back, for what follows.
    await callRpc(mock.url, "UpdateProject", { projectId: WEB_APP, name: "acme/web-app" });
    await waitForText(row.getByTestId("pool-project"), /^acme\/web-app$/);
    await page.keyboard.press("Escape");
    await details.waitFor({ state: "detached" });
    await page.getByLabel("Find pools by part of an ID or project name").fill("");
  });

  it("never scrolls sideways at 1024 px, the tables included", async () => {
    expect(await overflowingBoxes(page)).toEqual([]);
    // Every row's actions and phase are on screen without scrolling sideways.
    const menus = page.getByRole("button", { name: /^Actions for pool / });
    expect(await menus.count()).toBeGreaterThan(3);
    for (const box of await Promise.all((await menus.all()).map((m) => m.boundingBox()))) {
      expect(box && box.x >= 0 && box.x + box.width <= LAPTOP.width).toBe(true);
    }
    for (const phase of await page.getByTestId("pool-phase").all()) {
      const box = await phase.boundingBox();
      expect(box && box.x + box.width <= LAPTOP.width).toBe(true);
    }
  });

  it("downloads the world, and asks before loading one in its place", async () => {
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download the world" }).click(),
    ]);
    const saved = JSON.parse(readFileSync(await download.path(), "utf8")) as {
      warmPools: { id: string }[];
      projects: { name: string }[];
    };
    expect(saved).toEqual((await callAdmin(mock.url, "getWorld", "get", "/_admin/world")).body);
    const edited = {
      ...saved,
      warmPools: saved.warmPools.filter((p) => p.id === EXISTING_POOL),
      projects: saved.projects.map((p) =>
        p.name === "acme/web-app" ? { ...p, name: "acme/web-app-renamed" } : p,
      ),
    };
    await page.getByLabel("Load a world file").setInputFiles({
      name: "edited-world.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(edited)),
    });
    const dialog = page.getByRole("dialog");
    expect(await dialog.textContent()).toMatch(/Replaces the world \(\d+ warm pools/);
    expect(await dialog.textContent()).toContain("Fault rules, the journal and the clock stay");
    await dialog.getByRole("button", { name: "Load the world" }).click();
    await waitForText(feedback(page), "Loaded the world from edited-world.json");
    await poolRow(page, GLOBEX_POOL).waitFor({ state: "detached" });
    await waitForText(
      poolRow(page, EXISTING_POOL).getByTestId("pool-project"),
      "acme/web-app-renamed",
    );
    await waitForText(page.getByTestId("in-force"), "(an uploaded world)");
    const now = await readWorld();
    expect(now.projects.find((p) => p.id === WEB_APP)?.name).toBe("acme/web-app-renamed");
    expect((await callRpc(mock.url, "ListWarmPools", {}, { token: BOB })).body.warmPools).toEqual(
      undefined,
    );
  });

  it("asks before loading a scenario, naming what it replaces and the clock's change; the page says what is in force after a reload", async () => {
    await callAdmin(mock.url, "addFault", "post", "/_admin/faults", { rpc: "*", latencyMs: 1 });
    await page.getByLabel("Scenario").selectOption("empty");
    await page.getByRole("button", { name: "Load the scenario…" }).click();
    const dialog = page.getByRole("dialog");
    const text = (await dialog.textContent()) ?? "";
    expect(text).toMatch(/Replaces the world \(\d+ warm pools/);
    expect(text).toContain("Replaces 1 fault rule(s)");
    expect(text).toContain("empties the journal");
    // The mock runs a manual clock; the scenario sets a real one: the page says so before...
    expect(text).toContain("the clock changes from manual to real");
    await dialog.getByRole("button", { name: "Load the scenario" }).click();
    // ...and after.
    await waitForText(
      feedback(page),
      "Loaded the scenario empty; the clock is real (it was manual)",
    );
    await page.getByText("No warm pools.").waitFor();
    await waitForText(page.getByTestId("clock-mode"), /^real$/);
    const listed = await callRpc(mock.url, "ListWarmPools", {});
    expect(listed.body.warmPools ?? []).toEqual([]);
    expect((await callAdmin(mock.url, "getClock", "get", "/_admin/clock")).body.mode).toBe("real");
    await page.reload();
    await waitForText(
      page.getByTestId("in-force"),
      "Scenario: empty (the scenario's world) · Clock: real",
    );
    // The picker shows the scenario in force, not the list's first.
    await expect.poll(() => page.getByLabel("Scenario").inputValue()).toBe("empty");
  });

  it("says when a scenario keeps the clock's mode, and Escape cancels the confirmation", async () => {
    await page.getByLabel("Scenario").selectOption("default");
    await page.getByRole("button", { name: "Load the scenario…" }).click();
    const dialog = page.getByRole("dialog");
    expect(await dialog.textContent()).toContain("as it is now (real)");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    expect(
      (await callAdmin(mock.url, "getOverview", "get", "/_admin/overview")).body.scenario.name,
    ).toBe("empty");
  });

  it("asks before a reset, then puts the start-up world back", async () => {
    await page.getByRole("button", { name: "Reset the world…" }).click();
    const dialog = page.getByRole("dialog");
    expect(await dialog.textContent()).toContain("empties the journal");
    expect(await dialog.textContent()).toContain("otherwise it keeps its mode and time");
    await dialog.getByRole("button", { name: "Reset", exact: true }).click();
    await waitForText(
      feedback(page),
      /^Reset the world, fault rules and journal; the clock is real$/,
    );
    await poolRow(page, GLOBEX_POOL).waitFor();
    await waitForText(page.getByTestId("in-force"), "Scenario: none (the start-up world)");
    const listed = await callRpc(mock.url, "ListWarmPools", {}, { token: BOB });
    expect(((listed.body?.warmPools ?? []) as { id: string }[]).map((p) => p.id)).toEqual([
      GLOBEX_POOL,
    ]);
  });

  it("logged no console errors", () => {
    expect(errors).toEqual([]);
  });
});

// Read in the page (these test files are typed without the DOM's globals).
function readClipboard(page: Page): Promise<string> {
  return page.evaluate<string>("navigator.clipboard.readText()");
}

function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => el === el.ownerDocument.activeElement);
}

/** Checks that the feedback appeared by the control that asked for it, not far off. */
async function expectNear(shown: Locator, control: Locator): Promise<void> {
  const [a, b] = await Promise.all([shown.boundingBox(), control.boundingBox()]);
  expect(a && b).toBeTruthy();
  if (!a || !b) return;
  const gap = a.y >= b.y ? a.y - (b.y + b.height) : b.y - (a.y + a.height);
  expect(gap).toBeLessThan(40);
  expect(Math.abs(a.x - b.x)).toBeLessThan(300);
}

describe("the dashboard of a mock with --admin-token", () => {
  it("asks for the token once and keeps it for the tab", async () => {
    const guarded = await startServer({
      dashboardDir,
      adminToken: "s3cret",
      clock: createClock({ mode: "real", scale: 60 }),
    });
    const page = await browser.newPage();
    try {
      await page.goto(`${guarded.url}/_dashboard/`);
      const input = page.getByRole("textbox", { name: "Admin token" });
      await input.fill("wrong");
      await page.getByRole("button", { name: "Use this token" }).click();
      await page.getByText("The mock refused that token.").waitFor();
      await input.fill("s3cret");
      await page.getByRole("button", { name: "Use this token" }).click();
      await page.getByRole("status").filter({ hasText: "Live" }).waitFor();
      await waitForText(poolRow(page, EXISTING_POOL).getByTestId("pool-phase"), /^READY$/);
      // A real clock shows its time scale.
      expect(await page.getByTestId("clock-mode").textContent()).toBe("real");
      expect(await page.getByTestId("clock-scale").textContent()).toBe("×60");
      // An action with the kept token, then a reload that does not ask again.
      await page.getByRole("tab", { name: /^Environment classes/ }).click();
      await page.getByRole("button", { name: "Disable class Large" }).click();
      await page.getByRole("button", { name: "Enable class Large" }).waitFor();
      await page.reload();
      await page.getByRole("status").filter({ hasText: "Live" }).waitFor();
      expect(await input.count()).toBe(0);
      const world = (
        await callAdmin(guarded.url, "getWorld", "get", "/_admin/world", undefined, {
          Authorization: "Bearer s3cret",
        })
      ).body as { environmentClasses: { id: string; enabled: boolean }[] };
      expect(world.environmentClasses.find((c) => c.id === LARGE)?.enabled).toBe(false);
    } finally {
      await page.close();
      await guarded.close();
    }
  });
});

describe("a dashboard that loses its mock", () => {
  it("says so on the page and reconnects when the mock is back", async () => {
    const app = createApp({ dashboardDir });
    const first = await listenApp(app, { host: "127.0.0.1", port: 0 });
    const page = await browser.newPage();
    try {
      await page.goto(`${first.url}/_dashboard/`);
      await page.getByRole("status").filter({ hasText: "Live" }).waitFor();
      endEventStreams(app);
      await first.close(0);
      await page.getByRole("alert").filter({ hasText: "Cannot reach the mock" }).waitFor();
      const again = await listenApp(app, { host: "127.0.0.1", port: first.port });
      try {
        await page.getByRole("status").filter({ hasText: "Live" }).waitFor({ timeout: 15_000 });
        expect(await page.getByRole("alert").count()).toBe(0);
        await page.getByRole("tab", { name: /^Environment classes/ }).click();
        await page.getByRole("button", { name: "Disable class Large" }).click();
        await page.getByRole("button", { name: "Enable class Large" }).waitFor();
      } finally {
        endEventStreams(app);
        await again.close(0);
      }
    } finally {
      await page.close();
    }
  });
});

describe("serving the dashboard", () => {
  // The figure in docs/decisions/2026-12-05-dashboard-at-scale.md; a budget, not a measurement.
  it("keeps the script under its gzipped budget", () => {
    const gzipped = gzipSync(readFileSync(join(dashboardDir, "main.js"))).length;
    expect(gzipped).toBeGreaterThan(5_000);
    expect(gzipped).toBeLessThan(26_000);
  });

  it("is what scripts/screenshot-dashboard.ts photographs", async () => {
    const path = join(dashboardDir, "shot.png");
    const details = join(dashboardDir, "details.png");
    await screenshotDashboard(path, details);
    for (const shot of [path, details]) {
      const png = readFileSync(shot);
      expect(png.subarray(1, 4).toString()).toBe("PNG");
      expect(png.readUInt32BE(16)).toBe(1024);
    }
  }, 60_000);

  it("is gone with --no-admin, and says how to build it when it is not built", async () => {
    const off = await startServer({ admin: false, dashboardDir });
    const unbuilt = await startServer({ dashboardDir: join(dashboardDir, "missing") });
    try {
      expect((await fetch(`${off.url}/_dashboard/`)).status).toBe(404);
      const page = await fetch(`${unbuilt.url}/_dashboard/`);
      expect(page.status).toBe(503);
      expect(await page.text()).toContain("npm run build");
    } finally {
      await off.close();
      await unbuilt.close();
    }
  });
});
