import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import { type Contract, RPC_PATH_PREFIX, type RpcContract } from "../contract/load-contract.js";
import { resolveFieldRules } from "../contract/resolve-field-rules.js";
import type { DomainContext } from "../domain/domain-context.js";
import { reconcile } from "../domain/reconcile.js";
import type { ConnectCode } from "../errors/connect-code.js";
import type { Violation } from "../errors/connect-error.js";
import { FieldRuleError } from "../errors/field-rule-error.js";
import { decompressBody } from "../protocol/compression.js";
import { decodeMessage } from "../protocol/decode-message.js";
import { encodeMessage } from "../protocol/encode-message.js";
import type { MessageValue } from "../protocol/encode-proto-json.js";
import { createValidationError } from "../protocol/format-violations.js";
import type { CanonicalMessage } from "../protocol/parse-proto-json.js";
import { parseUnaryRequest } from "../protocol/parse-unary-request.js";
import { writeError } from "../protocol/write-error.js";
import { writeMessage } from "../protocol/write-message.js";
import type { Principal } from "../store/world.js";
import { authenticate } from "./authenticate.js";
import type { Cors } from "./cors.js";
import type { FaultRegistry } from "./fault-registry.js";
import { logRequest } from "./log-request.js";
import type { RateLimiter } from "./rate-limit.js";
import { readBody } from "./read-body.js";
import type { RequestJournal } from "./request-journal.js";
import {
  type CallOutcome,
  isRpcName,
  RPC_HANDLERS,
  type RpcName,
  type RpcRequest,
  type Shapers,
} from "./rpc-handlers.js";
import { simulateLatency } from "./simulate-latency.js";
import { shapeWarmPoolMessage, toWarmPoolMessage } from "./to-warm-pool-message.js";

/** A plain node:http request handler. */
export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** The path prefix of every RPC, whichever service it belongs to. */
export const RPC_PREFIX = RPC_PATH_PREFIX;

/** Everything the RPC path needs, built once by the server. */
export interface RpcHandlerOptions {
  contract: Contract;
  ctx: DomainContext;
  faults: FaultRegistry;
  journal: RequestJournal;
  cors: Cors;
  /** Largest accepted request body in bytes. */
  maxBodyBytes: number;
  /** Reject tokens the world does not list instead of mapping them to the default principal. */
  strictAuth: boolean;
  /** Configured latency of an RPC (by its label, e.g. `GetWarmPool`) in ms, read on every call. */
  latencyFor: (rpc: string) => number;
  rateLimit?: RateLimiter;
  /** One line per request and unexpected errors; console.error for those without it. */
  logger?: Logger;
  /** Called after every RPC call. */
  onStateChange?: () => void;
  /**
   * Keep each pool's encoded JSON from its second answer until it changes (default true):
   * List pages stop re-encoding the same pools, for about 0.8 KB per pool kept.
   */
  keepAnswerText?: boolean;
}

// What fault rules decided for a call that otherwise runs as usual: most calls, nothing.
const NO_OUTCOME: CallOutcome = Object.freeze({});

// A routed RPC: its contract, and its handler run on a canonical message once it validates.
interface Route {
  rpc: RpcContract;
  run(
    ctx: DomainContext,
    principal: Principal,
    request: CanonicalMessage,
    outcome: CallOutcome,
  ): MessageValue;
}

// What is learnt about one call while it is served, for the journal and the log line.
interface Call {
  startedMs: number;
  arrivedAt: number;
  code: ConnectCode | "ok" | undefined;
  body: Uint8Array | undefined;
  error: unknown;
  forcedBy: string | undefined;
}

// Every RPC answer varies by Origin (CORS). Without an Origin header CORS has nothing else to
// add, so the answer's prepared headers carry this and CORS itself is skipped.
const VARY = "Origin";
const VARY_HEADERS = ["Vary", VARY];
// A bare answer (404, 405, 415) states its empty length: writeHead sends the head before end()
// could learn it, and without a length Node would frame the empty body as chunked.
const BARE_HEADERS = [...VARY_HEADERS, "Content-Length", "0"];

/**
 * Creates the handler of every request under `/gitpod.v1.`: CORS, the request
 * log line, rate limit, then for a known RPC the journal, faults, framing, auth, body, latency
 * and deadline, decoding, validation, the domain and one encoder. An unknown procedure is a
 * bare 404, which Connect clients read as `unimplemented`. It uses no framework, so the
 * listening server calls it directly and createApp's Express app mounts the very same one.
 */
