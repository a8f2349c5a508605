import type { MessageValue } from "../protocol/encode-proto-json.js";
import type { WarmPool } from "../store/world.js";

/** Shapes a stored pool as the `gitpod.v1.WarmPool` message, ready for encoding. */
export function toWarmPoolMessage(pool: WarmPool): MessageValue {
  const { spec, status } = pool;
  return {
    id: pool.id,
    metadata: {
      organizationId: pool.organizationId,
      projectId: pool.projectId,
      environmentClassId: pool.environmentClassId,
      runnerId: pool.runnerId,
      createdAt: pool.createdAt,
      updatedAt: pool.updatedAt,
    },
    spec: {
      specVersion: spec.version,
      desiredSize: spec.desiredSize,
      snapshotId: spec.snapshotId,
      desiredPhase: spec.desiredPhase,
      minSize: spec.minSize,
      maxSize: spec.maxSize,
    },
    status: {
      phase: status.phase,
      failureMessage: status.failureMessage,
      statusVersion: status.version,
      runningInstances: status.runningInstances,
      stoppedInstances: status.stoppedInstances,
      desiredSize: status.desiredSize,
    },
  };
}
