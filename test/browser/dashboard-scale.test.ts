// The dashboard over a world of 10,000 warm pools, in headless Chromium at 1024 px. No
// wall-clock budget is asserted (the machine is shared); what would make the page slow is:
// waiting for the whole world before the first row (held back pages, and the first row's time
// as a ratio to the default world's in the same run), drawing every row (DOM rows counted),
// reading the world again after a change or under RPC traffic (every admin read counted and
// weighed), an answer for the page that holds RPCs back (the server's CPU per answer against
// one whole-world read's, with GetWarmPool latency printed), and long main-thread tasks (the
// Long Tasks API, against a generous multiple of the 200 ms budget, which a full render of
// 10,000 rows exceeds tenfold).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page, Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDashboard } from "../../scripts/build-dashboard.js";
import { growPools, growWorld } from "../../scripts/grow-world.js";
import { createApp, endEventStreams } from "../../src/adapters/express/create-app.js";
import { listenApp } from "../../src/adapters/node/listen-app.js";
import { loadDefaultWorld } from "../../src/store/load-default-world.js";
import { callAdmin } from "../support/admin-client.js";
import { callRpc } from "../support/call-rpc.js";
import { createManualClock } from "../support/create-manual-clock.js";
import { ACME_ORG, ALICE } from "../support/fixtures.js";
import { launchBrowser } from "../support/launch-browser.js";
import { openDashboard, overflowingBoxes, poolRow } from "../support/open-dashboard.js";

const POOLS = 10_000;
// 2× the 200 ms: loose enough for a shared machine, tight enough that a full render
// (seconds) or a whole-world refetch and re-render fails it.
const LONG_TASK_LIMIT_MS = 400;

const dashboardDir = mkdtempSync(join(tmpdir(), "wpm-dashboard-scale-"));
await buildDashboard(dashboardDir);
afterAll(() => rmSync(dashboardDir, { recursive: true, force: true }));

// Half the pools READY, half PENDING: one clock advance then changes 5,000 of them.
const world = growPools(growWorld(loadDefaultWorld(), ACME_ORG, POOLS / 4), ACME_ORG, POOLS);
const app = createApp({ dashboardDir, world, clock: createManualClock() });
/** The CPU time (ms) the server spent on each answer: what every other caller waits behind. */
const work: { url: string; ms: number }[] = [];
const server = await listenApp(
  (req, res) => {
    // An admin read has no body: the core answers it, and the answer is written, on this turn.
    const before = process.cpuUsage();
    app(req, res);
    const spent = process.cpuUsage(before);
    work.push({ url: req.url ?? "", ms: (spent.user + spent.system) / 1000 });
  },
  { host: "127.0.0.1", port: 0 },
);
afterAll(async () => {
  endEventStreams(app);
  await server.close(0);
});
const total = world.warmPools.length;

// The default world (7 pools) beside it: the baseline of the first row, in the same run.
const smallApp = createApp({ dashboardDir, clock: createManualClock() });
const small = await listenApp(smallApp, { host: "127.0.0.1", port: 0 });
afterAll(async () => {
  endEventStreams(smallApp);
  await small.close(0);
});

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** One admin read the page made, as the browser's resource timing saw it. */
interface Read {
  path: string;
  bytes: number;
}

// Runs in the page: keeps every long task and lets the resource timing buffer hold all reads.
const OBSERVE = `(() => {
  window.longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.longTasks.push(Math.round(e.duration));
  }).observe({ type: "longtask", buffered: true });
  performance.setResourceTimingBufferSize(100000);
})()`;

async function startObserving(page: Page): Promise<void> {
  await page.evaluate(OBSERVE);
  await page.evaluate("performance.clearResourceTimings(); window.longTasks = [];");
}

async function reads(page: Page): Promise<Read[]> {
  return page.evaluate<Read[]>(`performance.getEntriesByType("resource")
    .filter((r) => r.name.includes("/_admin/"))
    .map((r) => ({ path: r.name.slice(r.name.indexOf("/_admin/")), bytes: r.transferSize }))`);
}

