import { CaseContext } from "./case-context.js";
import { CaseFailure, type FailureDetail } from "./case-failure.js";
import { ALL_CASES } from "./cases/all-cases.js";
import { PAGE_RPCS } from "./cases/page-cases.js";
import { checkOptions } from "./check-options.js";
import { connectTarget } from "./connect-target.js";
import {
  createResponseValidator,
  type ResponseValidator,
} from "./contract/create-response-validator.js";
import { loadContractDocument } from "./contract/load-contract-document.js";
import type { ContractCase } from "./contract-case.js";
import {
  type HarnessInput,
  type HarnessOptions,
  resolveHarnessOptions,
} from "./harness-options.js";
import { HarnessSetupError } from "./harness-setup-error.js";
import { type Exchange, TransportError } from "./http/api-client.js";
import { renderCurl } from "./http/render-curl.js";
import { PairUnusableError } from "./pair-unusable-error.js";
import type { CleanupReport } from "./pool-tracker.js";
import { type Preflight, preflight } from "./preflight.js";
import { selectCases } from "./select-cases.js";
import { sweepLostPools } from "./sweep-lost-pools.js";
import type { WarmPool } from "./wire-types.js";

export type CaseStatus = "passed" | "failed" | "skipped";

/** The outcome of one case. */
export interface CaseResult {
  name: string;
  rule: string;
  status: CaseStatus;
  durationMs: number;
  skipReason?: string;
  failure?: FailureDetail;
  /** Unknown response fields the case saw (failures instead with --strict). */
  warnings?: string[];
}

/** The outcome of a run. */
export interface HarnessResult {
  baseUrl: string;
  startedAt: string;
  durationMs: number;
  cases: CaseResult[];
  cleanup: CleanupReport;
  summary: { total: number; passed: number; failed: number; skipped: number; warnings: number };
  /** True when no case failed and cleanup removed every pool the run created. */
  ok: boolean;
}

/** Hooks for progress reports. */
export interface HarnessObserver {
  onStart?(info: { baseUrl: string; cases: readonly ContractCase[] }): void;
  onCaseEnd?(result: CaseResult): void;
}

const INTERRUPTED = "the run was interrupted";

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
  const validator = await loadValidator(options);

  const { client, housekeeping, tracker } = connectTarget(options, signal);

  const setup = await preflight(options, housekeeping);
  const missingPageRpc = PAGE_RPCS.find((rpc) => !validator.methods.includes(rpc));
  if (missingPageRpc) {
    setup.capabilities.set(
      "page-services",
      `the contract document describes no ${missingPageRpc} (the page's services)`,
    );
  }
  const lacking = new Set(setup.capabilities.keys());
  const shared = new Map<string, WarmPool>();
  observer.onStart?.({ baseUrl: options.baseUrl, cases });
  const results: CaseResult[] = [];
  for (const contractCase of cases) {
    tracker.enterCase(contractCase.name);
    const result = await runCase(
      contractCase,
      setup,
      signal,
      () =>
        new CaseContext({
          options,
          client,
          validator,
          tracker,
          runStartedAt: started,
          lacking,
          shared,
        }),
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
    warnings: results.reduce((sum, r) => sum + (r.warnings?.length ?? 0), 0),
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
  const finish = (outcome: Omit<CaseResult, "name" | "rule" | "durationMs">): CaseResult => ({
    ...base,
    ...outcome,
    durationMs: Date.now() - caseStarted,
    ...(ctx.warnings.length > 0 ? { warnings: [...ctx.warnings] } : {}),
  });
  try {
    await contractCase.run(ctx);
    ctx.settle();
    return finish({ status: "passed" });
  } catch (error) {
    // A request cut short by Ctrl-C says nothing about the target.
    if (signal?.aborted) return finish({ status: "skipped", skipReason: INTERRUPTED });
    if (error instanceof PairUnusableError)
      return finish({ status: "skipped", skipReason: error.message });
    return finish({
      status: "failed",
      failure: describeFailure(ctx.explain(error), ctx.lastExchange),
    });
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

function selectOrFail(options: HarnessOptions): ContractCase[] {
  try {
    return selectCases(ALL_CASES, options.only, options.skip);
  } catch (error) {
    throw new HarnessSetupError((error as Error).message);
  }
}

export async function loadValidator(options: HarnessOptions): Promise<ResponseValidator> {
  try {
    return createResponseValidator(await loadContractDocument(options.openapiPath));
  } catch (error) {
    throw new HarnessSetupError(`cannot load the contract: ${(error as Error).message}`);
  }
}
