import { dirname, resolve } from "node:path";
import type { Express } from "express";
import type { Contract } from "../../contract/load-contract.js";
import type { MockControl } from "../../core/admin/admin-core.js";
import { createSeededRandom } from "../../core/create-seeded-random.js";
import { loadScenario } from "../../core/load-scenario.js";
import type { Clock, Timing } from "../../domain/domain-context.js";
import type { MockLogger } from "../../rpc/log-request.js";
import { loadDefaultWorld } from "../../store/load-default-world.js";
import { parseWorld } from "../../store/parse-world.js";
import type { WorldData } from "../../store/world.js";
import { WorldStore } from "../../store/world-store.js";
import { type AppOptions, createMockServer } from "../express/create-app.js";
import { listenApp } from "./listen-app.js";
import { loadWorldFile, SCENARIOS_DIR } from "./load-world-file.js";
import { createShutdownSequence, type ShutdownHook } from "./shutdown-sequence.js";

/** Options of startMock; every one is optional. */
export interface StartMockOptions {
  /** The world to serve (a WorldData object or a world file path); the built-in fixtures otherwise. */
  world?: WorldData | string;
  /**
   * A named scenario of fixtures/scenarios/ to start from (see listScenarios): its world, fault
   * rules, pool cap and clock setting; `/_admin/reset` returns to it. Not together with `world`.
   * A `clock` you pass wins over the scenario's clock setting.
   */
  scenario?: string;
  /** The time the mock sees, e.g. a manual clock your test advances; real time otherwise. */
  clock?: Clock;
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Address to listen on; 127.0.0.1 by default. */
  host?: string;
  /** How long simulated transitions take (PENDING to READY, DELETING to gone). */
  timing?: Partial<Timing>;
  /** Reject tokens the world does not list instead of treating them as the default principal. */
  strictAuth?: boolean;
  /** Source of new warm pool IDs; random UUIDs otherwise. */
  newId?: () => string;
  /** Seed of probabilistic faults and latency ranges (the flaky scenario), for repeatable runs. */
  seed?: number;
  /** A pino logger (or any with its info/warn/error/debug) for one line per request; silent otherwise. */
  logger?: MockLogger;
  /** A contract loaded once and shared by many mocks in one process. */
  contract?: Contract;
}

/** A running mock, with the control plane as methods (`mock.advanceClock({ ms: 1000 })`). */
export interface RunningMock extends MockControl {
  /** Base URL to give your client, e.g. http://127.0.0.1:53124 (no trailing slash). */
  url: string;
  port: number;
  /** The live world: look at pools your code created, or change things between tests. */
  store: WorldStore;
  /** The Express app, should you want to call it with supertest instead. */
  app: Express;
  /** Adds a step to run when the mock closes, after in-flight requests have been answered. */
  onClose(hook: ShutdownHook): void;
  /** Lets in-flight requests finish, stops listening and runs the close steps; safe to call twice. */
  close(): Promise<void>;
}

/**
 * Starts the mock on an ephemeral port for a test suite:
 *
 *   const mock = await startMock({ clock: { now: () => fakeNow } });
 *   const client = createClient({ baseURL: mock.url, bearerToken: "wpm_acme_alice" });
 *   ...
 *   await mock.close();
 */
export async function startMock(options: StartMockOptions = {}): Promise<RunningMock> {
  if (options.scenario !== undefined && options.world !== undefined) {
    throw new Error(
      "startMock: give a scenario or a world, not both (a scenario brings its world)",
    );
  }
  const scenario = options.scenario === undefined ? undefined : loadScenario(options.scenario);
  // A world handed in as an object gets the same checks as a world file, so a hand-made one
  // with a typo fails here with a message rather than later with a confusing answer.
  const world =
    typeof options.world === "string"
      ? loadWorldFile(options.world)
      : options.world
        ? parseWorld(options.world, "startMock({ world })")
        : (scenario?.world ?? loadDefaultWorld());
  const store = new WorldStore(world);
  const appOptions: AppOptions = {
    store,
    clock: options.clock,
    timing: options.timing,
    strictAuth: options.strictAuth,
    newId: options.newId,
    logger: options.logger,
    contract: options.contract,
    // As with the CLI's --world, POST /_admin/world/load may read beside the world file.
    ...(typeof options.world === "string"
      ? { worldDirs: [dirname(resolve(options.world)), SCENARIOS_DIR] }
      : {}),
    ...(options.seed !== undefined ? { random: createSeededRandom(options.seed) } : {}),
    // Your own clock stays yours: the scenario's clock setting then does not apply.
    ...(scenario
      ? {
          scenario: options.clock ? { ...scenario, clock: undefined } : scenario,
          resetWorld: () => loadScenario(scenario.name).world,
        }
      : {}),
  };
  // The core's node:http listener serves; `app` mounts the same core for supertest users.
  const { app, listener, core, ...control } = createMockServer(appOptions);
  const listening = await listenApp(listener, {
    host: options.host ?? "127.0.0.1",
    port: options.port ?? 0,
    onClose: () => core.close(),
  });
  const shutdown = createShutdownSequence();
  let closing: Promise<void> | undefined;
  return {
    ...control,
    url: listening.url,
    port: listening.port,
    store,
    app,
    onClose: (hook) => shutdown.onShutdown("onClose", hook),
    close: () => {
      closing ??= (async () => {
        await listening.close(5_000);
        const failures = await shutdown.run();
        if (failures.length > 0) throw failures[0]?.error;
      })();
      return closing;
    },
  };
}
