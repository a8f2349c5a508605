// `warm-pool-mock/fetch`: the mock with no server, for anything that speaks fetch (MSW in a
// browser or in Node, Playwright's route, a Vitest test calling it directly). Nothing this
// entry imports uses a Node built-in: the contract, the default world and the scenarios are
// embedded, gzip is CompressionStream.
import "./adapters/fetch/provide-ajv.js";

export * from "./adapters/package-exports.js";
export { type RequestKind, type SortedTarget, sortRequest } from "./core/sort-request.js";
