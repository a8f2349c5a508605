import type { RequestListener } from "node:http";
import { loadContract } from "../../src/contract/load-contract.js";
import type { Clock } from "../../src/domain/domain-context.js";
import type { AppOptions } from "../../src/server/create-app.js";
import { loadDefaultWorld } from "../../src/store/load-default-world.js";
import { WorldStore } from "../../src/store/world-store.js";
import { createEntryPoint } from "./entry-point.js";

const contract = loadContract();

/** A clock that only moves when a test says so. */
export class ManualClock implements Clock {
  constructor(private ms = Date.UTC(2026, 10, 28, 12, 0, 0)) {}
  now(): number {
    return this.ms;
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

/** A mock over a fresh copy of the default world with a manual clock, plus handles to look inside. */
export function createTestApp(options: AppOptions = {}): {
  app: RequestListener;
  store: WorldStore;
  clock: ManualClock;
} {
  const clock = new ManualClock();
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
