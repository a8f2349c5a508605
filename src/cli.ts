#!/usr/bin/env node
// The only module that reads argv and the environment, listens, and exits.
import { dirname, parse, resolve } from "node:path";
import type { Logger } from "pino";
import { createNodeCore } from "./adapters/node/create-node-core.js";
import { createNodeListener } from "./adapters/node/create-node-listener.js";
import { listenApp } from "./adapters/node/listen-app.js";
import { loadWorldFile, SCENARIOS_DIR } from "./adapters/node/load-world-file.js";
import { createShutdownSequence } from "./adapters/node/shutdown-sequence.js";
import { createStateWriter, loadStateFile, type StateWriter } from "./adapters/node/state-file.js";
import { type CliOptions, CliUsageError, formatHelp, parseCliOptions } from "./cli-options.js";
import { createSeededRandom } from "./core/create-seeded-random.js";
import { loadScenario, type ScenarioSettings } from "./core/load-scenario.js";
import { DASHBOARD_PREFIX } from "./core/sort-request.js";
import { createClock } from "./domain/create-clock.js";
import { type BannerFacts, formatBanner, formatCurlExample } from "./format-banner.js";
import { loadCompactly } from "./load-compactly.js";
import { createCliLoggers, isPrettyFormat } from "./logging/create-logger.js";
import { loadDefaultWorld } from "./store/load-default-world.js";
import type { WorldData } from "./store/world.js";
import { WorldStore } from "./store/world-store.js";

function fail(message: string, { usage = true } = {}): never {
  process.stderr.write(`warm-pool-mock: ${message}\n${usage ? "Try --help.\n" : ""}`);
  process.exit(2);
}

let options: CliOptions;
try {
  const command = parseCliOptions(process.argv.slice(2), process.env);
  if (command.help) {
    process.stdout.write(formatHelp());
    process.exit(0);
  }
  options = command.options;
} catch (error) {
  if (error instanceof CliUsageError) fail(error.message);
  throw error;
}

const { logger, mockLogger } = await createCliLoggers({
  level: options.logLevel,
  format: options.logFormat,
});
// A person at a terminal gets a banner; a log collector gets the full start-up record.
const forPerson = isPrettyFormat(options.logFormat, process.stdout.isTTY === true);

// A scenario's settings are kept; its world is read again when needed, like --world's.
const scenario = options.scenario ? readScenarioSettings(options.scenario) : undefined;
// A saved state file wins over --world or --scenario; they (or the fixtures) stay what
// /_admin/reset restores. Reset reads them again rather than keeping a second copy of a large
// world in memory.
const loadBaseWorld = (): WorldData =>
  options.world
    ? loadWorldFile(options.world)
    : options.scenario
      ? loadScenario(options.scenario).world
      : loadDefaultWorld();
// The parsed world is dropped once the store holds its compact copy: nothing here keeps it.
// Loading a large world peaks at its text, its parse and the records at once; loadCompactly
// gives that peak back once the store is built.
const { store, summary, savedAt, resumed } = loadCompactly(() => openStartWorld(options), {
  lowMemory: options.lowMemory,
}).value;
if (options.headersTimeoutMs > options.requestTimeoutMs) {
  fail("--headers-timeout-ms must not exceed --request-timeout-ms");
}
// --clock wins over the scenario's mode; the scenario's instant is where its world's times fit.
const clockMode = options.clock ?? scenario?.clock?.mode ?? "real";
const clock = createClock({ mode: clockMode, scale: options.timeScale, start: chooseStart() });
let writer: StateWriter | undefined;
// The core and its node:http listener; Express is not even loaded.
const mock = createNodeCore({
  store,
  resetWorld: loadBaseWorld,
  strictAuth: options.strictAuth,
  clock,
  timing: {
    readyDelayMs: options.readyDelayMs,
    deleteDelayMs: options.deleteDelayMs,
    startDelayMs: options.startDelayMs,
    prebuildDelayMs: options.prebuildDelayMs,
  },
  corsOrigins: options.corsOrigins,
  adminOrigins: options.adminOrigins,
  allowedHosts: options.allowedHosts,
  worldDirs: listWorldDirs(options),
  admin: !options.noAdmin,
  adminToken: options.adminToken,
  journalSize: options.journalSize,
  maxBodyBytes: options.maxBodyBytes,
  maxPoolsPerOrganization: options.maxPools,
  ...(scenario
    ? {
        scenario: {
          ...scenario,
          ...(scenario.clock ? { clock: { ...scenario.clock, mode: clockMode } } : {}),
        },
      }
    : {}),
  ...(options.seed !== undefined ? { random: createSeededRandom(options.seed) } : {}),
  ...(options.rateLimit > 0
    ? {
        rateLimit: {
          requestsPerSecond: options.rateLimit,
          burst: options.rateLimitBurst ?? options.rateLimit,
        },
      }
    : {}),
  // Without a state file nothing listens for changes, so requests skip the hook entirely.
  ...(options.stateFile ? { onStateChange: () => writer?.schedule() } : {}),
  logger: mockLogger,
  // Kept answer text is memory spent to save CPU: the opposite of what --low-memory asks for.
  keepAnswerText: !options.lowMemory,
});
/**
 * The folders POST /_admin/world/load may read: the shipped scenarios, --world-dir, and the
 * folder of --world unless that is a filesystem root (`-v my.json:/world.json` in Docker),
 * which would open every file of the machine.
 */
