import {
  type ApiClient,
  type Credential,
  type Exchange,
  TransportError,
} from "./http/api-client.js";
import { PairUnusableError } from "./pair-unusable-error.js";
import { waitUntil } from "./wait-until.js";
import type { PoolPair } from "./wire-types.js";

export const DELETING = "WARM_POOL_PHASE_DELETING";
// Disappearing is the way out of DELETING; DELETED is its last step, not a return.
const ON_THE_WAY_OUT = new Set([DELETING, "WARM_POOL_PHASE_DELETED"]);

interface TrackedPool {
  id: string;
  pair: PoolPair;
  owner: Credential;
  state: "live" | "deleting" | "gone";
  /** Shared by several cases: kept across cases, deleted when its pair is needed or at the end. */
  shared?: boolean;
  /** When the target accepted its DeleteWarmPool, and during (or after) which case. */
  deletedAt?: number;
  deletedIn?: string;
  /** The phase of the latest answer that showed the pool. */
  lastPhase?: string;
  /** The case in which an answer first showed the pool DELETING. */
  seenDeletingIn?: string;
  /** The tracker's latest GetWarmPool of the pool, to reproduce a problem with. */
  lastRead?: Exchange;
}

/** A pool the harness deleted that did not disappear: still there, or back from DELETING. */
export interface DeletionProblem {
  kind: "stuck" | "came-back";
  id: string;
  pair: PoolPair;
  description: string;
  /** The answer that shows it, when the tracker read one. */
  exchange?: Exchange;
}

/** What the end-of-run cleanup did: pools it removed and pools it could not. */
export interface CleanupReport {
  deleted: string[];
  failed: { id: string; reason: string }[];
}

/**
 * Remembers every pool the harness created and deletes exactly those: after each case, before
 * a pair is reused (deletion is asynchronous, so it waits for the pool to be gone), and at the
 * end of the run. A pool gets at most --wait-timeout from its DeleteWarmPool to disappear;
 * when it does not, its pair is given up: later cases that need it are skipped instead of
 * waiting again, and cleanup probes it once instead of waiting. A broken target therefore
 * costs about one wait per pair, not one per case.
 */
export class PoolTracker {
  private readonly pools = new Map<string, TrackedPool>();
  private readonly problems: CleanupReport["failed"] = [];
  /** Pairs given up on, by key, with the reason. */
  private readonly unusable = new Map<string, string>();
  private currentCase = "preflight";

  constructor(
    private readonly client: ApiClient,
    private readonly waitTimeoutMs: number,
  ) {}

  /** Names the case that runs now, for the reports of deletions that go wrong. */
  enterCase(name: string): void {
    this.currentCase = name;
  }

  /** Records a pool that a CreateWarmPool call (or the end-of-run sweep) found. */
  register(id: string, pair: PoolPair, owner: Credential): void {
    if (!this.pools.has(id)) this.pools.set(id, { id, pair, owner, state: "live" });
  }

  /** Whether the harness created the pool with this ID. */
  owns(id: string): boolean {
    return this.pools.has(id);
  }

  /** Whether one of the harness's pools has not been deleted yet. */
  isLive(id: string): boolean {
    return this.pools.get(id)?.state === "live";
  }

  /** Keeps a pool across cases, for cases that only read it. */
  share(id: string): void {
    const pool = this.pools.get(id);
    if (pool) pool.shared = true;
  }

  /** Notes that one of the harness's pools is being deleted (by a case, or found so). */
  markDeleting(id: string): void {
    const pool = this.pools.get(id);
    if (pool?.state === "live") this.noteDeleted(pool);
  }

  /** Notes that a deleted pool is gone. */
  markGone(id: string): void {
    const pool = this.pools.get(id);
    if (pool) pool.state = "gone";
  }

  /** How much of a deleted pool's --wait-timeout is left. */
  remainingWait(id: string): number {
    const deletedAt = this.pools.get(id)?.deletedAt;
    if (deletedAt === undefined) return this.waitTimeoutMs;
    return Math.max(0, deletedAt + this.waitTimeoutMs - Date.now());
  }

  /**
   * Records the phase an answer showed for one of the harness's pools. Returns the problem
   * when a pool once seen DELETING reads another phase, and gives up its pair.
   */
  observe(pool: { id?: unknown; status?: { phase?: unknown } }): DeletionProblem | undefined {
    const tracked = typeof pool.id === "string" ? this.pools.get(pool.id) : undefined;
    const phase = pool.status?.phase;
    if (!tracked || typeof phase !== "string") return undefined;
    tracked.lastPhase = phase;
    if (phase === DELETING) {
      tracked.seenDeletingIn ??= this.currentCase;
      return undefined;
    }
    if (!tracked.seenDeletingIn || ON_THE_WAY_OUT.has(phase)) return undefined;
    const deleted = tracked.deletedIn ? ` (deleted in case ${tracked.deletedIn})` : "";
    const description = `pool ${tracked.id}${deleted} read ${phase} after it was seen ${DELETING} (in case ${tracked.seenDeletingIn}) instead of disappearing`;
    // It is a live pool again: cleanup deletes it once more, and reports it afresh.
    tracked.seenDeletingIn = undefined;
    tracked.state = "live";
    this.giveUp(tracked.pair, description);
    return { kind: "came-back", id: tracked.id, pair: tracked.pair, description };
  }

