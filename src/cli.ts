#!/usr/bin/env node
// The only module that reads argv and the environment, listens, and exits.
import { parseArgs } from "node:util";
import type { WorldData } from "./domain/world.js";
import {
  createApp,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_POOLS_PER_ORGANIZATION,
  DEFAULT_TIMING,
} from "./server/create-app.js";
import { createHttpServer, DEFAULT_SERVER_LIMITS } from "./server/create-http-server.js";
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

Limits (see README "Limits"):
  --max-body-bytes N       largest request body           MAX_BODY_BYTES   default ${DEFAULT_MAX_BODY_BYTES}
  --max-header-bytes N     largest request head           MAX_HEADER_BYTES default ${DEFAULT_SERVER_LIMITS.maxHeaderBytes}
  --max-pools N            warm pools per organization    MAX_POOLS        default ${DEFAULT_MAX_POOLS_PER_ORGANIZATION}
  --rate-limit RPS         requests per second per        RATE_LIMIT       default 0 (off)
                           principal
  --rate-limit-burst N     requests allowed at once       RATE_LIMIT_BURST default: RPS
  --headers-timeout-ms MS  time to send request headers   HEADERS_TIMEOUT_MS    default ${DEFAULT_SERVER_LIMITS.headersTimeoutMs}
  --request-timeout-ms MS  time to send a whole request   REQUEST_TIMEOUT_MS    default ${DEFAULT_SERVER_LIMITS.requestTimeoutMs}
  --keep-alive-timeout-ms MS  idle keep-alive lifetime    KEEP_ALIVE_TIMEOUT_MS default ${DEFAULT_SERVER_LIMITS.keepAliveTimeoutMs}
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
      "max-body-bytes": { type: "string" },
      "max-header-bytes": { type: "string" },
      "max-pools": { type: "string" },
      "rate-limit": { type: "string" },
      "rate-limit-burst": { type: "string" },
      "headers-timeout-ms": { type: "string" },
      "request-timeout-ms": { type: "string" },
      "keep-alive-timeout-ms": { type: "string" },
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

const limit = (name: keyof typeof values, envName: string, min: number, max: number) =>
  parseInteger(`--${name}`, (values[name] as string | undefined) ?? env[envName], min, max);
const maxBodyBytes = limit("max-body-bytes", "MAX_BODY_BYTES", 1, 2 ** 30);
const maxPoolsPerOrganization = limit("max-pools", "MAX_POOLS", 0, 10_000_000);
const requestsPerSecond = limit("rate-limit", "RATE_LIMIT", 0, 1_000_000) ?? 0;
const burst = limit("rate-limit-burst", "RATE_LIMIT_BURST", 1, 1_000_000) ?? requestsPerSecond;
const maxHeaderBytes = limit("max-header-bytes", "MAX_HEADER_BYTES", 1024, 2 ** 24);
const headersTimeoutMs = limit("headers-timeout-ms", "HEADERS_TIMEOUT_MS", 1, 3_600_000);
const requestTimeoutMs = limit("request-timeout-ms", "REQUEST_TIMEOUT_MS", 1, 3_600_000);
const keepAliveTimeoutMs = limit("keep-alive-timeout-ms", "KEEP_ALIVE_TIMEOUT_MS", 1, 3_600_000);
const serverLimits = { ...DEFAULT_SERVER_LIMITS };
if (maxHeaderBytes !== undefined) serverLimits.maxHeaderBytes = maxHeaderBytes;
if (headersTimeoutMs !== undefined) serverLimits.headersTimeoutMs = headersTimeoutMs;
if (requestTimeoutMs !== undefined) serverLimits.requestTimeoutMs = requestTimeoutMs;
if (keepAliveTimeoutMs !== undefined) serverLimits.keepAliveTimeoutMs = keepAliveTimeoutMs;
if (serverLimits.headersTimeoutMs > serverLimits.requestTimeoutMs) {
  fail("--headers-timeout-ms must not exceed --request-timeout-ms");
}

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
  ...(maxBodyBytes !== undefined ? { maxBodyBytes } : {}),
  ...(maxPoolsPerOrganization !== undefined ? { maxPoolsPerOrganization } : {}),
  ...(requestsPerSecond > 0 ? { rateLimit: { requestsPerSecond, burst } } : {}),
});
const server = createHttpServer(app, serverLimits).listen(port, host, () => {
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${actualPort}`;
  const lines = [
    `warm-pool-mock listening on ${url} (started in ${Math.round(process.uptime() * 1000)} ms)`,
    `  world: ${worldFile ?? "built-in fixtures"}; auth: ${strictAuth ? "strict" : `unknown tokens act as ${world.defaultToken}`}`,
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
