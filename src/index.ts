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
export {
  createFetchMock,
  type FetchMock,
  type FetchMockOptions,
} from "./adapters/fetch/create-fetch-mock.js";
export { type FetchHandler, toFetchHandler } from "./adapters/fetch/to-fetch-handler.js";
export { createNodeListener } from "./adapters/node/create-node-listener.js";
export { loadWorldFile } from "./adapters/node/load-world-file.js";
export { type RunningMock, type StartMockOptions, startMock } from "./adapters/node/start-mock.js";
export { CONTROL_METHODS, type MockControl } from "./core/admin/admin-core.js";
export { type CoreOptions, createMockCore, type MockCore } from "./core/create-mock-core.js";
export { listScenarios, type Scenario } from "./core/load-scenario.js";
export type { Clock, Timing } from "./domain/domain-context.js";
// Wire types generated from openapi/: what a client sends and receives.
export type {
  ConnectError,
  CreateWarmPoolRequest,
  CreateWarmPoolResponse,
  components,
  DeleteWarmPoolRequest,
  DeleteWarmPoolResponse,
  GetWarmPoolRequest,
  GetWarmPoolResponse,
  ListWarmPoolsRequest,
  ListWarmPoolsResponse,
  operations,
  paths,
  UpdateWarmPoolRequest,
  UpdateWarmPoolResponse,
  WarmPool,
} from "./generated/api-types.js";
export type { CoreAnswer, CoreRequest } from "./protocol/exchange.js";
export type { MockLogger } from "./rpc/log-request.js";
export { loadDefaultWorld } from "./store/load-default-world.js";
// The world's records; a stored pool is named apart from the wire's WarmPool message.
export type {
  EnvironmentClass,
  Organization,
  Prebuild,
  Principal,
  Project,
  Runner,
  WarmPool as StoredWarmPool,
  WorldData,
} from "./store/world.js";
export { WorldStore } from "./store/world-store.js";
