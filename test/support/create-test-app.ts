import type { RequestListener } from "node:http";
import type { AppOptions } from "../../src/adapters/express/create-app.js";
import { loadContract } from "../../src/contract/load-contract.js";
import type { ControllableClock } from "../../src/domain/create-clock.js";
import { loadDefaultWorld } from "../../src/store/load-default-world.js";
import { WorldStore } from "../../src/store/world-store.js";
import { createManualClock } from "./create-manual-clock.js";
import { createEntryPoint } from "./entry-point.js";

const contract = loadContract();

/**
 * A mock over a fresh copy of the default world on a manual clock, plus handles to look inside.
 * Its timing (ready and delete after 1 s) is overridden by `options.timing`, e.g. TEST_TIMING.
 */
export function createTestApp(options: AppOptions = {}): {
  app: RequestListener;
  store: WorldStore;
  clock: ControllableClock;
} {
  const clock = createManualClock();
  const store = options.store ?? new WorldStore(options.world ?? loadDefaultWorld());
  const app = createEntryPoint({
    contract,
    clock,
    timing: { readyDelayMs: 1000, deleteDelayMs: 1000 },
    ...options,
    store,
  });
  return { app, store, clock };
}
