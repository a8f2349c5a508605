import { randomUUID } from "node:crypto";
import express, { type Express, type Request, type Response } from "express";
import type { Logger } from "pino";
import { type ControllableClock, createClock } from "../domain/create-clock.js";
import {
  type Clock,
  DEFAULT_TIMING,
  type DomainContext,
  type Timing,
} from "../domain/domain-context.js";
import { reconcile } from "../domain/reconcile.js";
import type { WorldData } from "../domain/world.js";
import { acceptsGzip, compressBody, decompressBody } from "../protocol/compression.js";
import { CODEC_CONTENT_TYPE, type Codec } from "../protocol/connect-content-type.js";
import { ConnectError } from "../protocol/connect-error.js";
import { decodeMessage } from "../protocol/decode-message.js";
import { encodeMessage } from "../protocol/encode-message.js";
import { createValidationError } from "../protocol/format-violations.js";
import {
  type CanonicalMessage,
  isPlainObject,
  parseProtoJson,
} from "../protocol/parse-proto-json.js";
import { parseUnaryRequest } from "../protocol/parse-unary-request.js";
import { loadDefaultWorld, loadWorldFile } from "../store/load-default-world.js";
import { WorldStore } from "../store/world-store.js";
import {
  type Contract,
  loadContract,
  type RpcContract,
  SERVICE_NAME,
} from "../validation/load-contract.js";
import { ADMIN_PREFIX, createAdminHandler } from "./admin/create-admin-handler.js";
import { FaultRegistry } from "./admin/fault-registry.js";
import { DEFAULT_JOURNAL_SIZE, type JournalCall, RequestJournal } from "./admin/request-journal.js";
import { resolveWorldPath } from "./admin/resolve-world-path.js";
import { authenticate } from "./authenticate.js";
import { createCors } from "./create-cors.js";
import { createRateLimit } from "./create-rate-limit.js";
import { createRequestGuard } from "./create-request-guard.js";
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_POOLS_PER_ORGANIZATION } from "./limits.js";
import type { ScenarioSettings } from "./load-scenario.js";
import { SCENARIOS_DIR } from "./load-scenario.js";
import { logRequests, noteConnectCode } from "./log-requests.js";
import { readBody } from "./read-body.js";
import { RPC_HANDLERS } from "./rpc-handlers.js";
import { sendError } from "./send-error.js";
import { simulateLatency } from "./simulate-latency.js";
import type { RateLimit } from "./token-buckets.js";

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
  /** Origins browsers may call the RPCs from: exact origins or patterns with `*`. Default: any. */
  corsOrigins?: readonly string[];
  /**
   * Origins, besides the mock's own, whose pages may use the control plane (/_admin and the
   * dashboard): exact origins or patterns with `*`. Default: none.
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

/** The health endpoint, outside the RPC namespace so probes never touch the API. */
export const HEALTH_PATH = "/healthz";
const HEALTH_BODY = Buffer.from('{"status":"ok"}');

export {
  DEFAULT_JOURNAL_SIZE,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_POOLS_PER_ORGANIZATION,
  DEFAULT_TIMING,
};

