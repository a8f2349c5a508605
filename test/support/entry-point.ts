import type { RequestListener } from "node:http";
import { type AppOptions, createMockServer } from "../../src/adapters/express/create-app.js";

/**
 * The mock has two ways in that must answer alike: the listener the CLI, startMock and the
 * Docker image run (RPCs straight to the RPC handler), and createApp()'s Express app (which
 * mounts the same handler). Test helpers serve the listener unless MOCK_ENTRY=express, which
 * vitest.config.ts sets for a second run of the wire, CORS, limits and SDK suites.
 */
export const ENTRY_POINT: "listener" | "express" =
  process.env.MOCK_ENTRY === "express" ? "express" : "listener";

/** Builds the mock and returns the request listener of the entry point under test. */
export function createEntryPoint(options: AppOptions = {}): RequestListener {
  const mock = createMockServer(options);
  return ENTRY_POINT === "express" ? mock.app : mock.listener;
}
