import type { GetPrebuildRequest } from "../generated/api-types.js";
import type { Prebuild, Principal } from "../store/world.js";
import type { DomainContext } from "./domain-context.js";
import { findVisiblePrebuild } from "./find-visible-prebuild.js";

/** Returns one of the caller's organization's prebuilds. */
export function getPrebuild(
  ctx: DomainContext,
  principal: Principal,
  request: GetPrebuildRequest,
): Prebuild {
  return findVisiblePrebuild(ctx.store, principal, request.prebuildId);
}
