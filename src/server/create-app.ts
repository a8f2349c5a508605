import { randomUUID } from "node:crypto";
import type { RequestListener } from "node:http";
import express, { type Express, type Request, type Response } from "express";
import type { Logger } from "pino";
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
import { writeError } from "../protocol/write-error.js";
import { createCors } from "../rpc/cors.js";
import { createRpcHandler, type NodeHandler } from "../rpc/create-rpc-handler.js";
import { FaultRegistry } from "../rpc/fault-registry.js";
import { logRequest } from "../rpc/log-request.js";
import { createRateLimiter } from "../rpc/rate-limit.js";
import { DEFAULT_JOURNAL_SIZE, RequestJournal } from "../rpc/request-journal.js";
import type { RateLimit } from "../rpc/token-buckets.js";
import { loadDefaultWorld, loadWorldFile } from "../store/load-default-world.js";
import type { WorldData } from "../store/world.js";
import { WorldStore } from "../store/world-store.js";
import { ChangeFeed } from "./admin/change-feed.js";
import { createAdminHandler } from "./admin/create-admin-handler.js";
import { resolveWorldPath } from "./admin/resolve-world-path.js";
import { createRequestGuard } from "./create-request-guard.js";
import { createRequestListener } from "./create-request-listener.js";
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_POOLS_PER_ORGANIZATION } from "./limits.js";
import { SCENARIOS_DIR, type ScenarioSettings } from "./load-scenario.js";
import { parseExplicitOrigins } from "./parse-explicit-origin.js";
import { serveDashboard } from "./serve-dashboard.js";
import { canonicalTarget, DASHBOARD_PREFIX, HEALTH_PATH, sortTarget } from "./sort-target.js";

export interface AppOptions {
  /** The world to serve; the built-in fixtures when neither this nor `store` is given. */
  world?: WorldData;
  /** A store to serve directly, so a test can look inside it. */
  store?: WorldStore;
  clock?: Clock;
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
  /** A contract loaded earlier, so many apps in one process compile the schemas once. */
  contract?: Contract;
  /**
   * Simulated server latency in ms, for all RPCs or per method name; read on every call, so
   * it may change while the app runs. A `Connect-Timeout-Ms` shorter than it is answered
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
   * Directories POST /_admin/world/load may read world files from; anything outside them
   * (after `..` and symlinks) is `permission_denied`. Default: the package's fixtures/scenarios.
   */
  worldDirs?: readonly string[];
  /** Serve the control plane under /_admin (default true). */
  admin?: boolean;
  /** Require `Authorization: Bearer <adminToken>` on /_admin. */
  adminToken?: string;
  /** Where the dashboard's built files are (default: dist/dashboard, made by `npm run build`). */
  dashboardDir?: string;
  /**
   * The world /_admin/reset returns to (default: the world the app starts with). A function is
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
   * A pino logger for one line per request and for unexpected errors; without one nothing is
   * logged per request (tests stay quiet) and unexpected errors go to console.error.
   */
  logger?: Logger;
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
}

const HEALTH_BODY = Buffer.from('{"status":"ok"}');
const HEALTH_HEADERS = [
  "Content-Type",
  "application/json",
  "Cache-Control",
  "no-store",
  "Content-Length",
  `${HEALTH_BODY.length}`,
];

export {
  DEFAULT_JOURNAL_SIZE,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_POOLS_PER_ORGANIZATION,
  DEFAULT_TIMING,
  HEALTH_PATH,
};

/** The mock's two request handlers over one world, and the listener that joins them. */
export interface MockServer {
  /** The live world. */
  store: WorldStore;
  /** Every request under /gitpod.v1.PrebuildService/: a plain node:http handler. */
  handleRpc: NodeHandler;
  /** Express for /_admin, /healthz and everything else; it mounts handleRpc too. */
  app: Express;
  /** What the listening server runs: RPC paths to handleRpc, the rest to the Express app. */
  listener: RequestListener;
}

/** Builds the mock as an Express app that never listens: the CLI and tests decide where it runs. */
export function createApp(options: AppOptions = {}): Express {
  return createMockServer(options).app;
}

/**
 * Builds the mock's handlers over one world. A listening server runs `listener`, which sends
 * RPCs past Express (its router and request decoration cost more than all of an RPC's own
 * work); the Express app mounts the same RPC handler, so both answer byte for byte the same.
 */
