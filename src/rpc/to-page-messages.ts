import { runnerKindOf, runnerPhaseOf, runnerProviderOf } from "../domain/describe-runner.js";
import {
  type ProjectEnvironmentClass,
  projectEnvironmentClasses,
} from "../domain/project-environment-classes.js";
import type { components } from "../generated/api-types.js";
import { formatDuration } from "../protocol/format-duration.js";
import { formatTimestamp } from "../protocol/format-timestamp.js";
import type { EnvironmentClass, Prebuild, Project, Runner } from "../store/world.js";
import type { WorldStore } from "../store/world-store.js";

// The messages of the page's services, shaped from the world's records as the contract types
// them. What the world does not model is left out, which is its zero value on the wire
// (docs/protocol.md lists each field).

type Schemas = components["schemas"];

/** The prebuild timeout a configuration or prebuild shows when it has none: 1 hour. */
const DEFAULT_TIMEOUT_SECONDS = 3600;

/** A `gitpod.v1.Project`. */
export function toProjectMessage(project: Project): Schemas["Project"] {
  const classes = projectEnvironmentClasses(project).map(toProjectEnvironmentClassMessage);
  const config = project.prebuildConfiguration;
  return {
    id: project.id,
    metadata: { organizationId: project.organizationId, name: project.name },
    // Deprecated in favour of environmentClasses, still sent: its first.
    environmentClass: classes[0],
    prebuildConfiguration: {
      enabled: config.enabled,
      environmentClassIds: config.environmentClassIds,
      timeout: formatDuration(config.timeoutSeconds),
    },
    desiredPhase: "PROJECT_PHASE_ACTIVE",
    environmentClasses: classes,
  };
}

/** A `gitpod.v1.ProjectEnvironmentClass`. */
export function toProjectEnvironmentClassMessage(
  entry: ProjectEnvironmentClass,
): Schemas["ProjectEnvironmentClass"] {
  return { environmentClassId: entry.environmentClassId, order: entry.order };
}

/** A `gitpod.v1.EnvironmentClass`. */
export function toEnvironmentClassMessage(
  environmentClass: EnvironmentClass,
): Schemas["EnvironmentClass"] {
  return {
    id: environmentClass.id,
    displayName: environmentClass.displayName,
    description: environmentClass.description,
    runnerId: environmentClass.runnerId,
    // Only true is written (a bool's default is left out); the wire type says so.
    enabled: environmentClass.enabled as true,
  };
}

/** A `gitpod.v1.Runner`: its health is its failure, as `/_admin` sets it. */
export function toRunnerMessage(runner: Runner): Schemas["Runner"] {
  return {
    runnerId: runner.id,
    name: runner.name,
    spec: { desiredPhase: "RUNNER_PHASE_ACTIVE" },
    status: {
      phase: runnerPhaseOf(runner),
      message: runner.failureMessage,
      capabilities: ["RUNNER_CAPABILITY_WARM_POOL"],
    },
    kind: runnerKindOf(runner) as Schemas["RunnerKind"],
    provider: runnerProviderOf(runner) as Schemas["RunnerProvider"],
  };
}

/** A `gitpod.v1.Prebuild`; its organization is its project's. */
export function toPrebuildMessage(store: WorldStore, prebuild: Prebuild): Schemas["Prebuild"] {
  const creator: Schemas["Subject"] =
    prebuild.creatorId === undefined ? {} : { id: prebuild.creatorId, principal: "PRINCIPAL_USER" };
  return {
    id: prebuild.id,
    metadata: {
      organizationId: store.projects.get(prebuild.projectId)?.organizationId ?? "",
      projectId: prebuild.projectId,
      environmentClassId: prebuild.environmentClassId,
      creator,
      createdAt: formatTimestamp(prebuild.createdAt),
      updatedAt: formatTimestamp(prebuild.updatedAt ?? prebuild.completedAt ?? prebuild.createdAt),
      triggeredBy: prebuild.triggeredBy,
      // A prebuild someone started runs as them.
      executor: prebuild.creatorId === undefined ? undefined : creator,
    },
    spec: {
      specVersion: "1",
      desiredPhase: desiredPhaseOf(prebuild),
      timeout: formatDuration(prebuild.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS),
    },
    status: {
      phase: prebuild.phase,
      completionTime:
        prebuild.completedAt === undefined ? undefined : formatTimestamp(prebuild.completedAt),
      failureMessage: prebuild.failureMessage,
      statusVersion: String(prebuild.statusVersion ?? 1),
    },
  };
}

// What the prebuild is driven towards: COMPLETED, unless it is being cancelled or deleted.
function desiredPhaseOf(prebuild: Prebuild): Schemas["PrebuildPhase"] {
  switch (prebuild.phase) {
    case "PREBUILD_PHASE_CANCELLING":
    case "PREBUILD_PHASE_CANCELLED":
      return "PREBUILD_PHASE_CANCELLED";
    case "PREBUILD_PHASE_DELETING":
    case "PREBUILD_PHASE_DELETED":
      return "PREBUILD_PHASE_DELETED";
    default:
      return "PREBUILD_PHASE_COMPLETED";
  }
}
