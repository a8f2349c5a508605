import { ConnectError } from "../errors/connect-error.js";
import type { Prebuild, Principal } from "../store/world.js";
import type { WorldStore } from "../store/world-store.js";

/**
 * The prebuild with this ID if its project belongs to the caller's organization; `not_found`
 * otherwise, alike.
 */
export function findVisiblePrebuild(store: WorldStore, principal: Principal, id: string): Prebuild {
  const prebuild = store.prebuilds.get(id.toLowerCase());
  const project = prebuild && store.projects.get(prebuild.projectId);
  if (!prebuild || project?.organizationId !== principal.organizationId) {
    throw new ConnectError("not_found", `prebuild ${id} not found`);
  }
  return prebuild;
}
