import { ConnectError, DO_NOT_RETRY } from "../errors/connect-error.js";
import type { Principal, WarmPool } from "../store/world.js";
import type { DomainContext } from "./domain-context.js";
import { reconcile } from "./reconcile.js";
import type { CreateWarmPoolRequest } from "./requests.js";
import { chooseDesiredSize, resolveSizes } from "./resolve-sizes.js";

/** Creates the one pool of a <project, environment class> pair, applying the API's business rules. */
export function createWarmPool(
  ctx: DomainContext,
  principal: Principal,
  request: CreateWarmPoolRequest,
): WarmPool {
  const { store } = ctx;
  const { minSize, maxSize } = resolveSizes(request);
  const projectId = request.projectId.toLowerCase();
  const classId = request.environmentClassId.toLowerCase();

  const project = store.projects.get(projectId);
  if (!project || project.organizationId !== principal.organizationId) {
    throw new ConnectError("not_found", `project ${request.projectId} not found`);
  }
  const config = project.prebuildConfiguration;
  if (!config.enabled) {
    throw new ConnectError(
      "failed_precondition",
      `prebuilds are not enabled for project ${projectId}; enable them before creating a warm pool`,
    );
  }
  if (!config.environmentClassIds.some((id) => id.toLowerCase() === classId)) {
    throw new ConnectError(
      "failed_precondition",
      `environment class ${classId} is not in the prebuild configuration of project ${projectId}`,
    );
  }
  const environmentClass = store.environmentClasses.get(classId);
  const runner = environmentClass && store.runners.get(environmentClass.runnerId);
  if (!environmentClass || !runner || runner.organizationId !== principal.organizationId) {
    throw new ConnectError("not_found", `environment class ${classId} not found`);
  }
  if (store.findPoolByPair(projectId, classId)) {
    throw new ConnectError(
      "already_exists",
      `warm pool for project ${projectId} and environment class ${classId} already exists`,
    );
  }
  const cap = ctx.maxPoolsPerOrganization ?? Number.POSITIVE_INFINITY;
  if (store.poolsOfOrganization(principal.organizationId).length >= cap) {
    throw new ConnectError(
      "resource_exhausted",
      `the organization already holds the maximum of ${cap} warm pools; delete one first`,
      [],
      DO_NOT_RETRY,
    );
  }

  const now = ctx.clock.now();
  const snapshot = store.newestCompletedPrebuild(projectId, classId);
  const pool: WarmPool = {
    id: ctx.newId(),
    seq: store.takeSeq(project.organizationId),
    organizationId: project.organizationId,
    projectId,
    environmentClassId: classId,
    runnerId: environmentClass.runnerId,
    createdAt: now,
    updatedAt: now,
    spec: {
      version: 1,
      desiredSize: request.desiredSize ?? 0,
      snapshotId: snapshot?.id,
      desiredPhase: "WARM_POOL_PHASE_READY",
      minSize,
      maxSize,
    },
    status: {
      phase: "WARM_POOL_PHASE_PENDING",
      failureMessage: "",
      version: 1,
      runningInstances: 0,
      stoppedInstances: 0,
      desiredSize: chooseDesiredSize(minSize, maxSize),
    },
    // Present from the start, so every stored pool keeps one shape (see copy-record.ts).
    dueAt: undefined,
    step: undefined,
    instancesSnapshotId: undefined,
  };
  store.insertPool(pool);
  reconcile(ctx, [pool]);
  return pool;
}
