// The CLI's options as one declarative table: each entry is a flag, its environment variable,
// its default, its parser and its help text. A feature adds an option by adding an entry.

import { parseArgs } from "node:util";
import { DEFAULT_SERVER_LIMITS } from "./adapters/node/create-http-server.js";
import { parseExplicitOrigins } from "./core/guard/parse-explicit-origin.js";
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_POOLS_PER_ORGANIZATION } from "./core/limits.js";
import { listScenarioNames } from "./core/load-scenario.js";
import { DEFAULT_TIMING } from "./domain/domain-context.js";
import { LOG_FORMATS, LOG_LEVELS, type LogFormat, type LogLevel } from "./logging/create-logger.js";
import { DEFAULT_CORS_ORIGINS } from "./rpc/cors.js";
import { DEFAULT_JOURNAL_SIZE } from "./rpc/request-journal.js";

/** A command-line or environment value that cannot be used; the CLI prints it and exits 2. */
export class CliUsageError extends Error {
  override name = "CliUsageError";
}

/** One option of the CLI. `parse` gets the raw text and throws a CliUsageError-worthy message. */
export interface CliOptionSpec<T> {
  /** Long flag without dashes, e.g. "ready-delay-ms". */
  flag: string;
  /** Environment variable read when the flag is absent. */
  env: string;
  /** A switch takes no value on the command line; its env variable takes 1/0, true/false, yes/no. */
  kind: "value" | "switch";
  /** Placeholder shown in --help, e.g. "MS". */
  valueName?: string;
  default: T;
  /** How --help shows the default when `String(default)` would not say it well. */
  defaultText?: string;
  help: string;
  /** Turns raw text into the value; throws an Error whose message says what is expected. */
  parse(raw: string): T;
}

const MAX_DELAY_MS = 86_400_000;
const CLOCK_MODES = ["real", "manual"] as const;

export type ClockModeOption = (typeof CLOCK_MODES)[number];

