import type {
  EnvironmentClass,
  Organization,
  Prebuild,
  Principal,
  Project,
  Runner,
  WarmPool,
  WorldData,
} from "../domain/world.js";

/** The in-memory world, with the indexes the RPCs need so that no request scans every pool. */
export class WorldStore {
  readonly organizations = new Map<string, Organization>();
  readonly principals = new Map<string, Principal>();
  readonly runners = new Map<string, Runner>();
  readonly environmentClasses = new Map<string, EnvironmentClass>();
  readonly projects = new Map<string, Project>();
  readonly prebuilds = new VersionedMap<string, Prebuild>();
  private token = "";

  private readonly pools = new Map<string, WarmPool>();
  private readonly poolByPair = new Map<string, WarmPool>();
  // Each organization's pools in creation (seq) order, for keyset pagination.
  private readonly poolsByOrg = new Map<string, WarmPool[]>();
  private readonly due = new Set<WarmPool>();
  // `due` sorted by (dueAt, seq), kept while changes arrive in order (new ones due last, the
  // earliest leaving first), so requests do not sort every pending transition each time.
  private dueSorted: WarmPool[] | undefined = [];
  // Prebuilds grouped by <project, class>, rebuilt when the prebuilds map changes.
  private prebuildIndex: { version: number; byPair: Map<string, Prebuild[]> } | undefined;
  // Sequence numbers count per organization: a global counter would show, through page
  // tokens, how many pools other organizations created in between.
  private readonly nextSeq = new Map<string, number>();

  /**
   * Copies `data` unless `adopt` is set: then the store takes the objects over as they are, and
   * the caller must not keep or reuse them (a freshly parsed world, for instance).
   */
  constructor(data: WorldData, { adopt = false }: { adopt?: boolean } = {}) {
    this.replaceWith(data, { adopt });
  }

  /**
   * Replaces the whole world in place, so everything holding this store sees the new one;
   * copies `data` unless `adopt` hands its objects over (see the constructor).
   */
  replaceWith(data: WorldData, { adopt = false }: { adopt?: boolean } = {}): void {
    for (const map of [
      this.organizations,
      this.principals,
      this.runners,
      this.environmentClasses,
      this.projects,
      this.prebuilds,
      this.pools,
      this.poolByPair,
      this.poolsByOrg,
    ]) {
      map.clear();
    }
    this.due.clear();
    this.dueSorted = [];
    this.nextSeq.clear();
    const own = <T extends object>(record: T): T => (adopt ? record : { ...record });
    for (const o of data.organizations) this.organizations.set(o.id, own(o));
    for (const p of data.principals) this.principals.set(p.token, own(p));
    for (const r of data.runners) this.runners.set(r.id, own(r));
    for (const c of data.environmentClasses) this.environmentClasses.set(c.id, own(c));
    for (const p of data.projects) {
      const project = adopt
        ? p
        : {
            ...p,
            prebuildConfiguration: {
              ...p.prebuildConfiguration,
              environmentClassIds: [...p.prebuildConfiguration.environmentClassIds],
            },
          };
      const classIds = project.prebuildConfiguration.environmentClassIds;
      for (let i = 0; i < classIds.length; i++) classIds[i] = this.classId(classIds[i] as string);
      this.projects.set(project.id, project);
    }
    for (const p of data.prebuilds) {
      const prebuild = own(p);
      prebuild.projectId = this.projectId(prebuild.projectId);
      prebuild.environmentClassId = this.classId(prebuild.environmentClassId);
      this.prebuilds.set(prebuild.id, prebuild);
    }
    this.token = data.defaultToken;
    const pools = [...data.warmPools].sort((a, b) => a.seq - b.seq);
    for (const p of pools) {
      const pool = adopt ? p : structuredClone(p);
      pool.organizationId = this.organizations.get(pool.organizationId)?.id ?? pool.organizationId;
      pool.runnerId = this.runners.get(pool.runnerId)?.id ?? pool.runnerId;
      pool.projectId = this.projectId(pool.projectId);
      pool.environmentClassId = this.classId(pool.environmentClassId);
      const snapshotId = pool.spec.snapshotId;
      if (snapshotId !== undefined)
        pool.spec.snapshotId = this.prebuilds.get(snapshotId)?.id ?? snapshotId;
      this.insertPool(pool);
    }
  }

  // A large world repeats a few IDs hundreds of thousands of times; JSON.parse gives each
  // occurrence its own string, so references share the referenced record's ID instead.
  private projectId(id: string): string {
    return this.projects.get(id)?.id ?? id;
  }

  private classId(id: string): string {
    return this.environmentClasses.get(id)?.id ?? id;
  }

  /** The token whose principal stands in for unlisted tokens. */
  get defaultToken(): string {
    return this.token;
  }

  /** The principal a token stands for, if the world lists it. */
  principalFor(token: string): Principal | undefined {
    return this.principals.get(token);
  }

