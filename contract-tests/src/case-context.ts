import { CaseFailure, show } from "./case-failure.js";
import { checkConformance } from "./check-conformance.js";
import { statusForCode } from "./contract/connect-codes.js";
import type { ResponseValidator } from "./contract/create-response-validator.js";
import type { Capability } from "./contract-case.js";
import type { HarnessOptions } from "./harness-options.js";
import type { ApiClient, Credential, Exchange, RpcCallOptions } from "./http/api-client.js";
import { DELETING, type DeletionProblem, type PoolTracker } from "./pool-tracker.js";
import { waitUntil } from "./wait-until.js";
import type {
  ConnectErrorBody,
  ListWarmPoolsResponse,
  PoolPair,
  WarmPool,
  WarmPoolResponse,
} from "./wire-types.js";

/** The rules a deletion that goes wrong breaks. */
export const DISAPPEARS_CHECK =
  "a deleted pool disappears (Get answers not_found) once it has drained";
export const STAYS_DELETING_CHECK =
  "a pool seen in WARM_POOL_PHASE_DELETING stays there until it disappears";

/** Filters and paging for a walk over ListWarmPools. */
export interface ListWalk {
  /** Sent as is, so a case may use either JSON naming. */
  filter?: Record<string, string[]>;
  pageSize?: number;
  /** Send token and page size as URL query parameters (as Stainless SDKs do) instead of in the body. */
  pagingInQuery?: boolean;
  as?: Credential;
}

/** The pages of one walk, in order. */
export interface WalkResult {
  pages: WarmPool[][];
  pools: WarmPool[];
}

const MAX_PAGES = 2000;

/** What a case's context is made of. */
export interface CaseContextInit {
  options: HarnessOptions;
  client: ApiClient;
  validator: ResponseValidator;
  tracker: PoolTracker;
  /** When the run started, for judging timestamps. */
  runStartedAt: number;
  /** Capabilities the target lacks. */
  lacking?: ReadonlySet<Capability>;
  /** Pools shared by read-only cases, by pair, for the whole run. */
  shared?: Map<string, WarmPool>;
}

/** What a case can do: call the target, create pools that are cleaned up, and check answers. */
export class CaseContext {
  /** The most recent RPC exchange: the one a failing assertion most likely concerns. */
  lastExchange: Exchange | undefined;

  /** Unknown response fields seen during the case: warnings, unless the run is strict. */
  readonly warnings: string[] = [];
  readonly options: HarnessOptions;
  readonly client: ApiClient;
  readonly validator: ResponseValidator;
  readonly tracker: PoolTracker;
  /** When the run started, for judging timestamps. */
  readonly runStartedAt: number;
  private readonly lacking: ReadonlySet<Capability>;
  private readonly shared: Map<string, WarmPool>;
  // A contract check the last answer broke, held until the case has judged that answer itself.
  private pending: CaseFailure | undefined;

  constructor(init: CaseContextInit) {
    this.options = init.options;
    this.client = init.client;
    this.validator = init.validator;
    this.tracker = init.tracker;
    this.runStartedAt = init.runStartedAt;
    this.lacking = init.lacking ?? new Set();
    this.shared = init.shared ?? new Map();
  }

  /** Whether the target offers a capability; cases that merely profit from one ask here. */
  has(capability: Capability): boolean {
    return !this.lacking.has(capability);
  }

  /** The pair the harness creates its pools on. */
  get pair(): PoolPair {
    return {
      projectId: this.options.projectId,
      environmentClassId: this.options.environmentClassId,
    };
  }

  /** The pair with the second class; only for cases that declared the capability. */
  get secondPair(): PoolPair {
    const environmentClassId = this.options.secondEnvironmentClassId;
    if (!environmentClassId) throw new Error("this case needs --second-environment-class-id");
    return { projectId: this.options.projectId, environmentClassId };
  }

  /** The project with prebuilds disabled and the harness's class; only with the capability. */
  get disabledProjectPair(): PoolPair {
    const projectId = this.options.disabledProjectId;
    if (!projectId) throw new Error("this case needs --disabled-project-id");
    return { projectId, environmentClassId: this.options.environmentClassId };
  }

  /** The harness's project with a class outside its prebuild configuration; only with the capability. */
  get unconfiguredPair(): PoolPair {
    const environmentClassId = this.options.unconfiguredEnvironmentClassId;
    if (!environmentClassId) throw new Error("this case needs --unconfigured-environment-class-id");
    return { projectId: this.options.projectId, environmentClassId };
  }

  /** The foreign organization's token; only for cases that declared the capability. */
  get foreign(): Credential {
    const credential = this.options.foreignCredential;
    if (!credential) throw new Error("this case needs --foreign-token");
    return credential;
  }