/** Every option the CLI understands, in --help order. */
export const CLI_OPTIONS = {
  host: value({
    flag: "host",
    env: "HOST",
    valueName: "HOST",
    default: "127.0.0.1",
    help: "address to listen on (0.0.0.0: every interface, as in the container)",
    parse: parseNonEmpty,
  }),
  port: value({
    flag: "port",
    env: "PORT",
    valueName: "PORT",
    default: 4010,
    help: "port to listen on; 0 picks a free one",
    parse: (raw) => parseInteger(raw, 0, 65_535),
  }),
  world: value<string | undefined>({
    flag: "world",
    env: "WORLD_FILE",
    valueName: "FILE",
    default: undefined,
    defaultText: "built-in fixtures/",
    help: "serve the world in this JSON file instead of the built-in one",
    parse: parseNonEmpty,
  }),
  scenario: value<string | undefined>({
    flag: "scenario",
    env: "SCENARIO",
    valueName: "NAME",
    default: undefined,
    defaultText: "none",
    help: `start from a named scenario (its world, fault rules, clock): ${listScenarioNames().join(", ")}; not with --world`,
    parse: (raw) => parseChoice(raw, listScenarioNames()),
  }),
  lowMemory: switchOption({
    flag: "low-memory",
    env: "LOW_MEMORY",
    help: "keep V8 in its memory-saving mode and no encoded pools between answers: less RSS under load with a large world, more CPU per request",
  }),
  strictAuth: switchOption({
    flag: "strict-auth",
    env: "STRICT_AUTH",
    help: "reject tokens the world does not list instead of using the default principal",
  }),
  readyDelayMs: value({
    flag: "ready-delay-ms",
    env: "READY_DELAY_MS",
    valueName: "MS",
    default: DEFAULT_TIMING.readyDelayMs,
    help: "time a new pool with a snapshot stays PENDING before it is READY",
    parse: (raw) => parseInteger(raw, 0, MAX_DELAY_MS),
  }),
  deleteDelayMs: value({
    flag: "delete-delay-ms",
    env: "DELETE_DELAY_MS",
    valueName: "MS",
    default: DEFAULT_TIMING.deleteDelayMs,
    help: "time a deleted pool stays DELETING before it is gone",
    parse: (raw) => parseInteger(raw, 0, MAX_DELAY_MS),
  }),
  startDelayMs: value({
    flag: "start-delay-ms",
    env: "START_DELAY_MS",
    valueName: "MS",
    default: DEFAULT_TIMING.startDelayMs,
    help: "time to start stopped instances that backfill claimed ones",
    parse: (raw) => parseInteger(raw, 0, MAX_DELAY_MS),
  }),
  prebuildDelayMs: value({
    flag: "prebuild-delay-ms",
    env: "PREBUILD_DELAY_MS",
    valueName: "MS",
    default: DEFAULT_TIMING.prebuildDelayMs,
    help: "time a prebuild started with CreatePrebuild takes to complete (a third each PENDING, RUNNING, SNAPSHOTTING)",
    parse: (raw) => parseInteger(raw, 0, MAX_DELAY_MS),
  }),
  clock: value<ClockModeOption | undefined>({
    flag: "clock",
    env: "CLOCK",
    valueName: "MODE",
    default: undefined,
    defaultText: "real, or the scenario's",
    help: "real, or manual: a manual clock only moves via POST /_admin/clock/advance; wins over a scenario's mode",
    parse: (raw) => parseChoice(raw, CLOCK_MODES),
  }),
  timeScale: value({
    flag: "time-scale",
    env: "TIME_SCALE",
    valueName: "N",
    default: 1,
    help: "speed factor of the real clock: 10 makes every delay pass 10x faster",
    parse: parseTimeScale,
  }),
  seed: value<number | undefined>({
    flag: "seed",
    env: "SEED",
    valueName: "N",
    default: undefined,
    defaultText: "none (random)",
    help: "seed of probabilistic faults and latency ranges, so a flaky run repeats exactly",
    parse: (raw) => parseInteger(raw, 0, 2 ** 32 - 1),
  }),
  corsOrigins: value<readonly string[]>({
    flag: "cors-origins",
    env: "CORS_ORIGINS",
    valueName: "LIST",
    default: DEFAULT_CORS_ORIGINS,
    defaultText: "loopback (pages on localhost, *.localhost, 127.0.0.1, [::1], any port)",
    help: "comma-separated origins whose pages may call the RPCs: origins, patterns with *, loopback, or * for any",
    parse: parseOriginList,
  }),
  adminOrigins: value<readonly string[]>({
    flag: "admin-origins",
    env: "ADMIN_ORIGINS",
    valueName: "LIST",
    default: [],
    defaultText: "none (the mock's own origin only)",
    help: "comma-separated explicit origins (no wildcards), besides its own, whose pages may use /_admin and the dashboard",
    parse: parseAdminOrigins,
  }),
  allowedHosts: value<readonly string[]>({
    flag: "allowed-hosts",
    env: "ALLOWED_HOSTS",
    valueName: "LIST",
    default: [],
    defaultText: "none (loopback names, IP addresses and dotless names only)",
    help: "comma-separated Host names to answer besides those; .example.com adds its subdomains, * any host",
    parse: parseHostList,
  }),
  worldDir: value<string | undefined>({
    flag: "world-dir",
    env: "WORLD_DIR",
    valueName: "DIR",
    default: undefined,
    defaultText: "none (the --world file's folder and fixtures/scenarios only)",
    help: "a folder whose world files POST /_admin/world/load may also read",
    parse: parseNonEmpty,
  }),
  noAdmin: switchOption({
    flag: "no-admin",
    env: "NO_ADMIN",
    help: "serve no control plane under /_admin",
  }),
  adminToken: value<string | undefined>({
    flag: "admin-token",
    env: "ADMIN_TOKEN",
    valueName: "TOKEN",
    default: undefined,
    defaultText: "none (open)",
    help: "require Authorization: Bearer TOKEN on /_admin",
    parse: parseNonEmpty,
  }),
  journalSize: value({
    flag: "journal-size",
    env: "JOURNAL_SIZE",
    valueName: "N",
    default: DEFAULT_JOURNAL_SIZE,
    help: "RPC calls kept in the request journal, 0 for none",
    parse: (raw) => parseInteger(raw, 0, 100_000),
  }),
  stateFile: value<string | undefined>({
    flag: "state-file",
    env: "STATE_FILE",
    valueName: "FILE",
    default: undefined,
    defaultText: "none (state is lost at exit)",
    help: "load the world from FILE at start if it exists; save it there after changes and at exit",
    parse: parseNonEmpty,
  }),
  maxBodyBytes: value({
    flag: "max-body-bytes",
    env: "MAX_BODY_BYTES",
    valueName: "N",
    default: DEFAULT_MAX_BODY_BYTES,
    help: "largest request body (also after gzip inflation); larger is resource_exhausted",
    parse: (raw) => parseInteger(raw, 1, 2 ** 30),
  }),
  maxHeaderBytes: value({
    flag: "max-header-bytes",
    env: "MAX_HEADER_BYTES",
    valueName: "N",
    default: DEFAULT_SERVER_LIMITS.maxHeaderBytes,
    help: "largest request head (request line and headers); larger is HTTP 431",
    parse: (raw) => parseInteger(raw, 1024, 2 ** 24),
  }),
  maxPools: value({
    flag: "max-pools",
    env: "MAX_POOLS",
    valueName: "N",
    default: DEFAULT_MAX_POOLS_PER_ORGANIZATION,
    help: "warm pools one organization may hold; CreateWarmPool beyond is resource_exhausted",
    parse: (raw) => parseInteger(raw, 0, 10_000_000),
  }),
  rateLimit: value({
    flag: "rate-limit",
    env: "RATE_LIMIT",
    valueName: "RPS",
    default: 0,
    defaultText: "0 (off)",
    help: "RPC requests per second per principal; more is resource_exhausted with Retry-After",
    parse: (raw) => parseInteger(raw, 0, 1_000_000),
  }),
  rateLimitBurst: value<number | undefined>({
    flag: "rate-limit-burst",
    env: "RATE_LIMIT_BURST",
    valueName: "N",
    default: undefined,
    defaultText: "the rate",
    help: "requests a principal may make at once before the rate applies",
    parse: (raw) => parseInteger(raw, 1, 1_000_000),
  }),
  headersTimeoutMs: value({
    flag: "headers-timeout-ms",
    env: "HEADERS_TIMEOUT_MS",
    valueName: "MS",
    default: DEFAULT_SERVER_LIMITS.headersTimeoutMs,
    help: "time a client has to send the request head (stops slowloris clients)",
    parse: (raw) => parseInteger(raw, 1, 3_600_000),
  }),
  requestTimeoutMs: value({
    flag: "request-timeout-ms",
    env: "REQUEST_TIMEOUT_MS",
    valueName: "MS",
    default: DEFAULT_SERVER_LIMITS.requestTimeoutMs,
    help: "time a client has to send the whole request, body included",
    parse: (raw) => parseInteger(raw, 1, 3_600_000),
  }),
  keepAliveTimeoutMs: value({
    flag: "keep-alive-timeout-ms",
    env: "KEEP_ALIVE_TIMEOUT_MS",
    valueName: "MS",
    default: DEFAULT_SERVER_LIMITS.keepAliveTimeoutMs,
    help: "how long an idle keep-alive connection stays open",
    parse: (raw) => parseInteger(raw, 1, 3_600_000),
  }),
  logLevel: value({
    flag: "log-level",
    env: "LOG_LEVEL",
    valueName: "LEVEL",
    default: "info" as LogLevel,
    help: `${LOG_LEVELS.join(", ")}; info logs a line per request`,
    parse: (raw) => parseChoice(raw, LOG_LEVELS),
  }),
  logFormat: value({
    flag: "log-format",
    env: "LOG_FORMAT",
    valueName: "FORMAT",
    default: "auto" as LogFormat,
    help: "json, pretty, or auto: pretty when stdout is a terminal, JSON otherwise",
    parse: (raw) => parseChoice(raw, LOG_FORMATS),
  }),
  shutdownGraceMs: value({
    flag: "shutdown-grace-ms",
    env: "SHUTDOWN_GRACE_MS",
    valueName: "MS",
    default: 10_000,
    help: "on SIGTERM/SIGINT, time in-flight requests get before connections are cut",
    parse: (raw) => parseInteger(raw, 0, 600_000),
  }),
} satisfies Record<string, CliOptionSpec<unknown>>;

