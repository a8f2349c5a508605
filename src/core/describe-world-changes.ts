import type { RecordChanges, WorldChanges } from "../generated/admin-types.js";
import type { LoggedChanges, RecordKind } from "../store/change-log.js";
import type { WorldStore } from "../store/world-store.js";

/** The most records of one kind an event lists; `more` counts the rest. */
export const MAX_LISTED_CHANGES = 1000;

// Organizations and principals change only when the world is replaced, which is a reload.
const LISTED_KINDS = [
  "runners",
  "environmentClasses",
  "projects",
  "prebuilds",
  "warmPools",
] as const satisfies readonly (keyof WorldChanges & RecordKind)[];

/**
 * What an event says of logged changes: per kind, the records created or changed with the
 * revision of their last change (a warm pool also with its spec and status versions), and the
 * IDs removed; at most MAX_LISTED_CHANGES of each kind.
 */
export function describeWorldChanges(store: WorldStore, logged: LoggedChanges): WorldChanges {
  const world: WorldChanges = {};
  for (const kind of LISTED_KINDS) {
    const changed = logged.changed.get(kind);
    const removed = logged.removed.get(kind);
    const total = (changed?.size ?? 0) + (removed?.size ?? 0);
    if (total === 0) continue;
    const entry: RecordChanges = {};
    let room = MAX_LISTED_CHANGES;
    if (changed && changed.size > 0) {
      entry.changed = [];
      for (const [id, revision] of changed) {
        if (room-- <= 0) break;
        const pool = kind === "warmPools" ? store.getPool(id) : undefined;
        entry.changed.push(
          pool
            ? { id, revision, specVersion: pool.spec.version, statusVersion: pool.status.version }
            : { id, revision },
        );
      }
    }
    if (removed && removed.size > 0 && room > 0) {
      entry.removed = [];
      for (const id of removed.keys()) {
        if (room-- <= 0) break;
        entry.removed.push(id);
      }
    }
    if (total > MAX_LISTED_CHANGES) entry.more = total - MAX_LISTED_CHANGES;
    world[kind] = entry;
  }
  return world;
}