  /** The principal that stands in for unlisted tokens. */
  get defaultPrincipal(): Principal {
    const principal = this.principals.get(this.defaultToken);
    if (!principal) throw new Error(`defaultToken ${this.defaultToken} names no principal`);
    return principal;
  }

  /** The sequence number the organization's next created pool gets. */
  takeSeq(organizationId: string): number {
    const seq = this.nextSeq.get(organizationId) ?? 1;
    this.nextSeq.set(organizationId, seq + 1);
    return seq;
  }

  getPool(id: string): WarmPool | undefined {
    return this.pools.get(id);
  }

  findPoolByPair(projectId: string, environmentClassId: string): WarmPool | undefined {
    return this.poolByPair.get(pairKey(projectId, environmentClassId));
  }

  /** The organization's pools in creation order; callers must not mutate the array. */
  poolsOfOrganization(organizationId: string): readonly WarmPool[] {
    return this.poolsByOrg.get(organizationId) ?? [];
  }

  /** Every pool, in no particular order. */
  allPools(): IterableIterator<WarmPool> {
    return this.pools.values();
  }

  get poolCount(): number {
    return this.pools.size;
  }

  insertPool(pool: WarmPool): void {
    if (this.pools.has(pool.id)) throw new Error(`duplicate warm pool id ${pool.id}`);
    const key = pairKey(pool.projectId, pool.environmentClassId);
    if (this.poolByPair.has(key)) throw new Error(`duplicate warm pool for ${key}`);
    this.pools.set(pool.id, pool);
    this.poolByPair.set(key, pool);
    const list = this.poolsByOrg.get(pool.organizationId) ?? [];
    // Pools arrive in seq order except when restored out of order; keep the list sorted.
    list.splice(upperBound(list, pool.seq), 0, pool);
    this.poolsByOrg.set(pool.organizationId, list);
    this.nextSeq.set(
      pool.organizationId,
      Math.max(this.nextSeq.get(pool.organizationId) ?? 1, pool.seq + 1),
    );
    this.markDue(pool);
  }

  removePool(pool: WarmPool): void {
    if (this.pools.get(pool.id) !== pool) return;
    this.pools.delete(pool.id);
    this.poolByPair.delete(pairKey(pool.projectId, pool.environmentClassId));
    const list = this.poolsByOrg.get(pool.organizationId) ?? [];
    const i = upperBound(list, pool.seq) - 1;
    if (list[i] === pool) list.splice(i, 1);
    this.dropDue(pool);
  }

  /** Records that the reconciler has work on this pool at `pool.dueAt`. */
  markDue(pool: WarmPool): void {
    if (pool.dueAt === undefined) {
      this.dropDue(pool);
    } else if (this.due.has(pool)) {
      // Its dueAt may have moved: its place in the order is unknown.
      this.dueSorted = undefined;
    } else {
      this.due.add(pool);
      const last = this.dueSorted?.at(-1);
      if (!last || compareDue(last, pool) <= 0) this.dueSorted?.push(pool);
      else this.dueSorted = undefined;
    }
  }

  private dropDue(pool: WarmPool): void {
    if (!this.due.delete(pool)) return;
    if (this.dueSorted?.[0] === pool) this.dueSorted.shift();
    else this.dueSorted = undefined;
  }

  /** Pools with pending reconciler work, earliest first (ties in creation order). */
  duePools(): WarmPool[] {
    this.dueSorted ??= [...this.due].sort(compareDue);
    return this.dueSorted.slice();
  }

  /** The pool whose reconciler work is due first (ties in creation order), if any. */
  nextDuePool(): WarmPool | undefined {
    this.dueSorted ??= [...this.due].sort(compareDue);
    return this.dueSorted[0];
  }

  /** The newest completed prebuild for a project and class: the snapshot a pool warms. */
  newestCompletedPrebuild(projectId: string, environmentClassId: string): Prebuild | undefined {
    let newest: Prebuild | undefined;
    for (const p of this.prebuildsOfPair(projectId, environmentClassId)) {
      if (p.phase !== "PREBUILD_PHASE_COMPLETED") continue;
      if (!newest || (p.completedAt ?? p.createdAt) > (newest.completedAt ?? newest.createdAt))
        newest = p;
    }
    return newest;
  }

  /** The most recently created prebuild for a project and class, whatever its phase. */
  newestPrebuild(projectId: string, environmentClassId: string): Prebuild | undefined {
    let newest: Prebuild | undefined;
    for (const p of this.prebuildsOfPair(projectId, environmentClassId)) {
      if (!newest || p.createdAt >= newest.createdAt) newest = p;
    }
    return newest;
  }

