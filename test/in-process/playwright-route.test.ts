// The Playwright adapter: a page's (or a context's) calls to the API are answered by a mock
// in this process through route.fulfill. Nothing serves the API; a static server serves the
// page, which holds connect-web and nothing of the mock.
import { build } from "esbuild";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type RoutedMock, routeMock } from "../../src/playwright.js";
import { ALICE, STANDARD, XLARGE } from "../support/fixtures.js";
import { launchBrowser } from "../support/launch-browser.js";
import { serveStatic } from "../support/serve-static.js";
import {
  controlOf,
  LIFECYCLE_SEEN,
  type LifecycleOptions,
  type LifecycleResult,
} from "./run-lifecycle.js";

const app = await build({
  entryPoints: [new URL("./routed-page.ts", import.meta.url).pathname],
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  write: false,
});
const site = await serveStatic({
  "/": {
    type: "text/html",
    body: '<!doctype html><title>app</title><script type="module" src="/app.js"></script>',
  },
  "/app.js": { type: "text/javascript", body: app.outputFiles[0]?.contents ?? "" },
});
let browser: Browser;
let context: BrowserContext;
let mock: RoutedMock | undefined;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await mock?.unroute();
  mock?.close();
  mock = undefined;
  await context?.close();
});

/** A fresh context whose pages reach `mock`'s control methods; its page at the static site. */
async function openPage(
  route: (target: Page | BrowserContext) => Promise<RoutedMock>,
  on: "page" | "context",
) {
  context = await browser.newContext();
  const control = controlOf({
    advanceClock: (input) => (mock as RoutedMock).advanceClock(input),
    addFault: (input) => (mock as RoutedMock).addFault(input),
    getJournal: (query) => (mock as RoutedMock).getJournal(query),
  });
  await context.exposeFunction("mockAdvanceClock", (ms: number) => control.advanceClock(ms));
  await context.exposeFunction("mockFailNextGet", (code: string) => control.failNextGet(code));
  await context.exposeFunction("mockJournal", () => control.journal());
  const tab = await context.newPage();
  mock = await route(on === "page" ? tab : context);
  await tab.goto(site.origin);
  await tab.waitForFunction(() => "page" in globalThis);
  return tab;
}

const runIn = (tab: Page, options: LifecycleOptions) =>
  tab.evaluate(
    (o) =>
      (
        globalThis as unknown as {
          page: { runLifecycle(o: LifecycleOptions): Promise<LifecycleResult> };
        }
      ).page.runLifecycle(o),
    options,
  );
const callIn = (tab: Page, url: string, init: RequestInit) =>
  tab.evaluate(
    ([u, i]) =>
      (
        globalThis as unknown as {
          page: { call(u: string, i: RequestInit): Promise<{ status?: number; error?: string }> };
        }
      ).page.call(u, i),
    [url, init] as const,
  );

describe("routeMock, with connect-web in Chromium", () => {
  it("routes a page's calls to another origin: the lifecycle in binary, preflighted as a server would be", async () => {
    const tab = await openPage((t) => routeMock(t, { baseUrl: "http://api.example.test" }), "page");
    const result = await runIn(tab, {
      baseUrl: "http://api.example.test",
      useBinaryFormat: true,
      environmentClassId: XLARGE,
    });
    expect(result).toEqual({ ...LIFECYCLE_SEEN, preflights: 2 });
  });

  it("routes a whole context's calls to a path of the page's own origin, in JSON", async () => {
    const before = site.asked.length;
    const tab = await openPage((t) => routeMock(t, { baseUrl: `${site.origin}/api` }), "context");
    const result = await runIn(tab, {
      baseUrl: `${site.origin}/api`,
      useBinaryFormat: false,
      environmentClassId: STANDARD,
    });
    expect(result).toEqual({ ...LIFECYCLE_SEEN, preflights: 0 });
    // The static server served the page and its script, and not one call to the API.
    expect(site.asked.slice(before).filter((line) => line.includes("/api"))).toEqual([]);
    // Out of the route again, the same path reaches the network: the static server's 404.
    await mock?.unroute();
    expect(await callIn(tab, `${site.origin}/api/healthz`, {})).toEqual({ status: 404, body: "" });
    expect(site.asked.at(-1)).toBe("GET /api/healthz");
  });

  it("blocks what a browser would block, though Playwright allows every preflight", async () => {
    const refusals: string[] = [];
    const url = "http://api.example.test/gitpod.v1.PrebuildService/ListWarmPools";
    const init = {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${ALICE}` },
      body: "{}",
    };
    const tab = await openPage(
      (t) =>
        routeMock(t, {
          baseUrl: "http://api.example.test",
          onCorsRefusal: (m) => refusals.push(m),
        }),
      "page",
    );
    expect((await callIn(tab, url, init)).status).toBe(200);
    const custom = { ...init, headers: { ...init.headers, "X-Request-Id": "1" } };
    expect((await callIn(tab, url, custom)).error).toMatch(/TypeError: Failed to fetch/);
    expect(refusals).toEqual([
      expect.stringContaining("the header x-request-id is not in the preflight's"),
    ]);
    await mock?.unroute();
    mock?.close();

    mock = await routeMock(tab, {
      baseUrl: "http://api.example.test",
      corsOrigins: ["https://app.example.test"],
      onCorsRefusal: (m) => refusals.push(m),
    });
    expect((await callIn(tab, url, init)).error).toMatch(/TypeError: Failed to fetch/);
    expect(refusals.at(-1)).toContain(`do not include ${site.origin}`);
    // A simple request is not preflighted: the mock answers, without a grant for the page's
    // origin, so the browser may not read it (Playwright would add one; the adapter aborts).
    const simple = { method: "POST", headers: { "Content-Type": "text/plain" }, body: "{}" };
    expect((await callIn(tab, url, simple)).error).toMatch(/TypeError: Failed to fetch/);
    expect(refusals.at(-1)).toContain("the answer has no Access-Control-Allow-Origin");
    expect(mock.getJournal().entries.map((e) => `${e.httpMethod} ${e.status}`)).toEqual([
      "OPTIONS 204",
      "POST 415",
    ]);
  });

  it("refuses a base URL that is not absolute", async () => {
    const target = { route: async () => {}, unroute: async () => {} };
    await expect(routeMock(target, { baseUrl: "/api" })).rejects.toThrow(/not an absolute URL/);
  });
});
