import { randomUUID } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import express, { type Express, type Request, type Response } from "express";
import { type ControllableClock, createClock } from "../domain/create-clock.js";
import type { Clock, DomainContext, Timing } from "../domain/domain-context.js";
import { reconcile } from "../domain/reconcile.js";
import type { WorldData } from "../domain/world.js";
import { ACCEPT_POST, parseContentType } from "../protocol/connect-content-type.js";
import { ConnectError } from "../protocol/connect-error.js";
import { decodeJsonBody } from "../protocol/decode-json-body.js";
import { encodeProtoJson, type MessageValue } from "../protocol/encode-proto-json.js";
import { createValidationError } from "../protocol/format-violations.js";
import { type CanonicalMessage, parseProtoJson } from "../protocol/parse-proto-json.js";
import { serializeError } from "../protocol/serialize-error.js";
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
import { type JournalCall, RequestJournal } from "./admin/request-journal.js";
import { authenticate } from "./authenticate.js";
import { readBody } from "./read-body.js";
import { RPC_HANDLERS } from "./rpc-handlers.js";

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
  /** Serve the control plane under /_admin (default true). */
  admin?: boolean;
  /** Require `Authorization: Bearer <adminToken>` on /_admin. */
  adminToken?: string;
  /** The world /_admin/reset returns to; the world the app starts with by default. */
  resetWorld?: WorldData;
  /** How many RPC calls the journal keeps (default 200; 0 turns it off). */
  journalSize?: number;
  /** Randomness for probabilistic faults and latency ranges, injectable for tests. */
  random?: () => number;
  /** Called after every RPC call and every admin action that may have changed the world. */
  onStateChange?: () => void;
}

export const DEFAULT_TIMING: Timing = {
  readyDelayMs: 1500,
  startDelayMs: 500,
  deleteDelayMs: 1500,
};
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
export const DEFAULT_JOURNAL_SIZE = 200;

/** Builds the mock as an Express app that never listens: the CLI and tests decide where it runs. */
export function createApp(options: AppOptions = {}): Express {
  const contract = options.contract ?? loadContract();
  const store = options.store ?? new WorldStore(options.world ?? loadDefaultWorld());
  const clock = options.clock ?? createClock();
  const ctx: DomainContext = {
    store,
    clock,
    newId: options.newId ?? randomUUID,
    timing: { ...DEFAULT_TIMING, ...options.timing },
  };
  // Pools loaded from a world file settle and get their next steps scheduled.
  reconcile(ctx, store.allPools());
  const faults = new FaultRegistry(options.random);
  const journal = new RequestJournal(options.journalSize ?? DEFAULT_JOURNAL_SIZE);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const strictAuth = options.strictAuth ?? false;
  const routes = new Map<string, RpcContract>();
  for (const rpc of contract.rpcs.values()) routes.set(rpc.path, rpc);

  const app = express();
  app.disable("x-powered-by");
  app.disable("etag");
  app.locals.store = store;
  app.locals.faults = faults;
  app.locals.journal = journal;

  if (options.admin ?? true) {
    const startWorld = options.resetWorld ?? store.snapshot();
    const admin = createAdminHandler(
      {
        ctx,
        clock: isControllable(clock) ? clock : undefined,
        faults,
        journal,
        startWorld: () => structuredClone(startWorld),
        readWorldFile: loadWorldFile,
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

  app.use((req, res, next) => {
    const rpc = routes.get(req.path);
    if (!rpc) return next();
    const call = journal.begin(rpc.method, req, res);
    if (options.onStateChange) res.once("close", options.onStateChange);
    handleRpc(rpc, req, res, call).catch((error: unknown) => {
      call.error = error;
      sendError(res, error);
    });
  });
  // Unknown procedures are a bare 404, which Connect clients read as `unimplemented`.
  app.use((_req, res) => {
    res.status(404).end();
  });

  async function handleRpc(
    rpc: RpcContract,
    req: Request,
    res: Response,
    call: JournalCall,
  ): Promise<void> {
    if (req.method !== "POST") {
      res.status(405).setHeader("Allow", "POST").end();
      return;
    }
    if (!parseContentType(req.headers["content-type"])) {
      res.status(415).setHeader("Accept-Post", ACCEPT_POST).end();
      return;
    }
    const version = req.headers["connect-protocol-version"];
    if (version !== undefined && version !== "1") {
      throw new ConnectError(
        "invalid_argument",
        `connect-protocol-version must be "1": got "${version}"`,
      );
    }
    // Injected faults are planned first: a forced error wins over whatever the request holds.
    const fault = faults.plan(rpc.method, req.headers);
    if (fault.forcedBy) call.forcedBy = fault.forcedBy;
    if (fault.error) {
      call.body = await readBody(req, maxBodyBytes);
      await delay(fault.latencyMs);
      throw fault.error;
    }
    const principal = authenticate(req.headers.authorization, store, strictAuth);
    const body = await readBody(req, maxBodyBytes);
    call.body = body;
    if (fault.latencyMs > 0) await delay(fault.latencyMs);
    const request = decodeJsonBody(body, rpc.request);
    mergeQueryFields(rpc, req, request);
    const violations = rpc.validateRequest(request);
    if (violations.length > 0) throw createValidationError(violations);
    reconcile(ctx);
    const handler = RPC_HANDLERS[rpc.method];
    if (!handler)
      throw new ConnectError("unimplemented", `${SERVICE_NAME}.${rpc.method} is not implemented`);
    sendMessage(res, encodeProtoJson(rpc.response, handler(ctx, principal, request)));
  }

  return app;
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
    if (isMessage(existing) && isMessage(value)) deepMerge(existing, value);
    else target[key] = value;
  }
}

function isControllable(clock: Clock): clock is ControllableClock {
  const c = clock as Partial<ControllableClock>;
  return typeof c.advance === "function" && typeof c.set === "function";
}

function isMessage(value: unknown): value is CanonicalMessage {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function sendMessage(res: Response, message: MessageValue): void {
  const body = Buffer.from(JSON.stringify(message));
  res
    .status(200)
    .setHeader("Content-Type", "application/json")
    .setHeader("Content-Length", body.length);
  res.end(body);
}

function sendError(res: Response, error: unknown): void {
  if (!(error instanceof ConnectError))
    console.error("unexpected error while serving a request:", error);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const { status, body } = serializeError(error);
  const text = Buffer.from(JSON.stringify(body));
  res
    .status(status)
    .setHeader("Content-Type", "application/json")
    .setHeader("Content-Length", text.length);
  if (error instanceof ConnectError && error.code === "resource_exhausted") {
    // The rest of an oversized body is never read; closing keeps the connection from stalling.
    res.setHeader("Connection", "close");
  }
  res.end(text);
}
