// A warm-pool settings page built against the mock and nothing else, in a real headless
// Chromium: it loads the project, offers the classes of its prebuild configuration by name,
// creates a pool, watches it turn READY, runs a prebuild and watches the snapshot rotate. The
// page calls only the public RPCs (connect-web, JSON and binary); the test moves the manual
// clock and checks the page against the API.
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setRunnerFailure } from "../../src/domain/set-runner-failure.js";
import { loadDefaultWorld } from "../../src/store/load-default-world.js";
import { WorldStore } from "../../src/store/world-store.js";
import { callRpc } from "../support/call-rpc.js";
import { createManualClock } from "../support/create-manual-clock.js";
import { TEST_TIMING } from "../support/create-test-context.js";
import { ACME_RUNNER, ALICE, STANDARD, STANDARD_SNAPSHOT, WEB_APP } from "../support/fixtures.js";
import { launchBrowser } from "../support/launch-browser.js";
import { listen } from "../support/listen.js";
import { serveBundledPage } from "../support/serve-bundled-page.js";

const page = await serveBundledPage(new URL("./warm-pool-page.ts", import.meta.url), "Warm pools");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Waits until the element's text is `text` (the page polls the API). */
async function waitForText(locator: Locator, text: string | RegExp): Promise<void> {
  await expect
    .poll(async () => (await locator.textContent()) ?? "", { timeout: 15_000, interval: 50 })
    .toMatch(typeof text === "string" ? new RegExp(`^${escapeRegExp(text)}$`) : text);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

describe.each([
  { codec: "JSON", useBinaryFormat: false },
  { codec: "binary", useBinaryFormat: true },
])("a warm-pool settings page on the mock alone ($codec)", ({ useBinaryFormat }) => {
  const clock = createManualClock();
  const store = new WorldStore(loadDefaultWorld());
  const ctx = { store, clock, newId: () => crypto.randomUUID(), timing: TEST_TIMING };
  const mock = listen({ store, clock, timing: TEST_TIMING });
  let tab: Page;

  beforeAll(async () => {
    tab = await browser.newPage();
    await tab.goto(page);
    await tab.waitForFunction(() => "openPage" in globalThis);
    await tab.evaluate(
      (options) =>
        (globalThis as unknown as { openPage: (o: unknown) => Promise<void> }).openPage(options),
      { baseUrl: await mock, token: ALICE, projectId: WEB_APP, useBinaryFormat },
    );
  });
  afterAll(async () => {
    await tab?.close();
  });

  it("loads the project and offers its configured classes by name", async () => {
    await waitForText(tab.getByTestId("project-name"), "acme/web-app");
    expect(await tab.getByTestId("prebuilds-enabled").textContent()).toBe("Prebuilds on");
    const options = await tab.getByTestId("class-picker").locator("option").allTextContents();
    expect(options).toEqual(["Standard", "Large", "X-Large"]);
  });

  it("creates a pool for the picked class and shows it turn READY on its snapshot", async () => {
    await tab.getByTestId("class-picker").selectOption({ label: "Standard" });
    await tab.getByTestId("create-pool").click();
    await waitForText(tab.getByTestId("pool-phase"), "PENDING");
    await waitForText(tab.getByTestId("pool-snapshot"), STANDARD_SNAPSHOT);
    await waitForText(tab.getByTestId("runner-phase"), "ACTIVE");
    clock.advance(TEST_TIMING.readyDelayMs);
    await waitForText(tab.getByTestId("pool-phase"), "READY");
    expect(await tab.getByTestId("error").textContent()).toBe("");
  });

  it("runs a prebuild, and the pool's snapshot rotates to it when it completes", async () => {
    await tab.getByTestId("run-prebuild").click();
    await waitForText(tab.getByTestId("prebuild-phase"), / PENDING$/);
    const prebuildId = ((await tab.getByTestId("prebuild-phase").textContent()) ?? "").split(
      " ",
    )[0];
    clock.advance(TEST_TIMING.prebuildDelayMs / 3);
    await waitForText(tab.getByTestId("prebuild-phase"), `${prebuildId} RUNNING`);
    clock.advance((TEST_TIMING.prebuildDelayMs * 2) / 3);
    await waitForText(tab.getByTestId("prebuild-phase"), `${prebuildId} COMPLETED`);
    await waitForText(tab.getByTestId("pool-snapshot"), prebuildId ?? "");
    // Rotating: PENDING while instances of the new snapshot are provisioned, then READY.
    await waitForText(tab.getByTestId("pool-phase"), "PENDING");
    clock.advance(TEST_TIMING.readyDelayMs);
    await waitForText(tab.getByTestId("pool-phase"), "READY");

    // What the page shows is what the API answers.
    const pools = await callRpc(await mock, "ListWarmPools", {
      filter: { projectIds: [WEB_APP], environmentClassIds: [STANDARD] },
    });
    const pool = (pools.body?.warmPools as { spec: { snapshotId: string } }[] | undefined)?.[0];
    expect(pool?.spec.snapshotId).toBe(prebuildId);
  });

  it("shows the runner DEGRADED while it fails", async () => {
    setRunnerFailure(ctx, ACME_RUNNER, "cannot reach the cluster");
    await waitForText(tab.getByTestId("runner-phase"), "DEGRADED");
    await waitForText(tab.getByTestId("pool-phase"), "DEGRADED");
    setRunnerFailure(ctx, ACME_RUNNER, undefined);
    await waitForText(tab.getByTestId("pool-phase"), "READY");
  });
});
