import { type Contract, loadContract } from "../contract/load-contract.js";
import { type ControllableClock, createClock } from "../domain/create-clock.js";
import {
  type Clock,
  DEFAULT_TIMING,
  type DomainContext,
  type Timing,
} from "../domain/domain-context.js";
import { reconcile } from "../domain/reconcile.js";
import { ConnectError } from "../errors/connect-error.js";
import { answerError, codeOf } from "../protocol/answer-error.js";
import type { CoreAnswer, CoreRequest } from "../protocol/exchange.js";
import { codeToHttpStatus } from "../protocol/http-status.js";
import { WEB_PLATFORM, type WirePlatform } from "../protocol/wire-platform.js";
import { createCors } from "../rpc/cors.js";
import { createRpcHandler } from "../rpc/create-rpc-handler.js";
import { FaultRegistry } from "../rpc/fault-registry.js";
import { logRequest, type MockLogger } from "../rpc/log-request.js";
import { createRateLimiter } from "../rpc/rate-limit.js";
import { DEFAULT_JOURNAL_SIZE, RequestJournal } from "../rpc/request-journal.js";
import type { RateLimit } from "../rpc/token-buckets.js";
import { loadDefaultWorld } from "../store/load-default-world.js";
import type { WorldData } from "../store/world.js";
import { WorldStore } from "../store/world-store.js";
import { AdminCore, CONTROL_METHODS, type MockControl } from "./admin/admin-core.js";
import { createAdminHandler } from "./admin/create-admin-handler.js";
import { ChangeFeed } from "./change-feed.js";
import { describeWorldChanges } from "./describe-world-changes.js";
import { createRequestGuard } from "./guard/create-request-guard.js";
import { parseExplicitOrigins } from "./guard/parse-explicit-origin.js";
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_POOLS_PER_ORGANIZATION } from "./limits.js";
import type { ScenarioSettings } from "./load-scenario.js";
import { type ReadDashboardFile, serveDashboard } from "./serve-dashboard.js";
import { ADMIN_PREFIX, type SortedTarget, sortRequest } from "./sort-request.js";

