import { parseArgs } from "node:util";
import {
  DEFAULT_TIMEOUT_MS,
  DEFAULT_WAIT_TIMEOUT_MS,
  type HarnessInput,
  MOCK_DEFAULTS,
} from "./harness-options.js";
import type { Credential } from "./http/api-client.js";

export const HELP = `warm-pool-contract: checks any implementation of the warm-pool API
(gitpod.v1.PrebuildService) against openapi/warm-pools.yaml and the API's business rules.

Usage: warm-pool-contract [options]
       warm-pool-contract explore [options]   generated sequences compared with the mock in
                                              process as reference model (explore --help)

Target
  --base-url URL                     env WARM_POOL_BASE_URL      default ${MOCK_DEFAULTS.baseUrl}
  --token TOKEN                      env WARM_POOL_TOKEN         default ${MOCK_DEFAULTS.token}
  --project-id UUID                  a project with prebuilds enabled for the class
                                     default ${MOCK_DEFAULTS.projectId}
  --environment-class-id UUID        a class in its prebuild configuration, with no pool yet
                                     default ${MOCK_DEFAULTS.environmentClassId}
Capabilities (cases that need one are skipped, with the reason, when it is absent)
  --second-environment-class-id UUID another free class of the same project
                                     default ${MOCK_DEFAULTS.secondEnvironmentClassId}, only while
                                     --project-id is not given; "" declares none
  --foreign-token TOKEN              a token of another organization; env WARM_POOL_FOREIGN_TOKEN
                                     default ${MOCK_DEFAULTS.foreignToken}, only while --token is
                                     not given; "" declares none
  --disabled-project-id UUID         a project of the organization with prebuilds disabled
                                     default ${MOCK_DEFAULTS.disabledProjectId}, only while
                                     --project-id is not given; "" declares none
  --unconfigured-environment-class-id UUID
                                     a class of the organization that is not in the project's
                                     prebuild configuration
                                     default ${MOCK_DEFAULTS.unconfiguredEnvironmentClassId}, only while
                                     --project-id is not given; "" declares none
Selection
  --only NAMES                       run only these cases (comma-separated, repeatable, * globs)
  --skip NAMES                       leave these cases out
  --list                             print the cases and their rules, then exit
Timing
  --timeout TIME                     bound on each HTTP request        default ${DEFAULT_TIMEOUT_MS}
  --wait-timeout TIME                bound on waiting for a deleted pool to disappear
                                                                       default ${DEFAULT_WAIT_TIMEOUT_MS}
                                     TIME: milliseconds (500), or 500ms, 5s, 1.5s
Reports
  --junit FILE                       write JUnit XML
  --json FILE                        write the result as JSON
  --openapi FILE                     judge responses by this OpenAPI 3.0/3.1 document (may $ref
                                     other files) instead of the bundled one
  --strict                           fail on response fields the schema does not name (by default
                                     they are warnings: adding a field is a compatible change)
  --no-color                         plain console output (also NO_COLOR=1)
  -h, --help                         show this help

Exit codes: 0 every case passed (skips and warnings allowed), 1 a case failed or cleanup left
pools behind, 2 the run could not happen (bad options, unreachable target, fixtures unusable,
an invalid --openapi document).
`;

/** What the command line asks for. */
export type CliCommand =
  | { kind: "help" }
  | { kind: "list" }
  | { kind: "run"; input: HarnessInput; junit?: string; json?: string; color: boolean };

/** Thrown for a command line that cannot be understood (exit code 2). */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Reads argv (without node and the script) and the environment into a command. */
export function parseCliArgs(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  isTty: boolean,
): CliCommand {
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        "base-url": { type: "string" },
        token: { type: "string" },
        "project-id": { type: "string" },
        "environment-class-id": { type: "string" },
        "second-environment-class-id": { type: "string" },
        "foreign-token": { type: "string" },
        "disabled-project-id": { type: "string" },
        "unconfigured-environment-class-id": { type: "string" },
        only: { type: "string", multiple: true },
        skip: { type: "string", multiple: true },
        list: { type: "boolean" },
        timeout: { type: "string" },
        "wait-timeout": { type: "string" },
        junit: { type: "string" },
        json: { type: "string" },
        openapi: { type: "string" },
        strict: { type: "boolean" },
        "no-color": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return { kind: "help" };
  if (values.list) return { kind: "list" };

  const text = (name: string) => values[name] as string | undefined;
  const credential = readCredential(text("token"), env, "WARM_POOL_TOKEN");
  const foreignCredential = readCredential(text("foreign-token"), env, "WARM_POOL_FOREIGN_TOKEN");
  const input: HarnessInput = {
    only: splitNames(values.only as string[] | undefined),
    skip: splitNames(values.skip as string[] | undefined),
  };
  const baseUrl = text("base-url") ?? (env.WARM_POOL_BASE_URL || undefined);
  if (baseUrl !== undefined) input.baseUrl = baseUrl;
  if (credential) input.credential = credential;
  if (foreignCredential) input.foreignCredential = foreignCredential;
  const projectId = text("project-id");
  if (projectId !== undefined) input.projectId = projectId;
  const classId = text("environment-class-id");
  if (classId !== undefined) input.environmentClassId = classId;
  const secondClassId = text("second-environment-class-id");
  if (secondClassId !== undefined) input.secondEnvironmentClassId = secondClassId;
  const disabledProjectId = text("disabled-project-id");
  if (disabledProjectId !== undefined) input.disabledProjectId = disabledProjectId;
  const unconfiguredClassId = text("unconfigured-environment-class-id");
  if (unconfiguredClassId !== undefined) input.unconfiguredEnvironmentClassId = unconfiguredClassId;
  const timeout = readMs("--timeout", text("timeout"));
  if (timeout !== undefined) input.timeoutMs = timeout;
  const waitTimeout = readMs("--wait-timeout", text("wait-timeout"));
  if (waitTimeout !== undefined) input.waitTimeoutMs = waitTimeout;
  const openapi = text("openapi");
  if (openapi !== undefined) input.openapiPath = openapi;
  if (values.strict) input.strict = true;

  const color = isTty && !values["no-color"] && !env.NO_COLOR;
  const junit = text("junit");
  const json = text("json");
  return { kind: "run", input, color, ...(junit ? { junit } : {}), ...(json ? { json } : {}) };
}

// A token from the environment is a secret: reports show the variable's name instead.
function readCredential(
  flag: string | undefined,
  env: NodeJS.ProcessEnv,
  variable: string,
): Credential | undefined {
  if (flag !== undefined) return { token: flag };
  const fromEnv = env[variable];
  return fromEnv ? { token: fromEnv, envVariable: variable } : undefined;
}

function splitNames(values: string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);
}

function readMs(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = parseDuration(value);
  if (ms === undefined || ms <= 0 || ms > 86_400_000) {
    throw new UsageError(
      `${name} must be a duration from 1 ms to 24 h: milliseconds (500), or with a unit (500ms, 5s, 1.5s), got "${value}"`,
    );
  }
  return ms;
}

/** Milliseconds from `500`, `500ms`, `5s` or `1.5s`; undefined for anything else. */
export function parseDuration(text: string): number | undefined {
  const match = /^(?:(\d+)(?:ms)?|(\d+(?:\.\d{1,3})?)s)$/.exec(text.trim());
  if (!match) return undefined;
  return match[1] !== undefined ? Number(match[1]) : Math.round(Number(match[2]) * 1000);
}
