import { ConnectError } from "../errors/connect-error.js";
import type { EnvironmentClass, Principal } from "../store/world.js";
import type { WorldStore } from "../store/world-store.js";

/**
 * The environment class with this ID if it belongs to a runner of the caller's organization;
 * `not_found` otherwise, alike.
 */
export function findVisibleEnvironmentClass(
  store: WorldStore,
  principal: Principal,
  id: string,
): EnvironmentClass {
  const environmentClass = store.environmentClasses.get(id.toLowerCase());
  const runner = environmentClass && store.runners.get(environmentClass.runnerId);
  if (!environmentClass || runner?.organizationId !== principal.organizationId) {
    throw new ConnectError("not_found", `environment class ${id} not found`);
  }
  return environmentClass;
}
