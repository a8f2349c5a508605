import type { Prebuild, Project, WorldData } from "../src/store/world.js";

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
