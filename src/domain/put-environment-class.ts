import { ConnectError } from "../errors/connect-error.js";
import type { EnvironmentClass } from "../store/world.js";
import type { DomainContext } from "./domain-context.js";
import { poolsWhere } from "./pools-where.js";
import { reconcile } from "./reconcile.js";

/** Creates or replaces an environment class; disabling it degrades its pools, enabling recovers them. */
export function putEnvironmentClass(
  ctx: DomainContext,
  environmentClass: EnvironmentClass,
): EnvironmentClass {
  const { store } = ctx;
  const id = environmentClass.id.toLowerCase();
  const runnerId = environmentClass.runnerId.toLowerCase();
  if (!store.runners.has(runnerId)) {
    throw new ConnectError("invalid_argument", `runner ${runnerId} not found`);
  }
  const pools = poolsWhere(store, (pool) => pool.environmentClassId === id);
  if (pools.some((pool) => pool.runnerId !== runnerId)) {
    throw new ConnectError(
      "failed_precondition",
      `environment class ${id} has warm pools on runner ${store.environmentClasses.get(id)?.runnerId}; delete them before moving the class`,
    );
  }
  const saved = { ...environmentClass, id, runnerId };
  store.environmentClasses.set(id, saved);
  reconcile(ctx, pools);
  return saved;
}

/**
 * Removes an environment class that no pool uses: it leaves every prebuild configuration and
 * its prebuilds go with it. A class with pools must first leave its projects' configurations,
 * which deletes the pools.
 */
export function deleteEnvironmentClass(ctx: DomainContext, classId: string): void {
  const { store } = ctx;
  const id = classId.toLowerCase();
  if (!store.environmentClasses.has(id)) {
    throw new ConnectError("not_found", `environment class ${classId} not found`);
  }
  if (poolsWhere(store, (pool) => pool.environmentClassId === id).length > 0) {
    throw new ConnectError(
      "failed_precondition",
      `environment class ${id} still has warm pools; remove it from the projects' prebuild configuration first`,
    );
  }
  store.environmentClasses.delete(id);
  for (const project of store.projects.values()) {
    store.edit("projects", project, (p) => {
      const ids = p.prebuildConfiguration.environmentClassIds;
      p.prebuildConfiguration.environmentClassIds = ids.filter((c) => c !== id);
    });
  }
  for (const prebuild of [...store.prebuilds.values()]) {
    if (prebuild.environmentClassId === id) store.prebuilds.delete(prebuild.id);
  }
}
