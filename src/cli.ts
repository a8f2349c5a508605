#!/usr/bin/env node
// The only module that reads argv and the environment, listens, and exits.
import { parseArgs } from "node:util";
import { type ClockMode, createClock } from "./domain/create-clock.js";
import type { WorldData } from "./domain/world.js";
import { createApp, DEFAULT_JOURNAL_SIZE, DEFAULT_TIMING } from "./server/create-app.js";
import { loadDefaultWorld, loadWorldFile } from "./store/load-default-world.js";
import { createStateWriter, loadStateFile, type StateWriter } from "./store/state-file.js";

// Simulation, control plane and persistence options: one row each (flag, argument, variable, help),
// from which parseArgs options and the help text below are derived.
const CONTROL_OPTIONS = {
  clock: {
    type: "string",
    arg: "real|manual",
    env: "CLOCK",
    help: "real (default) or manual: a manual clock only moves via POST /_admin/clock/advance",
  },
  "time-scale": {
    type: "string",
    arg: "N",
    env: "TIME_SCALE",
    help: "speed factor of the real clock: 10 makes every delay pass 10x faster (default 1)",
  },
  "start-delay-ms": {
    type: "string",
    arg: "MS",
    env: "START_DELAY_MS",
    help: `delay to start stopped instances that backfill claims (default ${DEFAULT_TIMING.startDelayMs})`,
  },
  "no-admin": {
    type: "boolean",
    arg: "",
    env: "NO_ADMIN",
    help: "serve no control plane under /_admin",
  },
  "admin-token": {
    type: "string",
    arg: "TOKEN",
    env: "ADMIN_TOKEN",
    help: "require Authorization: Bearer TOKEN on /_admin",
  },
  "journal-size": {
    type: "string",
    arg: "N",
    env: "JOURNAL_SIZE",
    help: `RPC calls kept in the journal, 0 for none (default ${DEFAULT_JOURNAL_SIZE})`,
  },
  "state-file": {
    type: "string",
    arg: "FILE",
    env: "STATE_FILE",
    help: "load the world from FILE at start (if it exists), save it there after changes and at exit",
  },
} as const;

const CONTROL_HELP = Object.entries(CONTROL_OPTIONS)
  .map(([flag, o]) => {
    const name = `--${flag}${o.arg ? ` ${o.arg}` : ""}`;
    return `  ${name.padEnd(24)} ${o.help}\n  ${"".padEnd(24)} env ${o.env}${o.type === "boolean" ? "=1" : ""}`;
  })
  .join("\n");

const HELP = `warm-pool-mock: a mock of the Ona warm-pool API (gitpod.v1.PrebuildService)

Usage: warm-pool-mock [options]

Options (each also read from the environment variable shown):
  --host HOST              address to listen on           HOST       default 127.0.0.1
  --port PORT              port to listen on              PORT       default 4010
  --world FILE             serve this world file instead  WORLD_FILE default: built-in fixtures/
  --strict-auth            reject tokens the world does   STRICT_AUTH=1
                           not list (default: unknown tokens act as the default principal)
  --ready-delay-ms MS      PENDING to READY delay         READY_DELAY_MS   default ${DEFAULT_TIMING.readyDelayMs}
  --delete-delay-ms MS     DELETING to gone delay         DELETE_DELAY_MS  default ${DEFAULT_TIMING.deleteDelayMs}
  --cors-origins LIST      comma-separated origins        CORS_ORIGINS     default * (any origin)
                           browsers may call from; * in an entry matches anything, e.g. http://localhost:*
${CONTROL_HELP}
  -h, --help               show this help
`;

function fail(message: string): never {
  process.stderr.write(`warm-pool-mock: ${message}\nTry --help.\n`);
  process.exit(2);
}

function parseInteger(
  name: string,
  value: string | undefined,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined || value === "") return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    fail(`${name} must be an integer from ${min} to ${max}, got "${value}"`);
  }
  return Number(value);
}

let args: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    options: {
      host: { type: "string" },
      port: { type: "string" },
      world: { type: "string" },
      "strict-auth": { type: "boolean" },
      "ready-delay-ms": { type: "string" },
      "delete-delay-ms": { type: "string" },
      "cors-origins": { type: "string" },
      help: { type: "boolean", short: "h" },
      ...Object.fromEntries(
        Object.entries(CONTROL_OPTIONS).map(([flag, o]) => [flag, { type: o.type }]),
      ),
    },
    strict: true,
    allowPositionals: false,
  });
}
try {
  args = parse();
} catch (error) {
  fail((error as Error).message);
}
const { values } = args;
if (values.help) {
  process.stdout.write(HELP);
  process.exit(0);
}

const env = process.env;
const host = values.host ?? env.HOST ?? "127.0.0.1";
const port = parseInteger("--port", values.port ?? env.PORT, 0, 65535) ?? 4010;
const worldFile = values.world ?? env.WORLD_FILE;
const strictAuth =
  values["strict-auth"] ?? ["1", "true", "yes"].includes((env.STRICT_AUTH ?? "").toLowerCase());
const readyDelayMs =
  parseInteger("--ready-delay-ms", values["ready-delay-ms"] ?? env.READY_DELAY_MS, 0, 86_400_000) ??
  DEFAULT_TIMING.readyDelayMs;
const deleteDelayMs =
  parseInteger(
    "--delete-delay-ms",
    values["delete-delay-ms"] ?? env.DELETE_DELAY_MS,
    0,
    86_400_000,
  ) ?? DEFAULT_TIMING.deleteDelayMs;

