/** The records of the mock's world: what a warm pool refers to, and the pools themselves. */

export type WarmPoolPhase =
  | "WARM_POOL_PHASE_UNSPECIFIED"
  | "WARM_POOL_PHASE_PENDING"
  | "WARM_POOL_PHASE_READY"
  | "WARM_POOL_PHASE_DEGRADED"
  | "WARM_POOL_PHASE_DELETING"
  | "WARM_POOL_PHASE_DELETED";

export type PrebuildPhase =
  | "PREBUILD_PHASE_PENDING"
  | "PREBUILD_PHASE_STARTING"
  | "PREBUILD_PHASE_RUNNING"
  | "PREBUILD_PHASE_STOPPING"
  | "PREBUILD_PHASE_SNAPSHOTTING"
  | "PREBUILD_PHASE_COMPLETED"
  | "PREBUILD_PHASE_FAILED"
  | "PREBUILD_PHASE_CANCELLING"
  | "PREBUILD_PHASE_CANCELLED"
  | "PREBUILD_PHASE_DELETING"
  | "PREBUILD_PHASE_DELETED";

export interface Organization {
  id: string;
  name: string;
}

/** A caller: who a bearer token stands for. */
export interface Principal {
  token: string;
  userId: string;
  name: string;
  organizationId: string;
}

export interface Runner {
  id: string;
  organizationId: string;
  name: string;
  /** Set while the runner is failing; its pools are DEGRADED with this message. */
  failureMessage?: string;
}

export interface EnvironmentClass {
  id: string;
  runnerId: string;
  displayName: string;
  description: string;
  enabled: boolean;
}

export interface PrebuildConfiguration {
  enabled: boolean;
  environmentClassIds: string[];
  timeoutSeconds: number;
}

export interface Project {
  id: string;
  organizationId: string;
  name: string;
  prebuildConfiguration: PrebuildConfiguration;
}

/** What started a prebuild. */
export type PrebuildTrigger = "PREBUILD_TRIGGER_MANUAL" | "PREBUILD_TRIGGER_SCHEDULED";

export interface Prebuild {
  id: string;
  projectId: string;
  environmentClassId: string;
  phase: PrebuildPhase;
  /** Epoch milliseconds. */
  createdAt: number;
  completedAt?: number;
  /** Why a FAILED prebuild failed. */
  failureMessage?: string;
  /** Epoch ms of the last phase change; `completedAt`, else `createdAt`, when absent. */
  updatedAt?: number;
  /** Incremented on every phase change; 1 when absent. */
  statusVersion?: number;
  /** The user who asked for it, when known. */
  creatorId?: string;
  triggeredBy?: PrebuildTrigger;
  /** The spec's timeout in seconds; 3600 when absent. */
  timeoutSeconds?: number;
  /** Epoch ms at which the simulated runner moves it to its next phase (prebuilds it runs). */
  dueAt?: number;
  /** The failure message it ends with, when a fault rule decided it fails. */
  plannedFailure?: string;
}

export interface WarmPoolSpec {
  version: number;
  /** Deprecated request field, echoed; 0 when never set. */
  desiredSize: number;
  snapshotId?: string;
  desiredPhase: WarmPoolPhase;
  minSize: number;
  maxSize: number;
}

export interface WarmPoolStatus {
  phase: WarmPoolPhase;
  failureMessage: string;
  version: number;
  runningInstances: number;
  stoppedInstances: number;
  desiredSize: number;
}

export interface WarmPool {
  id: string;
  /** Creation order within the organization; the sort key of ListWarmPools and its page tokens. */
  seq: number;
  organizationId: string;
  projectId: string;
  environmentClassId: string;
  runnerId: string;
  /** Epoch milliseconds. */
  createdAt: number;
  updatedAt: number;
  spec: WarmPoolSpec;
  status: WarmPoolStatus;
  /** Epoch ms at which the reconciler next acts on this pool, if anything is due. */
  dueAt?: number;
  /** What the reconciler does at `dueAt`. */
  step?: PoolStep;
  /** The snapshot the pool's current instances were provisioned from (rotation when it differs). */
  instancesSnapshotId?: string;
}

/** One timed step of the simulated runner. */
export type PoolStep = "start" | "provision" | "drain" | "remove";

/** The serialisable world: the fixture format and the snapshot format are the same. */
export interface WorldData {
  version: 1;
  organizations: Organization[];
  principals: Principal[];
  /** The token whose principal stands in for any other bearer token text (unless auth is strict). */
  defaultToken: string;
  runners: Runner[];
  environmentClasses: EnvironmentClass[];
  projects: Project[];
  prebuilds: Prebuild[];
  warmPools: WarmPool[];
  /** The simulated clock when a state file was written, so a restart resumes from it. */
  savedAt?: number;
}
