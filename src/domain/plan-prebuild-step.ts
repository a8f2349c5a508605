import type { Prebuild, PrebuildPhase } from "../store/world.js";
import type { Timing } from "./domain-context.js";

/** A phase a simulated prebuild moves to, and when. */
export interface PrebuildStep {
  phase: PrebuildPhase;
  at: number;
}

/**
 * The next phase of a prebuild the simulated runner is running, or undefined when it is done
 * (or never ran on the simulation: recorded through /_admin, or from a world file). The
 * steps are fixed thirds of the prebuild delay from its creation, so when they happen does
 * not depend on when anyone looks: PENDING, RUNNING, SNAPSHOTTING, then COMPLETED; one that
 * is to fail fails at the end of RUNNING instead of snapshotting.
 */
export function planPrebuildStep(prebuild: Prebuild, timing: Timing): PrebuildStep | undefined {
  const third = (n: number) => prebuild.createdAt + Math.round((timing.prebuildDelayMs * n) / 3);
  switch (prebuild.phase) {
    case "PREBUILD_PHASE_PENDING":
      return { phase: "PREBUILD_PHASE_RUNNING", at: third(1) };
    case "PREBUILD_PHASE_RUNNING":
      return prebuild.plannedFailure !== undefined
        ? { phase: "PREBUILD_PHASE_FAILED", at: third(2) }
        : { phase: "PREBUILD_PHASE_SNAPSHOTTING", at: third(2) };
    case "PREBUILD_PHASE_SNAPSHOTTING":
      return { phase: "PREBUILD_PHASE_COMPLETED", at: third(3) };
    default:
      return undefined;
  }
}
