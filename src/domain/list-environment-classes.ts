import type { ListEnvironmentClassesRequest } from "../generated/api-types.js";
import type { EnvironmentClass, Principal } from "../store/world.js";
import { canCreateEnvironments, runnerKindOf, runnerProviderOf } from "./describe-runner.js";
import type { DomainContext } from "./domain-context.js";
import { byId, type KeyedPage, pageByKey } from "./page-by-key.js";
import { toIdSet, toValueSet } from "./to-id-set.js";

/**
 * Lists the environment classes of the caller's organization's runners by ID, filtered by
 * runner, enabled, whether environments can start on them now (enabled, on a runner that is
 * not failing), and the runners' kinds and providers.
 */
export function listEnvironmentClasses(
  ctx: DomainContext,
  principal: Principal,
  request: ListEnvironmentClassesRequest,
): KeyedPage<EnvironmentClass> {
  const { store } = ctx;
  const filter = request.filter ?? {};
  const runnerIds = toIdSet(filter.runnerIds);
  const kinds = toValueSet<unknown>(filter.runnerKinds);
  const providers = toValueSet<unknown>(filter.runnerProviders);
  const classes = [...store.environmentClasses.values()]
    .filter((c) => {
      const runner = store.runners.get(c.runnerId);
      return (
        runner?.organizationId === principal.organizationId &&
        (!runnerIds || runnerIds.has(runner.id)) &&
        (filter.enabled === undefined || c.enabled === filter.enabled) &&
        (filter.canCreateEnvironments === undefined ||
          canCreateEnvironments(store, c) === filter.canCreateEnvironments) &&
        (!kinds || kinds.has(runnerKindOf(runner))) &&
        (!providers || providers.has(runnerProviderOf(runner)))
      );
    })
    .sort(byId);
  return pageByKey(classes, { kind: "ec1", keyOf: (c) => [c.id] }, request.pagination);
}