  /**
   * Calls an RPC and checks the answer against the contract's schema and the code table (see
   * checkConformance: a broken contract check fails the case once the case has looked at the
   * answer).
   */
  async call(method: string, message: unknown, options?: RpcCallOptions): Promise<Exchange> {
    this.settle();
    const exchange = await this.client.rpc(method, message, options);
    this.lastExchange = exchange;
    this.checkConformance(exchange);
    this.observePools(exchange);
    return exchange;
  }

  /** Checks that an answer is a success and returns its body. */
  expectOk<T>(exchange: Exchange, check: string): T {
    if (exchange.status !== 200) {
      const error = exchange.json as ConnectErrorBody | undefined;
      throw new CaseFailure(
        check,
        "HTTP 200",
        `HTTP ${exchange.status}${error?.code ? ` ${error.code}: ${error.message ?? ""}` : ""}`,
        exchange,
      );
    }
    return exchange.json as T;
  }

  /** Checks that an answer is the Connect error `code`. */
  expectError(exchange: Exchange, code: string, check: string): ConnectErrorBody {
    const body = exchange.json as ConnectErrorBody | undefined;
    if (exchange.status === 200 || body?.code !== code) {
      const actual =
        exchange.status === 200
          ? `HTTP 200 (the request was accepted): ${exchange.text.slice(0, 300)}`
          : `HTTP ${exchange.status} ${body?.code ?? "(no Connect code)"}${body?.message ? `: ${body.message}` : ""}`;
      throw new CaseFailure(
        check,
        `Connect error "${code}" (HTTP ${statusForCode(code)})`,
        actual,
        exchange,
      );
    }
    return body;
  }

  /** Fails the case with `check` unless `condition` holds. */
  assert(
    condition: boolean,
    check: string,
    expected: string,
    actual: unknown,
    exchange?: Exchange,
  ): void {
    if (!condition)
      throw new CaseFailure(check, expected, show(actual), exchange ?? this.lastExchange);
  }

  /** Creates a pool (freeing the pair first if the harness holds a pool there) and returns it. */
  async createPool(
    message: Record<string, unknown>,
    check = "CreateWarmPool succeeds on a free pair",
  ): Promise<WarmPool> {
    const pair = {
      projectId: String(message.projectId ?? message.project_id),
      environmentClassId: String(message.environmentClassId ?? message.environment_class_id),
    };
    await this.freePair(pair);
    const exchange = await this.call("CreateWarmPool", message);
    return this.expectOk<WarmPoolResponse>(exchange, check).warmPool;
  }

  /**
   * A pool (minSize 1, maxSize 2) on the pair that cases which only read pools share, so that
   * a target whose deletion takes minutes is not made to drain one pool per case. Returns its
   * current state; it is re-created when a case has since used the pair for a pool of its own.
   */
  async sharedPool(pair: PoolPair = this.pair): Promise<WarmPool> {
    const key = `${pair.projectId}/${pair.environmentClassId}`.toLowerCase();
    const known = this.shared.get(key);
    if (known && this.tracker.isLive(known.id)) {
      const { pool } = await this.getPool(known.id);
      if (pool && pool.spec.desiredPhase !== "WARM_POOL_PHASE_DELETING") return pool;
      // Gone or draining (a broken target may have let another caller delete it): replace it.
      this.tracker.markDeleting(known.id);
    }
    const pool = await this.createPool({ ...pair, minSize: 1, maxSize: 2 });
    this.tracker.share(pool.id);
    this.shared.set(key, pool);
    return pool;
  }

  /**
   * Waits until no pool of the harness is left on the pair (a deleted pool drains first).
   * Throws PairUnusableError, which skips the case, when the run gave up on the pair.
   */
  async freePair(pair: PoolPair): Promise<void> {
    const [problem] = await this.tracker.freePair(pair);
    if (problem) throw this.deletionFailure(problem);
  }

  /** Deletes one of the harness's pools and returns the answer. */
  async deletePool(id: string): Promise<Exchange> {
    const exchange = await this.call("DeleteWarmPool", { warmPoolId: id });
    if (exchange.status === 200) this.tracker.markDeleting(id);
    return exchange;
  }

  /** Reads a pool; undefined when the target answers not_found. */
  async getPool(id: string, as?: Credential): Promise<{ pool?: WarmPool; exchange: Exchange }> {
    const exchange = await this.call("GetWarmPool", { warmPoolId: id }, as ? { as } : {});
    if (exchange.status === 404) {
      this.expectError(exchange, "not_found", "GetWarmPool of a missing pool answers not_found");
      return { exchange };
    }
    return {
      pool: this.expectOk<WarmPoolResponse>(exchange, "GetWarmPool of an existing pool succeeds")
        .warmPool,
      exchange,
    };
  }