/** Options that cannot be given together (by flag or environment variable), with why. */
const EXCLUSIVE_OPTIONS: readonly [keyof typeof CLI_OPTIONS, keyof typeof CLI_OPTIONS, string][] = [
  ["scenario", "world", "a scenario brings its own world"],
];

/** The parsed options, one property per table entry. */
export type CliOptions = {
  [K in keyof typeof CLI_OPTIONS]: (typeof CLI_OPTIONS)[K]["default"];
};

/** What the command line asks for: help, or a server with these options. */
export type CliCommand = { help: true } | { help: false; options: CliOptions };

/**
 * Reads options from argv (flags win) and env (variables fill the rest), then defaults.
 * Throws CliUsageError naming the flag or variable at fault.
 */
export function parseCliOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): CliCommand {
  const specs = Object.entries(CLI_OPTIONS) as [keyof CliOptions, CliOptionSpec<unknown>][];
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        help: { type: "boolean", short: "h" },
        ...Object.fromEntries(
          specs.map(([, spec]) => [
            spec.flag,
            { type: spec.kind === "switch" ? "boolean" : "string" } as const,
          ]),
        ),
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
  if (parsed.values.help) return { help: true };

  const options: Record<string, unknown> = {};
  for (const [key, spec] of specs) {
    const flagValue = parsed.values[spec.flag];
    const envValue = env[spec.env];
    if (spec.kind === "switch" && flagValue !== undefined) {
      options[key] = flagValue;
    } else if (typeof flagValue === "string") {
      options[key] = parseWith(spec, flagValue, `--${spec.flag}`);
    } else if (envValue !== undefined && envValue !== "") {
      options[key] = parseWith(spec, envValue, spec.env);
    } else {
      options[key] = spec.default;
    }
  }
  for (const [a, b, why] of EXCLUSIVE_OPTIONS) {
    if (options[a] !== undefined && options[b] !== undefined) {
      const name = (key: keyof typeof CLI_OPTIONS) =>
        `--${CLI_OPTIONS[key].flag} (${CLI_OPTIONS[key].env})`;
      throw new CliUsageError(`${name(a)} and ${name(b)} cannot be used together: ${why}`);
    }
  }
  return { help: false, options: options as CliOptions };
}

