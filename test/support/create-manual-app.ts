import type { RequestListener } from "node:http";
import request from "supertest";
import { loadContract } from "../../src/contract/load-contract.js";
import { type ControllableClock, createClock } from "../../src/domain/create-clock.js";
import type { AppOptions } from "../../src/server/create-app.js";
import { TEST_EPOCH, TEST_TIMING } from "./create-test-context.js";
import { createEntryPoint } from "./entry-point.js";

const contract = loadContract();

/** An app on a manual clock with the test timing; the clock is returned to move it. */
export function createManualApp(options: AppOptions = {}): {
  app: RequestListener;
  clock: ControllableClock;
} {
  const clock = createClock({ mode: "manual", start: TEST_EPOCH });
  const app = createEntryPoint({ contract, clock, timing: TEST_TIMING, ...options });
  return { app, clock };
}

/** Calls one warm-pool RPC as Alice (or with the given headers). */
export function callRpc(
  app: RequestListener,
  method: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  let req = request(app)
    .post(`/gitpod.v1.PrebuildService/${method}`)
    .set("Authorization", "Bearer wpm_acme_alice")
    .set("Content-Type", "application/json");
  for (const [name, value] of Object.entries(headers)) req = req.set(name, value);
  return req.send(JSON.stringify(body));
}

export const IDS = {
  project: "b0e12f6c-4c67-429d-a4a6-d9838b5da047",
  standard: "d2c94c27-3b76-4a42-b88c-95a85e392c68",
  large: "3f9a6b1e-8c2d-4e7f-9a1b-5c6d7e8f9a02",
  xlarge: "2b3c4d5e-6f70-4a81-9b2c-3d4e5f6a7b85",
  gpuProject: "4a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c73",
  gpu: "5e4d3c2b-1a09-4876-b5a4-c3d2e1f0a903",
  runner: "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c01",
  acme: "0c7d7f3e-1f0a-4c57-9a55-2f5c8b3e4a01",
  readyPool: "a1b2c3d4-5678-9abc-def0-1234567890ab",
} as const;