const corsOrigins = (values["cors-origins"] ?? env.CORS_ORIGINS ?? "*")
  .split(",")
  .map((origin) => origin.trim())
  .filter((origin) => origin !== "");
if (corsOrigins.length === 0) fail("--cors-origins needs at least one origin or *");

let world: WorldData;
try {
  world = worldFile ? loadWorldFile(worldFile) : loadDefaultWorld();
} catch (error) {
  fail((error as Error).message);
}

// --- simulation, control plane and persistence (CONTROL_OPTIONS) ---
function control(flag: keyof typeof CONTROL_OPTIONS): string | undefined {
  const value = (values as Record<string, string | boolean | undefined>)[flag];
  if (typeof value === "boolean") return value ? "1" : undefined;
  return value ?? env[CONTROL_OPTIONS[flag].env];
}
const clockMode = control("clock") ?? "real";
if (clockMode !== "real" && clockMode !== "manual") {
  fail(`--clock must be real or manual, got "${clockMode}"`);
}
const timeScaleText = control("time-scale") ?? "1";
const timeScale = Number(timeScaleText);
if (!/^\d+(\.\d+)?$/.test(timeScaleText) || !(timeScale > 0) || timeScale > 1_000_000) {
  fail(`--time-scale must be a number above 0 and at most 1000000, got "${timeScaleText}"`);
}
const startDelayMs =
  parseInteger("--start-delay-ms", control("start-delay-ms"), 0, 86_400_000) ??
  DEFAULT_TIMING.startDelayMs;
const adminEnabled = !["1", "true", "yes"].includes((control("no-admin") ?? "").toLowerCase());
const adminToken = control("admin-token") || undefined;
const journalSize =
  parseInteger("--journal-size", control("journal-size"), 0, 100_000) ?? DEFAULT_JOURNAL_SIZE;
const stateFile = control("state-file") || undefined;

const baseWorld = world;
let saved: WorldData | undefined;
try {
  saved = stateFile ? loadStateFile(stateFile) : undefined;
} catch (error) {
  fail((error as Error).message);
}
if (saved) world = saved;
const clock = createClock({
  mode: clockMode as ClockMode,
  scale: timeScale,
  // A restart resumes the simulated time where the saved world left it, never earlier.
  start: Math.max(clockMode === "manual" ? 0 : Date.now(), saved?.savedAt ?? Date.now()),
});
let writer: StateWriter | undefined;
const app = createApp({
  world,
  resetWorld: baseWorld,
  strictAuth,
  clock,
  timing: { readyDelayMs, deleteDelayMs, startDelayMs },
  admin: adminEnabled,
  adminToken,
  journalSize,
  onStateChange: () => writer?.schedule(),
  corsOrigins,
});
if (stateFile) {
  const store = app.locals.store as { snapshot(): WorldData };
  writer = createStateWriter({
    path: stateFile,
    read: () => store.snapshot(),
    now: clock.now,
    onError: (error) =>
      process.stderr.write(`warm-pool-mock: cannot save ${stateFile}: ${error.message}\n`),
  });
  try {
    writer.flush();
  } catch (error) {
    fail(`cannot write state file ${stateFile}: ${(error as Error).message}`);
  }
}
const server = app.listen(port, host, () => {
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${actualPort}`;
  const lines = [
    `warm-pool-mock listening on ${url} (started in ${Math.round(process.uptime() * 1000)} ms)`,
    `  world: ${saved ? `state file ${stateFile}` : (worldFile ?? "built-in fixtures")}; auth: ${strictAuth ? "strict" : `unknown tokens act as ${world.defaultToken}`}; CORS origins: ${corsOrigins.join(", ")}`,
    `  clock: ${clockMode}${clockMode === "real" && timeScale !== 1 ? ` x${timeScale}` : ""}; admin: ${adminEnabled ? `${url}/_admin${adminToken ? " (token required)" : ""}` : "off"}${stateFile ? `; saving to ${stateFile}` : ""}`,
    "  tokens:",
    ...world.principals.map((p) => `    ${p.token.padEnd(20)} ${p.name}`),
    "  projects (prebuild classes):",
    ...world.projects.slice(0, 6).map((p) => {
      const c = p.prebuildConfiguration;
      return `    ${p.id} ${p.name}${c.enabled ? ` [${c.environmentClassIds.join(", ")}]` : " (prebuilds disabled)"}`;
    }),
    "  warm pools:",
    ...world.warmPools
      .slice(0, 4)
      .map((p) => `    ${p.id} project ${p.projectId} class ${p.environmentClassId}`),
    `  try: curl -s ${url}/gitpod.v1.PrebuildService/ListWarmPools -H 'Authorization: Bearer ${world.defaultToken}' -H 'Content-Type: application/json' -d '{}'`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
});
server.on("error", (error) => fail(`cannot listen on ${host}:${port}: ${error.message}`));

function shutdown(signal: string) {
  process.stdout.write(`warm-pool-mock: ${signal}, shutting down\n`);
  try {
    writer?.flush();
  } catch (error) {
    process.stderr.write(`warm-pool-mock: cannot save ${stateFile}: ${(error as Error).message}\n`);
  }
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on("SIGINT", () => shutdown("SIGINT"));
process.on("SIGTERM", () => shutdown("SIGTERM"));