export function createRpcHandler(options: RpcHandlerOptions): NodeHandler {
  const { ctx, faults, journal, cors, maxBodyBytes, strictAuth, logger, onStateChange } = options;
  const routes = new Map<string, Route>();
  const shapers: Shapers = {
    WarmPool: options.keepAnswerText === false ? shapeWarmPoolMessage : toWarmPoolMessage,
  };
  for (const rpc of options.contract.rpcs.values()) {
    if (isRpcName(rpc.name)) routes.set(rpc.path, bindRoute(rpc, rpc.name, shapers));
  }
  const timed = logger !== undefined || journal.enabled;

  return function handleRpc(req, res) {
    const url = req.url ?? "";
    const q = url.indexOf("?");
    const route = routes.get(q < 0 ? url : url.slice(0, q));
    const call: Call = {
      startedMs: timed ? performance.now() : 0,
      arrivedAt: route && journal.enabled ? Date.now() : 0,
      code: undefined,
      body: undefined,
      error: undefined,
      forcedBy: undefined,
    };
    // One close listener per call does all the bookkeeping, and none when there is none to do.
    if (logger || (route && (journal.enabled || onStateChange))) {
      res.once("close", () => {
        if (route) {
          journal.record({ rpc: route.rpc.label, rpcName: route.rpc.name, req, res, ...call });
          onStateChange?.();
        }
        if (logger) logRequest(logger, req, res, call.startedMs, call.code, route?.rpc.label);
      });
    }
    if (
      (req.headers.origin !== undefined || req.method === "OPTIONS") &&
      cors(req, res) === "answered"
    ) {
      return;
    }
    try {
      // Only RPCs are rate-limited: preflights, /_admin and /healthz stay answerable.
      options.rateLimit?.(req.headers.authorization);
    } catch (error) {
      call.code = writeError(res, error, { logger, headers: VARY_HEADERS });
      return;
    }
    if (!route) {
      res.writeHead(404, BARE_HEADERS);
      res.end();
      return;
    }
    serve(route, req, res, call).then(
      (code) => {
        call.code = code;
      },
      (error: unknown) => {
        call.error = error;
        call.code = writeError(res, error, { logger, headers: VARY_HEADERS });
      },
    );
  };

  // framing -> faults -> auth -> body -> latency -> decode -> validate -> domain -> encode.
  async function serve(
    route: Route,
    req: IncomingMessage,
    res: ServerResponse,
    call: Call,
  ): Promise<ConnectCode | "ok" | undefined> {
    const { rpc } = route;
    const unary = parseUnaryRequest(req, rpc.idempotency);
    if ("status" in unary) {
      const headers = [...BARE_HEADERS];
      for (const [name, value] of Object.entries(unary.headers)) headers.push(name, value);
      res.writeHead(unary.status, headers);
      res.end();
      return undefined;
    }
    // Injected faults are planned first: a forced error wins over whatever the request holds.
    const fault = faults.plan(rpc, req.headers);
    if (fault.forcedBy) call.forcedBy = fault.forcedBy;
    const latencyMs = options.latencyFor(rpc.label) + fault.latencyMs;
    if (fault.error) {
      call.body = unary.message ?? (await readBody(req, maxBodyBytes));
      // Configured and injected latency both count against the caller's Connect-Timeout-Ms.
      if (latencyMs > 0) await simulateLatency(latencyMs, unary.timeoutMs, closeSignal(res));
      throw fault.error;
    }
    const principal = authenticate(req.headers.authorization, ctx.store, strictAuth);
    const raw = unary.message ?? (await readBody(req, maxBodyBytes));
    call.body = raw;
    if (latencyMs > 0) await simulateLatency(latencyMs, unary.timeoutMs, closeSignal(res));
    const bytes = decompressBody(raw, unary.compression, maxBodyBytes);
    const decoded = decodeMessage(
      unary.codec,
      bytes,
      rpc.request,
      req.method === "POST" ? { url: req.url ?? "", fields: rpc.queryFields } : undefined,
    );
    const request = decoded instanceof Promise ? await decoded : decoded;
    const outcome =
      fault.prebuildFailure === undefined ? NO_OUTCOME : { prebuildFailure: fault.prebuildFailure };
    const encoded = encodeMessage(
      unary.codec,
      rpc.response,
      route.run(ctx, principal, request, outcome),
    );
    const message = encoded instanceof Promise ? await encoded : encoded;
    writeMessage(req.headers, res, unary.codec, message, VARY);
    return "ok";
  }
}

// Validation against openapi/ is what makes a canonical message the request type generated
// from the same document.
function conforms<N extends RpcName>(
  _name: N,
  _message: CanonicalMessage,
  violations: readonly Violation[],
): _message is CanonicalMessage & RpcRequest<N> {
  return violations.length === 0;
}

function bindRoute<N extends RpcName>(rpc: RpcContract, name: N, shapers: Shapers): Route {
  const handler = RPC_HANDLERS[name];
  return {
    rpc,
    run(ctx, principal, request, outcome) {
      const violations = rpc.validateRequest(request);
      if (!conforms(name, request, violations)) throw createValidationError(violations);
      reconcile(ctx);
      try {
        return handler(ctx, principal, request, shapers, outcome);
      } catch (error) {
        // The domain names fields; the request message knows their numbers.
        if (error instanceof FieldRuleError) {
          throw createValidationError(resolveFieldRules(error.rules, rpc.request));
        }
        throw error;
      }
    },
  };
}

// An abort signal for the simulated latency, made only when there is latency to wait out:
// aborting one on every closed response cost a DOMException per request.
function closeSignal(res: ServerResponse): AbortSignal {
  const gone = new AbortController();
  if (res.closed) gone.abort();
  else res.once("close", () => gone.abort());
  return gone.signal;
}