  /** Gives up on the pair of a deleted pool that is still there; returns the problem. */
  giveUpOn(id: string, exchange?: Exchange): DeletionProblem | undefined {
    const pool = this.pools.get(id);
    if (!pool) return undefined;
    const where = pool.deletedIn ? ` (deleted in case ${pool.deletedIn})` : "";
    const since = pool.deletedAt === undefined ? 0 : Date.now() - pool.deletedAt;
    const description = `pool ${pool.id}${where} still present ${since} ms after DeleteWarmPool (--wait-timeout ${this.waitTimeoutMs}); last phase seen: ${pool.lastPhase ?? "none"}`;
    this.giveUp(pool.pair, description);
    const shown = exchange ?? pool.lastRead;
    return {
      kind: "stuck",
      id: pool.id,
      pair: pool.pair,
      description,
      ...(shown ? { exchange: shown } : {}),
    };
  }

  /** Why the run gave up on a pair; undefined while it is usable. */
  unusableReason(pair: PoolPair): string | undefined {
    return this.unusable.get(pairKey(pair));
  }

  /**
   * Sends DeleteWarmPool for every pool still live except shared ones (unless `withShared`);
   * failures are kept for the cleanup report.
   */
  async releaseLive(withShared = false): Promise<void> {
    for (const pool of this.pools.values()) {
      if (pool.state === "live" && (withShared || !pool.shared)) await this.requestDelete(pool);
    }
  }

  /**
   * Makes a pair free for a new pool: deletes the harness's own pool there and waits until it
   * is gone. Throws PairUnusableError when the run gave up on the pair; returns the problems
   * of pools that did not disappear (their pair is then given up).
   */
  async freePair(pair: PoolPair): Promise<DeletionProblem[]> {
    const reason = this.unusableReason(pair);
    if (reason) throw new PairUnusableError(reason);
    const onPair = [...this.pools.values()].filter(
      (p) => p.state !== "gone" && pairKey(p.pair) === pairKey(pair),
    );
    for (const pool of onPair) if (pool.state === "live") await this.requestDelete(pool);
    return this.settle(onPair);
  }

  /** Deletes what is left, waits for it to disappear, and reports. */
  async cleanup(): Promise<CleanupReport> {
    this.enterCase("cleanup");
    await this.releaseLive(true);
    const deleting = [...this.pools.values()].filter((p) => p.state === "deleting");
    for (const problem of await this.settle(deleting)) {
      this.problems.push({ id: problem.id, reason: problem.description });
    }
    const failedIds = new Set(this.problems.map((p) => p.id));
    const deleted = [...this.pools.values()]
      .filter((p) => p.state === "gone" && !failedIds.has(p.id))
      .map((p) => p.id);
    return { deleted, failed: [...this.problems] };
  }

  private noteDeleted(pool: TrackedPool): void {
    pool.state = "deleting";
    pool.deletedAt = Date.now();
    pool.deletedIn = this.currentCase;
  }

  private giveUp(pair: PoolPair, why: string): void {
    const key = pairKey(pair);
    if (!this.unusable.has(key)) {
      this.unusable.set(
        key,
        `project ${pair.projectId} / class ${pair.environmentClassId} is unusable: ${why}`,
      );
    }
  }

  private async requestDelete(pool: TrackedPool): Promise<void> {
    try {
      const exchange = await this.client.rpc(
        "DeleteWarmPool",
        { warmPoolId: pool.id },
        { as: pool.owner },
      );
      if (exchange.status === 200) this.noteDeleted(pool);
      else if (isNotFound(exchange)) pool.state = "gone";
      else
        this.problems.push({ id: pool.id, reason: `DeleteWarmPool answered ${exchange.status}` });
    } catch (error) {
      this.problems.push({ id: pool.id, reason: (error as Error).message });
    }
  }

  // Waits for several pools at once, each within what is left of its own --wait-timeout; a
  // pool on a pair already given up is probed once.
  private async settle(pools: TrackedPool[]): Promise<DeletionProblem[]> {
    const outcomes = await Promise.all(
      pools.map(async (pool): Promise<DeletionProblem | undefined> => {
        if (pool.state === "gone") return undefined;
        const givenUp = this.unusableReason(pool.pair) !== undefined;
        const outcome = await waitUntil(
          () => this.probe(pool),
          givenUp ? 0 : this.remainingWait(pool.id),
        );
        if (outcome === "gone") pool.state = "gone";
        if (outcome !== undefined) return typeof outcome === "object" ? outcome : undefined;
        if (!givenUp) return this.giveUpOn(pool.id);
        return {
          kind: "stuck",
          id: pool.id,
          pair: pool.pair,
          description: `pool ${pool.id} still present (last phase seen: ${pool.lastPhase ?? "none"}); not waited for, its pair was given up`,
        };
      }),
    );
    return outcomes.filter((o): o is DeletionProblem => !!o);
  }

  private async probe(pool: TrackedPool): Promise<"gone" | DeletionProblem | undefined> {
    let exchange: Exchange;
    try {
      exchange = await this.client.rpc("GetWarmPool", { warmPoolId: pool.id }, { as: pool.owner });
    } catch (error) {
      if (error instanceof TransportError) return undefined;
      throw error;
    }
    if (isNotFound(exchange)) return "gone";
    pool.lastRead = exchange;
    const body = exchange.json as { warmPool?: { id?: unknown } } | undefined;
    const problem = body?.warmPool?.id === pool.id ? this.observe(body.warmPool) : undefined;
    return problem ? { ...problem, exchange } : undefined;
  }
}

function pairKey(pair: PoolPair): string {
  return `${pair.projectId}/${pair.environmentClassId}`.toLowerCase();
}

// Lenient on purpose: cleanup must work even against a target that gets the status wrong.
function isNotFound(exchange: Exchange): boolean {
  return (
    exchange.status === 404 ||
    (exchange.json as { code?: unknown } | undefined)?.code === "not_found"
  );
}
