import type { PoolSizeLimits } from "../contract/read-pool-size-limits.js";
import { ChangeLog, type RecordKind } from "./change-log.js";
import { checkInvariants } from "./check-invariants.js";
import {
  copyEnvironmentClass,
  copyOrganization,
  copyPrebuild,
  copyPrincipal,
  copyProject,
  copyRunner,
  copyWarmPool,
  copyWithoutUndefined,
  createStringSharer,
} from "./copy-record.js";
import { DueQueue } from "./due-queue.js";
import { sameData } from "./same-data.js";
import type {
  EnvironmentClass,
  Organization,
  Prebuild,
  Principal,
  Project,
  Runner,
  WarmPool,
  WorldData,
} from "./world.js";

/** The in-memory world, with the indexes the RPCs need so that no request scans every pool. */
export class WorldStore {
  /**
   * Which records changed, and when: every mutator below reports to it, and so must domain
   * code that edits a record in place (through `edit`, or `changePool` for a pool).
   */
  readonly changes = new ChangeLog();
  readonly organizations = new Map<string, Organization>();
  readonly principals = new Map<string, Principal>();
  readonly runners = new RecordMap<Runner>("runners", this.changes);
  readonly environmentClasses = new RecordMap<EnvironmentClass>("environmentClasses", this.changes);
  readonly projects = new RecordMap<Project>("projects", this.changes);
  readonly prebuilds = new RecordMap<Prebuild>("prebuilds", this.changes);
  private token = "";

  private readonly pools = new Map<string, WarmPool>();
  // Each project's pools (one per class): a project has a few classes, so a scan is cheap, and
  // this costs an array per project instead of a string key per pool.
  private readonly poolsByProject = new Map<string, WarmPool[]>();
  // Each organization's pools in creation (seq) order, for keyset pagination.
  private readonly poolsByOrg = new Map<string, WarmPool[]>();
  private readonly due = new DueQueue();
  // Prebuilds the simulated runner is moving through their phases: a handful at a time.
  private readonly duePrebuildSet = new Set<Prebuild>();
  // Prebuilds grouped by project, then class (no string key per pair), rebuilt when the
  // prebuilds map changes: one project may hold a long history of prebuilds.
  private prebuildIndex:
    | { version: number; byProject: Map<string, Map<string, Prebuild[]>> }
    | undefined;
  // Sequence numbers count per organization: a global counter would show, through page
  // tokens, how many pools other organizations created in between.
  private readonly nextSeq = new Map<string, number>();

  constructor(data: WorldData) {
    this.replaceWith(data);
  }

  /**
   * Replaces the whole world in place, so everything holding this store sees the new one. The
   * store keeps compact copies of the records: the caller's world stays its own.
   */
  replaceWith(data: WorldData): void {
    this.changes.quietly(() => this.load(data));
    this.changes.replaced();
  }

