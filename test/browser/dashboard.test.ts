// The dashboard in a real headless Chromium: every action is clicked, and its effect is read on
// the page and through the mock's APIs; changes made elsewhere show without a reload.
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
  ALICE,
  BOB,
  EXISTING_POOL,
  GLOBEX_POOL,
  LARGE,
  STANDARD,
  WEB_APP,
  XLARGE,
} from "../support/fixtures.js";
import { launchBrowser } from "../support/launch-browser.js";
import { startServer } from "../support/start-server.js";

const dashboardDir = mkdtempSync(join(tmpdir(), "wpm-dashboard-"));
await buildDashboard(dashboardDir);
afterAll(() => rmSync(dashboardDir, { recursive: true, force: true }));

// A manual clock: pools move only when the page (or the test) advances it.
const START = Date.parse("2026-01-02T00:10:00Z");
const mock = await startServer({
  dashboardDir,
  clock: createManualClock(START),
});
afterAll(() => mock.close());

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function getPool(id: string, token = ALICE) {
  const result = await callRpc(mock.url, "GetWarmPool", { warmPoolId: id }, { token });
  return result.body?.warmPool as
    | {
        spec: { minSize: number; maxSize: number; snapshotId?: string };
        status: { phase: string; runningInstances?: number; failureMessage?: string };
      }
    | undefined;
}

/** Waits until the locator's text matches (the page updates on its own; nothing reloads). */
async function waitForText(locator: Locator, text: RegExp | string): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor();
}

function poolRow(page: Page, id: string): Locator {
  return page.locator(`tr[data-pool-id="${id}"]`);
}

