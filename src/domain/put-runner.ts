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
  const { failureMessage, ...rest } = runner;
  store.runners.set(id, { ...rest, id });
  return setRunnerFailure(ctx, id, failureMessage);
}
