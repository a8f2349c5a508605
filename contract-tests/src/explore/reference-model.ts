// The one file that knows how the reference model is made. The harness imports nothing from
// src/: the model is the package's public API, loaded by the package's own name (package.json
// `exports` once built; tsconfig `paths` and the vitest alias map the name to the source).
import { randomUUID } from "node:crypto";
import type { WorldData } from "warm-pool-mock";

/**
 * The reference the explorer compares a target with: the mock itself, in this process, with a
 * clock only the explorer moves. Requests reach it through `fetch` at `baseUrl`, exactly as
 * they reach the target, with no port in between.
 */
export interface ReferenceModel {
  readonly baseUrl: string;
  readonly fetch: typeof fetch;
  /** The ID the next pool the model creates takes: the target's, so both name a pool alike. */
  nameNextPool(id: string | undefined): void;
  /**
   * Ends one pool's deletion now: the target has shown it gone. The model never ends a
   * deletion by itself, since how long one takes is the target's to decide.
   */
  finishDeletion(id: string): void;
  /** Moves the model's clock forward. */
  advanceClock(ms: number): void;
  close(): Promise<void>;
}

// A year on the model's clock, which moves a millisecond per step: deletions wait for the
// explorer; a new pool is READY by the next step (a target may be slower: phases are sets).
const MODEL_TIMING = { readyDelayMs: 1, startDelayMs: 1, deleteDelayMs: 365 * 86_400_000 };

/** Starts the reference model on `world` (see createModelWorld). */
export async function startReferenceModel(world: WorldData): Promise<ReferenceModel> {
  const { createFetchMock } = await import("warm-pool-mock");
  let nextId: string | undefined;
  // In process, on a manual clock, with no journal (nobody reads it): only the rules matter.
  const mock = createFetchMock({
    world,
    strictAuth: true,
    timing: MODEL_TIMING,
    journalSize: 0,
    newId: () => {
      const id = nextId ?? randomUUID();
      nextId = undefined;
      return id;
    },
  });
  return {
    // Any URL will do: the model reads only the path and the query.
    baseUrl: "http://reference-model.invalid",
    fetch: (input, init) => mock.fetch(new Request(input, init)),
    nameNextPool(id) {
      nextId = id?.toLowerCase();
    },
    finishDeletion(id) {
      const pool = mock.store.getPool(id.toLowerCase());
      if (pool) mock.store.removePool(pool);
    },
    advanceClock(ms) {
      mock.advanceClock({ ms });
    },
    close: async () => mock.close(),
  };
}
