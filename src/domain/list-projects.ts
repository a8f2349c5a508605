import { ConnectError } from "../errors/connect-error.js";
import type { ListProjectsRequest } from "../generated/api-types.js";
import type { Principal, Project } from "../store/world.js";
import { runnerKindOf } from "./describe-runner.js";
import type { DomainContext } from "./domain-context.js";
import { byId, type KeyedPage, pageByKey } from "./page-by-key.js";
import { toIdSet, toValueSet } from "./to-id-set.js";

/** The sort fields ListProjects knows: the API's, of which the mock can only order by ID. */
const SORT_FIELDS = new Set(["", "id", "popularity"]);

/** A page of projects, and their number when the request asked for it. */
export interface ProjectPage extends KeyedPage<Project> {
  count?: number;
}

/**
 * Lists the caller's projects, filtered. `id` sorts by ID (descending with SORT_ORDER_DESC);
 * `popularity`, the API's default, is not something the mock can measure, so every project is
 * as popular as the next and they come by ID. Filters on what the world does not model (the
 * repository URIs, the creator) match nothing.
 */
export function listProjects(
  ctx: DomainContext,
  principal: Principal,
  request: ListProjectsRequest,
): ProjectPage {
  const { store } = ctx;
  const field = request.sort?.field ?? "";
  if (!SORT_FIELDS.has(field)) {
    throw new ConnectError(
      "invalid_argument",
      `unsupported sort field ${JSON.stringify(field.slice(0, 80))}: use "id" or "popularity"`,
    );
  }
  const descending = field === "id" && request.sort?.order === "SORT_ORDER_DESC";
  const filter = request.filter ?? {};
  const ids = toIdSet(filter.projectIds);
  const runners = toIdSet(filter.runnerIds);
  const kinds = toValueSet<unknown>(filter.runnerKinds);
  const search = filter.search?.toLowerCase();
  const unmodelled =
    (filter.specRemoteUris?.length ?? 0) > 0 || (filter.creatorIds?.length ?? 0) > 0;
  const runnersOf = (project: Project) =>
    project.prebuildConfiguration.environmentClassIds.flatMap((classId) => {
      const environmentClass = store.environmentClasses.get(classId);
      const runner = environmentClass && store.runners.get(environmentClass.runnerId);
      return runner ? [runner] : [];
    });
  const matches = (project: Project) =>
    project.organizationId === principal.organizationId &&
    !unmodelled &&
    (!ids || ids.has(project.id)) &&
    (!search || project.name.toLowerCase().includes(search) || project.id.includes(search)) &&
    (!runners || runnersOf(project).some((r) => runners.has(r.id))) &&
    (!kinds || runnersOf(project).some((r) => kinds.has(runnerKindOf(r))));
  const projects = [...store.projects.values()].filter(matches).sort(byId);
  if (descending) projects.reverse();
  const page: ProjectPage = pageByKey(
    projects,
    { kind: descending ? "pj1d" : "pj1", keyOf: (p) => [p.id], descending },
    request.pagination,
  );
  if (request.count?.include) page.count = projects.length;
  return page;
}
