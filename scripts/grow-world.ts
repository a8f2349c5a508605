import type { Prebuild, Project, WarmPool, WorldData } from "../src/store/world.js";

/** A deterministic lower-case UUID for synthetic records: `tag` tells kinds apart, `n` counts. */
export function syntheticUuid(tag: number, n: number): string {
  const hex = (value: number, width: number) => value.toString(16).padStart(width, "0");
  return `${hex(tag, 8)}-0000-4000-8000-${hex(n, 12)}`;
}

/**
 * Returns a copy of `world` with `count` more projects for the organization, each with
 * prebuilds enabled for every environment class of the organization's runners and a completed
 * prebuild per class, so every new <project, class> pair can hold a pool that becomes READY.
 */
export function growWorld(world: WorldData, organizationId: string, count: number): WorldData {
  const runners = new Set(
    world.runners.filter((r) => r.organizationId === organizationId).map((r) => r.id),
  );
  const classIds = world.environmentClasses.filter((c) => runners.has(c.runnerId)).map((c) => c.id);
  const tag = Number.parseInt(organizationId.slice(0, 6), 16);
  const projects: Project[] = [];
  const prebuilds: Prebuild[] = [];
  for (let i = 0; i < count; i++) {
    const projectId = syntheticUuid(tag, i);
    projects.push({
      id: projectId,
      organizationId,
      name: `synthetic/project-${i}`,
      prebuildConfiguration: { enabled: true, environmentClassIds: classIds, timeoutSeconds: 3600 },
    });
    classIds.forEach((environmentClassId, c) => {
      prebuilds.push({
        id: syntheticUuid(tag + 1, i * classIds.length + c),
        projectId,
        environmentClassId,
        phase: "PREBUILD_PHASE_COMPLETED",
        createdAt: Date.UTC(2026, 0, 1),
        completedAt: Date.UTC(2026, 0, 1, 0, 10),
      });
    });
  }
  return {
    ...structuredClone(world),
    projects: [...world.projects, ...projects],
    prebuilds: [...world.prebuilds, ...prebuilds],
  };
}

/**
 * Returns a copy of `world` with up to `count` more warm pools for the organization, one per
 * <project, environment class> pair that has a completed prebuild and no pool yet (growWorld
 * makes such pairs). A `ready` share of them is READY and full; the rest are PENDING with no
 * instances, so the reconciler provisions them once the clock passes the ready delay: a world
 * in which one clock advance changes thousands of pools.
 */
export function growPools(
  world: WorldData,
  organizationId: string,
  count: number,
  { ready = 0.5, at = Date.UTC(2026, 0, 1, 1) }: { ready?: number; at?: number } = {},
): WorldData {
  const classes = new Map(world.environmentClasses.map((c) => [c.id, c]));
  const taken = new Set(world.warmPools.map((p) => `${p.projectId}/${p.environmentClassId}`));
  const snapshots = new Map<string, string>();
  for (const p of world.prebuilds) {
    if (p.phase === "PREBUILD_PHASE_COMPLETED")
      snapshots.set(`${p.projectId}/${p.environmentClassId}`, p.id);
  }
  const tag = Number.parseInt(organizationId.slice(0, 6), 16) + 2;
  let seq = Math.max(
    0,
    ...world.warmPools.filter((p) => p.organizationId === organizationId).map((p) => p.seq),
  );
  const pools: WarmPool[] = [];
  for (const project of world.projects) {
    if (project.organizationId !== organizationId || !project.prebuildConfiguration.enabled)
      continue;
    for (const classId of project.prebuildConfiguration.environmentClassIds) {
      const pair = `${project.id}/${classId}`;
      const snapshotId = snapshots.get(pair);
      const environmentClass = classes.get(classId);
      if (pools.length >= count || taken.has(pair) || !snapshotId || !environmentClass) continue;
      const full = pools.length < count * ready;
      pools.push({
        id: syntheticUuid(tag, pools.length),
        seq: ++seq,
        organizationId,
        projectId: project.id,
        environmentClassId: classId,
        runnerId: environmentClass.runnerId,
        createdAt: at,
        updatedAt: at,
        spec: {
          version: 1,
          desiredSize: 0,
          snapshotId,
          desiredPhase: "WARM_POOL_PHASE_READY",
          minSize: 1,
          maxSize: 3,
        },
        status: {
          phase: full ? "WARM_POOL_PHASE_READY" : "WARM_POOL_PHASE_PENDING",
          failureMessage: "",
          version: 1,
          runningInstances: full ? 1 : 0,
          stoppedInstances: 0,
          desiredSize: 1,
        },
        ...(full ? { instancesSnapshotId: snapshotId } : {}),
      });
    }
  }
  return { ...world, warmPools: [...world.warmPools, ...pools] };
}
