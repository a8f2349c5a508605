import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll } from "vitest";
import { type AppOptions, createApp } from "../../src/server/create-app.js";
import { loadContract } from "../../src/validation/load-contract.js";

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
  const app = createApp({ contract, ...options });
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

export const ACME_TOKEN = "wpm_acme_alice";
export const GLOBEX_TOKEN = "wpm_globex_bob";
export const PROJECT_ID = "b0e12f6c-4c67-429d-a4a6-d9838b5da047";
export const STANDARD_CLASS_ID = "d2c94c27-3b76-4a42-b88c-95a85e392c68";
export const XLARGE_CLASS_ID = "2b3c4d5e-6f70-4a81-9b2c-3d4e5f6a7b85";
export const GPU_CLASS_ID = "5e4d3c2b-1a09-4876-b5a4-c3d2e1f0a903";
export const DISABLED_PROJECT_ID = "9c8b7a69-5d4e-4f3a-8b2c-1d0e9f8a7b62";
export const READY_POOL_ID = "a1b2c3d4-5678-9abc-def0-1234567890ab";
export const GLOBEX_POOL_ID = "fb0e1d2c-3b4a-4596-8877-665544332211";
