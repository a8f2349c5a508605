import { ConnectError } from "../errors/connect-error.js";
import type { Principal, Project } from "../store/world.js";
import type { WorldStore } from "../store/world-store.js";

/**
 * The project with this ID if the caller's organization owns it; `not_found` otherwise, alike,
 * as for warm pools: another organization's project is indistinguishable from a missing one.
 */
export function findVisibleProject(store: WorldStore, principal: Principal, id: string): Project {
  const project = store.projects.get(id.toLowerCase());
  if (!project || project.organizationId !== principal.organizationId) {
    throw new ConnectError("not_found", `project ${id} not found`);
  }
  return project;
}