export function createMockServer(options: AppOptions = {}): MockServer {
  const contract = options.contract ?? loadContract();
  // A caller's world is copied (it may keep using it); the freshly loaded fixtures are not.
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
    newId: options.newId ?? randomUUID,
    timing: { ...DEFAULT_TIMING, ...options.timing },
    maxPoolsPerOrganization: scenario?.maxPoolsPerOrganization ?? maxPoolsPerOrganization,
  };
  // Pools loaded from a world file settle and get their next steps scheduled.
  reconcile(ctx, store.allPools());
  const faults = new FaultRegistry(options.random);
  for (const fault of scenario?.faults ?? []) faults.add(fault);
  const journal = new RequestJournal(options.journalSize ?? DEFAULT_JOURNAL_SIZE);
  // The real clock moves pools on between requests; watchers hear of it when a step comes due.
  const changes = new ChangeFeed({
    poll() {
      const due = store.nextDuePool()?.dueAt;
      if (due === undefined || due > clock.now()) return false;
      reconcile(ctx);
      options.onStateChange?.();
      return true;
    },
  });
  const strictAuth = options.strictAuth ?? false;
  const cors = createCors(options.corsOrigins);
  const guard = createRequestGuard(options);
  const { latencyMs, logger } = options;
  const handleRpc = createRpcHandler({
    contract,
    ctx,
    faults,
    journal,
    cors,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    strictAuth,
    latencyFor: (method) =>
      typeof latencyMs === "function" ? latencyMs(method) : (latencyMs ?? 0),
    rateLimit: options.rateLimit
      ? createRateLimiter(options.rateLimit, store, strictAuth)
      : undefined,
    logger,
    keepAnswerText: options.keepAnswerText,
    // The journal's close listener calls this after every call; without watchers it returns at once.
    onStateChange() {
      options.onStateChange?.();
      changes.notify("world", "journal", "faults");
    },
  });

  const app = express();
  // Paths match letter for letter, as sortTarget reads them (set before the first route).
  app.enable("case sensitive routing");
  app.disable("x-powered-by");
  app.disable("etag");
  app.locals.store = store;
  app.locals.faults = faults;
  app.locals.journal = journal;
  app.locals.changes = changes;
  // First, so an RPC reaching the app sees nothing of Express's middleware, as on the direct path.
  // Host and origin checks come before anything else here too, for createApp() users whose
  // requests never pass the listener's entry; behind it they run again only for what Express serves.
  app.use((req, res, next) => {
    req.url = canonicalTarget(req.url);
    if (guard(req, res)) next();
  });
  app.use((req, res, next) => {
    if (sortTarget(req.url) === "rpc") handleRpc(req, res);
    else next();
  });
  if (logger) {
    app.use((req, res, next) => {
      const started = performance.now();
      res.once("close", () => logRequest(logger, req, res, started, undefined));
      next();
    });
  }
  // Express serves the control plane (its own origins) and /healthz (the RPCs' origins).
  const controlCors = createCors(parseExplicitOrigins(options.adminOrigins ?? []));
  app.use((req, res, next) => {
    const kind = sortTarget(req.url);
    const control = kind === "admin" || kind === "dashboard";
    const answer = control ? controlCors(req, res) : cors(req, res);
    if (answer === "continue") next();
  });
  if (options.admin ?? true) {
    const startWorld = createStartWorld(options.resetWorld ?? store.snapshot());
    const admin = createAdminHandler(
      {
        ctx,
        clock: isControllable(clock) ? clock : undefined,
        faults,
        journal,
        changes,
        startWorld,
        startSettings: {
          faults: scenario?.faults ?? [],
          // An injected clock that cannot be moved stays as it is on reset.
          ...(scenario?.clock && isControllable(clock) ? { clock: scenario.clock } : {}),
          ...(scenario?.maxPoolsPerOrganization !== undefined
            ? { maxPoolsPerOrganization: scenario.maxPoolsPerOrganization }
            : {}),
        },
        maxPoolsPerOrganization,
        readWorldFile: (path) =>
          loadWorldFile(resolveWorldPath(path, options.worldDirs ?? [SCENARIOS_DIR])),
        replaceWorld(world) {
          store.replaceWith(world);
          reconcile(ctx, store.allPools());
        },
      },
      { token: options.adminToken, onChange: options.onStateChange, logger },
    );
    app.use((req, res, next) => {
      if (sortTarget(req.url) !== "admin") return next();
      void admin(req, res);
    });
    // The page is public like any static file; what it calls under /_admin checks the token.
    app.use(DASHBOARD_PREFIX, serveDashboard(options.dashboardDir));
  }
  app.use((req, res, next) => {
    if (sortTarget(req.url) !== "health" || (req.method !== "GET" && req.method !== "HEAD")) {
      return next();
    }
    res.writeHead(200, HEALTH_HEADERS);
    res.end(HEALTH_BODY);
  });
  // Anything else is a bare 404.
  app.use((_req, res) => {
    res.status(404).end();
  });
  // Express reports its own failures (a malformed path, say) through next(error).
  app.use((error: unknown, _req: Request, res: Response, _next: () => void) => {
    writeError(res, error, { logger });
  });

  return { store, handleRpc, app, listener: createRequestListener(guard, handleRpc, app) };
}

/** Ends every open GET /_admin/events stream of an app, so a stopping server need not wait for them. */
export function endEventStreams(app: Express): void {
  (app.locals.changes as ChangeFeed).close();
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
