import { ConnectError } from "../errors/connect-error.js";
import type { Runner } from "../store/world.js";
import type { DomainContext } from "./domain-context.js";
import { setRunnerFailure } from "./set-runner-failure.js";

/** Creates or replaces a runner; its `failureMessage`, when set, degrades its pools. */
export function putRunner(ctx: DomainContext, runner: Runner): Runner {
  const { store } = ctx;
  const id = runner.id.toLowerCase();
  if (!store.organizations.has(runner.organizationId)) {
    throw new ConnectError("invalid_argument", `organization ${runner.organizationId} not found`);
  }
  const existing = store.runners.get(id);
  if (existing && existing.organizationId !== runner.organizationId) {
    throw new ConnectError("invalid_argument", `runner ${id} cannot move to another organization`);
  }
  // One set with the runner as it ends up, so a put that changes nothing logs no change.
  store.runners.set(id, { ...runner, id, failureMessage: runner.failureMessage || undefined });
  return setRunnerFailure(ctx, id, runner.failureMessage);
}
