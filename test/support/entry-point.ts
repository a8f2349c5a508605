import type { RequestListener } from "node:http";
import { type AppOptions, createMockServer } from "../../src/adapters/express/create-app.js";

/**
 * Builds the mock and returns its node:http listener: the core as the CLI, startMock and the
 * Docker image run it. Every other way in (createApp's Express app, the fetch adapter) hands
 * requests to the same core; test/protocol/entry-points-agree.test.ts holds them to the same
 * answers byte for byte, so the suites run through this one.
 */
export function createEntryPoint(options: AppOptions = {}): RequestListener {
  return createMockServer(options).listener;
}