function listWorldDirs(o: CliOptions): string[] {
  const worldFolder = o.world ? dirname(resolve(o.world)) : undefined;
  return [
    ...(worldFolder && worldFolder !== parse(worldFolder).root ? [worldFolder] : []),
    SCENARIOS_DIR,
    ...(o.worldDir ? [resolve(o.worldDir)] : []),
  ];
}

/** Where the simulated time starts. */
function chooseStart(): number {
  // A restart resumes the simulated time where the saved world left it, never earlier.
  if (savedAt !== undefined)
    return clockMode === "manual" ? savedAt : Math.max(Date.now(), savedAt);
  return scenario?.clock?.now ?? Date.now();
}

/** A scenario's fault rules, clock and pool cap; the CLI exits when it cannot be read. */
function readScenarioSettings(name: string): ScenarioSettings {
  try {
    const { description, faults, clock, maxPoolsPerOrganization } = loadScenario(name);
    return {
      name,
      description,
      faults,
      ...(clock ? { clock } : {}),
      ...(maxPoolsPerOrganization !== undefined ? { maxPoolsPerOrganization } : {}),
    };
  } catch (error) {
    fail((error as Error).message, { usage: false });
  }
}

/** Loads the world to start from (a state file wins over --world) into a store. */
function openStartWorld(o: CliOptions): {
  store: WorldStore;
  summary: ReturnType<typeof describeWorld>;
  savedAt: number | undefined;
  resumed: boolean;
} {
  try {
    // The base world is checked even when a state file takes its place, so a bad --world fails now.
    const base = loadBaseWorld();
    const saved = o.stateFile ? loadStateFile(o.stateFile) : undefined;
    const world = saved ?? base;
    return {
      store: new WorldStore(world),
      summary: describeWorld(world),
      savedAt: saved?.savedAt,
      resumed: saved !== undefined,
    };
  } catch (error) {
    fail((error as Error).message, { usage: false });
  }
}

// Features that must act on the way out add steps here; they run after the server has
// stopped taking requests and every in-flight request has been answered.
const shutdown = createShutdownSequence();

const stateFile = options.stateFile;
if (stateFile) {
  const stateWriter = createStateWriter({
    path: stateFile,
    read: () => mock.store.snapshot(),
    now: clock.now,
    onError: (error) => logger.error({ err: error, stateFile }, "cannot save the state file"),
  });
  writer = stateWriter;
  try {
    stateWriter.flush();
  } catch (error) {
    fail(`cannot write state file ${stateFile}: ${(error as Error).message}`, { usage: false });
  }
  shutdown.onShutdown("state file", () => stateWriter.flush());
}

let listening: Awaited<ReturnType<typeof listenApp>>;
try {
  listening = await listenApp(createNodeListener(mock), {
    host: options.host,
    port: options.port,
    onClose: () => mock.close(),
    limits: {
      maxHeaderBytes: options.maxHeaderBytes,
      headersTimeoutMs: options.headersTimeoutMs,
      requestTimeoutMs: options.requestTimeoutMs,
      keepAliveTimeoutMs: options.keepAliveTimeoutMs,
    },
  });
} catch (error) {
  fail(`cannot listen on ${options.host}:${options.port}: ${(error as Error).message}`, {
    usage: false,
  });
}
if (forPerson) {
  if (logger.isLevelEnabled("info")) {
    process.stdout.write(
      formatBanner(describeStart(listening.url, summary, options, resumed), {
        color: process.stdout.hasColors?.() ?? false,
      }),
    );
  }
} else {
  logStarted(logger, listening.url, summary, options, resumed);
}