function parseWith(spec: CliOptionSpec<unknown>, raw: string, source: string): unknown {
  try {
    return spec.parse(raw);
  } catch (error) {
    throw new CliUsageError(`${source}: ${(error as Error).message}, got ${JSON.stringify(raw)}`);
  }
}

/** The --help text, generated from the table so it can never miss an option. */
export function formatHelp(): string {
  const rows = Object.values(CLI_OPTIONS as Record<string, CliOptionSpec<unknown>>).map((spec) => {
    const flag = `--${spec.flag}${spec.valueName ? ` ${spec.valueName}` : ""}`;
    const fallback = spec.defaultText ?? String(spec.default);
    return `  ${flag.padEnd(24)} ${spec.help}\n  ${"".padEnd(24)} env ${spec.env}, default ${fallback}`;
  });
  return [
    "warm-pool-mock: a mock of the Ona warm-pool API (gitpod.v1.PrebuildService)",
    "",
    "Usage: warm-pool-mock [options]",
    "",
    "Options (a flag wins over its environment variable; an empty variable counts as unset):",
    ...rows,
    `  ${"-h, --help".padEnd(24)} show this help`,
    "",
  ].join("\n");
}

function value<T>(spec: Omit<CliOptionSpec<T>, "kind">): CliOptionSpec<T> {
  return { ...spec, kind: "value" };
}

function switchOption(
  spec: Pick<CliOptionSpec<boolean>, "flag" | "env" | "help">,
): CliOptionSpec<boolean> {
  return { ...spec, kind: "switch", default: false, defaultText: "off", parse: parseBoolean };
}

/** Parses an integer within bounds, digits only. */
export function parseInteger(raw: string, min: number, max: number): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) {
    throw new Error(`expected an integer from ${min} to ${max}`);
  }
  return n;
}

/** Parses 1/0, true/false, yes/no, on/off in any case. */
export function parseBoolean(raw: string): boolean {
  const text = raw.trim().toLowerCase();
  if (["1", "true", "yes", "on"].includes(text)) return true;
  if (["0", "false", "no", "off"].includes(text)) return false;
  throw new Error("expected 1/0, true/false, yes/no or on/off");
}

/** Parses one of a closed set of words. */
export function parseChoice<T extends string>(raw: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(raw)) {
    throw new Error(`expected one of ${choices.join(", ")}`);
  }
  return raw as T;
}

function parseNonEmpty(raw: string): string {
  if (raw.trim() === "") throw new Error("expected a non-empty value");
  return raw;
}

/** Parses a positive speed factor, at most a million. */
export function parseTimeScale(raw: string): number {
  const n = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || !(n > 0) || n > 1_000_000) {
    throw new Error("expected a number above 0 and at most 1000000");
  }
  return n;
}

/** Parses a comma-separated list of origins (or `*`); an empty list allows nothing and is refused. */
export function parseOriginList(raw: string): readonly string[] {
  const origins = raw
    .split(",")
    .map((origin) => origin.trim())
    .filter((origin) => origin !== "");
  if (origins.length === 0) throw new Error("expected at least one origin or *");
  return origins;
}

/**
 * Parses the control plane's extra origins: explicit origins only (parseExplicitOrigin). Any
 * wildcard (`*`, `*://*`, `http://*`, `http://localhost:*`) would let pages on many origins
 * drive the control plane, the hole the option exists to keep shut.
 */
export function parseAdminOrigins(raw: string): readonly string[] {
  return parseExplicitOrigins(parseOriginList(raw));
}

/** Parses a comma-separated list of host names, `.domain` suffixes or `*`. */
export function parseHostList(raw: string): readonly string[] {
  const hosts = raw
    .split(",")
    .map((host) => host.trim().toLowerCase())
    .filter((host) => host !== "");
  if (hosts.length === 0) throw new Error("expected at least one host name or *");
  const bad = hosts.find((host) => host !== "*" && !/^\.?[a-z0-9_-]+(\.[a-z0-9_-]+)*$/.test(host));
  if (bad !== undefined) {
    throw new Error(
      `expected host names without scheme or port (such as mock.internal or .example.com), not ${bad}`,
    );
  }
  return hosts;
}

export type { LogFormat, LogLevel };