  private load(data: WorldData): void {
    for (const map of [
      this.organizations,
      this.principals,
      this.runners,
      this.environmentClasses,
      this.projects,
      this.prebuilds,
      this.pools,
      this.poolsByProject,
      this.poolsByOrg,
    ]) {
      map.clear();
    }
    this.due.clear();
    this.duePrebuildSet.clear();
    this.nextSeq.clear();
    this.prebuildIndex = undefined;
    // Referenced IDs and phases become shared strings; the table lives only while loading.
    const share = createStringSharer();
    for (const o of data.organizations) this.organizations.set(o.id, copyOrganization(o, share));
    for (const p of data.principals) this.principals.set(p.token, copyPrincipal(p, share));
    for (const r of data.runners) this.runners.set(r.id, copyRunner(r, share));
    for (const c of data.environmentClasses)
      this.environmentClasses.set(c.id, copyEnvironmentClass(c, share));
    for (const p of data.projects) this.projects.set(p.id, copyProject(p, share));
    for (const p of data.prebuilds) {
      const prebuild = copyPrebuild(p, share);
      this.prebuilds.set(prebuild.id, prebuild);
      this.markPrebuildDue(prebuild);
    }
    this.token = data.defaultToken;
    // A pool's snapshot is one of the prebuilds: it shares the prebuild's ID string.
    const snapshotId = (id: string) => this.prebuilds.get(id)?.id ?? id;
    const pools = [...data.warmPools].sort((a, b) => a.seq - b.seq);
    for (const p of pools) this.insertPool(copyWarmPool(p, share, snapshotId));
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
    const classId = environmentClassId.toLowerCase();
    return this.poolsByProject
      .get(projectId.toLowerCase())
      ?.find((pool) => pool.environmentClassId === classId);
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

  /**
   * Edits a record of the world in place and logs the change when the edit changed anything;
   * the way domain code changes a runner, class, project or prebuild it holds.
   */
  edit<T extends object>(
    kind: EditableKind,
    record: T & { id: string },
    change: (record: T) => void,
  ): void {
    const before = copyWithoutUndefined(record);
    change(record);
    if (!sameData(before, record)) this.changes.changed(kind, record.id);
  }

  /** Logs that a pool's fields changed (the domain's pool mutators call it). */
  changedPool(pool: WarmPool): void {
    if (this.pools.get(pool.id) === pool) this.changes.changed("warmPools", pool.id);
  }

  insertPool(pool: WarmPool): void {
    if (this.pools.has(pool.id)) throw new Error(`duplicate warm pool id ${pool.id}`);
    if (this.findPoolByPair(pool.projectId, pool.environmentClassId))
      throw new Error(`duplicate warm pool for ${pool.projectId}/${pool.environmentClassId}`);
    this.pools.set(pool.id, pool);
    const ofProject = this.poolsByProject.get(pool.projectId);
    if (ofProject) ofProject.push(pool);
    else this.poolsByProject.set(pool.projectId, [pool]);
    const list = this.poolsByOrg.get(pool.organizationId) ?? [];
    // Pools arrive in seq order except when restored out of order; keep the list sorted.
    list.splice(upperBound(list, pool.seq), 0, pool);
    this.poolsByOrg.set(pool.organizationId, list);
    this.nextSeq.set(
      pool.organizationId,
      Math.max(this.nextSeq.get(pool.organizationId) ?? 1, pool.seq + 1),
    );
    this.markDue(pool);
    this.changes.changed("warmPools", pool.id);
  }

  removePool(pool: WarmPool): void {
    if (this.pools.get(pool.id) !== pool) return;
    this.pools.delete(pool.id);
    this.changes.removed("warmPools", pool.id);
    const ofProject = this.poolsByProject.get(pool.projectId) ?? [];
    ofProject.splice(ofProject.indexOf(pool), 1);
    if (ofProject.length === 0) this.poolsByProject.delete(pool.projectId);
    const list = this.poolsByOrg.get(pool.organizationId) ?? [];
    const i = upperBound(list, pool.seq) - 1;
    if (list[i] === pool) list.splice(i, 1);
    this.due.drop(pool);
  }

  /** Records that the reconciler has work on this pool at `pool.dueAt`. */
  markDue(pool: WarmPool): void {
    this.due.mark(pool);
  }

  /** Pools with pending reconciler work, earliest first (ties in creation order). */
  duePools(): WarmPool[] {
    return this.due.inOrder();
  }

  /** The pool whose reconciler work is due first (ties in creation order), if any. */
  nextDuePool(): WarmPool | undefined {
    return this.due.first();
  }

  /** Records the prebuild's current `dueAt`: tracked when set, dropped when not. */
  markPrebuildDue(prebuild: Prebuild): void {
    if (prebuild.dueAt === undefined) this.duePrebuildSet.delete(prebuild);
    else this.duePrebuildSet.add(prebuild);
  }

  /** The prebuild whose next phase falls due first (ties in creation order), if any. */
  nextDuePrebuild(): Prebuild | undefined {
    let first: Prebuild | undefined;
    for (const p of this.duePrebuildSet) {
      // A prebuild removed from the world (its class was deleted) is no longer simulated.
      if (p.dueAt === undefined || this.prebuilds.get(p.id) !== p) {
        this.duePrebuildSet.delete(p);
        continue;
      }
      if (
        !first ||
        p.dueAt < (first.dueAt as number) ||
        (p.dueAt === first.dueAt && p.createdAt < first.createdAt)
      )
        first = p;
    }
    return first;
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
      const byProject = new Map<string, Map<string, Prebuild[]>>();
      for (const p of this.prebuilds.values()) {
        let byClass = byProject.get(p.projectId);
        if (!byClass) {
          byClass = new Map();
          byProject.set(p.projectId, byClass);
        }
        const list = byClass.get(p.environmentClassId);
        if (list) list.push(p);
        else byClass.set(p.environmentClassId, [p]);
      }
      this.prebuildIndex = { version: this.prebuilds.version, byProject };
    }
    const byClass = this.prebuildIndex.byProject.get(projectId.toLowerCase());
    return byClass?.get(environmentClassId.toLowerCase()) ?? [];
  }

  /**
   * Lists every way the indexes disagree with the pools or a pool breaks the API's rules
   * (sizes within `limits`, which the caller reads from the contract); empty when coherent.
   */
  checkInvariants(limits: PoolSizeLimits): string[] {
    return checkInvariants(
      {
        pools: this.pools,
        poolsByProject: this.poolsByProject,
        poolsByOrg: this.poolsByOrg,
        nextSeq: this.nextSeq,
        projects: this.projects,
        due: this.due,
        findPoolByPair: (projectId, classId) => this.findPoolByPair(projectId, classId),
      },
      limits,
    );
  }

  /** A deep copy of the whole world, in the fixture format. */
  snapshot(): WorldData {
    return copyWithoutUndefined({
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

/** The kinds of record domain code edits in place (organizations and principals it never does). */
export type EditableKind = Extract<
  RecordKind,
  "runners" | "environmentClasses" | "projects" | "prebuilds"
>;

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

/**
 * A map of one kind of record that logs each real change: a `set` whose record says the same
 * as the one it replaces changes nothing, and `clear` is the store's rebuild (logged whole).
 */
export class RecordMap<V extends object> extends VersionedMap<string, V> {
  constructor(
    private readonly kind: EditableKind,
    private readonly log: ChangeLog,
  ) {
    super();
  }

  override set(key: string, value: V): this {
    // Map's constructor may call set before the fields exist.
    const before = this.log ? super.get(key) : undefined;
    super.set(key, value);
    if (this.log && (before === undefined || !sameData(before, value))) {
      this.log.changed(this.kind, key);
    }
    return this;
  }

  override delete(key: string): boolean {
    const had = super.delete(key);
    if (had) this.log.removed(this.kind, key);
    return had;
  }
}
