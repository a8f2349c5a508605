import type { WorldStore } from "../store/world-store.js";

/** A source of time in epoch milliseconds; real, scaled or manual. */
export interface Clock {
  now(): number;
}

/** How long the simulated infrastructure takes. */
export interface Timing {
  /** Provisioning new instances: from creation (with a snapshot) to READY, rotation, backfill. */
  readyDelayMs: number;
  /** Starting stopped instances to backfill claimed ones. */
  startDelayMs: number;
  /** From DeleteWarmPool to the pool being gone (half draining, half removal). */
  deleteDelayMs: number;
  /**
   * A prebuild started through CreatePrebuild, from PENDING to COMPLETED: a third each
   * PENDING, RUNNING and SNAPSHOTTING (one that fails does so at the end of RUNNING).
   */
  prebuildDelayMs: number;
}

/** How long the simulated infrastructure takes unless told otherwise. */
export const DEFAULT_TIMING: Timing = {
  readyDelayMs: 1500,
  startDelayMs: 500,
  deleteDelayMs: 1500,
  prebuildDelayMs: 3000,
};

/** Everything domain code may touch: the world, the time and the source of new IDs. */
export interface DomainContext {
  store: WorldStore;
  clock: Clock;
  newId: () => string;
  timing: Timing;
  /** The most pools one organization may hold (DELETING ones count); unlimited when absent. */
  maxPoolsPerOrganization?: number;
}
