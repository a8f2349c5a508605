import { ConnectError } from "../errors/connect-error.js";
import type { Prebuild, PrebuildPhase } from "../store/world.js";
import { changeSpec, setInstancesSnapshot } from "./change-pool.js";
import type { DomainContext } from "./domain-context.js";
import { warmedSnapshotOf } from "./plan-pool-step.js";
import { reconcile } from "./reconcile.js";

export interface PrebuildInput {
  id?: string;
  projectId: string;
  environmentClassId: string;
  phase?: PrebuildPhase;
  failureMessage?: string;
}

/** Records a new prebuild (RUNNING unless told otherwise) for a project and environment class. */
export function createPrebuild(ctx: DomainContext, input: PrebuildInput): Prebuild {
  const { store } = ctx;
  const projectId = input.projectId.toLowerCase();
  const classId = input.environmentClassId.toLowerCase();
  if (!store.projects.has(projectId)) {
    throw new ConnectError("not_found", `project ${input.projectId} not found`);
  }
  if (!store.environmentClasses.has(classId)) {
    throw new ConnectError("not_found", `environment class ${input.environmentClassId} not found`);
  }
  const id = (input.id ?? ctx.newId()).toLowerCase();
  if (store.prebuilds.has(id))
    throw new ConnectError("already_exists", `prebuild ${id} already exists`);
  const now = ctx.clock.now();
  const prebuild: Prebuild = {
    id,
    projectId,
    environmentClassId: classId,
    phase: "PREBUILD_PHASE_RUNNING",
    createdAt: now,
    completedAt: undefined,
    failureMessage: undefined,
  };
  store.prebuilds.set(id, prebuild);
  return setPrebuildPhase(ctx, id, input.phase ?? "PREBUILD_PHASE_RUNNING", input.failureMessage);
}

/**
 * Moves a prebuild to a phase. Completing it moves the pool of its project and class to the
 * new snapshot (a spec change), and the pool rotates its instances; failing it leaves a pool
 * without any snapshot DEGRADED.
 */
export function setPrebuildPhase(
  ctx: DomainContext,
  prebuildId: string,
  phase: PrebuildPhase,
  failureMessage?: string,
): Prebuild {
  const { store } = ctx;
  const prebuild = store.prebuilds.get(prebuildId.toLowerCase());
  if (!prebuild) throw new ConnectError("not_found", `prebuild ${prebuildId} not found`);
  const now = ctx.clock.now();
  const finished = phase === "PREBUILD_PHASE_COMPLETED" || phase === "PREBUILD_PHASE_FAILED";
  store.edit("prebuilds", prebuild, (p) => {
    p.phase = phase;
    p.completedAt = finished ? now : undefined;
    p.failureMessage =
      phase === "PREBUILD_PHASE_FAILED" ? (failureMessage ?? "build failed") : undefined;
  });

  const pool = store.findPoolByPair(prebuild.projectId, prebuild.environmentClassId);
  if (!pool) return prebuild;
  const snapshot = store.newestCompletedPrebuild(prebuild.projectId, prebuild.environmentClassId);
  if (snapshot?.id !== pool.spec.snapshotId) {
    // Remember what the instances run before the spec moves on, so rotation is visible.
    const warmed = warmedSnapshotOf(pool);
    if (warmed) setInstancesSnapshot(store, pool, warmed);
    changeSpec(store, pool, { snapshotId: snapshot?.id }, now);
  }
  reconcile(ctx, [pool]);
  return prebuild;
}
