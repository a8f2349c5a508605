import type { ListPrebuildsRequest } from "../generated/api-types.js";
import type { Prebuild, Principal } from "../store/world.js";
import type { DomainContext } from "./domain-context.js";
import { type KeyedPage, pageByKey } from "./page-by-key.js";
import { toIdSet, toValueSet } from "./to-id-set.js";

/**
 * Lists the prebuilds of the caller's organization's projects, newest first (then by ID),
 * filtered by project, phase, trigger, creator and executor (a prebuild started through
 * CreatePrebuild is run by the user who started it).
 */
export function listPrebuilds(
  ctx: DomainContext,
  principal: Principal,
  request: ListPrebuildsRequest,
): KeyedPage<Prebuild> {
  const { store } = ctx;
  const filter = request.filter ?? {};
  const projectIds = toIdSet(filter.projectIds);
  const phases = toValueSet<unknown>(filter.phases);
  const triggers = toValueSet<unknown>(filter.triggeredBy);
  const creators = toIdSet(filter.creatorIds);
  const executors = toIdSet(filter.executorIds);
  const prebuilds = [...store.prebuilds.values()]
    .filter((p) => {
      const project = store.projects.get(p.projectId);
      const creator = p.creatorId?.toLowerCase();
      return (
        project?.organizationId === principal.organizationId &&
        (!projectIds || projectIds.has(p.projectId)) &&
        (!phases || phases.has(p.phase)) &&
        (!triggers || triggers.has(p.triggeredBy ?? "PREBUILD_TRIGGER_UNSPECIFIED")) &&
        (!creators || (creator !== undefined && creators.has(creator))) &&
        (!executors || (creator !== undefined && executors.has(creator)))
      );
    })
    .map((p) => ({ prebuild: p, key: [-p.createdAt, p.id] as const }))
    .sort(
      (a, b) => a.key[0] - b.key[0] || (a.key[1] < b.key[1] ? -1 : a.key[1] > b.key[1] ? 1 : 0),
    );
  const page = pageByKey(prebuilds, { kind: "pb1", keyOf: (e) => e.key }, request.pagination);
  return { items: page.items.map((e) => e.prebuild), nextToken: page.nextToken };
}
