import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll } from "vitest";
import type { AppOptions } from "../../src/adapters/express/create-app.js";
import { loadContract } from "../../src/contract/load-contract.js";
import { createEntryPoint } from "./entry-point.js";

const contract = loadContract();

/** One request as the mock received it, for tests that check what a client really sent. */
export interface SeenRequest {
  method: string;
  path: string;
  contentType?: string;
  contentEncoding?: string;
}

/**
 * Starts a mock on an ephemeral loopback port for the current test file; closed after it.
 * Requests are appended to `seen` when given.
 */
export async function listen(options: AppOptions = {}, seen?: SeenRequest[]): Promise<string> {
  const app = createEntryPoint({ contract, ...options });
  const server = createServer((req, res) => {
    seen?.push({
      method: req.method ?? "",
      path: (req.url ?? "").split("?")[0] ?? "",
      contentType: req.headers["content-type"],
      contentEncoding: req.headers["content-encoding"],
    });
    app(req, res);
  }).listen(0, "127.0.0.1");
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve).once("error", reject);
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
