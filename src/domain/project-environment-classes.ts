import type { Project } from "../store/world.js";

/** One environment class a project offers, at its position. */
export interface ProjectEnvironmentClass {
  environmentClassId: string;
  order: number;
}

/**
 * The environment classes a project offers. The world does not keep them apart from the
 * prebuild configuration: a project offers the classes it prebuilds for, in that order.
 */
export function projectEnvironmentClasses(project: Project): ProjectEnvironmentClass[] {
  return project.prebuildConfiguration.environmentClassIds.map((environmentClassId, order) => ({
    environmentClassId,
    order,
  }));
}
