import { ConnectError } from "../errors/connect-error.js";
import type { CreatePrebuildRequest } from "../generated/api-types.js";
import type { Prebuild, Principal } from "../store/world.js";
import type { DomainContext } from "./domain-context.js";
import { findVisibleEnvironmentClass } from "./find-visible-environment-class.js";
import { findVisibleProject } from "./find-visible-project.js";
import { planPrebuildStep } from "./plan-prebuild-step.js";
import { reconcile } from "./reconcile.js";
import { DEFAULT_PREBUILD_TIMEOUT_SECONDS } from "./update-project.js";

/** How a started prebuild is to end, as the fault rules decided for the call. */
export interface PrebuildOutcome {
  /** The failure message it ends with; it completes when absent. */
  failWith?: string;
}

/**
 * Starts a prebuild of one of the caller's projects, for the class asked for or the project's
 * first: PENDING now, then RUNNING, SNAPSHOTTING and COMPLETED (or FAILED) on the simulated
 * clock. The class must be one of the project's and enabled. A pool of the pair that has no
 * snapshot and was DEGRADED by a failed prebuild waits for this one instead.
 */
export function startPrebuild(
  ctx: DomainContext,
  principal: Principal,
  request: CreatePrebuildRequest,
  outcome: PrebuildOutcome = {},
): Prebuild {
  const { store } = ctx;
  const project = findVisibleProject(store, principal, request.projectId);
  const offered = project.prebuildConfiguration.environmentClassIds;
  const classId = request.environmentClassId ?? offered[0];
  if (classId === undefined) {
    throw new ConnectError(
      "failed_precondition",
      `project ${project.id} has no environment class: name one in environment_class_id, or add one to its prebuild configuration`,
    );
  }
  const environmentClass = findVisibleEnvironmentClass(store, principal, classId);
  if (!offered.includes(environmentClass.id)) {
    throw new ConnectError(
      "failed_precondition",
      `environment class ${environmentClass.id} is not one of the environment classes of project ${project.id}`,
    );
  }
  if (!environmentClass.enabled) {
    throw new ConnectError(
      "failed_precondition",
      `environment class ${environmentClass.displayName} (${environmentClass.id}) is disabled`,
    );
  }
  const now = ctx.clock.now();
  const timeout = request.spec.timeout;
  const prebuild: Prebuild = {
    id: ctx.newId(),
    projectId: project.id,
    environmentClassId: environmentClass.id,
    phase: "PREBUILD_PHASE_PENDING",
    createdAt: now,
    completedAt: undefined,
    failureMessage: undefined,
    updatedAt: now,
    statusVersion: 1,
    creatorId: principal.userId.toLowerCase(),
    triggeredBy: "PREBUILD_TRIGGER_MANUAL",
    timeoutSeconds:
      timeout === undefined ? DEFAULT_PREBUILD_TIMEOUT_SECONDS : Number(timeout.slice(0, -1)),
    dueAt: undefined,
    plannedFailure: outcome.failWith,
  };
  prebuild.dueAt = planPrebuildStep(prebuild, ctx.timing)?.at;
  store.prebuilds.set(prebuild.id, prebuild);
  store.markPrebuildDue(prebuild);
  const pool = store.findPoolByPair(project.id, environmentClass.id);
  reconcile(ctx, pool ? [pool] : []);
  return prebuild;
}
