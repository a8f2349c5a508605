import type { WarmPool, WarmPoolSpec, WarmPoolStatus } from "../store/world.js";

type StatusFields = Omit<WarmPoolStatus, "version">;
type SpecFields = Omit<WarmPoolSpec, "version">;

/** Applies a status change; only a real change bumps `statusVersion` and moves `updatedAt` to `at`. */
export function changeStatus(pool: WarmPool, patch: Partial<StatusFields>, at: number): boolean {
  if (!assignChanged(pool.status, patch)) return false;
  pool.status.version += 1;
  pool.updatedAt = Math.max(pool.updatedAt, at);
  return true;
}

/** Applies a spec change; only a real change bumps `specVersion` and moves `updatedAt` to `at`. */
export function changeSpec(pool: WarmPool, patch: Partial<SpecFields>, at: number): boolean {
  if (!assignChanged(pool.spec, patch)) return false;
  pool.spec.version += 1;
  pool.updatedAt = Math.max(pool.updatedAt, at);
  return true;
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
