import { ConnectError } from "../errors/connect-error.js";
import type { Principal, Runner } from "../store/world.js";
import type { WorldStore } from "../store/world-store.js";

/** The runner with this ID if the caller's organization owns it; `not_found` otherwise, alike. */
export function findVisibleRunner(store: WorldStore, principal: Principal, id: string): Runner {
  const runner = store.runners.get(id.toLowerCase());
  if (!runner || runner.organizationId !== principal.organizationId) {
    throw new ConnectError("not_found", `runner ${id} not found`);
  }
  return runner;
}