let stopping = false;
async function stop(signal: NodeJS.Signals): Promise<void> {
  if (stopping) {
    // A second signal means "now": skip the grace period.
    logger.warn({ signal }, "second signal, exiting at once");
    process.exit(130);
  }
  stopping = true;
  logger.info({ signal, graceMs: options.shutdownGraceMs }, "shutting down");
  await listening.close(options.shutdownGraceMs);
  const failures = await shutdown.run();
  for (const { name, error } of failures)
    logger.error({ err: error, step: name }, "shutdown step failed");
  // Request lines still waiting for their turn go out before the last words.
  mockLogger.flush();
  logger.info("stopped");
  logger.flush();
  process.exit(failures.length > 0 ? 1 : 0);
}
process.on("SIGINT", (signal) => void stop(signal));
process.on("SIGTERM", (signal) => void stop(signal));

/** The few records worth printing at start-up: tokens, some projects and pools. */
function describeWorld(w: WorldData) {
  const organizations = new Map(w.organizations.map((o) => [o.id, o.name]));
  return {
    defaultToken: w.defaultToken,
    counts: {
      organizations: w.organizations.length,
      projects: w.projects.length,
      warmPools: w.warmPools.length,
    },
    principals: w.principals.map((p) => ({
      token: p.token,
      organization: organizations.get(p.organizationId) ?? p.organizationId,
    })),
    tokens: w.principals.map((p) => `${p.token} (${p.name})`),
    projects: w.projects.slice(0, 6).map((p) => {
      const c = p.prebuildConfiguration;
      return `${p.id} ${p.name}${c.enabled ? ` [${c.environmentClassIds.slice(0, 3).join(", ")}]` : " (prebuilds disabled)"}`;
    }),
    warmPools: w.warmPools
      .slice(0, 4)
      .map((p) => `${p.id} project ${p.projectId} class ${p.environmentClassId}`),
  };
}

function describeWorldSource(o: CliOptions, resumed: boolean): string {
  if (resumed) return `state file ${o.stateFile}`;
  return o.world ?? (o.scenario ? `scenario ${o.scenario}` : "built-in fixtures");
}

function describeStart(
  url: string,
  w: ReturnType<typeof describeWorld>,
  o: CliOptions,
  resumed: boolean,
): BannerFacts {
  return {
    url,
    startupMs: Math.round(process.uptime() * 1000),
    ...(o.noAdmin
      ? {}
      : {
          admin: {
            url: `${url}/_admin`,
            dashboardUrl: `${url}${DASHBOARD_PREFIX}/`,
            tokenRequired: o.adminToken !== undefined,
          },
        }),
    world: describeWorldSource(o, resumed),
    counts: w.counts,
    clock: { mode: clock.mode, scale: o.timeScale },
    strictAuth: o.strictAuth,
    corsOrigins: o.corsOrigins,
    defaultToken: w.defaultToken,
    tokens: w.principals,
  };
}

function logStarted(
  log: Logger,
  url: string,
  w: ReturnType<typeof describeWorld>,
  o: CliOptions,
  resumed: boolean,
): void {
  const startupMs = Math.round(process.uptime() * 1000);
  log.info(
    {
      url,
      startupMs,
      world: describeWorldSource(o, resumed),
      auth: o.strictAuth ? "strict" : `unknown tokens act as ${w.defaultToken}`,
      clock: clock.mode === "real" && o.timeScale !== 1 ? `real x${o.timeScale}` : clock.mode,
      admin: o.noAdmin ? "off" : `${url}/_admin${o.adminToken ? " (token required)" : ""}`,
      dashboard: o.noAdmin ? "off" : `${url}${DASHBOARD_PREFIX}/`,
      corsOrigins: o.corsOrigins,
      adminOrigins: o.adminOrigins.length > 0 ? o.adminOrigins : "same origin only",
      ...(o.allowedHosts.length > 0 ? { allowedHosts: o.allowedHosts } : {}),
      ...(o.stateFile ? { stateFile: o.stateFile } : {}),
      tokens: w.tokens,
      projects: w.projects,
      warmPools: w.warmPools,
      try: formatCurlExample(url, w.defaultToken),
    },
    `warm-pool-mock listening on ${url} (started in ${startupMs} ms)${o.noAdmin ? "" : `; dashboard ${url}${DASHBOARD_PREFIX}/`}`,
  );
}
