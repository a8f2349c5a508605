import type { GetRunnerRequest } from "../generated/api-types.js";
import type { Principal, Runner } from "../store/world.js";
import type { DomainContext } from "./domain-context.js";
import { findVisibleRunner } from "./find-visible-runner.js";

/** Returns one of the caller's runners. */
export function getRunner(
  ctx: DomainContext,
  principal: Principal,
  request: GetRunnerRequest,
): Runner {
  return findVisibleRunner(ctx.store, principal, request.runnerId);
}
