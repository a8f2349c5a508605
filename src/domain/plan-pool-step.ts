import type { PoolStep, WarmPool, WarmPoolStatus } from "../store/world.js";
import type { Timing } from "./domain-context.js";

/**
 * The snapshot the pool's instances run. Pools from a world file may lack the record; a pool
 * that is READY or holds instances then counts as warmed from its current snapshot.
 */
export function warmedSnapshotOf(pool: WarmPool): string | undefined {
  if (pool.instancesSnapshotId) return pool.instancesSnapshotId;
  const { phase, runningInstances, stoppedInstances } = pool.status;
  const holdsInstances =
    phase === "WARM_POOL_PHASE_READY" || runningInstances + stoppedInstances > 0;
  return holdsInstances ? pool.spec.snapshotId : undefined;
}

/**
 * The status a healthy (not failing, not deleting) pool settles to at once, without waiting
 * for the runner: on scale-down the extra running instances are stopped (kept, up to
 * max_size, to backfill later claims faster than provisioning); stopped instances of an
 * outdated snapshot are discarded; the phase is READY only while warmed from the current
 * snapshot.
 */
export function settleHealthyStatus(pool: WarmPool, desiredSize: number): Partial<WarmPoolStatus> {
  const { spec, status } = pool;
  const warmed = warmedSnapshotOf(pool);
  const current = spec.snapshotId !== undefined && warmed === spec.snapshotId;
  let running = status.runningInstances;
  let stopped = status.stoppedInstances;
  if (running > desiredSize) {
    stopped += running - desiredSize;
    running = desiredSize;
  }
  stopped = current || warmed === undefined ? Math.min(stopped, spec.maxSize - running) : 0;
  return {
    desiredSize,
    phase: current ? "WARM_POOL_PHASE_READY" : "WARM_POOL_PHASE_PENDING",
    failureMessage: "",
    runningInstances: running,
    stoppedInstances: stopped,
  };
}

/**
 * The next timed step of the simulated runner for a pool, given why it fails (if it does):
 * drain and remove while deleting; nothing while failing or without a snapshot; start stopped
 * instances to backfill claims; provision new instances (from the current snapshot) while
 * running ones are missing or outdated.
 */
export function planPoolStep(pool: WarmPool, failure: string | undefined): PoolStep | undefined {
  const { spec, status } = pool;
  if (spec.desiredPhase === "WARM_POOL_PHASE_DELETING") {
    return status.runningInstances + status.stoppedInstances > 0 ? "drain" : "remove";
  }
  if (failure || !spec.snapshotId) return undefined;
  const current = warmedSnapshotOf(pool) === spec.snapshotId;
  if (current && status.runningInstances < status.desiredSize && status.stoppedInstances > 0) {
    return "start";
  }
  if (!current || status.runningInstances < status.desiredSize) return "provision";
  return undefined;
}

/**
 * How long a step takes, given the step that ran just before it. Deletion takes the delete
 * delay in all: half draining and half removal when there are instances to drain.
 */
export function stepDelayMs(timing: Timing, step: PoolStep, previous?: PoolStep): number {
  const drain = Math.floor(timing.deleteDelayMs / 2);
  switch (step) {
    case "start":
      return timing.startDelayMs;
    case "provision":
      return timing.readyDelayMs;
    case "drain":
      return drain;
    case "remove":
      return previous === "drain" ? timing.deleteDelayMs - drain : timing.deleteDelayMs;
  }
}
