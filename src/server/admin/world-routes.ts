import { ConnectError } from "../../errors/connect-error.js";
import { parseWorld } from "../../store/parse-world.js";
import { type AdminDeps, defineRoute } from "./admin-route.js";
import { applyScenario } from "./apply-scenario.js";

/** Counts of what the world holds, and the clock: the answer to every whole-world action. */
export function summarizeWorld(deps: AdminDeps) {
  const world = deps.ctx.store.snapshot();
  return {
    organizations: world.organizations.length,
    runners: world.runners.length,
    environmentClasses: world.environmentClasses.length,
    projects: world.projects.length,
    prebuilds: world.prebuilds.length,
    warmPools: world.warmPools.length,
    now: new Date(deps.ctx.clock.now()).toISOString(),
  };
}

// A world that fails its checks is the caller's mistake: invalid_argument, nothing changes.
function checkWorld(load: () => unknown, source: string) {
  try {
    return parseWorld(load(), source);
  } catch (error) {
    // A path refused or not found has its own code already.
    if (error instanceof ConnectError) throw error;
    throw new ConnectError("invalid_argument", (error as Error).message);
  }
}

/** Reset, dump and replace the whole world. */
export const WORLD_ROUTES = [
  defineRoute({
    operationId: "reset",
    mutates: true,
    handle(deps) {
      applyScenario(deps, deps.startWorld(), deps.startSettings);
      return { body: summarizeWorld(deps) };
    },
  }),
  defineRoute({
    operationId: "getWorld",
    mutates: false,
    handle: (deps) => ({ body: deps.ctx.store.snapshot() }),
  }),
  defineRoute({
    operationId: "putWorld",
    mutates: true,
    handle(deps, { body }) {
      deps.replaceWorld(checkWorld(() => body, "request body"));
      return { body: summarizeWorld(deps) };
    },
  }),
  defineRoute({
    operationId: "loadWorld",
    mutates: true,
    handle(deps, { body: { path } }) {
      deps.replaceWorld(checkWorld(() => deps.readWorldFile(path), path));
      return { body: summarizeWorld(deps) };
    },
  }),
];
