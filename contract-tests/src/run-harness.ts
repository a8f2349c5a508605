import { CaseContext } from "./case-context.js";
import { CaseFailure, type FailureDetail } from "./case-failure.js";
import { ALL_CASES } from "./cases/all-cases.js";
import {
  createResponseValidator,
  type ResponseValidator,
} from "./contract/create-response-validator.js";
import { loadContractDocument } from "./contract/load-contract-document.js";
import type { Capability, ContractCase } from "./contract-case.js";
import {
  type HarnessInput,
  type HarnessOptions,
  resolveHarnessOptions,
} from "./harness-options.js";
import { ApiClient, type Credential, type Exchange, TransportError } from "./http/api-client.js";
import { renderCurl } from "./http/render-curl.js";
import { type CleanupReport, PoolTracker, sameId } from "./pool-tracker.js";
import { readCreatedPool } from "./read-created-pool.js";
import { selectCases } from "./select-cases.js";
import type { ListWarmPoolsResponse, PoolPair, WarmPool } from "./wire-types.js";

export type CaseStatus = "passed" | "failed" | "skipped";

/** The outcome of one case. */
export interface CaseResult {
  name: string;
  rule: string;
  status: CaseStatus;
  durationMs: number;
  skipReason?: string;
  failure?: FailureDetail;
}

/** The outcome of a run. */
export interface HarnessResult {
  baseUrl: string;
  startedAt: string;
  durationMs: number;
  cases: CaseResult[];
  cleanup: CleanupReport;
  summary: { total: number; passed: number; failed: number; skipped: number };
  /** True when no case failed and cleanup removed every pool the run created. */
  ok: boolean;
}

/** Hooks for progress reports. */
export interface HarnessObserver {
  onStart?(info: { baseUrl: string; cases: readonly ContractCase[] }): void;
  onCaseEnd?(result: CaseResult): void;
}

/** The run could not happen: bad options, unreachable target, unusable fixtures (exit code 2). */
export class HarnessSetupError extends Error {
  override name = "HarnessSetupError";
}

const INTERRUPTED = "the run was interrupted";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Runs the selected contract cases against a target and cleans up every pool it created.
 * Throws HarnessSetupError when the run cannot happen; case failures are in the result.
 */
export async function runHarness(
  input: HarnessInput = {},
  observer: HarnessObserver = {},
  signal?: AbortSignal,
): Promise<HarnessResult> {
  const started = Date.now();
  const options = resolveHarnessOptions(input);
  checkOptions(options);
  const cases = selectOrFail(options);
  const validator = loadValidator(options);

  // Housekeeping ignores the interrupt signal: cleanup must still run after Ctrl-C.
  const housekeeping = new ApiClient(options.baseUrl, options.credential, options.timeoutMs);
  const tracker = new PoolTracker(housekeeping, options.waitTimeoutMs);
  const credentials = [options.credential, options.foreignCredential].filter(
    (c): c is Credential => !!c,
  );
  const client = new ApiClient(
    options.baseUrl,
    options.credential,
    options.timeoutMs,
    (exchange) => registerCreatedPool(exchange, tracker, credentials),
    signal,
  );

  const setup = await preflight(options, housekeeping);
  const lacking = new Set(setup.capabilities.keys());
  const shared = new Map<string, WarmPool>();
  observer.onStart?.({ baseUrl: options.baseUrl, cases });
  const results: CaseResult[] = [];
  for (const contractCase of cases) {
    const result = await runCase(
      contractCase,
      setup,
      signal,
      () => new CaseContext(options, client, validator, tracker, started, lacking, shared),
    );
    await tracker.releaseLive();
    results.push(result);
    observer.onCaseEnd?.(result);
  }
  await sweepLostPools(options, housekeeping, tracker, setup.preexisting);
  const cleanup = await tracker.cleanup();

  const count = (status: CaseStatus) => results.filter((r) => r.status === status).length;
  const summary = {
    total: results.length,
    passed: count("passed"),
    failed: count("failed"),
    skipped: count("skipped"),
  };
  return {
    baseUrl: options.baseUrl,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    cases: results,
    cleanup,
    summary,
    ok: summary.failed === 0 && cleanup.failed.length === 0,
  };
}

