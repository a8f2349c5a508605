// Vitest's browser mode in Chromium: the warm-pool mock with one import and no process, MSW's
// service worker answering the page's calls, the lifecycle driven through connect-web.
import { setupWorker } from "msw/browser";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createMswMock } from "../../src/msw.js";
import { STANDARD } from "../support/fixtures.js";
import { controlOf, LIFECYCLE_SEEN, runLifecycle } from "./run-lifecycle.js";

const mock = createMswMock({ baseUrl: "https://api.example.test" });
const worker = setupWorker(...mock.handlers);

beforeAll(async () => {
  await worker.start({ quiet: true, onUnhandledRequest: "bypass" });
});
afterAll(() => {
  worker.stop();
  mock.close();
});

it("runs in a real browser, its calls answered by MSW's service worker", () => {
  const { navigator } = globalThis as unknown as {
    navigator: { userAgent: string; serviceWorker: { controller: { scriptURL: string } | null } };
  };
  expect(navigator.userAgent).toMatch(/Chrome/);
  expect(navigator.serviceWorker.controller?.scriptURL).toMatch(/\/mockServiceWorker\.js$/);
});

it("runs create, READY, update, delete through connect-web, with the clock, a fault and errors", async () => {
  const result = await runLifecycle(
    { baseUrl: "https://api.example.test", useBinaryFormat: true, environmentClassId: STANDARD },
    controlOf(mock),
  );
  // Another origin than the test page's: preflighted as a server would be.
  expect(result).toEqual({ ...LIFECYCLE_SEEN, preflights: 2 });
});
