import { listScenarios, loadScenario } from "../load-scenario.js";
import type { AdminRoute } from "./admin-route.js";
import { applyScenario } from "./apply-scenario.js";
import { describeClock } from "./simulation-routes.js";
import { summarizeWorld } from "./world-routes.js";

/** List the named scenarios and load one by name. */
export const SCENARIO_ROUTES: AdminRoute[] = [
  {
    operationId: "listScenarios",
    mutates: false,
    handle: () => ({ body: { scenarios: listScenarios() } }),
  },
  {
    operationId: "loadScenario",
    mutates: true,
    handle(deps, { body }) {
      const scenario = loadScenario((body as { name: string }).name);
      applyScenario(deps, scenario.world, scenario);
      return {
        body: {
          name: scenario.name,
          description: scenario.description,
          world: summarizeWorld(deps),
          faults: deps.faults.list(),
          clock: describeClock(deps),
          maxPoolsPerOrganization: deps.ctx.maxPoolsPerOrganization ?? deps.maxPoolsPerOrganization,
        },
      };
    },
  },
];
