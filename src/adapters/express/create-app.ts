import type { RequestListener } from "node:http";
import express, { type Express } from "express";
import { CONTROL_METHODS, type MockControl } from "../../core/admin/admin-core.js";
import type { MockCore } from "../../core/create-mock-core.js";
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_POOLS_PER_ORGANIZATION } from "../../core/limits.js";
import { HEALTH_PATH } from "../../core/sort-request.js";
import { DEFAULT_TIMING } from "../../domain/domain-context.js";
import { DEFAULT_JOURNAL_SIZE } from "../../rpc/request-journal.js";
import type { WorldStore } from "../../store/world-store.js";
import { createNodeCore, type NodeCoreOptions } from "../node/create-node-core.js";
import { createNodeListener } from "../node/create-node-listener.js";

/** How the mock is built for Node: the core's options, with folders for files. */
export type AppOptions = NodeCoreOptions;

export {
  DEFAULT_JOURNAL_SIZE,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_POOLS_PER_ORGANIZATION,
  DEFAULT_TIMING,
  HEALTH_PATH,
};

/** One mock for Node: its core, the node:http listener and the Express app over it, its control. */
export interface MockServer extends MockControl {
  /** The live world. */
  store: WorldStore;
  /** The platform-neutral core every request goes through. */
  core: MockCore;
  /** The core as a node:http request listener: what the CLI and startMock listen with. */
  listener: RequestListener;
  /** The core mounted in an Express app (createApp's answer). */
  app: Express;
}

/**
 * Builds the mock as an Express app that never listens: the core mounted as its only
 * middleware, so a request is sorted and guarded once, by the core, and answered byte for
 * byte as the node:http listener answers it. Mount it where you like
 * (`parent.use("/mock", createApp())`): the core sees the path below the mount point.
 */
export function createApp(options: AppOptions = {}): Express {
  return createMockServer(options).app;
}

/** Builds one mock and both of its Node ways in: the listener and the Express app. */
export function createMockServer(options: AppOptions = {}): MockServer {
  const core = createNodeCore(options);
  const listener = createNodeListener(core);
  const app = express();
  app.disable("x-powered-by");
  app.disable("etag");
  app.locals.core = core;
  app.use((req, res) => listener(req, res));
  const server = { store: core.store, core, listener, app } as MockServer;
  for (const name of CONTROL_METHODS) {
    (server as unknown as Record<string, unknown>)[name] = core[name];
  }
  return server;
}

/** Ends every open GET /_admin/events stream of an app, so a stopping server need not wait for them. */
export function endEventStreams(app: Express): void {
  (app.locals.core as MockCore).close();
}
