// Stands in for `@playwright/test` (not a dependency) in the Playwright example: `test` gives a
// fresh page of the packaged Chromium, whose base URL is a tiny app listing warm pools from
// https://api.example.com; `expect(locator).toHaveCount(n)` retries as Playwright's does.
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, expect as expectValue, it } from "vitest";
import { launchBrowser } from "../../support/launch-browser.js";
import { serveStatic } from "../../support/serve-static.js";

// The app: it lists the pools' phases, or the error code the API answered with.
const APP = `<!doctype html><title>pools</title><ul id="pools"></ul><script type="module">
const res = await fetch("https://api.example.com/gitpod.v1.PrebuildService/ListWarmPools", {
  method: "POST",
  headers: { "Content-Type": "application/json", Authorization: "Bearer wpm_acme_alice" },
  body: "{}",
});
const body = await res.json();
const items = body.code ? [body.code] : body.warmPools.map((p) => p.status.phase);
document.getElementById("pools").replaceChildren(...items.map((text) => Object.assign(document.createElement("li"), { textContent: text })));
</script>`;

const site = serveStatic({ "/warm-pools": { type: "text/html", body: APP } });
let browser: Promise<Browser> | undefined;
afterAll(async () => (await browser)?.close());

export function test(name: string, body: (fixtures: { page: Page }) => Promise<void>): void {
  it(name, async () => {
    browser ??= launchBrowser();
    const context = await (await browser).newContext({ baseURL: (await site).origin });
    try {
      await body({ page: await context.newPage() });
    } finally {
      await context.close();
    }
  });
}

export function expect(locator: Locator) {
  return {
    async toHaveCount(count: number): Promise<void> {
      for (let i = 0; i < 100 && (await locator.count()) !== count; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expectValue(await locator.count()).toBe(count);
    },
  };
}
