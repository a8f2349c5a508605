import type { ClockMode } from "../domain/create-clock.js";
import { ConnectError } from "../errors/connect-error.js";
import { SCENARIO_FILES, SCENARIO_WORLDS } from "../generated/fixtures.js";
import { checkFaultInput, type FaultInput } from "../rpc/fault-registry.js";
import { loadDefaultWorld } from "../store/load-default-world.js";
import { parseWorld } from "../store/parse-world.js";
import type { WorldData } from "../store/world.js";
import { compileAdminSchema } from "./admin/load-admin-contract.js";

// The shipped scenarios are fixtures/scenarios/, embedded by `npm run generate`
// (src/generated/fixtures.ts), so a mock in a browser has them as a server does.

const NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** How a scenario sets the clock: its mode, and the instant it stands at (load time when absent). */
export interface ScenarioClock {
  mode: ClockMode;
  now?: number;
}

/** What a scenario puts in place besides its world. */
export interface ScenarioSettings {
  /** The scenario's name and description, when the settings come from a named scenario. */
  name?: string;
  description?: string;
  faults: FaultInput[];
  clock?: ScenarioClock;
  /** The per-organization pool cap while the scenario is loaded; the server's own otherwise. */
  maxPoolsPerOrganization?: number;
}

/** A scenario read from its file: a checked world and checked settings. */
export interface Scenario extends ScenarioSettings {
  name: string;
  description: string;
  world: WorldData;
}

/** The file format, as openapi/admin.yaml's Scenario schema describes it. */
export interface ScenarioFile {
  description: string;
  world?: string | WorldData;
  faults?: FaultInput[];
  clock?: { mode: ClockMode; now?: string };
  maxPoolsPerOrganization?: number;
}

/** The names of the shipped scenarios, sorted. */
export function listScenarioNames(): string[] {
  return Object.keys(SCENARIO_FILES)
    .filter((file) => file.endsWith(".json"))
    .map((file) => file.slice(0, -".json".length))
    .filter((name) => NAME.test(name))
    .sort();
}

/** Every shipped scenario as its file has it, with its name: what a picker shows. */
export function listScenarios(): ({ name: string } & ScenarioFile)[] {
  return listScenarioNames().map((name) => ({ name, ...readScenarioFile(name) }));
}

/**
 * Reads a scenario by name: its file is checked against the Scenario schema, its world with the
 * world-file checks and its fault rules as `POST /_admin/faults` checks them. Only names that
 * listScenarioNames returns are read, so no caller-given text ever becomes a path.
 * An unknown name is not_found; a broken shipped file is internal (a bug of the package).
 */
export function loadScenario(name: string): Scenario {
  const file = readScenarioFile(name);
  const source = `scenario ${name}`;
  try {
    const world =
      file.world === undefined
        ? loadDefaultWorld()
        : typeof file.world === "string"
          ? parseWorld(readWorld(file.world), `${source} (${file.world})`)
          : parseWorld(file.world, source);
    const faults = file.faults ?? [];
    for (const fault of faults) checkFaultInput(fault);
    return {
      name,
      description: file.description,
      world,
      faults,
      ...(file.clock
        ? {
            clock: {
              mode: file.clock.mode,
              ...(file.clock.now !== undefined ? { now: Date.parse(file.clock.now) } : {}),
            },
          }
        : {}),
      ...(file.maxPoolsPerOrganization !== undefined
        ? { maxPoolsPerOrganization: file.maxPoolsPerOrganization }
        : {}),
    };
  } catch (error) {
    throw new ConnectError("internal", `${source} is broken: ${(error as Error).message}`);
  }
}

function readScenarioFile(name: string): ScenarioFile {
  const names = listScenarioNames();
  if (!names.includes(name)) {
    throw new ConnectError(
      "not_found",
      `no scenario named ${JSON.stringify(name.slice(0, 64))}; known: ${names.join(", ")}`,
    );
  }
  const value = readJson(SCENARIO_FILES[`${name}.json`], `fixtures/scenarios/${name}.json`);
  const validate = compileAdminSchema("Scenario", { closed: true });
  if (!validate(value)) {
    const problems = (validate.errors ?? [])
      .slice(0, 5)
      .map((e) => `${e.instancePath || "/"} ${e.message}`);
    throw new ConnectError(
      "internal",
      `scenario ${name} is not a valid scenario file: ${problems.join("; ")}`,
    );
  }
  return value as ScenarioFile;
}

// Only the embedded world files can be named: no caller-given text ever becomes a path.
function readWorld(relative: string): unknown {
  const text = SCENARIO_WORLDS[relative];
  if (text === undefined) throw new Error(`no world ${relative} among the scenario worlds`);
  return readJson(text, `fixtures/scenarios/${relative}`);
}

function readJson(text: string | undefined, source: string): unknown {
  try {
    if (text === undefined) throw new Error("missing");
    return JSON.parse(text);
  } catch (error) {
    throw new ConnectError("internal", `cannot read ${source}: ${(error as Error).message}`);
  }
}
