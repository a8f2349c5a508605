import type { WorldData } from "warm-pool-mock";

/** The target's fixtures the explorer uses: the same inputs the named cases take. */
export interface ExploreFixtures {
  token: string;
  /** A token of another organization, when the target has one. */
  foreignToken?: string;
  projectId: string;
  /** The classes of the project's prebuild configuration the explorer creates pools on. */
  classIds: readonly string[];
  /** A project of the organization with prebuilds disabled. */
  disabledProjectId?: string;
  /** A class of the organization outside the project's prebuild configuration. */
  unconfiguredClassId?: string;
}

// The model's own organizations and runners: the target's are unknown until it names them, so
// answers are compared through the values the target gave first (see pool-bindings.ts).
export const MODEL_ORGANIZATION = "00000000-0000-4000-8000-00000000000a";
export const MODEL_FOREIGN_ORGANIZATION = "00000000-0000-4000-8000-00000000000b";
const MODEL_RUNNER = "00000000-0000-4000-8000-0000000000a1";
const MODEL_FOREIGN_RUNNER = "00000000-0000-4000-8000-0000000000b1";

/**
 * The world the reference model starts from: the target's project, classes and tokens under the
 * same IDs, so that one request means the same to both; a completed prebuild for each class
 * of the project, so its pools can become READY; and no pools (the target's own pools are
 * never compared, only listed: see the README's "How explore judges a target").
 */
export function createModelWorld(fixtures: ExploreFixtures, now: number): WorldData {
  const id = (value: string) => value.toLowerCase();
  const classIds = [...fixtures.classIds, fixtures.unconfiguredClassId]
    .filter((c): c is string => !!c)
    .map(id);
  const project = (projectId: string, enabled: boolean, classes: readonly string[]) => ({
    id: id(projectId),
    organizationId: MODEL_ORGANIZATION,
    name: enabled ? "explore/project" : "explore/prebuilds-disabled",
    prebuildConfiguration: {
      enabled,
      environmentClassIds: classes.map(id),
      timeoutSeconds: 3600,
    },
  });
  const principals = [
    {
      token: fixtures.token,
      userId: "00000000-0000-4000-8000-0000000000c1",
      name: "the explorer's token",
      organizationId: MODEL_ORGANIZATION,
    },
  ];
  if (fixtures.foreignToken && fixtures.foreignToken !== fixtures.token) {
    principals.push({
      token: fixtures.foreignToken,
      userId: "00000000-0000-4000-8000-0000000000c2",
      name: "the explorer's foreign token",
      organizationId: MODEL_FOREIGN_ORGANIZATION,
    });
  }
  return {
    version: 1,
    organizations: [
      { id: MODEL_ORGANIZATION, name: "the token's organization" },
      { id: MODEL_FOREIGN_ORGANIZATION, name: "another organization" },
    ],
    principals,
    defaultToken: fixtures.token,
    runners: [
      { id: MODEL_RUNNER, organizationId: MODEL_ORGANIZATION, name: "explore-runner" },
      {
        id: MODEL_FOREIGN_RUNNER,
        organizationId: MODEL_FOREIGN_ORGANIZATION,
        name: "explore-foreign-runner",
      },
    ],
    environmentClasses: [...new Set(classIds)].map((classId) => ({
      id: classId,
      runnerId: MODEL_RUNNER,
      displayName: "explore class",
      description: "a class of the target, as the explorer was told",
      enabled: true,
    })),
    projects: [
      project(fixtures.projectId, true, fixtures.classIds),
      ...(fixtures.disabledProjectId
        ? [project(fixtures.disabledProjectId, false, fixtures.classIds.slice(0, 1))]
        : []),
    ],
    prebuilds: fixtures.classIds.map((classId, i) => ({
      id: `00000000-0000-4000-8000-${String(i + 1).padStart(12, "0")}`,
      projectId: id(fixtures.projectId),
      environmentClassId: id(classId),
      phase: "PREBUILD_PHASE_COMPLETED" as const,
      createdAt: now - 60_000,
      completedAt: now - 30_000,
    })),
    warmPools: [],
  };
}
