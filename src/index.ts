// The package's entry point for Node: start the mock inside a test run, mount it in your own
// Express app, or call it in process through fetch. The CLI (src/cli.ts) is the other way in;
// `warm-pool-mock/fetch` (src/fetch.ts) is the entry for browsers and other fetch platforms.
import "./adapters/node/provide-ajv.js";

export {
  type AppOptions,
  createApp,
  createMockServer,
  DEFAULT_TIMING,
  HEALTH_PATH,
  type MockServer,
} from "./adapters/express/create-app.js";
export { createNodeListener } from "./adapters/node/create-node-listener.js";
export { loadWorldFile } from "./adapters/node/load-world-file.js";
export { type RunningMock, type StartMockOptions, startMock } from "./adapters/node/start-mock.js";
export * from "./adapters/package-exports.js";
