// Generates large, valid worlds for the benchmark: one organization, many projects that each
// enable the same environment classes, pools on the first pairs and completed prebuilds on
// the rest, so CreateWarmPool always has a fresh valid pair.
import type { WorldData } from "../src/store/world.js";

const ORG = "0c7d7f3e-1f0a-4c57-9a55-2f5c8b3e4a01";
/** The bench world's one organization. */
export const BENCH_ORG = ORG;
const RUNNER = "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c01";
export const BENCH_TOKEN = "wpm_bench";
const CLASSES_PER_PROJECT = 50;

/** A lower-case UUID made from a kind (one hex digit) and a counter, unique per pair. */
function uuid(kind: number, n: number): string {
  const hex = n.toString(16).padStart(12, "0");
  return `${kind.toString(16).padStart(8, "0")}-0000-4000-8000-${hex}`;
}

/** A <project, class> pair by index: index / 50 picks the project, index % 50 the class. */
export function benchPair(index: number): { projectId: string; environmentClassId: string } {
  return {
    projectId: uuid(1, Math.floor(index / CLASSES_PER_PROJECT)),
    environmentClassId: uuid(2, index % CLASSES_PER_PROJECT),
  };
}

/** The ID of the pool on pair `index` (index < pools). */
export function benchPoolId(index: number): string {
  return uuid(3, index);
}

/** A world with `pools` READY pools on pairs 0..pools-1 and `freePairs` more pairs to create on. */
export function createBenchWorld(pools: number, freePairs: number): WorldData {
  const pairs = pools + freePairs;
  const projectCount = Math.ceil(pairs / CLASSES_PER_PROJECT);
  const classIds = Array.from({ length: CLASSES_PER_PROJECT }, (_, i) => uuid(2, i));
  const created = Date.UTC(2026, 0, 1);
  const world: WorldData = {
    version: 1,
    organizations: [{ id: ORG, name: "Bench Org" }],
    principals: [
      { token: BENCH_TOKEN, userId: uuid(5, 1), name: "Bench User", organizationId: ORG },
    ],
    defaultToken: BENCH_TOKEN,
    runners: [{ id: RUNNER, organizationId: ORG, name: "bench runner" }],
    environmentClasses: classIds.map((id, i) => ({
      id,
      runnerId: RUNNER,
      displayName: `Class ${i}`,
      description: `Bench class ${i}`,
      enabled: true,
    })),
    projects: Array.from({ length: projectCount }, (_, i) => ({
      id: uuid(1, i),
      organizationId: ORG,
      name: `bench/project-${i}`,
      prebuildConfiguration: { enabled: true, environmentClassIds: classIds, timeoutSeconds: 3600 },
    })),
    prebuilds: [],
    warmPools: [],
  };
  for (let i = 0; i < pairs; i++) {
    const { projectId, environmentClassId } = benchPair(i);
    const snapshotId = uuid(4, i);
    world.prebuilds.push({
      id: snapshotId,
      projectId,
      environmentClassId,
      phase: "PREBUILD_PHASE_COMPLETED",
      createdAt: created,
      completedAt: created + 60_000,
    });
    if (i >= pools) continue;
    world.warmPools.push({
      id: benchPoolId(i),
      seq: i + 1,
      organizationId: ORG,
      projectId,
      environmentClassId,
      runnerId: RUNNER,
      createdAt: created,
      updatedAt: created,
      spec: {
        version: 1,
        desiredSize: 0,
        snapshotId,
        desiredPhase: "WARM_POOL_PHASE_READY",
        minSize: 1,
        maxSize: 2,
      },
      status: {
        phase: "WARM_POOL_PHASE_READY",
        failureMessage: "",
        version: 2,
        runningInstances: 1,
        stoppedInstances: 0,
        desiredSize: 1,
      },
    });
  }
  return world;
}
