/** The warm-pool messages as the contract writes them in JSON, for reading responses. */

export interface WarmPool {
  id: string;
  metadata: {
    organizationId: string;
    projectId: string;
    environmentClassId: string;
    runnerId: string;
    createdAt: string;
    updatedAt: string;
  };
  spec: {
    specVersion: string;
    desiredSize?: number;
    snapshotId?: string;
    desiredPhase: string;
    minSize?: number;
    maxSize?: number;
  };
  status: {
    phase: string;
    failureMessage?: string;
    statusVersion: string;
    runningInstances?: number;
    stoppedInstances?: number;
    desiredSize?: number;
  };
}

export interface WarmPoolResponse {
  warmPool: WarmPool;
}

export interface ListWarmPoolsResponse {
  pagination: { nextToken?: string };
  warmPools?: WarmPool[];
}

export interface ConnectErrorBody {
  code: string;
  message?: string;
}

/** A project and environment class: the key of at most one warm pool. */
export interface PoolPair {
  projectId: string;
  environmentClassId: string;
}
