// Measures the dashboard against a mock run as the CLI runs it (its own process), in headless
// Chromium at 1024 px, and prints the figures docs/decisions/2026-12-05-dashboard-at-scale.md
// quotes. Every figure is also taken for a baseline in the same run, so a noisy machine shows
// as noise in both: the first pool row at the default world and at 10,000 pools; the
// main-thread long tasks while a clock advance changes 5,000 pools; what the page reads while
// a client makes 1,000 ListWarmPools calls; and the latency of GetWarmPool calls made while
// the page loads the world, against the same calls with nothing else going on and while a
// client reads GET /_admin/world (what the page read before, whole).
// Usage: npx tsx scripts/measure-dashboard.ts [--pools 10000] [--runs 3]
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { Browser, Page } from "playwright-core";
import { loadDefaultWorld } from "../src/store/load-default-world.js";
import type { WorldData } from "../src/store/world.js";
import { buildDashboard } from "./build-dashboard.js";
import { growPools, growWorld } from "./grow-world.js";
import { launchBrowser } from "./support/launch-browser.js";
import { type SpawnedMock, spawnMock } from "./support/spawn-mock.js";

const ACME = "0c7d7f3e-1f0a-4c57-9a55-2f5c8b3e4a01";
const EXISTING_POOL = "a1b2c3d4-5678-9abc-def0-1234567890ab";
const TOKEN = "wpm_acme_alice";

const { values } = parseArgs({
  options: { pools: { type: "string", default: "10000" }, runs: { type: "string", default: "3" } },
});
const POOLS = Number(values.pools);
const RUNS = Number(values.runs);

/** The CLI in its own process, on a manual clock, with a world file or the built-in world. */
function startMock(worldFile?: string): Promise<SpawnedMock> {
  return spawnMock([
    "--port",
    "0",
    "--clock",
    "manual",
    ...(worldFile ? ["--world", worldFile] : []),
  ]);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Milliseconds from navigation to the first pool row, and to every pool held. */
async function loadPage(browser: Browser, url: string, pools: number) {
  const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
  await page.goto(`${url}/_dashboard/`);
  await page.locator("tr[data-pool-id]").first().waitFor({ timeout: 60_000 });
  const firstRow = await page.evaluate<number>("performance.now()");
  await page
    .getByTestId("pool-count")
    .filter({ hasText: new RegExp(`^${pools.toLocaleString("en")}$`) })
    .waitFor({ timeout: 120_000 });
  const all = await page.evaluate<number>("performance.now()");
  return { page, firstRow, all };
}

async function observe(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    window.longTasks = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.longTasks.push(e.duration); })
      .observe({ type: "longtask" });
    performance.setResourceTimingBufferSize(100000);
    performance.clearResourceTimings();
  })()`);
}

async function collect(page: Page) {
  const tasks = await page.evaluate<number[]>("window.longTasks");
  const reads = await page.evaluate<{ path: string; bytes: number }[]>(
    `performance.getEntriesByType("resource").filter((r) => r.name.includes("/_admin/"))
      .map((r) => ({ path: r.name.slice(r.name.indexOf("/_admin/")), bytes: r.transferSize }))`,
  );
  return {
    longTasks: tasks.length,
    longestTaskMs: round(Math.max(0, ...tasks)),
    longTaskMsInAll: round(tasks.reduce((a, b) => a + b, 0)),
    reads: reads.length,
    recordReads: reads.filter((r) => r.path.startsWith("/_admin/records")).length,
    worldReads: reads.filter((r) => r.path.startsWith("/_admin/world")).length,
    kilobytesRead: round(reads.reduce((a, r) => a + r.bytes, 0) / 1024),
  };
}

async function rpc(url: string, method: string, body: unknown): Promise<void> {
  const res = await fetch(`${url}/gitpod.v1.PrebuildService/${method}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify(body),
  });
  await res.arrayBuffer();
}

/** GetWarmPool latencies (ms) of calls made one after another until `until` settles. */
async function latencies(url: string, until: Promise<unknown>): Promise<number[]> {
  let done = false;
  void until.finally(() => {
    done = true;
  });
  const found: number[] = [];
  while (!done) {
    const start = performance.now();
    await rpc(url, "GetWarmPool", { warmPoolId: EXISTING_POOL });
    found.push(performance.now() - start);
  }
  return found;
}

