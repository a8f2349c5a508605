import type { Timing } from "./domain-context.js";
import type { PoolStep, WarmPool, WarmPoolStatus } from "./world.js";

/**
 * How many stopped instances a healthy pool keeps beside its running ones: it holds up to
 * `max_size` instances, and those beyond the autoscaler's target wait stopped, to backfill
 * claims faster than provisioning.
 */
export function stoppedTarget(maxSize: number, desiredSize: number): number {
  return Math.max(0, maxSize - desiredSize);
}

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
 * for the runner: extra running instances are stopped on scale-down, stopped instances of an
 * outdated snapshot are discarded, and the phase is READY only while warmed from the current
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
  // Stopped instances beyond max_size go; the rest wait to be started while running is short.
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
 * instances to backfill claims; provision new instances (from the current snapshot) for
 * whatever is still missing or outdated.
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
  if (
    !current ||
    status.runningInstances < status.desiredSize ||
    status.stoppedInstances < stoppedTarget(spec.maxSize, status.desiredSize)
  ) {
    return "provision";
  }
  return undefined;
}

/** How long a step takes; deletion's delay is split between draining and removal. */
export function stepDelayMs(timing: Timing, step: PoolStep): number {
  const drain = Math.floor(timing.deleteDelayMs / 2);
  switch (step) {
    case "start":
      return timing.startDelayMs;
    case "provision":
      return timing.readyDelayMs;
    case "drain":
      return drain;
    case "remove":
      return timing.deleteDelayMs - drain;
  }
}
