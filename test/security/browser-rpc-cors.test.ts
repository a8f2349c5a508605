// Issue 21's default CORS, in a real browser: RPCs granted every origin, so any site the
// developer visited could create and delete pools with the well-known token. A page on a
// remote-looking origin (http://evil.test, which this browser resolves to 127.0.0.1) tries
// every way it has to delete a pool; the mock's state is the same afterwards, and every call
// that reached it was refused. A page on localhost, where a frontend's dev server runs, still
// calls the RPCs.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getPoolFromPage, openPage, serveBlankPage } from "../support/blank-page.js";
import { createManualClock } from "../support/create-manual-clock.js";
import { ALICE, EXISTING_POOL } from "../support/fixtures.js";
import { launchBrowser } from "../support/launch-browser.js";
import { expectStateKept, type MockState, readMockState } from "../support/mock-state.js";
import { startServer } from "../support/start-server.js";

// The mock as `npm start` serves it: default CORS.
const mock = await startServer({ clock: createManualClock() });
const pagePort = await serveBlankPage();
let browser: Browser;
let before: MockState;

beforeAll(async () => {
  browser = await launchBrowser(["--host-resolver-rules=MAP evil.test 127.0.0.1"]);
});
afterAll(async () => {
  await browser?.close();
  await mock.close();
});
beforeEach(async () => {
  before = await readMockState(mock.url);
});

/** Every way a page has to send DeleteWarmPool (plain JavaScript, run in the page). */
const ATTACK = `async ({ base, token, id }) => {
  const url = base + "/gitpod.v1.PrebuildService/DeleteWarmPool";
  const body = JSON.stringify({ warmPoolId: id });
  const outcomes = {};
  const attempt = async (name, run) => {
    try {
      const res = await run();
      outcomes[name] = res ? (res.type === "opaque" ? "sent, answer unreadable" : res.status) : "sent";
    } catch {
      outcomes[name] = "blocked";
    }
  };
  await attempt("JSON with the token (preflighted)", () =>
    fetch(url, { method: "POST", headers: { "Content-Type": "application/json", Authorization: "Bearer " + token }, body }));
  await attempt("JSON without a token (preflighted)", () =>
    fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body }));
  await attempt("text/plain (no-cors)", () => fetch(url, { method: "POST", mode: "no-cors", body }));
  await attempt("beacon", async () => { navigator.sendBeacon(url, body); });
  const frame = document.createElement("iframe");
  frame.name = "sink";
  document.body.append(frame);
  const form = document.createElement("form");
  form.method = "POST";
  form.action = url;
  form.target = "sink";
  form.enctype = "text/plain";
  const input = document.createElement("input");
  input.name = '{"warmPoolId":"' + id + '","x":"';
  input.value = '"}';
  form.append(input);
  document.body.append(form);
  const loaded = new Promise((resolve) => frame.addEventListener("load", resolve));
  form.submit();
  await loaded;
  outcomes["form post"] = "sent";
  return outcomes;
}`;

describe("RPCs from a page on a remote origin, with the default CORS", () => {
  it("cannot delete a pool: the preflighted calls are blocked, the others refused", async () => {
    const tab = await openPage(browser, `http://evil.test:${pagePort}/`);
    try {
      const outcomes = await tab.evaluate(
        `(${ATTACK})(${JSON.stringify({
          base: mock.url,
          token: ALICE,
          id: EXISTING_POOL,
        })})`,
      );
      expect(outcomes).toMatchObject({
        "JSON with the token (preflighted)": "blocked",
        "JSON without a token (preflighted)": "blocked",
      });
      // The beacon and the form end after the page's script: a last round trip lets them land.
      await fetch(`${mock.url}/healthz`);
      // What reached the mock: two preflights (answered without a grant, so the browser sent
      // nothing more) and three simple requests, which an RPC refuses (415: not JSON).
      const reached = await expectStateKept(mock.url, before, 5);
      expect(reached.map((e) => `${e.httpMethod} ${e.rpc} ${e.status}`).sort()).toEqual([
        "OPTIONS DeleteWarmPool 204",
        "OPTIONS DeleteWarmPool 204",
        "POST DeleteWarmPool 415",
        "POST DeleteWarmPool 415",
        "POST DeleteWarmPool 415",
      ]);
    } finally {
      await tab.close();
    }
  });
});

describe("RPCs from a page on this machine, with the default CORS", () => {
  it.each([`http://localhost:${pagePort}/`, `http://127.0.0.1:${pagePort}/`])(
    "%s calls them and reads the answer",
    async (pageUrl) => {
      const result = await getPoolFromPage(browser, pageUrl, { base: mock.url, id: EXISTING_POOL });
      expect(result).toEqual({ status: 200, id: EXISTING_POOL });
    },
  );
});
