// Bundled by esbuild into the page of the Playwright adapter's tests: connect-web and plain
// fetch, nothing of the mock. The mock lives in the test's process; the page reaches its
// control methods through functions the test exposes.
import { callFromPage, type LifecycleOptions, runLifecycle } from "./run-lifecycle.js";

type Exposed = {
  mockAdvanceClock(ms: number): Promise<unknown>;
  mockFailNextGet(code: string): Promise<unknown>;
  mockJournal(): Promise<{ httpMethod: string; status: number }[]>;
};
const exposed = globalThis as unknown as Exposed;

const page = {
  runLifecycle: (options: LifecycleOptions) =>
    runLifecycle(options, {
      advanceClock: (ms) => exposed.mockAdvanceClock(ms),
      failNextGet: (code) => exposed.mockFailNextGet(code),
      journal: () => exposed.mockJournal(),
    }),
  call: callFromPage,
};

(globalThis as Record<string, unknown>).page = page;