/** How a mock core is built; every option is optional. */
export interface CoreOptions {
  /** The world to serve; the built-in fixtures when neither this nor `store` is given. */
  world?: WorldData;
  /** A store to serve directly, so a test can look inside it. */
  store?: WorldStore;
  /** The time the mock sees; a real-time clock otherwise (a scenario's clock setting if it has one). */
  clock?: Clock;
  /** Source of new warm pool IDs; random UUIDs (`crypto.randomUUID`) otherwise. */
  newId?: () => string;
  timing?: Partial<Timing>;
  /** Reject tokens the world does not list instead of mapping them to the default principal. */
  strictAuth?: boolean;
  /**
   * Keep each pool's encoded JSON from its second answer until the pool changes, so List
   * pages do not encode the same pools again (default true; about 0.8 KB per pool kept).
   */
  keepAnswerText?: boolean;
  /** Largest accepted request body in bytes. */
  maxBodyBytes?: number;
  /** A contract loaded earlier, so many mocks in one process share it; the embedded one otherwise. */
  contract?: Contract;
  /**
   * Simulated server latency in ms, for all RPCs or per method name; read on every call, so
   * it may change while the mock runs. A `Connect-Timeout-Ms` shorter than it is answered
   * with `deadline_exceeded` at the deadline. Default 0.
   */
  latencyMs?: number | ((method: string) => number);
  /**
   * Origins whose pages may call the RPCs: exact origins, patterns with `*`, `loopback` (pages
   * on localhost, *.localhost, 127.0.0.1, [::1]), or `*` alone for any. Default: `loopback`.
   */
  corsOrigins?: readonly string[];
  /**
   * Origins, besides the mock's own, whose pages may use the control plane (/_admin and the
   * dashboard): explicit origins only, such as `http://localhost:5173`; a pattern with `*` is
   * an Error. Default: none.
   */
  adminOrigins?: readonly string[];
  /**
   * Host names requests may carry beyond loopback names, IP literals and names without a dot:
   * exact names, `.example.com` for a domain and its subdomains, `*` for any. Default: none.
   */
  allowedHosts?: readonly string[];
  /**
   * Check `Host` (DNS rebinding) and the page's origin on the control plane (default true).
   * A mock that serves no network (createFetchMock) has no rebinding page or foreign site to
   * stop, and turns them off.
   */
  networkChecks?: boolean;
  /** Serve the control plane under /_admin and the dashboard (default true). */
  admin?: boolean;
  /** Require `Authorization: Bearer <adminToken>` on /_admin. */
  adminToken?: string;
  /**
   * The world reset returns to (default: the world the mock starts with). A function is
   * called on every reset instead, so a large world need not be held twice in memory; it must
   * return a fresh object each time.
   */
  resetWorld?: WorldData | (() => WorldData);
  /** How many RPC calls the journal keeps (default 200; 0 turns it off). */
  journalSize?: number;
  /** Randomness for probabilistic faults and latency ranges, injectable for tests. */
  random?: () => number;
  /** Called after every RPC call and every admin action that may have changed the world. */
  onStateChange?: () => void;
  /**
   * A pino-like logger for one line per request, refusals and unexpected errors; without one
   * nothing is logged per request and unexpected errors go to console.error.
   */
  logger?: MockLogger;
  /** The most warm pools one organization may hold; CreateWarmPool beyond it is `resource_exhausted`. */
  maxPoolsPerOrganization?: number;
  /** Requests per second (and burst) each principal may make; unlimited when absent. */
  rateLimit?: RateLimit;
  /**
   * A scenario to start with (see loadScenario): its world when neither `world` nor `store` is
   * given, its fault rules from the start, its pool cap instead of maxPoolsPerOrganization, its
   * clock setting when no `clock` is given. Reset returns to all of these, the clock setting too.
   */
  scenario?: ScenarioSettings & { world?: WorldData };
  /**
   * Reads and checks a world file for POST /_admin/world/load (and `loadWorld`); a platform
   * with files hands it in. Without it, loading a world file is `failed_precondition`.
   */
  readWorldFile?: (path: string) => WorldData;
  /** Reads the dashboard's built files; without it /_dashboard/ says how to build them. */
  readDashboardFile?: ReadDashboardFile;
  /** gzip and UTF-8 as the platform does them best; web standards (CompressionStream) by default. */
  platform?: Partial<WirePlatform>;
}

/** One mock: every request in through `handle`, the control plane as methods. */
export interface MockCore extends MockControl {
  /** Answers one request; a promise only where something is waited for (a body, latency). */
  handle(request: CoreRequest): CoreAnswer | Promise<CoreAnswer>;
  /** The live world. */
  readonly store: WorldStore;
  /** The time the mock sees. */
  readonly clock: Clock;
  /** The change feed behind GET /_admin/events and `watchEvents`. */
  readonly changes: ChangeFeed;
  /** Ends every event stream and stops the feed's timers; requests are still answered. */
  close(): void;
}

const HEALTH_BODY = new TextEncoder().encode('{"status":"ok"}');
const HEALTH_HEADERS = [
  "Content-Type",
  "application/json",
  "Cache-Control",
  "no-store",
  "Content-Length",
  `${HEALTH_BODY.length}`,
];
// Answers outside the RPC paths vary by Origin (CORS) too; they say so first.
const VARY_ORIGIN: readonly string[] = ["Vary", "Origin"];
const NOSNIFF: readonly string[] = ["X-Content-Type-Options", "nosniff"];
const ADMIN_BASE_HEADERS: readonly string[] = [...NOSNIFF, ...VARY_ORIGIN];

/**
 * Builds one mock over one world: the single entry every adapter (node:http, Express, fetch)
 * hands requests to. Each request is sorted once (RPC, control plane, health, other), checked
 * once by the request guard, then answered. Uses no platform API beyond web standards: the
 * world, contract and scenarios are embedded, and files come only through the capabilities
 * an adapter hands in.
 */
