import type { ListRunnersRequest } from "../generated/api-types.js";
import type { Principal, Runner } from "../store/world.js";
import { runnerKindOf, runnerProviderOf } from "./describe-runner.js";
import type { DomainContext } from "./domain-context.js";
import { byId, type KeyedPage, pageByKey } from "./page-by-key.js";
import { toValueSet } from "./to-id-set.js";

/**
 * Lists the caller's runners by ID, filtered by kind and provider. Runners have no creator in
 * the world, so a creator filter matches nothing.
 */
export function listRunners(
  ctx: DomainContext,
  principal: Principal,
  request: ListRunnersRequest,
): KeyedPage<Runner> {
  const filter = request.filter ?? {};
  const kinds = toValueSet<unknown>(filter.kinds);
  const providers = toValueSet<unknown>(filter.providers);
  const byCreator = (filter.creatorIds?.length ?? 0) > 0;
  const runners = [...ctx.store.runners.values()]
    .filter(
      (r) =>
        r.organizationId === principal.organizationId &&
        !byCreator &&
        (!kinds || kinds.has(runnerKindOf(r))) &&
        (!providers || providers.has(runnerProviderOf(r))),
    )
    .sort(byId);
  return pageByKey(runners, { kind: "rn1", keyOf: (r) => [r.id] }, request.pagination);
}
