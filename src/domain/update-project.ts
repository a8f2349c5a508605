import { ConnectError } from "../errors/connect-error.js";
import type { UpdateProjectRequest } from "../generated/api-types.js";
import type { Principal, Project } from "../store/world.js";
import type { DomainContext } from "./domain-context.js";
import { findVisibleEnvironmentClass } from "./find-visible-environment-class.js";
import { findVisibleProject } from "./find-visible-project.js";
import { putProject } from "./put-project.js";

/** A prebuild's timeout when the configuration sets none: the API's default, 1 hour. */
export const DEFAULT_PREBUILD_TIMEOUT_SECONDS = 3600;

/**
 * Changes the fields of a project the request sets: its name, and its prebuild configuration,
 * which is replaced whole (prebuilds enabled or not, their environment classes and timeout).
 * Pools the new configuration no longer covers start deleting, as in the real API. Fields the
 * world does not model are refused with `unimplemented` naming them, never dropped silently.
 */
export function updateProject(
  ctx: DomainContext,
  principal: Principal,
  request: UpdateProjectRequest,
): Project {
  const { store } = ctx;
  const project = findVisibleProject(store, principal, request.projectId);
  const config = request.prebuildConfiguration;
  const unmodelled = [
    ["initializer", request.initializer],
    ["devcontainer_file_path", request.devcontainerFilePath],
    ["automations_file_path", request.automationsFilePath],
    ["technical_description", request.technicalDescription],
    ["recommended_editors", request.recommendedEditors],
    ["prebuild_configuration.trigger", config?.trigger],
    ["prebuild_configuration.executor", config?.executor],
    ["prebuild_configuration.enable_jetbrains_warmup", config?.enableJetbrainsWarmup || undefined],
  ]
    .filter(([, value]) => value !== undefined)
    .map(([name]) => name);
  if (unmodelled.length > 0) {
    throw new ConnectError(
      "unimplemented",
      `warm-pool-mock does not model ${unmodelled.join(", ")} of UpdateProjectRequest; leave ${unmodelled.length === 1 ? "it" : "them"} out`,
    );
  }
  let prebuildConfiguration = project.prebuildConfiguration;
  if (config) {
    const environmentClassIds: string[] = [];
    for (const id of config.environmentClassIds ?? []) {
      // Each class must be one of the caller's runners'; a class named twice counts once.
      const environmentClass = findVisibleEnvironmentClass(store, principal, id);
      if (!environmentClassIds.includes(environmentClass.id)) {
        environmentClassIds.push(environmentClass.id);
      }
    }
    prebuildConfiguration = {
      enabled: config.enabled ?? false,
      environmentClassIds,
      timeoutSeconds:
        config.timeout === undefined
          ? DEFAULT_PREBUILD_TIMEOUT_SECONDS
          : Number(config.timeout.slice(0, -1)),
    };
  }
  return putProject(ctx, {
    ...project,
    name: request.name ?? project.name,
    prebuildConfiguration,
  });
}
