import type { GetEnvironmentClassRequest } from "../generated/api-types.js";
import type { EnvironmentClass, Principal } from "../store/world.js";
import type { DomainContext } from "./domain-context.js";
import { findVisibleEnvironmentClass } from "./find-visible-environment-class.js";

/** Returns one environment class of the caller's organization's runners. */
export function getEnvironmentClass(
  ctx: DomainContext,
  principal: Principal,
  request: GetEnvironmentClassRequest,
): EnvironmentClass {
  return findVisibleEnvironmentClass(ctx.store, principal, request.environmentClassId);
}