  /**
   * Polls GetWarmPool until the pool is gone; fails the case (and gives up the pair) when
   * --wait-timeout from its deletion runs out.
   */
  async waitGone(id: string): Promise<void> {
    const gone = await waitUntil(
      async () => ((await this.getPool(id)).pool ? undefined : true),
      this.tracker.remainingWait(id),
    );
    if (gone) {
      this.tracker.markGone(id);
      return;
    }
    const problem = this.tracker.giveUpOn(id, this.lastExchange);
    if (problem) throw this.deletionFailure(problem);
    throw new CaseFailure(
      DISAPPEARS_CHECK,
      `not_found within ${this.options.waitTimeoutMs} ms (--wait-timeout)`,
      `pool ${id} is still returned`,
    );
  }

  /** Walks ListWarmPools page by page; fails when a page token repeats (the walk would never end). */
  async listAll(walk: ListWalk = {}): Promise<WalkResult> {
    const pages: WarmPool[][] = [];
    const seenTokens = new Set<string>();
    let token = "";
    for (;;) {
      const exchange = await this.listPage(walk, token);
      const body = this.expectOk<ListWarmPoolsResponse>(exchange, "ListWarmPools succeeds");
      pages.push(body.warmPools ?? []);
      const next = body.pagination?.nextToken ?? "";
      if (!next) break;
      if (seenTokens.has(next) || pages.length >= MAX_PAGES) {
        throw new CaseFailure(
          "pagination ends: each nextToken leads further and the last page has none",
          "a new token or an empty nextToken",
          `token ${show(next)} after ${pages.length} pages, already used before`,
          exchange,
        );
      }
      seenTokens.add(next);
      token = next;
    }
    return { pages, pools: pages.flat() };
  }

  private listPage(walk: ListWalk, token: string): Promise<Exchange> {
    const options: RpcCallOptions = walk.as ? { as: walk.as } : {};
    const message: Record<string, unknown> = walk.filter ? { filter: walk.filter } : {};
    if (walk.pagingInQuery) {
      options.query = {
        ...(walk.pageSize ? { pageSize: String(walk.pageSize) } : {}),
        ...(token ? { token } : {}),
      };
    } else if (walk.pageSize || token) {
      message.pagination = {
        ...(walk.pageSize ? { pageSize: walk.pageSize } : {}),
        ...(token ? { token } : {}),
      };
    }
    return this.call("ListWarmPools", message, options);
  }

  /**
   * Judges an RPC answer by the contract (see checkConformance); unknown fields become the
   * case's warnings unless the run is strict. A broken check does not fail the case at once:
   * the case's own checks of the answer come first, so a failure names what the case was
   * about (an HTTP 200 where not_found was due) before a schema violation of the same answer.
   * The broken check fails the case at its next call or when it ends (settle), or is reported
   * after the case's own failure (explain).
   */
  checkConformance(exchange: Exchange): void {
    this.settle();
    try {
      for (const warning of checkConformance(exchange, this.validator, this.options.strict)) {
        if (!this.warnings.includes(warning)) this.warnings.push(warning);
      }
    } catch (error) {
      if (!(error instanceof CaseFailure)) throw error;
      this.pending = error;
    }
  }

  /** Fails the case with a contract check its last answer broke, if the case has not failed yet. */
  settle(): void {
    const pending = this.pending;
    this.pending = undefined;
    if (pending) throw pending;
  }

  /**
   * The error a case failed with, its own check first: a CaseFailure about the answer that also
   * broke a contract check gets that check appended (`alsoBroken`).
   */
  explain(error: unknown): unknown {
    const pending = this.pending;
    this.pending = undefined;
    if (!pending || !(error instanceof CaseFailure) || error === pending) return error;
    if (error.exchange !== undefined && error.exchange !== pending.exchange) return error;
    const { check, expected, actual } = pending.detail;
    error.detail.alsoBroken = [...(error.detail.alsoBroken ?? []), { check, expected, actual }];
    return error;
  }

  // Every answer that shows one of the harness's pools tells the tracker its phase; a pool
  // back from DELETING fails the case that sees it.
  private observePools(exchange: Exchange): void {
    const body = exchange.json as { warmPool?: unknown; warmPools?: unknown } | undefined;
    if (exchange.status !== 200 || typeof body !== "object" || body === null) return;
    const pools = [body.warmPool, ...(Array.isArray(body.warmPools) ? body.warmPools : [])];
    for (const pool of pools) {
      if (typeof pool !== "object" || pool === null) continue;
      const problem = this.tracker.observe(pool);
      if (problem) throw this.deletionFailure(problem, exchange);
    }
  }

  private deletionFailure(problem: DeletionProblem, exchange?: Exchange): CaseFailure {
    if (problem.kind === "came-back") {
      return new CaseFailure(
        STAYS_DELETING_CHECK,
        `${DELETING} until GetWarmPool answers not_found`,
        problem.description,
        exchange ?? problem.exchange,
      );
    }
    return new CaseFailure(
      DISAPPEARS_CHECK,
      `not_found within ${this.options.waitTimeoutMs} ms of DeleteWarmPool (--wait-timeout)`,
      `${problem.description}; later cases that need this pair are skipped`,
      problem.exchange,
    );
  }
}
