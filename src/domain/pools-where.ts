import type { WarmPool } from "../store/world.js";
import type { WorldStore } from "../store/world-store.js";

/** The pools matching a predicate, collected first so the caller may change them while iterating. */
export function poolsWhere(store: WorldStore, matches: (pool: WarmPool) => boolean): WarmPool[] {
  return [...store.allPools()].filter(matches);
}