async function longTasks(page: Page): Promise<number[]> {
  return page.evaluate<number[]>("window.longTasks");
}

function poolCount(page: Page) {
  return page.getByTestId("pool-count");
}

// Runs in the page before its script: notes when the first pool row enters the document.
const NOTE_FIRST_ROW = `new MutationObserver((_, observer) => {
  if (document.querySelector("tr[data-pool-id]")) {
    window.firstRowAt = performance.now();
    observer.disconnect();
  }
}).observe(document, { childList: true, subtree: true })`;

/** Milliseconds from navigation to the first pool row, in a page of its own, then closed. */
async function timeFirstRow(url: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  try {
    await context.addInitScript(NOTE_FIRST_ROW);
    const page = await context.newPage();
    await page.goto(`${url}/_dashboard/`);
    await page.locator("tr[data-pool-id]").first().waitFor({ timeout: 30_000 });
    return await page.evaluate<number>("window.firstRowAt");
  } finally {
    await context.close();
  }
}

/** Milliseconds each GetWarmPool call took, made one after another until `until` settles. */
async function latencies(until: Promise<unknown>): Promise<number[]> {
  let done = false;
  const settled = until.finally(() => {
    done = true;
  });
  const found: number[] = [];
  while (!done) {
    const start = performance.now();
    const answer = await fetch(`${server.url}/gitpod.v1.PrebuildService/GetWarmPool`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${ALICE}` },
      body: JSON.stringify({ warmPoolId: (world.warmPools[0] as { id: string }).id }),
    });
    await answer.arrayBuffer();
    expect(answer.status).toBe(200);
    found.push(performance.now() - start);
  }
  await settled;
  return found;
}

describe(`the dashboard over ${POOLS.toLocaleString("en")} pools`, () => {
  let page: Page;
  let errors: string[];
  let close: () => Promise<void>;
  it("shows the first rows from the first page, before the rest of the world has come", async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    // Every page after the first is held until the test lets it go.
    const held: Route[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    await context.route(/\/_admin\/records\?cursor=/, async (route) => {
      held.push(route);
      await gate;
      await route.continue();
    });
    const early = await context.newPage();
    try {
      await early.goto(`${server.url}/_dashboard/`);
      await early.locator("tr[data-pool-id]").first().waitFor();
      // The rest is held back: the rows came from the first page alone.
      expect(held.length).toBeGreaterThan(0);
      expect(await poolCount(early).textContent()).toMatch(/loading \(10,00\d in all\)/);
      const drawn = await early.locator("tr[data-pool-id]").count();
      expect(drawn).toBeGreaterThan(10);
      expect(drawn).toBeLessThan(50);
      release();
      await poolCount(early)
        .filter({ hasText: /^10,00\d$/ })
        .waitFor({ timeout: 30_000 });
    } finally {
      release();
      await context.close();
    }
  });

  it("shows the first row about as soon as with the default world's 7 pools", async () => {
    // A ratio in the same run (the machine is shared), the slower of two baseline loads
    // against the faster of two large ones: about 1 here. Waiting for every page before the
    // first row makes it about 3; drawing every row as well, far more (issue 23: 10 s).
    const baseline = Math.max(await timeFirstRow(small.url), await timeFirstRow(small.url));
    const large = Math.min(await timeFirstRow(server.url), await timeFirstRow(server.url));
    console.info(
      `first pool row: ${Math.round(large)} ms at ${total} pools, ${Math.round(baseline)} ms at 7`,
    );
    expect(large / baseline).toBeLessThan(2);
  });

  it("answers RPCs while the page reads the world: no answer costs the server as much as half of one whole-world read", async () => {
    // The baseline, same run: GetWarmPool calls made while a client reads GET /_admin/world
    // (what the page read before, whole), and the server's CPU time for that one answer.
    const wholeReads: number[] = [];
    let blocked = 0;
    for (let i = 0; i < 3; i++) {
      work.length = 0;
      const waited = await latencies(
        fetch(`${server.url}/_admin/world`).then((r) => r.arrayBuffer()),
      );
      blocked = Math.max(blocked, ...waited);
      wholeReads.push(Math.max(...work.filter((w) => w.url === "/_admin/world").map((w) => w.ms)));
    }
    const whole = wholeReads.sort((a, b) => a - b)[1] as number;
    work.length = 0;
    const opened = openDashboard(browser, server.url, { viewport: { width: 1024, height: 768 } });
    const during = await latencies(
      opened.then(({ page }) =>
        // The count says "loading (10,007 in all)" until the last page has come.
        poolCount(page)
          .filter({ hasText: new RegExp(`^${total.toLocaleString("en")}$`) })
          .waitFor({ timeout: 30_000 }),
      ),
    );
    ({ page, errors, close } = await opened);
    const costliest = work.reduce((a, b) => (b.ms > a.ms ? b : a));
    const sorted = [...during].sort((a, b) => a - b);
    console.info(
      `while the page loads ${total} pools: ${during.length} GetWarmPool calls, p50 ${Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0)} ms, max ${Math.round(sorted.at(-1) ?? 0)} ms (while GET /_admin/world is read: max ${Math.round(blocked)} ms); costliest answer ${costliest.url} ${Math.round(costliest.ms)} ms of CPU, GET /_admin/world ${Math.round(whole)} ms`,
    );
    expect(during.length).toBeGreaterThan(5);
    expect(work.some((w) => w.url.startsWith("/_admin/records"))).toBe(true);
    expect(costliest.ms).toBeLessThan(whole / 2);
  });

  it("draws only the rows on screen, and reads the world in pages no larger than 2 MB", async () => {
    await page.evaluate(OBSERVE);
    expect(await page.locator("tr[data-pool-id]").count()).toBeLessThan(50);
    expect(await page.locator("tr").count()).toBeLessThan(150);
    const loaded = (await reads(page)).filter((r) => r.path.startsWith("/_admin/records"));
    expect(loaded.length).toBeGreaterThan(5);
    expect(Math.max(...loaded.map((r) => r.bytes))).toBeLessThan(2_000_000);
    // Scrolling draws other rows, never more of them.
    await page
      .locator(".window")
      .first()
      .evaluate((el) => {
        el.scrollTop = 100_000;
      });
    await expect
      .poll(() => page.locator("tr[data-pool-id]").first().getAttribute("aria-rowindex"))
      .not.toBe("2");
    expect(await page.locator("tr[data-pool-id]").count()).toBeLessThan(50);
  });

  it("finds a pool by part of its ID or of its project's name", async () => {
    const pool = world.warmPools.at(-1) as { id: string; projectId: string };
    const search = page.getByLabel("Find pools by part of an ID or project name");
    await search.fill(pool.id.slice(-6));
    await poolRow(page, pool.id).waitFor();
    expect(await page.locator("tr[data-pool-id]").count()).toBe(1);
    const project = world.projects.find((p) => p.id === pool.projectId);
    await search.fill(project?.name ?? "");
    await poolRow(page, pool.id).waitFor();
    const names = await page.getByTestId("pool-project").allTextContents();
    expect(names.every((n) => n.includes(project?.name ?? "?"))).toBe(true);
    await search.fill("");
  });

  it("applies a clock advance that changes 5,000 pools from the changed records alone, with no long task", async () => {
    await startObserving(page);
    await callAdmin(server.url, "advanceClock", "post", "/_admin/clock/advance", {
      ms: 3_600_000,
    });
    await page
      .getByTestId("phase-count")
      .filter({ hasText: /^PENDING/ })
      .waitFor({ state: "detached", timeout: 30_000 });
    await page
      .getByTestId("phase-count")
      .filter({ hasText: /^READY 10,00\d$/ })
      .waitFor();
    const after = (await reads(page)).filter((r) => r.path.startsWith("/_admin/records"));
    // Only what changed since the revision held: no read starts over from nothing.
    expect(after.length).toBeGreaterThan(0);
    for (const read of after) expect(read.path).toMatch(/since=[1-9]|cursor=/);
    const bytes = after.reduce((sum, r) => sum + r.bytes, 0);
    expect(bytes).toBeLessThan(5_000 * 1_000);
    expect(Math.max(0, ...(await longTasks(page)))).toBeLessThan(LONG_TASK_LIMIT_MS);
  });

  it("stays put under a client polling ListWarmPools: no world read, a few kilobytes", async () => {
    await startObserving(page);
    for (let i = 0; i < 100; i++) {
      const listed = await callRpc(
        server.url,
        "ListWarmPools",
        { pagination: { pageSize: 5 } },
        {
          token: ALICE,
        },
      );
      expect(listed.status).toBe(200);
    }
    const last = (await callAdmin(server.url, "getJournal", "get", "/_admin/journal?limit=1")).body
      .entries[0].id as number;
    await page.locator(`tr[data-journal-id="${last}"]`).waitFor();
    const during = await reads(page);
    expect(during.filter((r) => r.path.startsWith("/_admin/records"))).toEqual([]);
    expect(during.every((r) => /^\/_admin\/journal\?/.test(r.path))).toBe(true);
    const bytes = during.reduce((sum, r) => sum + r.bytes, 0);
    expect(bytes).toBeLessThan(100_000);
    expect(Math.max(0, ...(await longTasks(page)))).toBeLessThan(LONG_TASK_LIMIT_MS);
  });

  it("claims an instance from a row's menu with no long task, reading only that pool back", async () => {
    const pool = world.warmPools.at(-2) as { id: string };
    const search = page.getByLabel("Find pools by part of an ID or project name");
    await search.fill(pool.id.slice(-12));
    const row = poolRow(page, pool.id);
    const before = await callRpc(server.url, "GetWarmPool", { warmPoolId: pool.id });
    const running = before.body.warmPool.status.runningInstances as number;
    expect(running).toBeGreaterThan(0);
    await startObserving(page);
    await page.getByRole("button", { name: `Actions for pool ${pool.id}` }).click();
    await page.getByRole("menuitem", { name: "Claim 1 instance" }).click();
    await row
      .getByTestId("pool-instances")
      .filter({ hasText: new RegExp(`^${running - 1} /`) })
      .waitFor();
    await page
      .getByTestId("feedback")
      .filter({ hasText: `Claimed 1 instance from ${pool.id}` })
      .waitFor();
    const after = await callRpc(server.url, "GetWarmPool", { warmPoolId: pool.id });
    expect(after.body.warmPool.status.runningInstances ?? 0).toBe(running - 1);
    const records = (await reads(page)).filter((r) => r.path.startsWith("/_admin/records"));
    for (const read of records) expect(read.path).toMatch(/since=[1-9]/);
    expect(records.reduce((sum, r) => sum + r.bytes, 0)).toBeLessThan(20_000);
    expect(Math.max(0, ...(await longTasks(page)))).toBeLessThan(LONG_TASK_LIMIT_MS);
    await search.fill("");
  });

  it("resumes after its event stream breaks, reading only what changed meanwhile", async () => {
    await startObserving(page);
    endEventStreams(app);
    const pool = world.warmPools[0] as { id: string };
    await callAdmin(server.url, "claimInstances", "post", `/_admin/warm-pools/${pool.id}/claim`, {
      count: 1,
    });
    await page.getByRole("status").filter({ hasText: "Live" }).waitFor({ timeout: 15_000 });
    await page.getByLabel("Find pools by part of an ID or project name").fill(pool.id);
    await poolRow(page, pool.id)
      .getByTestId("pool-instances")
      .filter({ hasText: /^0 \// })
      .waitFor();
    const after = (await reads(page)).filter((r) => r.path.startsWith("/_admin/records"));
    for (const read of after) expect(read.path).toMatch(/since=[1-9]|cursor=/);
    expect(after.reduce((sum, r) => sum + r.bytes, 0)).toBeLessThan(50_000);
  });

  it("fits 1024 px and logged no console errors", async () => {
    expect(await overflowingBoxes(page)).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });
});
