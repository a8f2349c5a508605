import type { WarmPool } from "../store/world.js";
import type { WorldStore } from "../store/world-store.js";
import { changeSpec, changeStatus } from "./change-pool.js";

/** Starts a pool's asynchronous deletion (desired phase and phase DELETING); the reconciler drains it. */
export function markPoolDeleting(store: WorldStore, pool: WarmPool, at: number): void {
  changeSpec(store, pool, { desiredPhase: "WARM_POOL_PHASE_DELETING" }, at);
  changeStatus(store, pool, { phase: "WARM_POOL_PHASE_DELETING", failureMessage: "" }, at);
}
