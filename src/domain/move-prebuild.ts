import type { Prebuild, PrebuildPhase, WarmPool } from "../store/world.js";
import { changeSpec } from "./change-pool.js";
import type { DomainContext } from "./domain-context.js";
import { warmedSnapshotOf } from "./plan-pool-step.js";
import { planPrebuildStep } from "./plan-prebuild-step.js";

/** The failure message of a prebuild failed without one. */
export const DEFAULT_PREBUILD_FAILURE = "build failed";

/**
 * Moves a prebuild to a phase at `at` (a status change, when the phase differs). A prebuild the simulated runner runs
 * gets its next step scheduled; any other stops being simulated. Completing it moves the pool
 * of its project and class to the newest snapshot (a spec change, and the pool rotates); the
 * pool, when there is one, is returned for the caller to settle at `at`.
 */
export function movePrebuild(
  ctx: DomainContext,
  prebuild: Prebuild,
  phase: PrebuildPhase,
  at: number,
  options: { failureMessage?: string; simulated?: boolean } = {},
): WarmPool | undefined {
  if (prebuild.phase !== phase) {
    prebuild.phase = phase;
    prebuild.updatedAt = at;
    prebuild.statusVersion = (prebuild.statusVersion ?? 1) + 1;
  }
  const finished = phase === "PREBUILD_PHASE_COMPLETED" || phase === "PREBUILD_PHASE_FAILED";
  prebuild.completedAt = finished ? at : undefined;
  prebuild.failureMessage =
    phase === "PREBUILD_PHASE_FAILED"
      ? (options.failureMessage ?? prebuild.plannedFailure ?? DEFAULT_PREBUILD_FAILURE)
      : undefined;
  const next = options.simulated ? planPrebuildStep(prebuild, ctx.timing) : undefined;
  prebuild.dueAt = next?.at;
  if (!options.simulated) prebuild.plannedFailure = undefined;
  ctx.store.markPrebuildDue(prebuild);
  return followSnapshot(ctx, prebuild, at);
}

/**
 * Points the pool of the prebuild's project and class at their newest completed prebuild,
 * remembering what its instances run so the rotation shows; returns the pool, if any.
 */
export function followSnapshot(
  ctx: DomainContext,
  prebuild: Prebuild,
  at: number,
): WarmPool | undefined {
  const { store } = ctx;
  const pool = store.findPoolByPair(prebuild.projectId, prebuild.environmentClassId);
  if (!pool) return undefined;
  const snapshot = store.newestCompletedPrebuild(prebuild.projectId, prebuild.environmentClassId);
  if (snapshot?.id !== pool.spec.snapshotId) {
    const warmed = warmedSnapshotOf(pool);
    if (warmed) pool.instancesSnapshotId = warmed;
    changeSpec(pool, { snapshotId: snapshot?.id }, at);
  }
  return pool;
}
