import { ConnectError } from "../errors/connect-error.js";
import type { Prebuild, PrebuildPhase } from "../store/world.js";
import type { DomainContext } from "./domain-context.js";
import { DEFAULT_PREBUILD_FAILURE, followSnapshot, movePrebuild } from "./move-prebuild.js";
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
  const phase = input.phase ?? "PREBUILD_PHASE_RUNNING";
  const finished = phase === "PREBUILD_PHASE_COMPLETED" || phase === "PREBUILD_PHASE_FAILED";
  const prebuild: Prebuild = {
    id,
    projectId,
    environmentClassId: classId,
    phase,
    createdAt: now,
    completedAt: finished ? now : undefined,
    failureMessage:
      phase === "PREBUILD_PHASE_FAILED"
        ? (input.failureMessage ?? DEFAULT_PREBUILD_FAILURE)
        : undefined,
    // Every field present from the start: phase changes then never reshape the record.
    updatedAt: undefined,
    statusVersion: undefined,
    creatorId: undefined,
    triggeredBy: undefined,
    timeoutSeconds: undefined,
    dueAt: undefined,
    plannedFailure: undefined,
  };
  store.prebuilds.set(id, prebuild);
  // A completed one may be the pool's new snapshot; any new one is the pair's newest prebuild.
  const pool = followSnapshot(ctx, prebuild, now);
  reconcile(ctx, pool ? [pool] : []);
  return prebuild;
}

/**
 * Moves a prebuild to a phase now, taking it out of the simulated runner's hands. Completing it
 * moves the pool of its project and class to the new snapshot (a spec change), and the pool
 * rotates its instances; failing it leaves a pool without any snapshot DEGRADED.
 */
export function setPrebuildPhase(
  ctx: DomainContext,
  prebuildId: string,
  phase: PrebuildPhase,
  failureMessage?: string,
): Prebuild {
  const prebuild = ctx.store.prebuilds.get(prebuildId.toLowerCase());
  if (!prebuild) throw new ConnectError("not_found", `prebuild ${prebuildId} not found`);
  const pool = movePrebuild(ctx, prebuild, phase, ctx.clock.now(), { failureMessage });
  reconcile(ctx, pool ? [pool] : []);
  return prebuild;
}