async function openDashboard(base = mock.url): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ acceptDownloads: true });
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`${m.text()} (${m.location().url})`);
  });
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${base}/_dashboard/`);
  await page.getByRole("status").filter({ hasText: "Live" }).waitFor();
  return { page, errors };
}

describe("the dashboard", () => {
  let page: Page;
  let errors: string[];
  beforeAll(async () => {
    ({ page, errors } = await openDashboard());
  });
  afterAll(async () => {
    await page?.close();
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

  it("shows every pool with its full ID and phase as text, the clock and the records", async () => {
    await waitForText(poolRow(page, EXISTING_POOL).getByTestId("pool-phase"), /^READY$/);
    await waitForText(poolRow(page, GLOBEX_POOL).getByTestId("pool-phase"), /^READY$/);
    expect(await poolRow(page, EXISTING_POOL).locator("code").first().textContent()).toBe(
      EXISTING_POOL,
    );
    expect(await page.getByTestId("clock-mode").textContent()).toBe("manual");
    expect(await page.getByTestId("clock-now").textContent()).toBe("2026-01-02T00:10:00Z");
    await page.getByRole("heading", { name: /Acme Corp/ }).waitFor();
    await page.locator(`li[data-runner-id="${ACME_RUNNER}"]`).getByText("healthy").waitFor();
    await page.locator(`tr[data-prebuild-id]`).first().waitFor();
  });

  it("gives every control an accessible name", async () => {
    const cdp: CDPSession = await page.context().newCDPSession(page);
    const { nodes } = (await cdp.send("Accessibility.getFullAXTree")) as {
      nodes: { role?: { value: string }; name?: { value: string }; ignored: boolean }[];
    };
    const controls = nodes.filter(
      (n) =>
        !n.ignored &&
        ["button", "textbox", "combobox", "checkbox", "spinbutton", "link"].includes(
          n.role?.value ?? "",
        ),
    );
    expect(controls.length).toBeGreaterThan(30);
    const unnamed = controls.filter((n) => !n.name?.value.trim());
    expect(unnamed.map((n) => n.role?.value)).toEqual([]);
    await cdp.detach();
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
  it("creates a pool through CreateWarmPool as the chosen principal", async () => {
    const form = page.getByRole("form", { name: "Create a warm pool in Acme Corp" });
    await page
      .getByLabel("Act as")
      .first()
      .selectOption({ label: "Alice (Acme Corp) (wpm_acme_alice)" });
    await form.getByLabel("Project").selectOption({ label: "acme/web-app" });
    await form.getByLabel("Class").selectOption({ label: "Standard" });
    await form.getByLabel("Min").fill("2");
    await form.getByLabel("Max").fill("4");
    await form.getByRole("button", { name: "Create warm pool" }).click();
    await waitForText(page.getByTestId("outcome"), /^Created warm pool /);
    created = ((await page.getByTestId("outcome").textContent()) ?? "").split(" ").at(-1) ?? "";
    const made = (await callRpc(mock.url, "GetWarmPool", { warmPoolId: created })).body?.warmPool as
      | { metadata: { environmentClassId: string }; spec: object }
      | undefined;
    expect(made?.metadata.environmentClassId).toBe(STANDARD);
    expect(made?.spec).toMatchObject({ minSize: 2, maxSize: 4 });
    await waitForText(poolRow(page, created).getByTestId("pool-phase"), /^PENDING$/);
    await waitForText(poolRow(page, created).getByTestId("pool-sizes"), "2 / 4");
    // The journal recorded the page's call, with its body.
    await waitForText(page.getByTestId("journal-rpc"), "CreateWarmPool");
    await waitForText(page.locator("pre.body"), `"projectId":"${WEB_APP}"`);
  });

  it("moves the new pool to READY when the clock moves", async () => {
    await page.getByRole("button", { name: "Advance the clock by 1 h" }).click();
    await waitForText(poolRow(page, created).getByTestId("pool-phase"), /^READY$/);
    await waitForText(poolRow(page, created).getByTestId("pool-instances"), "2 / 0 / 2");
    expect((await getPool(created))?.status.phase).toBe("WARM_POOL_PHASE_READY");
  });

  it("claims an instance", async () => {
    await page.getByRole("button", { name: `Claim 1 instance from pool ${created}` }).click();
    await waitForText(poolRow(page, created).getByTestId("pool-instances"), "1 / 0 / 2");
    expect((await getPool(created))?.status.runningInstances).toBe(1);
  });

  it("resizes a pool through UpdateWarmPool", async () => {
    await page.getByLabel(`Minimum size of pool ${created}`).fill("3");
    await page.getByLabel(`Maximum size of pool ${created}`).fill("5");
    await page.getByRole("button", { name: `Resize pool ${created}` }).click();
    await waitForText(poolRow(page, created).getByTestId("pool-sizes"), "3 / 5");
    expect((await getPool(created))?.spec).toMatchObject({ minSize: 3, maxSize: 5 });
  });

  it("fails and recovers a runner", async () => {
    await page.getByLabel("Failure message for runner acme-eu-central").fill("disk full");
    await page.getByRole("button", { name: "Fail runner acme-eu-central" }).click();
    await waitForText(poolRow(page, EXISTING_POOL).getByTestId("pool-phase"), /^DEGRADED$/);
    await waitForText(poolRow(page, EXISTING_POOL).getByTestId("pool-failure"), "disk full");
    await page.locator(`li[data-runner-id="${ACME_RUNNER}"]`).getByText("failing").waitFor();
    expect((await getPool(EXISTING_POOL))?.status.phase).toBe("WARM_POOL_PHASE_DEGRADED");
    await page.getByRole("button", { name: "Recover runner acme-eu-central" }).click();
    await page.locator(`li[data-runner-id="${ACME_RUNNER}"]`).getByText("healthy").waitFor();
    await page.getByRole("button", { name: "Advance the clock by 1 h" }).click();
    await waitForText(poolRow(page, EXISTING_POOL).getByTestId("pool-phase"), /^READY$/);
    expect((await getPool(EXISTING_POOL))?.status.phase).toBe("WARM_POOL_PHASE_READY");
  });

  it("disables and enables an environment class", async () => {
    await page.getByRole("button", { name: "Disable class Large" }).click();
    await waitForText(poolRow(page, EXISTING_POOL).getByTestId("pool-phase"), /^DEGRADED$/);
    expect((await getPool(EXISTING_POOL))?.status.phase).toBe("WARM_POOL_PHASE_DEGRADED");
    await page.getByRole("button", { name: "Enable class Large" }).click();
    await page.getByRole("button", { name: "Advance the clock by 1 h" }).click();
    await waitForText(poolRow(page, EXISTING_POOL).getByTestId("pool-phase"), /^READY$/);
    expect((await getPool(EXISTING_POOL))?.status.phase).toBe("WARM_POOL_PHASE_READY");
  });

  it("records a prebuild and completes it; records another and fails it", async () => {
    const form = page.getByRole("form", { name: "Record a prebuild in Acme Corp" });
    await form.getByLabel("Prebuild project").selectOption({ label: "acme/web-app" });
    await form.getByLabel("Prebuild class").selectOption({ label: "Large" });
    await form.getByRole("button", { name: "Record a prebuild" }).click();
    await waitForText(page.getByTestId("outcome"), /^Recorded prebuild /);
    const id = ((await page.getByTestId("outcome").textContent()) ?? "").split(" ").at(-1) ?? "";
    const row = page.locator(`tr[data-prebuild-id="${id}"]`);
    await waitForText(row.getByTestId("prebuild-phase"), /^RUNNING$/);
    await page.getByRole("button", { name: `Complete prebuild ${id}` }).click();
    await waitForText(row.getByTestId("prebuild-phase"), /^COMPLETED$/);
    // The pool of that project and class moves to the new snapshot.
    await poolRow(page, EXISTING_POOL).getByText(id).waitFor();
    expect((await getPool(EXISTING_POOL))?.spec.snapshotId).toBe(id);

    await form.getByRole("button", { name: "Record a prebuild" }).click();
    await waitForText(page.getByTestId("outcome"), new RegExp(`^Recorded prebuild (?!${id})`));
    const secondId =
      ((await page.getByTestId("outcome").textContent()) ?? "").split(" ").at(-1) ?? "";
    const second = page.locator(`tr[data-prebuild-id="${secondId}"]`);
    await page.getByRole("button", { name: `Fail prebuild ${secondId}` }).click();
    await waitForText(second.getByTestId("prebuild-phase"), /^FAILED$/);
    const world = (await callAdmin(mock.url, "getWorld", "get", "/_admin/world")).body as {
      prebuilds: { id: string; phase: string }[];
    };
    expect(world.prebuilds.find((p) => p.id === secondId)?.phase).toBe("PREBUILD_PHASE_FAILED");
  });

  it("edits a project's prebuild configuration; a dropped class deletes its pool", async () => {
    const project = page.locator(`li[data-project-id="${WEB_APP}"]`);
    await project.getByText("Edit the prebuild configuration of acme/web-app").click();
    await project.getByRole("checkbox", { name: "Standard" }).uncheck();
    await project.getByLabel("Timeout in seconds for acme/web-app").fill("1200");
    await project
      .getByRole("button", { name: "Save the prebuild configuration of acme/web-app" })
      .click();
    await waitForText(project.getByTestId("prebuild-configuration"), "timeout 1200 s");
    await waitForText(poolRow(page, created).getByTestId("pool-phase"), /^DELETING$/);
    expect((await getPool(created))?.status.phase).toBe("WARM_POOL_PHASE_DELETING");
  });

  it("deletes a pool through DeleteWarmPool", async () => {
    await page.getByRole("button", { name: `Delete pool ${GLOBEX_POOL}` }).click();
    // Globex's pool: the page acts as Globex's principal in Globex's section.
    await waitForText(poolRow(page, GLOBEX_POOL).getByTestId("pool-phase"), /^DELETING$/);
    expect((await getPool(GLOBEX_POOL, BOB))?.status.phase).toBe("WARM_POOL_PHASE_DELETING");
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
    expect((await callAdmin(mock.url, "listFaults", "get", "/_admin/faults")).body).toEqual({
      faults: [],
    });
  });

  it("filters the journal by RPC and clears it", async () => {
    await callRpc(mock.url, "ListWarmPools", {});
    await page.getByLabel("Show calls to").selectOption("GetWarmPool");
    // The unfiltered list already shows the forced GetWarmPool call, so waiting for it alone
    // could read the rows before the filtered ones replace them: wait for the filtered set.
    await expect
      .poll(async () => new Set(await page.getByTestId("journal-rpc").allTextContents()), {
        timeout: 10_000,
      })
      .toEqual(new Set(["GetWarmPool"]));
    await waitForText(page.getByTestId("journal-code"), "unavailable");
    await page.getByLabel("Show calls to").selectOption("");
    await waitForText(page.getByTestId("journal-rpc"), "ListWarmPools");
    await page.getByRole("button", { name: "Clear the journal" }).click();
    await page.getByText("No calls recorded.").waitFor();
    expect((await callAdmin(mock.url, "getJournal", "get", "/_admin/journal")).body).toEqual({
      entries: [],
    });
  });

  it("shows a pool created elsewhere, and the clock moved elsewhere, without a reload", async () => {
    const made = await callRpc(mock.url, "CreateWarmPool", {
      projectId: WEB_APP,
      environmentClassId: XLARGE,
    });
    const id = (made.body?.warmPool as { id: string } | undefined)?.id ?? "";
    expect(made.code).toBe("ok");
    await waitForText(poolRow(page, id).getByTestId("pool-phase"), /^PENDING$/);
    const before = await page.getByTestId("clock-now").textContent();
    await callAdmin(mock.url, "advanceClock", "post", "/_admin/clock/advance", { ms: 3_600_000 });
    await waitForText(poolRow(page, id).getByTestId("pool-phase"), /^READY$/);
    expect(await page.getByTestId("clock-now").textContent()).not.toBe(before);
  });

  it("downloads the world as a file and loads one", async () => {
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download the world" }).click(),
    ]);
    const path = await download.path();
    const saved = JSON.parse(readFileSync(path, "utf8")) as {
      warmPools: { id: string }[];
      projects: { name: string }[];
    };
    expect(saved).toEqual((await callAdmin(mock.url, "getWorld", "get", "/_admin/world")).body);
    // Load an edited copy: one pool fewer and a project renamed.
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
    await waitForText(page.getByTestId("outcome"), "Loaded the world from edited-world.json");
    await page
      .locator(`li[data-project-id="${WEB_APP}"]`)
      .locator("strong", { hasText: "acme/web-app-renamed" })
      .waitFor();
    await poolRow(page, GLOBEX_POOL).waitFor({ state: "detached" });
    const listed = await callRpc(mock.url, "ListWarmPools", {});
    expect(((listed.body?.warmPools ?? []) as { id: string }[]).map((p) => p.id)).toEqual([
      EXISTING_POOL,
    ]);
  });

  it("loads a named scenario from the picker", async () => {
    await page.getByLabel("Scenario").selectOption("empty");
    await page.getByRole("button", { name: "Load the scenario" }).click();
    await waitForText(page.getByTestId("outcome"), "Loaded the scenario empty");
    await poolRow(page, EXISTING_POOL).waitFor({ state: "detached" });
    await page.getByText("No warm pools.").first().waitFor();
    const listed = await callRpc(mock.url, "ListWarmPools", {});
    expect(listed.body.warmPools ?? []).toEqual([]);
  });

  it("resets the world", async () => {
    await page.getByRole("button", { name: "Reset the world" }).click();
    await poolRow(page, GLOBEX_POOL).waitFor();
    await page
      .locator(`li[data-project-id="${WEB_APP}"]`)
      .locator("strong", { hasText: /^acme\/web-app$/ })
      .waitFor();
    const listed = await callRpc(mock.url, "ListWarmPools", {}, { token: BOB });
    expect(((listed.body?.warmPools ?? []) as { id: string }[]).map((p) => p.id)).toEqual([
      GLOBEX_POOL,
    ]);
  });

  it("logged no console errors", () => {
    expect(errors).toEqual([]);
  });
});

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
  // The figure in docs/decisions/2026-12-02-dashboard-preact.md; a budget, not a measurement.
  it("keeps the script under 20 KB gzipped", () => {
    const gzipped = gzipSync(readFileSync(join(dashboardDir, "main.js"))).length;
    expect(gzipped).toBeGreaterThan(5_000);
    expect(gzipped).toBeLessThan(20_000);
  });

  it("is what scripts/screenshot-dashboard.ts photographs", async () => {
    const path = join(dashboardDir, "shot.png");
    await screenshotDashboard(path);
    const png = readFileSync(path);
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect(png.readUInt32BE(16)).toBe(1680);
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