async function runCase(
  contractCase: ContractCase,
  setup: Preflight,
  signal: AbortSignal | undefined,
  createContext: () => CaseContext,
): Promise<CaseResult> {
  const base = { name: contractCase.name, rule: contractCase.rule };
  const lacking = (contractCase.needs ?? []).find((need) => setup.capabilities.has(need));
  if (signal?.aborted)
    return { ...base, status: "skipped", durationMs: 0, skipReason: INTERRUPTED };
  if (lacking) {
    return {
      ...base,
      status: "skipped",
      durationMs: 0,
      skipReason: setup.capabilities.get(lacking) ?? lacking,
    };
  }
  const caseStarted = Date.now();
  const ctx = createContext();
  try {
    await contractCase.run(ctx);
    return { ...base, status: "passed", durationMs: Date.now() - caseStarted };
  } catch (error) {
    // A request cut short by Ctrl-C says nothing about the target.
    if (signal?.aborted) {
      return {
        ...base,
        status: "skipped",
        durationMs: Date.now() - caseStarted,
        skipReason: INTERRUPTED,
      };
    }
    return {
      ...base,
      status: "failed",
      durationMs: Date.now() - caseStarted,
      failure: describeFailure(error, ctx.lastExchange),
    };
  }
}

function describeFailure(error: unknown, last: Exchange | undefined): FailureDetail {
  if (error instanceof CaseFailure) return error.detail;
  if (error instanceof TransportError) {
    return {
      check: "the target answers every request",
      expected: "an HTTP answer",
      actual: error.message,
      curl: renderCurl(error.request),
    };
  }
  return {
    check: "the case runs to its end",
    expected: "no error",
    actual: String((error as Error)?.stack ?? error),
    ...(last
      ? { curl: last.curl, response: { status: last.status, body: last.text.slice(0, 2000) } }
      : {}),
  };
}

function registerCreatedPool(
  exchange: Exchange,
  tracker: PoolTracker,
  credentials: readonly Credential[],
): void {
  if (exchange.rpc !== "CreateWarmPool" || exchange.status !== 200) return;
  const created = readCreatedPool(exchange.json);
  if (!created) return;
  const token = exchange.request.headers.Authorization?.replace(/^Bearer +/i, "") ?? "";
  tracker.register(
    created.id,
    created.pair,
    credentials.find((c) => c.token === token) ?? { token },
  );
}

