import type { Prebuild, PrebuildPhase, WarmPool } from "../store/world.js";
import { changeSpec, setInstancesSnapshot } from "./change-pool.js";
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
  // Through the store, which logs the change for the change feed (when there is one).
  ctx.store.edit("prebuilds", prebuild, (p) => {
    if (p.phase !== phase) {
      p.phase = phase;
      p.updatedAt = at;
      p.statusVersion = (p.statusVersion ?? 1) + 1;
    }
    const finished = phase === "PREBUILD_PHASE_COMPLETED" || phase === "PREBUILD_PHASE_FAILED";
    p.completedAt = finished ? at : undefined;
    p.failureMessage =
      phase === "PREBUILD_PHASE_FAILED"
        ? (options.failureMessage ?? p.plannedFailure ?? DEFAULT_PREBUILD_FAILURE)
        : undefined;
    const next = options.simulated ? planPrebuildStep(p, ctx.timing) : undefined;
    p.dueAt = next?.at;
    if (!options.simulated) p.plannedFailure = undefined;
  });
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
    if (warmed) setInstancesSnapshot(store, pool, warmed);
    changeSpec(store, pool, { snapshotId: snapshot?.id }, at);
  }
  return pool;
}
