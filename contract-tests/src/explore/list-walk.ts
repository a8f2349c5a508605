import { CaseFailure, show } from "../case-failure.js";
import type { Exchange } from "../http/api-client.js";
import { sameId } from "../same-id.js";
import type { WarmPool } from "../wire-types.js";
import type { TargetBindings } from "./compare-pools.js";
import { CHECKS } from "./explore-checks.js";
import type { Caller, CallSpec } from "./explore-request.js";
import type { CallOptions } from "./explore-step.js";
import { MODEL_FOREIGN_ORGANIZATION, MODEL_ORGANIZATION } from "./model-world.js";

const MAX_PAGES = 200;
const MAX_PAGE_SIZE = 100;

export interface ListFilter {
  projectIds?: string[];
  environmentClassIds?: string[];
}

/** A walk through ListWarmPools' pages, on the target and the model side by side. */
export interface Walk {
  caller: Caller;
  filter: ListFilter;
  pageSize?: number;
  call: CallOptions;
  targetToken: string;
  modelToken: string;
  modelDone: boolean;
  pages: number;
  tokens: Set<string>;
  seen: Map<string, number>;
  /** The caller's pools live and matching at the walk's start, not deleted since. */
  mustAppear: Set<string>;
}

/** How a walk's checks name the run's IDs and bind the target's organization. */
export interface WalkNaming {
  bindings: TargetBindings;
  describeId(id: string): string;
  nameIds(text: string): string;
}

export function startWalk(
  caller: Caller,
  call: CallOptions,
  filter: ListFilter,
  pageSize: number | undefined,
  mustAppear: Iterable<string>,
): Walk {
  return {
    caller,
    filter,
    ...(pageSize === undefined ? {} : { pageSize }),
    call,
    targetToken: "",
    modelToken: "",
    modelDone: false,
    pages: 0,
    tokens: new Set(),
    seen: new Map(),
    mustAppear: new Set(mustAppear),
  };
}

/** The request for the walk's page at `token` ("" for the first). */
export function walkPageSpec(walk: Walk, token: string): CallSpec {
  const pagination = {
    ...(walk.pageSize === undefined ? {} : { pageSize: walk.pageSize }),
    ...(token ? { token } : {}),
  };
  return {
    rpc: "ListWarmPools",
    message: {
      ...(Object.keys(walk.filter).length > 0 ? { filter: walk.filter } : {}),
      ...(Object.keys(pagination).length > 0 ? { pagination } : {}),
    },
    ...walk.call,
  };
}

export function checkPageSize(walk: Walk, listed: number, target: Exchange): void {
  const limit = walk.pageSize || MAX_PAGE_SIZE;
  if (listed > limit) {
    throw new CaseFailure(CHECKS.pageSize, `at most ${limit}`, `${listed} pools`, target);
  }
}

/** A listed pool shows once per walk, of the caller's organization, within the filter. */
export function checkListedPool(
  walk: Walk,
  pool: WarmPool,
  target: Exchange,
  naming: WalkNaming,
): void {
  const id = pool.id.toLowerCase();
  const earlier = walk.seen.get(id);
  if (earlier !== undefined) {
    throw new CaseFailure(
      CHECKS.once,
      `${naming.describeId(id)} on one page`,
      `on page ${earlier} and again on page ${walk.pages}`,
      target,
    );
  }
  walk.seen.set(id, walk.pages);
  const callerOrganization =
    walk.caller === "foreign" ? MODEL_FOREIGN_ORGANIZATION : MODEL_ORGANIZATION;
  const wrongOrganization = naming.bindings.organization(
    callerOrganization,
    String(pool.metadata?.organizationId),
  );
  if (wrongOrganization) {
    throw new CaseFailure(
      CHECKS.organization,
      `organizationId ${wrongOrganization}`,
      `${naming.describeId(id)} of organization ${pool.metadata.organizationId}`,
      target,
    );
  }
  if (!matchesFilter(pool.metadata, walk.filter)) {
    throw new CaseFailure(
      CHECKS.filter,
      naming.nameIds(JSON.stringify(walk.filter)),
      `${naming.describeId(id)} of project ${naming.describeId(pool.metadata.projectId)}, class ${naming.describeId(pool.metadata.environmentClassId)}`,
      target,
    );
  }
}

/** The last page: every pool live throughout the walk must have shown. */
export function checkWalkComplete(walk: Walk, target: Exchange, naming: WalkNaming): void {
  const missing = [...walk.mustAppear].filter((id) => !walk.seen.has(id));
  if (missing.length === 0) return;
  const names = missing.map((id) => naming.describeId(id)).join(", ");
  throw new CaseFailure(
    CHECKS.complete,
    `${names} listed (live throughout the walk)`,
    `a walk of ${walk.pages} page(s) without ${names}`,
    target,
  );
}

/** A page with more: its token is new to the walk, and the walk has not run away. */
export function checkNextToken(walk: Walk, token: string, target: Exchange): void {
  if (walk.tokens.has(token) || walk.pages >= MAX_PAGES) {
    throw new CaseFailure(
      CHECKS.once,
      "a new page token, or none on the last page",
      `token ${show(token)} after ${walk.pages} page(s), already used before`,
      target,
    );
  }
  walk.tokens.add(token);
  walk.targetToken = token;
}

export function matchesFilter(
  pair: { projectId: string; environmentClassId: string },
  filter: ListFilter,
): boolean {
  const within = (ids: string[] | undefined, id: string) =>
    !ids || ids.length === 0 || ids.some((i) => sameId(i, String(id ?? "")));
  return (
    within(filter.projectIds, pair.projectId) &&
    within(filter.environmentClassIds, pair.environmentClassId)
  );
}