function describeLatencies(values: number[]) {
  return {
    calls: values.length,
    p50Ms: round(percentile(values, 50)),
    p95Ms: round(percentile(values, 95)),
    maxMs: round(Math.max(...values)),
  };
}

const dir = mkdtempSync(join(tmpdir(), "wpm-measure-"));
const browser = await launchBrowser();
const mocks: SpawnedMock[] = [];
try {
  await buildDashboard();
  const world: WorldData = growPools(growWorld(loadDefaultWorld(), ACME, POOLS / 4), ACME, POOLS);
  const worldFile = join(dir, "world.json");
  writeFileSync(worldFile, JSON.stringify(world));
  const small = await startMock();
  mocks.push(small);
  const large = await startMock(worldFile);
  mocks.push(large);
  const total = world.warmPools.length;
  const defaultTotal = loadDefaultWorld().warmPools.length;

  // 1. The first pool row, the default world against the large one, alternating.
  const firstRows = { small: [] as number[], large: [] as number[], largeAll: [] as number[] };
  for (let i = 0; i < RUNS; i++) {
    const a = await loadPage(browser, small.url, defaultTotal);
    firstRows.small.push(a.firstRow);
    await a.page.close();
    const b = await loadPage(browser, large.url, total);
    firstRows.large.push(b.firstRow);
    firstRows.largeAll.push(b.all);
    await b.page.close();
  }

  // 2. A clock advance that changes half the pools (PENDING → READY), page open.
  const { page } = await loadPage(browser, large.url, total);
  await observe(page);
  const advanced = performance.now();
  await fetch(`${large.url}/_admin/clock/advance`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ ms: 3_600_000 }),
  });
  await page
    .getByTestId("phase-count")
    .filter({ hasText: /^PENDING/ })
    .waitFor({ state: "detached", timeout: 60_000 });
  const advance = { appliedMs: round(performance.now() - advanced), ...(await collect(page)) };

  // 3. A flood: 1,000 ListWarmPools calls, one after another, page open.
  await observe(page);
  const flooded = performance.now();
  for (let i = 0; i < 1000; i++)
    await rpc(large.url, "ListWarmPools", { pagination: { pageSize: 25 } });
  const floodMs = performance.now() - flooded;
  await page.waitForTimeout(1000);
  const flood = { calls: 1000, callsMs: round(floodMs), ...(await collect(page)) };
  await page.close();

  // 4. GetWarmPool latency: idle, while a page loads the world, while GET /_admin/world is read.
  const idle = await latencies(large.url, new Promise((r) => setTimeout(r, 3000)));
  const loading = await latencies(
    large.url,
    loadPage(browser, large.url, total).then((p) => p.page.close()),
  );
  const whole = await latencies(
    large.url,
    Promise.all(
      Array.from({ length: 3 }, () =>
        fetch(`${large.url}/_admin/world`).then((r) => r.arrayBuffer()),
      ),
    ),
  );
  const worldBytes = (await (await fetch(`${large.url}/_admin/world`)).arrayBuffer()).byteLength;

  const report = {
    pools: total,
    firstRowMs: {
      defaultWorld: round(median(firstRows.small)),
      large: round(median(firstRows.large)),
      ratio: round(median(firstRows.large) / median(firstRows.small)),
      largeEveryPoolHeld: round(median(firstRows.largeAll)),
    },
    clockAdvanceOfHalfThePools: advance,
    flood,
    getWarmPoolLatency: {
      idle: describeLatencies(idle),
      whilePageLoads: describeLatencies(loading),
      whileWholeWorldIsRead: { ...describeLatencies(whole), worldMb: round(worldBytes / 2 ** 20) },
      p95RatioPageLoadToIdle: round(percentile(loading, 95) / percentile(idle, 95)),
      p95RatioWholeWorldToIdle: round(percentile(whole, 95) / percentile(idle, 95)),
    },
  };
  console.log(JSON.stringify(report, null, 2));
} finally {
  await browser.close();
  for (const mock of mocks) mock.child.kill();
  rmSync(dir, { recursive: true, force: true });
}
