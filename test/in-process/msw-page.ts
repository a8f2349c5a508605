// Bundled by esbuild into the page of the browser tests: an app that starts MSW's service
// worker with the warm-pool mock's handlers, then runs the lifecycle through connect-web.
import { setupWorker } from "msw/browser";
import { createMswMock, type MswMock, type MswMockOptions } from "../../src/msw.js";
import { callFromPage, controlOf, type LifecycleOptions, runLifecycle } from "./run-lifecycle.js";

let mock: MswMock | undefined;
const refusals: string[] = [];

const page = {
  /** Starts the worker with a fresh mock; what the test asks of it is plain data. */
  async start(options: Omit<MswMockOptions, "onCorsRefusal">) {
    mock = createMswMock({ ...options, onCorsRefusal: (message) => refusals.push(message) });
    const worker = setupWorker(...mock.handlers);
    await worker.start({ quiet: true, onUnhandledRequest: "bypass" });
    return mock.baseUrl;
  },
  runLifecycle: (options: LifecycleOptions) => runLifecycle(options, controlOf(mock as MswMock)),
  call: callFromPage,
  refusals: () => refusals.splice(0),
  journal: () => mock?.getJournal().entries.map((e) => `${e.httpMethod} ${e.path} ${e.status}`),
};

(globalThis as Record<string, unknown>).page = page;
