import { ConnectError } from "../errors/connect-error.js";
import type { Project } from "../store/world.js";
import type { DomainContext } from "./domain-context.js";
import { markPoolDeleting } from "./mark-pool-deleting.js";
import { poolsWhere } from "./pools-where.js";
import { reconcile } from "./reconcile.js";

/**
 * Creates or replaces a project. As in the real API, its pools are deleted when prebuilds
 * are disabled or their class leaves the prebuild configuration.
 */
export function putProject(ctx: DomainContext, project: Project): Project {
  const { store } = ctx;
  const id = project.id.toLowerCase();
  const existing = store.projects.get(id);
  if (!store.organizations.has(project.organizationId)) {
    throw new ConnectError("invalid_argument", `organization ${project.organizationId} not found`);
  }
  if (existing && existing.organizationId !== project.organizationId) {
    throw new ConnectError("invalid_argument", `project ${id} cannot move to another organization`);
  }
  const classIds = project.prebuildConfiguration.environmentClassIds.map((c) => c.toLowerCase());
  for (const classId of classIds) {
    if (!store.environmentClasses.has(classId)) {
      throw new ConnectError("invalid_argument", `environment class ${classId} not found`);
    }
  }
  const saved: Project = {
    ...project,
    id,
    prebuildConfiguration: { ...project.prebuildConfiguration, environmentClassIds: classIds },
  };
  store.projects.set(id, saved);

  const config = saved.prebuildConfiguration;
  const now = ctx.clock.now();
  const orphaned = poolsWhere(
    store,
    (pool) =>
      pool.projectId === id &&
      pool.spec.desiredPhase !== "WARM_POOL_PHASE_DELETING" &&
      (!config.enabled || !config.environmentClassIds.includes(pool.environmentClassId)),
  );
  for (const pool of orphaned) markPoolDeleting(store, pool, now);
  reconcile(ctx, orphaned);
  return saved;
}
