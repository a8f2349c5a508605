import type { GetProjectRequest } from "../generated/api-types.js";
import type { Principal, Project } from "../store/world.js";
import type { DomainContext } from "./domain-context.js";
import { findVisibleProject } from "./find-visible-project.js";

/** Returns one of the caller's projects. */
export function getProject(
  ctx: DomainContext,
  principal: Principal,
  request: GetProjectRequest,
): Project {
  return findVisibleProject(ctx.store, principal, request.projectId);
}
