import type { WarmPool, WarmPoolSpec, WarmPoolStatus } from "../store/world.js";
import type { WorldStore } from "../store/world-store.js";

type StatusFields = Omit<WarmPoolStatus, "version">;
type SpecFields = Omit<WarmPoolSpec, "version">;

/**
 * Applies a status change; only a real change bumps `statusVersion`, moves `updatedAt` to `at`
 * and is logged as a change of the pool.
 */
export function changeStatus(
  store: WorldStore,
  pool: WarmPool,
  patch: Partial<StatusFields>,
  at: number,
): boolean {
  if (!assignChanged(pool.status, patch)) return false;
  pool.status.version += 1;
  pool.updatedAt = Math.max(pool.updatedAt, at);
  store.changedPool(pool);
  return true;
}

/**
 * Applies a spec change; only a real change bumps `specVersion`, moves `updatedAt` to `at` and
 * is logged as a change of the pool.
 */
export function changeSpec(
  store: WorldStore,
  pool: WarmPool,
  patch: Partial<SpecFields>,
  at: number,
): boolean {
  if (!assignChanged(pool.spec, patch)) return false;
  pool.spec.version += 1;
  pool.updatedAt = Math.max(pool.updatedAt, at);
  store.changedPool(pool);
  return true;
}

/** Records which snapshot the pool's instances run (rotation shows while it differs from the spec's). */
export function setInstancesSnapshot(
  store: WorldStore,
  pool: WarmPool,
  snapshotId: string | undefined,
): void {
  if (pool.instancesSnapshotId === snapshotId) return;
  pool.instancesSnapshotId = snapshotId;
  store.changedPool(pool);
}

function assignChanged<T extends object>(target: T, patch: Partial<T>): boolean {
  let changed = false;
  for (const key of Object.keys(patch) as (keyof T)[]) {
    const value = patch[key];
    if (target[key] === value) continue;
    if (value === undefined) delete target[key];
    else target[key] = value as T[keyof T];
    changed = true;
  }
  return changed;
}
