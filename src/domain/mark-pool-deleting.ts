import type { WarmPool } from "../store/world.js";
import { changeSpec, changeStatus } from "./change-pool.js";

/** Starts a pool's asynchronous deletion (desired phase and phase DELETING); the reconciler drains it. */
export function markPoolDeleting(pool: WarmPool, at: number): void {
  changeSpec(pool, { desiredPhase: "WARM_POOL_PHASE_DELETING" }, at);
  changeStatus(pool, { phase: "WARM_POOL_PHASE_DELETING", failureMessage: "" }, at);
}
