import type { WorldStore } from "../store/world-store.js";

/** A source of time in epoch milliseconds; real, scaled or manual. */
export interface Clock {
  now(): number;
}

/** How long the simulated infrastructure takes. */
export interface Timing {
  /** From creation (with a snapshot) to READY. */
  readyDelayMs: number;
  /** From DeleteWarmPool to the pool being gone. */
  deleteDelayMs: number;
}

/** Everything domain code may touch: the world, the time and the source of new IDs. */
export interface DomainContext {
  store: WorldStore;
  clock: Clock;
  newId: () => string;
  timing: Timing;
  /** The most pools one organization may hold (DELETING ones count); unlimited when absent. */
  maxPoolsPerOrganization?: number;
}
