// docs/in-process.md, "MSW in the browser": imported and started by
// test/docs/in-process-examples.browser.test.ts in Chromium.
import { setupWorker } from "msw/browser";
import { createMswMock } from "../../../src/msw.js";

// The API the app calls, answered inside the page: no server, no port.
export const mock = createMswMock({ baseUrl: "https://api.example.com", scenario: "every-phase" });
export const worker = setupWorker(...mock.handlers);

/** Call before the app's first request (in development only, say). */
export async function startMockApi(): Promise<void> {
  await worker.start({ onUnhandledRequest: "bypass" });
}
