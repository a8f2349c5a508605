import type { WarmPool } from "../store/world.js";
import type { WorldStore } from "../store/world-store.js";

/**
 * Why a pool cannot be served right now, or undefined when nothing is wrong: its runner is
 * failing, its environment class is disabled, or it has no snapshot and its newest prebuild failed.
 */
export function findPoolFailure(store: WorldStore, pool: WarmPool): string | undefined {
  const runner = store.runners.get(pool.runnerId);
  if (runner?.failureMessage) return `runner ${runner.name}: ${runner.failureMessage}`;
  const environmentClass = store.environmentClasses.get(pool.environmentClassId);
  if (environmentClass && !environmentClass.enabled) {
    return `environment class ${environmentClass.displayName} is disabled`;
  }
  if (!pool.spec.snapshotId) {
    const prebuild = store.newestPrebuild(pool.projectId, pool.environmentClassId);
    if (prebuild?.phase === "PREBUILD_PHASE_FAILED") {
      return `prebuild ${prebuild.id} failed${prebuild.failureMessage ? `: ${prebuild.failureMessage}` : ""}; no snapshot to warm`;
    }
  }
  return undefined;
}
