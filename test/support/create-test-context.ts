import type { ControllableClock } from "../../src/domain/create-clock.js";
import type { DomainContext, Timing } from "../../src/domain/domain-context.js";
import { loadDefaultWorld } from "../../src/store/load-default-world.js";
import type { WorldData } from "../../src/store/world.js";
import { WorldStore } from "../../src/store/world-store.js";
import { createManualClock } from "./create-manual-clock.js";

/** Test timing: round numbers so a table can say when each step lands. */
export const TEST_TIMING: Timing = {
  readyDelayMs: 1000,
  startDelayMs: 200,
  deleteDelayMs: 600,
  prebuildDelayMs: 3000,
};

/** A domain context on a manual clock with counting IDs, for table tests of the simulation. */
export function createTestContext(world: WorldData = loadDefaultWorld()): DomainContext & {
  clock: ControllableClock;
} {
  let n = 0;
  return {
    store: new WorldStore(world),
    clock: createManualClock(),
    newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`,
    timing: TEST_TIMING,
  };
}