/** Builds the mock as an Express app that never listens: the CLI and tests decide where it runs. */
export function createApp(options: AppOptions = {}): Express {
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
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const strictAuth = options.strictAuth ?? false;
  const latencyFor = (method: string): number =>
    typeof options.latencyMs === "function" ? options.latencyMs(method) : (options.latencyMs ?? 0);
  const routes = new Map<string, RpcContract>();
  for (const rpc of contract.rpcs.values()) routes.set(rpc.path, rpc);

  const app = express();
  app.disable("x-powered-by");
  app.disable("etag");
  app.locals.store = store;
  app.locals.faults = faults;
  app.locals.journal = journal;
  if (options.logger) app.use(logRequests(options.logger));
  // Until the server has one entry ahead of Express, the guard runs first thing in it.
  const guard = createRequestGuard(options);
  app.use((req, res, next) => {
    if (guard(req, res)) next();
  });

  app.use(createCors(options.corsOrigins, options.adminOrigins));
  if (options.admin ?? true) {
    const startWorld = createStartWorld(options.resetWorld ?? store.snapshot());
    const admin = createAdminHandler(
      {
        ctx,
        clock: isControllable(clock) ? clock : undefined,
        faults,
        journal,
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
      { token: options.adminToken, onChange: options.onStateChange },
    );
    app.use((req, res, next) => {
      if (req.path !== ADMIN_PREFIX && !req.path.startsWith(`${ADMIN_PREFIX}/`)) return next();
      void admin(req, res);
    });
  }
  // Only RPCs are rate-limited: preflights, /_admin and /healthz stay answerable.
  if (options.rateLimit) app.use(createRateLimit(options.rateLimit, store, strictAuth));

  app.use((req, res, next) => {
    const rpc = routes.get(req.path);
    if (!rpc) return next();
    const call = journal.begin(rpc.method, req, res);
    if (options.onStateChange) res.once("close", options.onStateChange);
    handleRpc(rpc, req, res, call).catch((error: unknown) => {
      call.error = error;
      return sendError(res, error, options.logger);
    });
  });
  app.get(HEALTH_PATH, (_req, res) => {
    res
      .status(200)
      .setHeader("Content-Type", "application/json")
      .setHeader("Cache-Control", "no-store")
      .setHeader("Content-Length", HEALTH_BODY.length);
    res.end(HEALTH_BODY);
  });
  // Unknown procedures are a bare 404, which Connect clients read as `unimplemented`.
  app.use((_req, res) => {
    res.status(404).end();
  });
  // Middleware (the rate limit) reports its Connect errors through next(error).
  app.use((error: unknown, _req: Request, res: Response, _next: () => void) =>
    sendError(res, error, options.logger),
  );

  // wire -> framing -> faults -> auth -> bytes -> canonical message -> validation -> domain -> one encoder.
  async function handleRpc(
    rpc: RpcContract,
    req: Request,
    res: Response,
    call: JournalCall,
  ): Promise<void> {
    const unary = parseUnaryRequest(req, rpc.idempotency);
    if ("status" in unary) {
      res.status(unary.status).set(unary.headers).end();
      return;
    }
    // The abort signal exists only when there is latency to wait out: aborting one on every
    // closed response cost a DOMException per request.
    let closed = false;
    let gone: AbortController | undefined;
    res.once("close", () => {
      closed = true;
      gone?.abort();
    });
    // Configured and injected latency both count against the caller's Connect-Timeout-Ms.
    const waitLatency = (extraMs: number) => {
      const ms = latencyFor(rpc.method) + extraMs;
      if (ms > 0 && !gone) {
        gone = new AbortController();
        if (closed) gone.abort();
      }
      return simulateLatency(ms, unary.timeoutMs, gone?.signal);
    };
    // Injected faults are planned first: a forced error wins over whatever the request holds.
    const fault = faults.plan(rpc.method, req.headers);
    if (fault.forcedBy) call.forcedBy = fault.forcedBy;
    if (fault.error) {
      call.body = unary.message ?? (await readBody(req, maxBodyBytes));
      await waitLatency(fault.latencyMs);
      throw fault.error;
    }
    const principal = authenticate(req.headers.authorization, store, strictAuth);
    const raw = unary.message ?? (await readBody(req, maxBodyBytes));
    call.body = raw;
    await waitLatency(fault.latencyMs);
    const bytes = decompressBody(raw, unary.compression, maxBodyBytes);
    const request = await decodeMessage(unary.codec, bytes, rpc.request);
    if (req.method === "POST") mergeQueryFields(rpc, req, request);
    const violations = rpc.validateRequest(request);
    if (violations.length > 0) throw createValidationError(violations);
    reconcile(ctx);
    const handler = RPC_HANDLERS[rpc.method];
    if (!handler)
      throw new ConnectError("unimplemented", `${SERVICE_NAME}.${rpc.method} is not implemented`);
    const response = handler(ctx, principal, request);
    sendMessage(req, res, unary.codec, await encodeMessage(unary.codec, rpc.response, response));
  }

  return app;
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

// Stainless SDKs send some request fields (the page token and size) in the URL; they win over the body.
function mergeQueryFields(rpc: RpcContract, req: Request, request: CanonicalMessage): void {
  if (rpc.queryFields.length === 0) return;
  const params = new URL(req.originalUrl, "http://mock").searchParams;
  const raw: Record<string, unknown> = {};
  for (const field of rpc.queryFields) {
    const value = params.get(field.name);
    if (value === null) continue;
    let node = raw;
    for (const key of field.path.slice(0, -1)) {
      node[key] ??= {};
      node = node[key] as Record<string, unknown>;
    }
    node[field.path.at(-1) as string] = value;
  }
  deepMerge(request, parseProtoJson(rpc.request, raw));
}

function deepMerge(target: CanonicalMessage, source: CanonicalMessage): void {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    // Canonical values that are plain objects are always messages.
    if (isPlainObject(existing) && isPlainObject(value)) {
      deepMerge(existing as CanonicalMessage, value as CanonicalMessage);
    } else target[key] = value;
  }
}

function isControllable(clock: Clock): clock is ControllableClock {
  const c = clock as Partial<ControllableClock>;
  return typeof c.advance === "function" && typeof c.set === "function";
}

function sendMessage(req: Request, res: Response, codec: Codec, message: Uint8Array): void {
  noteConnectCode(res, "ok");
  const gzip = acceptsGzip(req.headers["accept-encoding"]);
  const body = gzip ? compressBody(message) : message;
  res.status(200).setHeader("Content-Type", CODEC_CONTENT_TYPE[codec]).vary("Accept-Encoding");
  if (gzip) res.setHeader("Content-Encoding", "gzip");
  res.setHeader("Content-Length", body.length);
  res.end(body);
}
