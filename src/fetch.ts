// `warm-pool-mock/fetch`: the mock with no server, for anything that speaks fetch (MSW in a
// browser or in Node, Playwright's route, a Vitest test calling it directly). Nothing this
// entry imports uses a Node built-in: the contract, the default world and the scenarios are
// embedded, gzip is CompressionStream.
import "./adapters/fetch/provide-ajv.js";

export {
  createFetchMock,
  type FetchMock,
  type FetchMockOptions,
} from "./adapters/fetch/create-fetch-mock.js";
export {
  type FetchHandler,
  toFetchHandler,
  toResponse,
} from "./adapters/fetch/to-fetch-handler.js";
export { CONTROL_METHODS, type MockControl } from "./core/admin/admin-core.js";
export type { ChangeFeed } from "./core/change-feed.js";
export { type CoreOptions, createMockCore, type MockCore } from "./core/create-mock-core.js";
export { listScenarios } from "./core/load-scenario.js";
export { type RequestKind, type SortedTarget, sortRequest } from "./core/sort-request.js";
export type { ControllableClock } from "./domain/create-clock.js";
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
export type { AnswerStream, CoreAnswer, CoreRequest, StreamSink } from "./protocol/exchange.js";
export type { WirePlatform } from "./protocol/wire-platform.js";
export type { MockLogger, RequestLine } from "./rpc/log-request.js";
export { loadDefaultWorld } from "./store/load-default-world.js";
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