  // Phases change in place and are read at query time; only membership needs a rebuild.
  private prebuildsOfPair(projectId: string, environmentClassId: string): readonly Prebuild[] {
    if (this.prebuildIndex?.version !== this.prebuilds.version) {
      const byPair = new Map<string, Prebuild[]>();
      for (const p of this.prebuilds.values()) {
        const key = pairKey(p.projectId, p.environmentClassId);
        const list = byPair.get(key);
        if (list) list.push(p);
        else byPair.set(key, [p]);
      }
      this.prebuildIndex = { version: this.prebuilds.version, byPair };
    }
    return this.prebuildIndex.byPair.get(pairKey(projectId, environmentClassId)) ?? [];
  }

  /**
   * Lists every way the indexes disagree with the pools or a pool breaks the API's rules;
   * empty when the world is coherent. Cheap enough for tests to call after every request.
   */
  checkInvariants(): string[] {
    const problems: string[] = [];
    const inOrgLists = new Set<WarmPool>();
    for (const [organizationId, list] of this.poolsByOrg) {
      list.forEach((pool, i) => {
        inOrgLists.add(pool);
        if (pool.organizationId !== organizationId)
          problems.push(`pool ${pool.id} is listed under organization ${organizationId}`);
        if (this.pools.get(pool.id) !== pool)
          problems.push(`pool ${pool.id} is listed but not stored`);
        const previous = list[i - 1];
        if (previous && previous.seq >= pool.seq)
          problems.push(`organization ${organizationId}: seq ${pool.seq} after ${previous.seq}`);
      });
    }
    if (this.poolByPair.size !== this.pools.size)
      problems.push(`${this.poolByPair.size} pairs indexed for ${this.pools.size} pools`);
    for (const [id, pool] of this.pools) {
      const where = `pool ${id}`;
      if (pool.id !== id) problems.push(`${where} is stored under another id`);
      if (this.findPoolByPair(pool.projectId, pool.environmentClassId) !== pool)
        problems.push(`${where} is not the indexed pool of its pair`);
      if (!inOrgLists.has(pool)) problems.push(`${where} is missing from its organization's list`);
      if (pool.seq >= (this.nextSeq.get(pool.organizationId) ?? 1))
        problems.push(`${where}: seq ${pool.seq} not yet handed out`);
      if (this.projects.get(pool.projectId)?.organizationId !== pool.organizationId)
        problems.push(`${where} belongs to another organization than its project`);
      if ((pool.dueAt !== undefined) !== this.due.has(pool))
        problems.push(`${where}: dueAt and the due set disagree`);
      const { spec, status } = pool;
      if (
        !(
          0 <= spec.minSize &&
          spec.minSize <= spec.maxSize &&
          spec.maxSize <= 20 &&
          spec.maxSize >= 1
        )
      )
        problems.push(`${where}: sizes min ${spec.minSize} max ${spec.maxSize}`);
      if (status.desiredSize < spec.minSize || status.desiredSize > spec.maxSize)
        problems.push(`${where}: status.desiredSize ${status.desiredSize} outside [min, max]`);
      if (!Number.isSafeInteger(spec.version) || spec.version < 1)
        problems.push(`${where}: spec version ${spec.version}`);
      if (!Number.isSafeInteger(status.version) || status.version < 1)
        problems.push(`${where}: status version ${status.version}`);
      if (spec.desiredPhase === "WARM_POOL_PHASE_DELETING" && status.phase !== spec.desiredPhase)
        problems.push(`${where}: desired DELETING but ${status.phase}`);
    }
    for (const pool of this.due) {
      if (this.pools.get(pool.id) !== pool) problems.push(`due pool ${pool.id} is not stored`);
    }
    return problems;
  }

  /** A deep copy of the whole world, in the fixture format. */
  snapshot(): WorldData {
    return structuredClone({
      version: 1,
      organizations: [...this.organizations.values()],
      principals: [...this.principals.values()],
      defaultToken: this.defaultToken,
      runners: [...this.runners.values()],
      environmentClasses: [...this.environmentClasses.values()],
      projects: [...this.projects.values()],
      prebuilds: [...this.prebuilds.values()],
      warmPools: [...this.pools.values()].sort((a, b) => a.seq - b.seq),
    });
  }
}

/** Index of the first pool whose seq is greater than `seq`. */
export function upperBound(pools: readonly WarmPool[], seq: number): number {
  let lo = 0;
  let hi = pools.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((pools[mid] as WarmPool).seq <= seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function pairKey(projectId: string, environmentClassId: string): string {
  return `${projectId.toLowerCase()}/${environmentClassId.toLowerCase()}`;
}

function compareDue(a: WarmPool, b: WarmPool): number {
  return (a.dueAt ?? 0) - (b.dueAt ?? 0) || a.seq - b.seq;
}

/** A Map that counts its changes, so an index built over it knows when to rebuild. */
export class VersionedMap<K, V> extends Map<K, V> {
  version = 0;

  override set(key: K, value: V): this {
    this.version++;
    return super.set(key, value);
  }

  override delete(key: K): boolean {
    this.version++;
    return super.delete(key);
  }

  override clear(): void {
    this.version++;
    super.clear();
  }
}
