import type { Exchange } from "../http/api-client.js";
import { readCreatedPool } from "../read-created-pool.js";
import { sameId } from "../same-id.js";
import type { PoolPair, WarmPool } from "../wire-types.js";
import type { PoolHistory } from "./compare-pools.js";
import type { Caller } from "./explore-request.js";
import type { PoolRef } from "./explore-step.js";
import type { FixtureIds } from "./fixture-ids.js";

/** Where a pool stands in the model: "absent" when only the target created it. */
export type ModelState = "live" | "deleting" | "gone" | "absent";

/** A pool the run created on either side, with what it has seen of it. */
export interface KnownPool {
  id: string;
  alias: string;
  pair: PoolPair;
  owner: Exclude<Caller, "none">;
  model: ModelState;
  history: PoolHistory;
}

/**
 * Every pool the run has created, by ID across sequences (cleanup and later sequences need
 * them all), and the current sequence's in creation order (steps refer to those; aliases and
 * names in reports are theirs).
 */
export class KnownPools {
  private readonly byId = new Map<string, KnownPool>();
  private created: KnownPool[] = [];
  /** The ID of the latest created pool when an earlier pool had it. */
  reusedId: string | undefined;

  constructor(private readonly ids: FixtureIds) {}

  /** Starts a sequence: its steps refer to the pools it creates from now on. */
  beginSequence(): void {
    this.created = [];
  }

  all(): KnownPool[] {
    return [...this.byId.values()];
  }

  get(id: string): KnownPool | undefined {
    return this.byId.get(id.toLowerCase());
  }

  /** Whether the pool was created by the current sequence. */
  isCurrent(known: KnownPool): boolean {
    return this.created.includes(known);
  }

  /** Whether a pool of the current sequence has this ID. */
  createdNow(id: string): boolean {
    return this.created.some((c) => sameId(c.id, id));
  }

  /** A pool one step created, as the current sequence's next alias. */
  remember(pool: WarmPool, caller: Caller, model: ModelState): KnownPool {
    const known: KnownPool = {
      id: pool.id,
      alias: `#${this.created.length + 1}`,
      pair: {
        projectId: String(pool.metadata?.projectId ?? "").toLowerCase(),
        environmentClassId: String(pool.metadata?.environmentClassId ?? "").toLowerCase(),
      },
      owner: caller === "foreign" ? "foreign" : "own",
      model,
      history: {},
    };
    this.byId.set(known.id.toLowerCase(), known);
    this.created.push(known);
    return known;
  }

  // Any pool the target makes is the run's to wait for and clean up, even when its answer
  // breaks the contract (read leniently: snake_case, fields missing).
  noteCreated(exchange: Exchange): void {
    const made = readCreatedPool(exchange.json);
    if (!made) return;
    const key = made.id.toLowerCase();
    this.reusedId = this.byId.has(key) ? key : undefined;
    if (this.reusedId) return;
    this.byId.set(key, {
      id: made.id,
      alias: `${made.id.slice(0, 8)}…`,
      pair: {
        projectId: made.pair.projectId.toLowerCase(),
        environmentClassId: made.pair.environmentClassId.toLowerCase(),
      },
      owner: "own",
      model: "absent",
      history: {},
    });
  }

  poolFor(ref: PoolRef): KnownPool | undefined {
    return ref.kind === "created" ? this.createdAt(ref.index) : undefined;
  }

  // Counted from the latest: dropping earlier steps while shrinking leaves the reference alone.
  createdAt(index: number): KnownPool | undefined {
    const created = this.created;
    return created.length === 0
      ? undefined
      : created[created.length - 1 - (index % created.length)];
  }

  /** Names an ID as the run knows it: a pool by its alias, a fixture by its role. */
  describeId(id: string): string {
    const known = this.get(id);
    if (known) {
      return this.isCurrent(known)
        ? `pool ${known.alias}`
        : `pool ${id.slice(0, 8)}… (an earlier sequence's)`;
    }
    return this.ids.nameOf(id) ?? `${id.slice(0, 8)}…`;
  }

  /** Replaces the IDs the run knows in a text by their names. */
  nameIds(text: string): string {
    return text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, (id) => {
      const known = this.get(id);
      if (known && this.isCurrent(known)) return `<pool ${known.alias}>`;
      return this.ids.nameOf(id) ?? id;
    });
  }
}
