#!/usr/bin/env node
// The only module that reads argv and the environment, listens, and exits.
import { parseArgs } from "node:util";
import type { WorldData } from "./domain/world.js";
import { createApp, DEFAULT_TIMING } from "./server/create-app.js";
import { loadDefaultWorld, loadWorldFile } from "./store/load-default-world.js";

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
const app = createApp({
  world,
  strictAuth,
  timing: { readyDelayMs, deleteDelayMs },
  corsOrigins,
});
const server = app.listen(port, host, () => {
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${actualPort}`;
  const lines = [
    `warm-pool-mock listening on ${url} (started in ${Math.round(process.uptime() * 1000)} ms)`,
    `  world: ${worldFile ?? "built-in fixtures"}; auth: ${strictAuth ? "strict" : `unknown tokens act as ${world.defaultToken}`}; CORS origins: ${corsOrigins.join(", ")}`,
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
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on("SIGINT", () => shutdown("SIGINT"));
process.on("SIGTERM", () => shutdown("SIGTERM"));
