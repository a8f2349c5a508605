// `warm-pool-mock/msw`: the mock as Mock Service Worker request handlers, for `setupWorker` in a
// browser and `setupServer` in Node. Like `warm-pool-mock/fetch`, nothing it imports uses a
// Node built-in; `msw` is the app's own (an optional peer dependency).
import "./adapters/fetch/provide-ajv.js";

export {
  createMswMock,
  type MswMock,
  type MswMockOptions,
} from "./adapters/msw/create-msw-mock.js";
export * from "./adapters/package-exports.js";
