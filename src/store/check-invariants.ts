import type { PoolSizeLimits } from "../contract/read-pool-size-limits.js";
import type { Project, WarmPool } from "./world.js";

/** The store's records and indexes, read-only, as the invariant check sees them. */
export interface StoreIndexes {
  pools: ReadonlyMap<string, WarmPool>;
  poolsByProject: ReadonlyMap<string, readonly WarmPool[]>;
  poolsByOrg: ReadonlyMap<string, readonly WarmPool[]>;
  nextSeq: ReadonlyMap<string, number>;
  projects: ReadonlyMap<string, Project>;
  due: { has(pool: WarmPool): boolean } & Iterable<WarmPool>;
  findPoolByPair(projectId: string, environmentClassId: string): WarmPool | undefined;
}

/**
 * Lists every way the indexes disagree with the pools or a pool breaks the API's rules;
 * empty when the world is coherent. Cheap enough for tests to call after every request.
 * The size limits come from the caller, read from the contract.
 */
export function checkInvariants(store: StoreIndexes, limits: PoolSizeLimits): string[] {
  const problems: string[] = [];
  const inOrgLists = new Set<WarmPool>();
  for (const [organizationId, list] of store.poolsByOrg) {
    list.forEach((pool, i) => {
      inOrgLists.add(pool);
      if (pool.organizationId !== organizationId)
        problems.push(`pool ${pool.id} is listed under organization ${organizationId}`);
      if (store.pools.get(pool.id) !== pool)
        problems.push(`pool ${pool.id} is listed but not stored`);
      const previous = list[i - 1];
      if (previous && previous.seq >= pool.seq)
        problems.push(`organization ${organizationId}: seq ${pool.seq} after ${previous.seq}`);
    });
  }
  let indexed = 0;
  for (const [projectId, list] of store.poolsByProject) {
    indexed += list.length;
    for (const pool of list) {
      if (pool.projectId !== projectId || store.pools.get(pool.id) !== pool)
        problems.push(`pool ${pool.id} is indexed under project ${projectId} but not stored so`);
    }
  }
  if (indexed !== store.pools.size)
    problems.push(`${indexed} pools indexed by project for ${store.pools.size} pools`);
  for (const [id, pool] of store.pools) {
    const where = `pool ${id}`;
    if (pool.id !== id) problems.push(`${where} is stored under another id`);
    if (store.findPoolByPair(pool.projectId, pool.environmentClassId) !== pool)
      problems.push(`${where} is not the indexed pool of its pair`);
    if (!inOrgLists.has(pool)) problems.push(`${where} is missing from its organization's list`);
    if (pool.seq >= (store.nextSeq.get(pool.organizationId) ?? 1))
      problems.push(`${where}: seq ${pool.seq} not yet handed out`);
    if (store.projects.get(pool.projectId)?.organizationId !== pool.organizationId)
      problems.push(`${where} belongs to another organization than its project`);
    if ((pool.dueAt !== undefined) !== store.due.has(pool))
      problems.push(`${where}: dueAt and the due set disagree`);
    problems.push(...sizeProblems(where, pool, limits));
    const { spec, status } = pool;
    if (!Number.isSafeInteger(spec.version) || spec.version < 1)
      problems.push(`${where}: spec version ${spec.version}`);
    if (!Number.isSafeInteger(status.version) || status.version < 1)
      problems.push(`${where}: status version ${status.version}`);
    if (spec.desiredPhase === "WARM_POOL_PHASE_DELETING" && status.phase !== spec.desiredPhase)
      problems.push(`${where}: desired DELETING but ${status.phase}`);
  }
  for (const pool of store.due) {
    if (store.pools.get(pool.id) !== pool) problems.push(`due pool ${pool.id} is not stored`);
  }
  return problems;
}

function sizeProblems(where: string, pool: WarmPool, limits: PoolSizeLimits): string[] {
  const { spec, status } = pool;
  const within = (n: number, range: { minimum: number; maximum: number }) =>
    range.minimum <= n && n <= range.maximum;
  const problems: string[] = [];
  if (
    !within(spec.minSize, limits.minSize) ||
    !within(spec.maxSize, limits.maxSize) ||
    spec.minSize > spec.maxSize
  )
    problems.push(`${where}: sizes min ${spec.minSize} max ${spec.maxSize}`);
  if (status.desiredSize < spec.minSize || status.desiredSize > spec.maxSize)
    problems.push(`${where}: status.desiredSize ${status.desiredSize} outside [min, max]`);
  return problems;
}
