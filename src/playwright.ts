// `warm-pool-mock/playwright`: route a Playwright page's or context's calls to the API to a mock
// in the test's process (route.fulfill). Playwright is the test's own (an optional peer
// dependency, typed structurally); nothing here imports a Node module.
import "./adapters/fetch/provide-ajv.js";

export * from "./adapters/package-exports.js";
export {
  type RoutableLike,
  type RoutedMock,
  type RoutedRequestLike,
  type RouteLike,
  type RouteMockOptions,
  routeMock,
} from "./adapters/playwright/route-mock.js";
