import type { AddressInfo } from "node:net";
import type { AppOptions } from "../../src/adapters/express/create-app.js";
import { createHttpServer, type ServerLimits } from "../../src/adapters/node/create-http-server.js";
import { loadDefaultWorld } from "../../src/store/load-default-world.js";
import { WorldStore } from "../../src/store/world-store.js";
import { createEntryPoint } from "./entry-point.js";

/** A mock listening on an ephemeral loopback port, with its store open to inspection. */
export interface RunningServer {
  url: string;
  port: number;
  store: WorldStore;
  close(): Promise<void>;
}

/** Starts the app in the real HTTP server (socket limits and all) on 127.0.0.1:0. */
export async function startServer(
  options: AppOptions = {},
  limits: Partial<ServerLimits> = {},
): Promise<RunningServer> {
  const store = options.store ?? new WorldStore(options.world ?? loadDefaultWorld());
  const server = createHttpServer(createEntryPoint({ ...options, store }), limits);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    store,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
