import type { EnvironmentClass, Runner } from "../store/world.js";
import type { WorldStore } from "../store/world-store.js";

// The world does not model how a runner is deployed: every runner is a remote one on AWS EC2,
// the kind the API's warm pools run on. Filters and answers read them from here.
const RUNNER_KIND = "RUNNER_KIND_REMOTE";
const RUNNER_PROVIDER = "RUNNER_PROVIDER_AWS_EC2";

/** The runner's kind (a RunnerKind name). */
export function runnerKindOf(_runner: Runner): string {
  return RUNNER_KIND;
}

/** The runner's provider (a RunnerProvider name). */
export function runnerProviderOf(_runner: Runner): string {
  return RUNNER_PROVIDER;
}

/** The runner's phase: DEGRADED while it fails (`/_admin/runners/<id>/degrade`), ACTIVE otherwise. */
export function runnerPhaseOf(runner: Runner): "RUNNER_PHASE_ACTIVE" | "RUNNER_PHASE_DEGRADED" {
  return runner.failureMessage ? "RUNNER_PHASE_DEGRADED" : "RUNNER_PHASE_ACTIVE";
}

/** Whether new environments (and warm-pool instances) can start on the class now. */
export function canCreateEnvironments(
  store: WorldStore,
  environmentClass: EnvironmentClass,
): boolean {
  const runner = store.runners.get(environmentClass.runnerId);
  return environmentClass.enabled && runner !== undefined && !runner.failureMessage;
}
