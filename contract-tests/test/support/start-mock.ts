import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createMockServer } from "../../../src/adapters/express/create-app.js";
import { type Contract, loadContract } from "../../../src/contract/load-contract.js";
import type { Timing } from "../../../src/domain/domain-context.js";
import type { WorldStore } from "../../../src/store/world-store.js";

/** Short delays keep runs fast; long enough that DELETING is observable between requests. */
export const TEST_TIMING = { readyDelayMs: 20, deleteDelayMs: 20 };

let contract: Contract | undefined;

/** A running mock: its URL, its store (to look inside), and how to stop it. */
export interface RunningServer {
  url: string;
  store: WorldStore;
  close(): Promise<void>;
}

/** Starts the real mock in-process on an ephemeral port (`timing` overrides TEST_TIMING). */
export async function startMock(timing: Partial<Timing> = TEST_TIMING): Promise<RunningServer> {
  contract ??= loadContract();
  const mock = createMockServer({ contract, timing });
  const server = createServer(mock.listener);
  const url = await listen(server);
  return { url, store: mock.store, close: () => close(server) };
}

/** Listens on 127.0.0.1 with an ephemeral port and returns the base URL. */
export function listen(server: Server): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    });
  });
}

/** Closes a server, dropping idle keep-alive connections so it closes at once. */
export function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
