import type { ListProjectEnvironmentClassesRequest } from "../generated/api-types.js";
import type { Principal } from "../store/world.js";
import type { DomainContext } from "./domain-context.js";
import { findVisibleProject } from "./find-visible-project.js";
import { type KeyedPage, pageByKey } from "./page-by-key.js";
import {
  type ProjectEnvironmentClass,
  projectEnvironmentClasses,
} from "./project-environment-classes.js";

/** Lists the environment classes one of the caller's projects offers, in their order. */
export function listProjectEnvironmentClasses(
  ctx: DomainContext,
  principal: Principal,
  request: ListProjectEnvironmentClassesRequest,
): KeyedPage<ProjectEnvironmentClass> {
  const project = findVisibleProject(ctx.store, principal, request.projectId);
  return pageByKey(
    projectEnvironmentClasses(project),
    { kind: "pc1", keyOf: (c) => [c.order] },
    request.pagination,
  );
}
