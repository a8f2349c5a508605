import { randomUUID } from "node:crypto";
import express, { type Express, type Request, type Response } from "express";
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
import { loadDefaultWorld } from "../store/load-default-world.js";
import { WorldStore } from "../store/world-store.js";
import {
  type Contract,
  loadContract,
  type RpcContract,
  SERVICE_NAME,
} from "../validation/load-contract.js";
import { authenticate } from "./authenticate.js";
import { createRateLimit } from "./create-rate-limit.js";
import { readBody } from "./read-body.js";
import { RPC_HANDLERS } from "./rpc-handlers.js";
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
  /** The most warm pools one organization may hold; CreateWarmPool beyond it is `resource_exhausted`. */
  maxPoolsPerOrganization?: number;
  /** Requests per second (and burst) each principal may make; unlimited when absent. */
  rateLimit?: RateLimit;
}

export const DEFAULT_TIMING: Timing = { readyDelayMs: 1500, deleteDelayMs: 1500 };
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
export const DEFAULT_MAX_POOLS_PER_ORGANIZATION = 10_000;

/** Builds the mock as an Express app that never listens: the CLI and tests decide where it runs. */
export function createApp(options: AppOptions = {}): Express {
  const contract = options.contract ?? loadContract();
  const store = options.store ?? new WorldStore(options.world ?? loadDefaultWorld());
  const ctx: DomainContext = {
    store,
    clock: options.clock ?? { now: Date.now },
    newId: options.newId ?? randomUUID,
    timing: { ...DEFAULT_TIMING, ...options.timing },
    maxPoolsPerOrganization: options.maxPoolsPerOrganization ?? DEFAULT_MAX_POOLS_PER_ORGANIZATION,
  };
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const strictAuth = options.strictAuth ?? false;
  const routes = new Map<string, RpcContract>();
  for (const rpc of contract.rpcs.values()) routes.set(rpc.path, rpc);

  const app = express();
  app.disable("x-powered-by");
  app.disable("etag");
  app.locals.store = store;
  if (options.rateLimit) app.use(createRateLimit(options.rateLimit, store, strictAuth));

  app.use((req, res, next) => {
    const rpc = routes.get(req.path);
    if (!rpc) return next();
    handleRpc(rpc, req, res).catch((error: unknown) => sendError(res, error));
  });
  // Unknown procedures are a bare 404, which Connect clients read as `unimplemented`.
  app.use((_req, res) => {
    res.status(404).end();
  });
  // Middleware (the rate limit) reports its Connect errors through next(error).
  app.use((error: unknown, _req: Request, res: Response, _next: () => void) =>
    sendError(res, error),
  );

  async function handleRpc(rpc: RpcContract, req: Request, res: Response): Promise<void> {
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
    const principal = authenticate(req.headers.authorization, store, strictAuth);
    const body = await readBody(req, maxBodyBytes);
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
  if (error instanceof ConnectError) {
    for (const [name, value] of Object.entries(error.metadata)) res.setHeader(name, value);
  }
  if (error instanceof ConnectError && error.code === "resource_exhausted") {
    // The rest of an oversized body is never read; closing keeps the connection from stalling.
    res.setHeader("Connection", "close");
  }
  res.end(text);
}
