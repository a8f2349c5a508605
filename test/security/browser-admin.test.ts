// A real browser (headless Chromium) with a hostile page open: whatever the page tries, the
// mock's state stays as it was; a page on an allowed origin still calls the RPCs, and a page
// on the mock's own origin (where the dashboard lives) still drives the admin API.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getPoolFromPage, openPage, serveBlankPage } from "../support/blank-page.js";
import { EXISTING_POOL } from "../support/fixtures.js";
import { launchBrowser } from "../support/launch-browser.js";
import { startServer } from "../support/start-server.js";

const mock = await startServer({ corsOrigins: ["http://localhost:*"] });
// The same page served on two origins: localhost (cross-site to 127.0.0.1) and 127.0.0.1 on
// another port (same-site, still cross-origin).
const pagePort = await serveBlankPage();
const HOSTILE_PAGES = [`http://localhost:${pagePort}`, `http://127.0.0.1:${pagePort}`];
let browser: Browser;
let before: unknown;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await mock.close();
});
// A state that reset or a new fault would visibly change: one pool fewer, one fault set.
beforeEach(async () => {
  await fetch(`${mock.url}/_admin/reset`, { method: "POST" });
  const world = mock.store.snapshot();
  world.warmPools = world.warmPools.slice(0, -1);
  const json = { "Content-Type": "application/json" };
  const put = await fetch(`${mock.url}/_admin/world`, {
    method: "PUT",
    headers: json,
    body: JSON.stringify(world),
  });
  const fault = await fetch(`${mock.url}/_admin/faults`, {
    method: "POST",
    headers: json,
    body: JSON.stringify({ rpc: "ListWarmPools", latencyMs: 1 }),
  });
  expect([put.status, fault.status]).toEqual([200, 201]);
  before = mock.store.snapshot();
});

/**
 * Everything a page can do without the user's help to make the mock change state. Plain
 * JavaScript run in the page (this project compiles without the DOM's types).
 */
const ATTACK = `async (base) => {
  const outcomes = [];
  const attempt = async (name, run) => {
    try {
      const res = await run();
      outcomes.push(name + ": " + (res ? res.status : "sent"));
    } catch {
      outcomes.push(name + ": blocked");
    }
  };
  const body = JSON.stringify({ rpc: "*", error: { code: "unavailable" } });
  const json = { "Content-Type": "application/json" };
  await attempt("text/plain fault (no-cors)", () =>
    fetch(base + "/_admin/faults", { method: "POST", mode: "no-cors", body }));
  await attempt("text/plain reset (no-cors)", () =>
    fetch(base + "/_admin/reset", { method: "POST", mode: "no-cors" }));
  await attempt("JSON fault (cors, preflighted)", () =>
    fetch(base + "/_admin/faults", { method: "POST", headers: json, body }));
  await attempt("world load (cors, preflighted)", () =>
    fetch(base + "/_admin/world/load", {
      method: "POST", headers: json, body: JSON.stringify({ path: "/etc/passwd" }),
    }));
  await attempt("beacon reset", async () => { navigator.sendBeacon(base + "/_admin/reset", "x"); });
  // A form post, the oldest cross-site request, into a hidden frame.
  const frame = document.createElement("iframe");
  frame.name = "sink";
  document.body.append(frame);
  const form = document.createElement("form");
  form.method = "POST";
  form.action = base + "/_admin/reset";
  form.target = "sink";
  form.enctype = "text/plain";
  const input = document.createElement("input");
  input.name = '{"rpc":"*","x":"';
  input.value = '"}';
  form.append(input);
  document.body.append(form);
  const loaded = new Promise((resolve) => frame.addEventListener("load", resolve));
  form.submit();
  await loaded;
  outcomes.push("form reset: sent");
  return outcomes;
}`;

async function attack(tab: Page, mockUrl: string): Promise<string[]> {
  return tab.evaluate(`(${ATTACK})(${JSON.stringify(mockUrl)})`);
}

async function faultsNow(): Promise<unknown> {
  const res = await fetch(`${mock.url}/_admin/faults`);
  return res.json();
}

describe("a page on another origin", () => {
  it.each(HOSTILE_PAGES)("%s cannot change the mock's state", async (pageUrl) => {
    const faultsBefore = await faultsNow();
    const tab = await openPage(browser, pageUrl);
    try {
      const outcomes = await attack(tab, mock.url);
      // Preflighted calls never get sent; the rest arrive and are refused.
      expect(outcomes).toContain("JSON fault (cors, preflighted): blocked");
      expect(outcomes).toContain("world load (cors, preflighted): blocked");
      // sendBeacon and the form finish after the page's script: give them a last round trip.
      await fetch(`${mock.url}/healthz`);
      expect(mock.store.snapshot()).toEqual(before);
      expect(await faultsNow()).toEqual(faultsBefore);
    } finally {
      await tab.close();
    }
  });

  it("on an origin --cors-origins allows still calls the RPCs", async () => {
    const result = await getPoolFromPage(browser, HOSTILE_PAGES[0] as string, {
      base: mock.url,
      id: EXISTING_POOL,
    });
    expect(result).toEqual({ status: 200, id: EXISTING_POOL });
  });
});

describe("a page on the mock's own origin (the dashboard's)", () => {
  it("drives the admin API", async () => {
    const tab = await openPage(browser, `${mock.url}/_admin/clock`);
    try {
      const status = await tab.evaluate(async () => {
        const res = await fetch("/_admin/faults", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ rpc: "GetWarmPool", latencyMs: 1 }),
        });
        return res.status;
      });
      expect(status).toBe(201);
      expect(await faultsNow()).toMatchObject({
        faults: [{ rpc: "ListWarmPools" }, { rpc: "GetWarmPool" }],
      });
    } finally {
      await tab.close();
      await fetch(`${mock.url}/_admin/faults`, { method: "DELETE" });
    }
  });
});
