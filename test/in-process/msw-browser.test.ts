// MSW in a real browser: headless Chromium loads a page built here (connect-web and the
// warm-pool mock's MSW handlers, bundled for the browser), whose service worker answers the
// API. The only server is a static one for the page's three files; it never sees an API call.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { build } from "esbuild";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALICE, STANDARD, XLARGE } from "../support/fixtures.js";
import { launchBrowser } from "../support/launch-browser.js";
import { serveStatic } from "../support/serve-static.js";
import { LIFECYCLE_SEEN, type LifecycleOptions, type LifecycleResult } from "./run-lifecycle.js";

const app = await build({
  entryPoints: [new URL("./msw-page.ts", import.meta.url).pathname],
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  write: false,
});
// The worker script as MSW ships it: what `npx msw init` copies, and no install script needed.
const workerScript = readFileSync(
  createRequire(import.meta.url).resolve("msw/mockServiceWorker.js"),
);
const FILES = {
  "/": {
    type: "text/html",
    body: '<!doctype html><title>app</title><script type="module" src="/app.js"></script>',
  },
  "/app.js": { type: "text/javascript", body: app.outputFiles[0]?.contents ?? "" },
  "/mockServiceWorker.js": { type: "text/javascript", body: workerScript },
};
const site = await serveStatic(FILES);
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

// The page's `page` object (msw-page.ts), called from the test.
type PageApi = {
  start(options: { baseUrl: string; corsOrigins?: string[] }): Promise<string>;
  runLifecycle(options: LifecycleOptions): Promise<LifecycleResult>;
  call(url: string, init: RequestInit): Promise<{ status?: number; body?: string; error?: string }>;
  refusals(): string[];
  journal(): string[];
};

/** A fresh browser context (its own service worker registration) with the app started. */
async function openApp(options: { baseUrl: string; corsOrigins?: string[] }): Promise<Page> {
  const context = await browser.newContext();
  const tab = await context.newPage();
  afterAll(() => context.close());
  await tab.goto(site.origin);
  await tab.waitForFunction(() => "page" in globalThis);
  await tab.evaluate((o) => (globalThis as unknown as { page: PageApi }).page.start(o), options);
  return tab;
}

function inPage<K extends keyof PageApi>(
  tab: Page,
  name: K,
  ...args: Parameters<PageApi[K]>
): Promise<Awaited<ReturnType<PageApi[K]>>> {
  return tab.evaluate(
    ([n, a]) => {
      const api = (globalThis as unknown as { page: Record<string, (...x: unknown[]) => unknown> })
        .page;
      return api[n as string]?.(...(a as unknown[]));
    },
    [name, args] as const,
  ) as Promise<Awaited<ReturnType<PageApi[K]>>>;
}

describe("MSW's service worker in Chromium, with connect-web", () => {
  it("runs the lifecycle in binary at a path of the page's own origin", async () => {
    const tab = await openApp({ baseUrl: "/api" });
    const result = await inPage(tab, "runLifecycle", {
      baseUrl: `${site.origin}/api`,
      useBinaryFormat: true,
      environmentClassId: XLARGE,
    });
    expect(result).toEqual({ ...LIFECYCLE_SEEN, preflights: 0 });
    expect(await inPage(tab, "refusals")).toEqual([]);
  });

  it("runs it in JSON against another origin, preflighted as a server would be", async () => {
    const tab = await openApp({ baseUrl: "http://api.example.test" });
    const result = await inPage(tab, "runLifecycle", {
      baseUrl: "http://api.example.test",
      useBinaryFormat: false,
      environmentClassId: STANDARD,
    });
    // One preflight per header set a client sends GetWarmPool with (connect-web's, the
    // Stainless-style one), then the browser's preflight cache, as with a server.
    expect(result).toEqual({ ...LIFECYCLE_SEEN, preflights: 2 });
    const journal = await inPage(tab, "journal");
    expect(journal).toContain("OPTIONS /gitpod.v1.PrebuildService/CreateWarmPool 204");
    expect(await inPage(tab, "refusals")).toEqual([]);
  });

  it("blocks what a browser would block: a header the mock does not allow, a page origin it does not list", async () => {
    const open = await openApp({ baseUrl: "http://api.example.test" });
    const url = "http://api.example.test/gitpod.v1.PrebuildService/ListWarmPools";
    const init = {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${ALICE}` },
      body: "{}",
    };
    expect((await inPage(open, "call", url, init)).status).toBe(200);
    const custom = { ...init, headers: { ...init.headers, "X-Request-Id": "1" } };
    expect((await inPage(open, "call", url, custom)).error).toMatch(/TypeError: Failed to fetch/);
    expect(await inPage(open, "refusals")).toEqual([
      expect.stringContaining(
        "the header x-request-id is not in the preflight's Access-Control-Allow-Headers",
      ),
    ]);

    const strict = await openApp({
      baseUrl: "http://api.example.test",
      corsOrigins: ["https://app.example.test"],
    });
    expect((await inPage(strict, "call", url, init)).error).toMatch(/TypeError: Failed to fetch/);
    expect(await inPage(strict, "refusals")).toEqual([
      expect.stringContaining(`do not include ${site.origin}`),
    ]);
    // A simple request needs no preflight; its answer lacks the grant, so it is blocked too.
    const simple = { method: "POST", headers: { "Content-Type": "text/plain" }, body: "{}" };
    expect(await inPage(strict, "refusals")).toEqual([]);
    expect((await inPage(strict, "call", url, simple)).error).toMatch(/TypeError: Failed to fetch/);
    expect(await inPage(strict, "refusals")).toEqual([
      expect.stringContaining("the answer has no Access-Control-Allow-Origin"),
    ]);
  });

  it("served the page and nothing else: no request of the API reached the static server", () => {
    const paths = new Set(site.asked.map((line) => line.split(" ")[1]));
    for (const path of paths)
      expect(["/", "/app.js", "/mockServiceWorker.js", "/favicon.ico"]).toContain(path);
    expect(paths).toContain("/mockServiceWorker.js");
  });
});
