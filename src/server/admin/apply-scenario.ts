import type { WorldData } from "../../store/world.js";
import type { ScenarioSettings } from "../load-scenario.js";
import type { AdminDeps } from "./admin-route.js";

/**
 * Puts a world and its settings in place as one action: clock first (the world's times go with
 * it), then the pool cap, the world, the fault rules, and an empty journal. A clock injected by
 * the embedding code cannot be moved and stays its own: the clock setting then does not apply.
 */
export function applyScenario(deps: AdminDeps, world: WorldData, settings: ScenarioSettings): void {
  if (settings.clock) deps.clock?.reset(settings.clock);
  deps.ctx.maxPoolsPerOrganization =
    settings.maxPoolsPerOrganization ?? deps.maxPoolsPerOrganization;
  deps.replaceWorld(world);
  deps.faults.clear();
  for (const fault of settings.faults) deps.faults.add(fault);
  deps.journal.clear();
}
