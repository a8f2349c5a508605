import type {
  EnvironmentClass,
  Organization,
  Prebuild,
  Principal,
  Project,
  Runner,
  WarmPool,
} from "./world.js";

/** Returns one canonical string for each distinct value it is given. */
export type ShareString = (value: string) => string;

/**
 * A string table for one load: a large world repeats a handful of phases and referenced IDs
 * hundreds of thousands of times, and JSON.parse gives every occurrence its own string.
 */
export function createStringSharer(): ShareString {
  const table = new Map<string, string>();
  return (value) => {
    const known = table.get(value);
    if (known !== undefined) return known;
    table.set(value, value);
    return value;
  };
}

// Records are rebuilt field by field rather than kept as parsed or structuredClone'd, and every
// optional field is present (undefined when unset): each kind then has one fixed shape, with
// no property arrays for fields added later and no slow dictionary objects from `delete`.
// The domain clears optional fields by assigning undefined for the same reason. Prebuilds are
// the one kind with two shapes (see copyPrebuild).

/** A copy of an organization. */
export function copyOrganization(o: Organization, share: ShareString): Organization {
  return { id: share(o.id), name: o.name };
}

/** A copy of a principal. */
export function copyPrincipal(p: Principal, share: ShareString): Principal {
  return {
    token: p.token,
    userId: p.userId,
    name: p.name,
    organizationId: share(p.organizationId),
  };
}

/** A copy of a runner. */
export function copyRunner(r: Runner, share: ShareString): Runner {
  return {
    id: share(r.id),
    organizationId: share(r.organizationId),
    name: r.name,
    failureMessage: r.failureMessage,
  };
}

/** A copy of an environment class. */
export function copyEnvironmentClass(c: EnvironmentClass, share: ShareString): EnvironmentClass {
  return {
    id: share(c.id),
    runnerId: share(c.runnerId),
    displayName: c.displayName,
    description: c.description,
    enabled: c.enabled,
  };
}

/** A copy of a project, its prebuild configuration included. */
export function copyProject(p: Project, share: ShareString): Project {
  const config = p.prebuildConfiguration;
  return {
    id: share(p.id),
    organizationId: share(p.organizationId),
    name: p.name,
    prebuildConfiguration: {
      enabled: config.enabled,
      environmentClassIds: config.environmentClassIds.map(share),
      timeoutSeconds: config.timeoutSeconds,
    },
  };
}

/**
 * A copy of a prebuild. The fields of a prebuild whose phase has moved (its status version,
 * the creator and timeout of one the API started, the next step) come only with one that has
 * them: a large world holds a prebuild per snapshot, and 7 empty slots each cost ~6 MB per
 * 100,000 (scripts/bench.ts's world). So prebuilds read from a world have two shapes, and the
 * domain makes its new prebuilds in the second.
 */
export function copyPrebuild(p: Prebuild, share: ShareString): Prebuild {
  const base: Prebuild = {
    id: p.id,
    projectId: share(p.projectId),
    environmentClassId: share(p.environmentClassId),
    phase: share(p.phase) as Prebuild["phase"],
    createdAt: p.createdAt,
    completedAt: p.completedAt,
    failureMessage: p.failureMessage === undefined ? undefined : share(p.failureMessage),
  };
  const started =
    p.updatedAt !== undefined ||
    p.statusVersion !== undefined ||
    p.creatorId !== undefined ||
    p.triggeredBy !== undefined ||
    p.timeoutSeconds !== undefined ||
    p.dueAt !== undefined ||
    p.plannedFailure !== undefined;
  if (!started) return base;
  return {
    ...base,
    updatedAt: p.updatedAt,
    statusVersion: p.statusVersion,
    creatorId: p.creatorId === undefined ? undefined : share(p.creatorId),
    triggeredBy: p.triggeredBy,
    timeoutSeconds: p.timeoutSeconds,
    dueAt: p.dueAt,
    plannedFailure: p.plannedFailure,
  };
}

/**
 * A deep copy of a warm pool; `snapshotId` maps a snapshot ID to the prebuild's own string, so
 * each pool does not hold a second copy of it.
 */
export function copyWarmPool(
  p: WarmPool,
  share: ShareString,
  snapshotId: (id: string) => string = (id) => id,
): WarmPool {
  const { spec: s, status: t } = p;
  return {
    id: p.id,
    seq: p.seq,
    organizationId: share(p.organizationId),
    projectId: share(p.projectId),
    environmentClassId: share(p.environmentClassId),
    runnerId: share(p.runnerId),
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    spec: {
      version: s.version,
      desiredSize: s.desiredSize,
      snapshotId: s.snapshotId === undefined ? undefined : snapshotId(s.snapshotId),
      desiredPhase: share(s.desiredPhase) as WarmPool["spec"]["desiredPhase"],
      minSize: s.minSize,
      maxSize: s.maxSize,
    },
    status: {
      phase: share(t.phase) as WarmPool["status"]["phase"],
      failureMessage: share(t.failureMessage),
      version: t.version,
      runningInstances: t.runningInstances,
      stoppedInstances: t.stoppedInstances,
      desiredSize: t.desiredSize,
    },
    dueAt: p.dueAt,
    step: p.step === undefined ? undefined : (share(p.step) as WarmPool["step"]),
    instancesSnapshotId:
      p.instancesSnapshotId === undefined ? undefined : snapshotId(p.instancesSnapshotId),
  };
}

/**
 * A deep copy of plain data without the properties whose value is undefined: the fixture and
 * snapshot format, where an unset optional field is absent.
 */
export function copyWithoutUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copyWithoutUndefined) as T;
  if (value === null || typeof value !== "object") return value;
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (field !== undefined) copy[key] = copyWithoutUndefined(field);
  }
  return copy as T;
}