function checkOptions(options: HarnessOptions): void {
  let url: URL;
  try {
    url = new URL(options.baseUrl);
  } catch {
    throw new HarnessSetupError(`--base-url ${JSON.stringify(options.baseUrl)} is not a URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new HarnessSetupError(`--base-url must be http:// or https://, got ${url.protocol}`);
  }
  const ids: [string, string | undefined][] = [
    ["--project-id", options.projectId],
    ["--environment-class-id", options.environmentClassId],
    ["--second-environment-class-id", options.secondEnvironmentClassId],
    ["--disabled-project-id", options.disabledProjectId],
    ["--unconfigured-environment-class-id", options.unconfiguredEnvironmentClassId],
  ];
  for (const [name, value] of ids) {
    if (value !== undefined && !UUID.test(value))
      throw new HarnessSetupError(`${name} must be a UUID, got ${JSON.stringify(value)}`);
  }
  if (
    options.secondEnvironmentClassId &&
    sameId(options.secondEnvironmentClassId, options.environmentClassId)
  ) {
    throw new HarnessSetupError(
      "--second-environment-class-id must differ from --environment-class-id",
    );
  }
  const unconfigured = options.unconfiguredEnvironmentClassId;
  if (
    unconfigured &&
    [options.environmentClassId, options.secondEnvironmentClassId].some(
      (c) => c && sameId(c, unconfigured),
    )
  ) {
    throw new HarnessSetupError(
      "--unconfigured-environment-class-id must be a class outside the project's prebuild configuration, not one the harness creates pools for",
    );
  }
  if (options.disabledProjectId && sameId(options.disabledProjectId, options.projectId)) {
    throw new HarnessSetupError("--disabled-project-id must differ from --project-id");
  }
  if (!options.credential.token) throw new HarnessSetupError("--token must not be empty");
  for (const [name, value] of [
    ["--timeout", options.timeoutMs],
    ["--wait-timeout", options.waitTimeoutMs],
  ] as const) {
    if (!Number.isInteger(value) || value <= 0)
      throw new HarnessSetupError(`${name} must be a positive number of milliseconds`);
  }
}

function selectOrFail(options: HarnessOptions): ContractCase[] {
  try {
    return selectCases(ALL_CASES, options.only, options.skip);
  } catch (error) {
    throw new HarnessSetupError((error as Error).message);
  }
}

function loadValidator(options: HarnessOptions): ResponseValidator {
  try {
    return createResponseValidator(loadContractDocument(options.openapiPath));
  } catch (error) {
    throw new HarnessSetupError(`cannot load the contract: ${(error as Error).message}`);
  }
}

interface Preflight {
  /** Capabilities the run lacks, with the reason. */
  capabilities: Map<Capability, string>;
  /** Pools that were on the harness's pairs before it started; never touched. */
  preexisting: Set<string>;
}

// Checks that the target answers, that the token works, and which fixtures are usable.
async function preflight(options: HarnessOptions, client: ApiClient): Promise<Preflight> {
  const capabilities = new Map<Capability, string>();
  if (!options.secondEnvironmentClassId)
    capabilities.set("second-class", "no --second-environment-class-id given");
  if (!options.foreignCredential) capabilities.set("foreign-token", "no --foreign-token given");
  if (!options.disabledProjectId)
    capabilities.set("disabled-project", "no --disabled-project-id given");
  if (!options.unconfiguredEnvironmentClassId)
    capabilities.set("unconfigured-class", "no --unconfigured-environment-class-id given");

  const probe = await probeList(client, options.credential, options.baseUrl);
  if (probe.status === 401)
    throw new HarnessSetupError(
      `the target rejects --token (ListWarmPools answered 401: ${probe.text.slice(0, 200)})`,
    );
  if (probe.status === 404) {
    throw new HarnessSetupError(
      `no warm-pool API at ${options.baseUrl}: POST ${probe.request.url} answered 404`,
    );
  }
  if (options.foreignCredential) {
    const foreign = await probeList(client, options.foreignCredential, options.baseUrl);
    if (foreign.status === 401)
      capabilities.set("foreign-token", "the target rejects --foreign-token (401)");
  }

  const onProject = await listProjectPools(client, options);
  const preexisting = new Set(onProject.map((p) => p.id));
  const holder = (classId: string) =>
    onProject.find((p) => sameId(p.pair.environmentClassId, classId));
  const first = holder(options.environmentClassId);
  if (first) {
    throw new HarnessSetupError(
      `project ${options.projectId} already has warm pool ${first.id} for class ${options.environmentClassId}; ` +
        "the harness only deletes pools it created: pass a free pair (--project-id/--environment-class-id)",
    );
  }
  const second = options.secondEnvironmentClassId && holder(options.secondEnvironmentClassId);
  if (second)
    capabilities.set(
      "second-class",
      `the second class already has warm pool ${second.id} (not the harness's)`,
    );
  return { capabilities, preexisting };
}

async function probeList(client: ApiClient, as: Credential, baseUrl: string): Promise<Exchange> {
  try {
    return await client.rpc("ListWarmPools", { pagination: { pageSize: 1 } }, { as });
  } catch (error) {
    throw new HarnessSetupError(
      `the target at ${baseUrl} is unreachable: ${(error as Error).message}`,
    );
  }
}

// Every pool of the project, read leniently: housekeeping must work even against a broken target.
async function listProjectPools(
  client: ApiClient,
  options: HarnessOptions,
): Promise<{ id: string; pair: PoolPair }[]> {
  const found: { id: string; pair: PoolPair }[] = [];
  const seen = new Set<string>();
  let token = "";
  for (let page = 0; page < 200; page++) {
    let exchange: Exchange;
    try {
      exchange = await client.rpc("ListWarmPools", {
        filter: { projectIds: [options.projectId] },
        pagination: { pageSize: 100, ...(token ? { token } : {}) },
      });
    } catch {
      break;
    }
    if (exchange.status !== 200) break;
    const body = exchange.json as Partial<ListWarmPoolsResponse> | undefined;
    for (const pool of body?.warmPools ?? []) {
      const created = readCreatedPool({ warmPool: pool });
      if (created && sameId(created.pair.projectId, options.projectId)) found.push(created);
    }
    const next = body?.pagination?.nextToken ?? "";
    if (!next || seen.has(next)) break;
    seen.add(next);
    token = next;
  }
  return found;
}

// A create whose answer was lost (a timeout) still made a pool: find it on the harness's pairs.
async function sweepLostPools(
  options: HarnessOptions,
  client: ApiClient,
  tracker: PoolTracker,
  preexisting: ReadonlySet<string>,
): Promise<void> {
  // The unconfigured class too: a target that wrongly created a pool there must not keep it.
  const classes = [
    options.environmentClassId,
    options.secondEnvironmentClassId,
    options.unconfiguredEnvironmentClassId,
  ].filter((c): c is string => !!c);
  for (const pool of await listProjectPools(client, options)) {
    if (preexisting.has(pool.id) || tracker.owns(pool.id)) continue;
    if (classes.some((c) => sameId(c, pool.pair.environmentClassId)))
      tracker.register(pool.id, pool.pair, options.credential);
  }
}