export function createMockCore(options: CoreOptions = {}): MockCore {
  const contract = options.contract ?? loadContract();
  // A caller's world is copied by the store (it may keep using it); the embedded one is fresh.
  const scenario = options.scenario;
  const store =
    options.store ?? new WorldStore(options.world ?? scenario?.world ?? loadDefaultWorld());
  const clock =
    options.clock ??
    createClock(scenario?.clock ? { mode: scenario.clock.mode, start: scenario.clock.now } : {});
  const maxPoolsPerOrganization =
    options.maxPoolsPerOrganization ?? DEFAULT_MAX_POOLS_PER_ORGANIZATION;
  const ctx: DomainContext = {
    store,
    clock,
    newId: options.newId ?? (() => crypto.randomUUID()),
    timing: { ...DEFAULT_TIMING, ...options.timing },
    maxPoolsPerOrganization: scenario?.maxPoolsPerOrganization ?? maxPoolsPerOrganization,
  };
  // Pools loaded from a world file settle and get their next steps scheduled.
  reconcile(ctx, store.allPools());
  const faults = new FaultRegistry(options.random);
  for (const fault of scenario?.faults ?? []) faults.add(fault);
  const journal = new RequestJournal(options.journalSize ?? DEFAULT_JOURNAL_SIZE);
  const instance = crypto.randomUUID().slice(0, 8);
  // Filled in below: the feed reads the admin core's parts, and the admin core tells the feed.
  let admin: AdminCore | undefined;
  const part = () => admin as AdminCore;
  const changes = new ChangeFeed({
    instance,
    sources: {
      log: store.changes,
      versions: () => part().versions(),
      describeWorld: (logged) => describeWorldChanges(store, logged),
      journal: () => journal.mark(),
      clock: () => part().describeClock(),
      scenario: () => part().scenarioInForce(),
    },
    // The real clock moves pools on between requests; watchers hear of it when a step comes due.
    poll() {
      const due = store.nextDuePool()?.dueAt;
      if (due === undefined || due > clock.now()) return;
      reconcile(ctx);
      options.onStateChange?.();
    },
  });
  const platform: WirePlatform = { ...WEB_PLATFORM, ...options.platform };
  const strictAuth = options.strictAuth ?? false;
  const cors = createCors(options.corsOrigins);
  // Explicit origins only (parseExplicitOrigins throws on a pattern).
  const controlCors = createCors(parseExplicitOrigins(options.adminOrigins ?? []));
  const guard = createRequestGuard(options);
  const { latencyMs, logger } = options;
  const handleRpc = createRpcHandler({
    contract,
    ctx,
    faults,
    journal,
    cors,
    platform,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    strictAuth,
    latencyFor: (method) =>
      typeof latencyMs === "function" ? latencyMs(method) : (latencyMs ?? 0),
    rateLimit: options.rateLimit
      ? createRateLimiter(options.rateLimit, store, strictAuth)
      : undefined,
    logger,
    keepAnswerText: options.keepAnswerText,
    onStateChange() {
      options.onStateChange?.();
      changes.notify();
    },
  });
  admin = new AdminCore({
    ctx,
    clock: isControllable(clock) ? clock : undefined,
    faults,
    journal,
    changes,
    startWorld: createStartWorld(options.resetWorld ?? store.snapshot()),
    startSettings: {
      faults: scenario?.faults ?? [],
      // An injected clock that cannot be moved stays as it is on reset.
      ...(scenario?.clock && isControllable(clock) ? { clock: scenario.clock } : {}),
      ...(scenario?.maxPoolsPerOrganization !== undefined
        ? { maxPoolsPerOrganization: scenario.maxPoolsPerOrganization }
        : {}),
    },
    ...(scenario?.name
      ? { startScenario: { name: scenario.name, description: scenario.description ?? "" } }
      : {}),
    instance,
    maxPoolsPerOrganization,
    readWorldFile: options.readWorldFile,
    onChange: options.onStateChange,
  });
  const controlPlane = options.admin ?? true;
  const handleAdmin = createAdminHandler(admin, changes, { token: options.adminToken });

  function handle(incoming: CoreRequest): CoreAnswer | Promise<CoreAnswer> {
    const target = sortRequest(incoming.url);
    // Everything after reads the target as sorting read it (dot segments resolved, say).
    const request = target.url === incoming.url ? incoming : withUrl(incoming, target.url);
    const refusal = guard(request, target);
    if (refusal) return refuse(request, target, refusal);
    if (target.kind === "rpc") return handleRpc(request, target.path);
    const startedMs = logger ? performance.now() : 0;
    // Every answer of /_admin is JSON or an event stream: no browser may sniff it into markup.
    const base = controlPlane && isAdminPath(target) ? ADMIN_BASE_HEADERS : VARY_ORIGIN;
    let code: string | undefined;
    const fail = (error: unknown) => {
      code = codeOf(error);
      return answerError(error, { logger, headers: base });
    };
    let answer: CoreAnswer | Promise<CoreAnswer>;
    try {
      answer = serveOther(request, target, base);
      if (answer instanceof Promise) answer = answer.catch(fail);
    } catch (error) {
      answer = fail(error);
    }
    if (!logger) return answer;
    const log = (done: CoreAnswer) => {
      logRequest(logger, request.method, target.path, done.status, startedMs, code);
      return done;
    };
    return answer instanceof Promise ? answer.then(log) : log(answer);
  }

  // Everything but RPCs: the control plane with its own origins, /healthz and 404 with the RPCs'.
  function serveOther(
    request: CoreRequest,
    target: SortedTarget,
    base: readonly string[],
  ): CoreAnswer | Promise<CoreAnswer> {
    const isControl = target.kind === "control" && controlPlane;
    const decided = (isControl ? controlCors : cors)(request);
    if (!Array.isArray(decided)) return decided as CoreAnswer;
    const headers = [...base, ...(decided as readonly string[])];
    if (isControl) {
      if (isAdminPath(target)) return handleAdmin(request, target.path, target.query, headers);
      return serveDashboard(request, target.path, options.readDashboardFile, headers);
    }
    if (target.kind === "health" && (request.method === "GET" || request.method === "HEAD")) {
      return {
        status: 200,
        headers: [...headers, ...HEALTH_HEADERS],
        ...(request.method === "GET" ? { body: HEALTH_BODY } : {}),
      };
    }
    // Anything else is a bare 404.
    return { status: 404, headers: [...headers, "Content-Length", "0"] };
  }

  function refuse(
    request: CoreRequest,
    target: SortedTarget,
    refusal: ConnectError,
  ): CoreAnswer | Promise<CoreAnswer> {
    // Refused before any handler, so no request log line would tell the operator otherwise.
    logger?.warn(
      {
        method: request.method,
        url: request.url.slice(0, 200),
        host: request.headers.host,
        origin: request.headers.origin,
        status: codeToHttpStatus(refusal.code),
      },
      "request refused before routing",
    );
    // A control-plane answer, like every answer of /_admin: never sniffed into markup.
    return answerError(refusal, { logger, headers: target.kind === "control" ? NOSNIFF : [] });
  }

  const core: MockCore = {
    handle,
    store,
    clock,
    changes,
    close: () => changes.close(),
  } as MockCore;
  for (const name of CONTROL_METHODS) {
    const bound = admin;
    (core as unknown as Record<string, unknown>)[name] = (bound[name] as () => unknown).bind(bound);
  }
  return core;
}

function isAdminPath({ kind, path }: SortedTarget): boolean {
  return kind === "control" && (path === ADMIN_PREFIX || path.startsWith(`${ADMIN_PREFIX}/`));
}

// The same request at another target: what the body reader and the abort signal are stays theirs.
function withUrl(request: CoreRequest, url: string): CoreRequest {
  return {
    method: request.method,
    url,
    headers: request.headers,
    rawHeaders: request.rawHeaders,
    readBody: (limit) => request.readBody(limit),
    get signal() {
      return request.signal;
    },
  };
}

/** A fresh copy of the reset world on every call; a loader that fails is the caller's problem to fix. */
function createStartWorld(source: WorldData | (() => WorldData)): () => WorldData {
  if (typeof source !== "function") return () => structuredClone(source);
  return () => {
    try {
      return source();
    } catch (error) {
      throw new ConnectError(
        "failed_precondition",
        `cannot reload the start-up world: ${(error as Error).message}`,
      );
    }
  };
}

function isControllable(clock: Clock): clock is ControllableClock {
  const c = clock as Partial<ControllableClock>;
  return typeof c.advance === "function" && typeof c.set === "function";
}
