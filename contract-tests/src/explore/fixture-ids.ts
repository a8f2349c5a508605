import type { ClassChoice, ProjectChoice } from "./explore-step.js";
import type { ExploreFixtures } from "./model-world.js";

/** IDs no target holds, for the unknown project, class and pool. */
export const UNKNOWN_IDS = {
  project: "0badc0de-0000-4000-8000-0000000000a1",
  class: "0badc0de-0000-4000-8000-0000000000a2",
  pool: "0badc0de-0000-4000-8000-0000000000a3",
} as const;

/** The target's fixtures as steps name them: a choice resolves to an ID, an ID to a name. */
export class FixtureIds {
  private readonly names: Map<string, string>;

  constructor(private readonly fixtures: ExploreFixtures) {
    this.names = new Map<string, string>([
      [UNKNOWN_IDS.project, "<unknown project>"],
      [UNKNOWN_IDS.class, "<unknown class>"],
      [UNKNOWN_IDS.pool, "<unknown pool>"],
      [fixtures.projectId.toLowerCase(), "<project>"],
    ]);
    fixtures.classIds.forEach((c, i) => {
      this.names.set(c.toLowerCase(), `<class ${i + 1}>`);
    });
    if (fixtures.disabledProjectId)
      this.names.set(fixtures.disabledProjectId.toLowerCase(), "<prebuilds-disabled project>");
    if (fixtures.unconfiguredClassId)
      this.names.set(fixtures.unconfiguredClassId.toLowerCase(), "<unconfigured class>");
  }

  /** The name of a fixture's ID (`<project>`, `<class 2>`, …), if it is one. */
  nameOf(id: string): string | undefined {
    return this.names.get(id.toLowerCase());
  }

  project(choice: ProjectChoice): string {
    const { fixtures } = this;
    switch (choice) {
      case "project":
        return fixtures.projectId;
      case "disabled-project":
        return fixtures.disabledProjectId ?? UNKNOWN_IDS.project;
      case "unknown-project":
        return UNKNOWN_IDS.project;
      case "not-a-uuid":
        return "not-a-uuid";
    }
  }

  /** A class; `taken` says which of the project's classes hold a pool (for "free-class"). */
  environmentClass(choice: ClassChoice, taken: (classId: string) => boolean): string {
    const { fixtures } = this;
    switch (choice) {
      case "free-class":
        return (
          fixtures.classIds.find((id) => !taken(id)) ?? fixtures.classIds[0] ?? UNKNOWN_IDS.class
        );
      case "class-1":
        return fixtures.classIds[0] ?? UNKNOWN_IDS.class;
      case "class-2":
        return fixtures.classIds[1] ?? fixtures.classIds[0] ?? UNKNOWN_IDS.class;
      case "unconfigured-class":
        return fixtures.unconfiguredClassId ?? UNKNOWN_IDS.class;
      case "unknown-class":
        return UNKNOWN_IDS.class;
      case "not-a-uuid":
        return "not-a-uuid";
    }
  }
}
