import { CONTROL_METHODS, type MockControl } from "../../core/admin/admin-core.js";
import { type CoreOptions, createMockCore, type MockCore } from "../../core/create-mock-core.js";
import { loadScenario } from "../../core/load-scenario.js";
import { type ControllableClock, createClock } from "../../domain/create-clock.js";
import type { Clock } from "../../domain/domain-context.js";
import { parseWorld } from "../../store/parse-world.js";
import type { WorldData } from "../../store/world.js";
import type { WorldStore } from "../../store/world-store.js";
import { type FetchHandler, toFetchHandler } from "./to-fetch-handler.js";

/** Options of createFetchMock: the core's, with a scenario by name and a manual clock by default. */
export interface FetchMockOptions extends Omit<CoreOptions, "scenario" | "world"> {
  /** The world to serve (checked like a world file); the built-in fixtures otherwise. */
  world?: WorldData;
  /**
   * A shipped scenario to start from (see listScenarios): its world, fault rules and pool cap,
   * and its clock's instant; `reset()` returns to it. Not together with `world`.
   */
  scenario?: string;
  /**
   * Where the default manual clock starts (epoch ms): the scenario's instant, or the real
   * time when the mock is made. Ignored when `clock` is given.
   */
  clockStart?: number;
  /** A path the API is served below (`/api`): taken off the front of every request's path. */
  basePath?: string;
}

/** A mock in process: a fetch handler, and the control plane as methods. */
export interface FetchMock extends MockControl {
  /** Answers a fetch Request as the server would; only the URL's path and query are read. */
  fetch: FetchHandler;
  /** The live world. */
  readonly store: WorldStore;
  /** The time the mock sees: a manual clock unless one was given. */
  readonly clock: Clock;
  /** The platform-neutral core, for adapters built on this one. */
  readonly core: MockCore;
  /** Ends event streams and timers. */
  close(): void;
}

/**
 * Builds a mock that needs no process and no port: `mock.fetch(request)` answers like the
 * server, with the same rules, lifecycle and faults, and the control plane is on the object
 * (`mock.advanceClock({ ms: 2_000 })`). Time stands still until the test moves it (a manual
 * clock), and no network is involved, so the Host and page-origin checks are off unless
 * `networkChecks: true` asks for them. Two mocks share nothing.
 */
export function createFetchMock(options: FetchMockOptions = {}): FetchMock {
  const { scenario: name, world, clockStart, basePath, ...rest } = options;
  if (name !== undefined && world !== undefined) {
    throw new Error(
      "createFetchMock: give a scenario or a world, not both (a scenario brings its world)",
    );
  }
  const scenario = name === undefined ? undefined : loadScenario(name);
  const start = clockStart ?? scenario?.clock?.now ?? Date.now();
  const clock: Clock = options.clock ?? createClock({ mode: "manual", start });
  const core = createMockCore({
    networkChecks: false,
    ...rest,
    clock,
    ...(world ? { world: parseWorld(world, "createFetchMock({ world })") } : {}),
    ...(scenario
      ? {
          scenario: {
            ...scenario,
            // Reset puts the manual clock back at the scenario's instant, still manual.
            ...(scenario.clock && !options.clock
              ? { clock: { mode: "manual" as const, now: start } }
              : { clock: undefined }),
          },
        }
      : {}),
  });
  const mock = {
    fetch: toFetchHandler(core, { basePath }),
    store: core.store,
    clock: core.clock as ControllableClock,
    core,
    close: () => core.close(),
  } as unknown as FetchMock;
  for (const method of CONTROL_METHODS) {
    (mock as unknown as Record<string, unknown>)[method] = core[method];
  }
  return mock;
}
