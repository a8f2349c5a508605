// What both entries of the package export (src/index.ts for Node, src/fetch.ts for any
// platform): the in-process mock, the core, the control methods, the world and the wire types.
// No side effects here: each entry provides ajv its own way.

export { CONTROL_METHODS, type MockControl } from "../core/admin/admin-core.js";
export { type CoreOptions, createMockCore, type MockCore } from "../core/create-mock-core.js";
export { listScenarios, type Scenario } from "../core/load-scenario.js";
export type { ControllableClock } from "../domain/create-clock.js";
export type { Clock, Timing } from "../domain/domain-context.js";
// Wire types generated from openapi/: `paths`, `components`, `operations` and an alias for
// every message, enum and error schema a client sends or receives.
export type * from "../generated/api-types.js";
export type { AnswerStream, CoreAnswer, CoreRequest, StreamSink } from "../protocol/exchange.js";
export type { WirePlatform } from "../protocol/wire-platform.js";
export type { MockLogger, RequestLine } from "../rpc/log-request.js";
export { loadDefaultWorld } from "../store/load-default-world.js";
// The world's records, named apart from the wire's messages of the same name (WarmPool,
// Project, Prebuild, EnvironmentClass, Runner, and the Principal enum).
export type {
  EnvironmentClass as StoredEnvironmentClass,
  Organization,
  Prebuild as StoredPrebuild,
  Principal as StoredPrincipal,
  Project as StoredProject,
  Runner as StoredRunner,
  WarmPool as StoredWarmPool,
  WorldData,
} from "../store/world.js";
export { WorldStore } from "../store/world-store.js";
export {
  createFetchMock,
  type FetchMock,
  type FetchMockOptions,
} from "./fetch/create-fetch-mock.js";
export { type FetchHandler, toFetchHandler, toResponse } from "./fetch/to-fetch-handler.js";
