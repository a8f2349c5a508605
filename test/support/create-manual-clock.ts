import { type ControllableClock, createClock } from "../../src/domain/create-clock.js";

/** The epoch at which test clocks start: 2026-01-03T00:00:00Z, after every fixture timestamp. */
export const TEST_EPOCH = Date.UTC(2026, 0, 3);

/** The mock's own manual clock: it stands still until a test calls `advance` or `set`. */
export function createManualClock(start: number = TEST_EPOCH): ControllableClock {
  return createClock({ mode: "manual", start });
}
