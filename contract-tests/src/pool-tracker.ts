import {
  type ApiClient,
  type Credential,
  type Exchange,
  TransportError,
} from "./http/api-client.js";
import { waitUntil } from "./wait-until.js";
import type { PoolPair } from "./wire-types.js";

interface TrackedPool {
  id: string;
  pair: PoolPair;
  owner: Credential;
  state: "live" | "deleting" | "gone";
  /** Shared by several cases: kept across cases, deleted when its pair is needed or at the end. */
  shared?: boolean;
}

/** What the end-of-run cleanup did: pools it removed and pools it could not. */
export interface CleanupReport {
  deleted: string[];
  failed: { id: string; reason: string }[];
}

/**
 * Remembers every pool the harness created and deletes exactly those: after each case, before
 * a pair is reused (deletion is asynchronous, so it waits for the pool to be gone), and at the
 * end of the run.
 */
export class PoolTracker {
  private readonly pools = new Map<string, TrackedPool>();
  private readonly problems: CleanupReport["failed"] = [];

  constructor(
    private readonly client: ApiClient,
    private readonly waitTimeoutMs: number,
  ) {}

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
    if (pool?.state === "live") pool.state = "deleting";
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
   * is gone. Returns the IDs that are still there when the wait bound runs out.
   */
  async freePair(pair: PoolPair): Promise<string[]> {
    const onPair = [...this.pools.values()].filter(
      (p) =>
        p.state !== "gone" &&
        sameId(p.pair.projectId, pair.projectId) &&
        sameId(p.pair.environmentClassId, pair.environmentClassId),
    );
    for (const pool of onPair) if (pool.state === "live") await this.requestDelete(pool);
    return this.awaitGone(onPair);
  }

  /** Deletes what is left, waits for it to disappear, and reports. */
  async cleanup(): Promise<CleanupReport> {
    await this.releaseLive(true);
    const deleting = [...this.pools.values()].filter((p) => p.state === "deleting");
    const stuck = new Set(await this.awaitGone(deleting));
    for (const id of stuck) {
      this.problems.push({ id, reason: `still present ${this.waitTimeoutMs} ms after deletion` });
    }
    const failedIds = new Set(this.problems.map((p) => p.id));
    const deleted = [...this.pools.values()]
      .filter((p) => p.state === "gone" && !failedIds.has(p.id))
      .map((p) => p.id);
    return { deleted, failed: [...this.problems] };
  }

  private async requestDelete(pool: TrackedPool): Promise<void> {
    try {
      const exchange = await this.client.rpc(
        "DeleteWarmPool",
        { warmPoolId: pool.id },
        { as: pool.owner },
      );
      if (exchange.status === 200) pool.state = "deleting";
      else if (isNotFound(exchange)) pool.state = "gone";
      else
        this.problems.push({ id: pool.id, reason: `DeleteWarmPool answered ${exchange.status}` });
    } catch (error) {
      this.problems.push({ id: pool.id, reason: (error as Error).message });
    }
  }

  private async awaitGone(pools: TrackedPool[]): Promise<string[]> {
    const stuck: string[] = [];
    for (const pool of pools) {
      if (pool.state === "gone") continue;
      const gone = await waitUntil(
        async () => ((await this.isGone(pool)) ? true : undefined),
        this.waitTimeoutMs,
      );
      if (gone) pool.state = "gone";
      else stuck.push(pool.id);
    }
    return stuck;
  }

  private async isGone(pool: TrackedPool): Promise<boolean> {
    try {
      const exchange = await this.client.rpc(
        "GetWarmPool",
        { warmPoolId: pool.id },
        { as: pool.owner },
      );
      return isNotFound(exchange);
    } catch (error) {
      if (error instanceof TransportError) return false;
      throw error;
    }
  }
}

// Lenient on purpose: cleanup must work even against a target that gets the status wrong.
function isNotFound(exchange: Exchange): boolean {
  return (
    exchange.status === 404 ||
    (exchange.json as { code?: unknown } | undefined)?.code === "not_found"
  );
}

/** Compares UUIDs as the API does: case-insensitively. */
export function sameId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
