import type { Contract, RpcContract } from "../contract/load-contract.js";
import { resolveFieldRules } from "../contract/resolve-field-rules.js";
import type { DomainContext } from "../domain/domain-context.js";
import { reconcile } from "../domain/reconcile.js";
import type { Violation } from "../errors/connect-error.js";
import { FieldRuleError } from "../errors/field-rule-error.js";
import { answerError, codeOf } from "../protocol/answer-error.js";
import { answerMessage } from "../protocol/answer-message.js";
import { decompressBody } from "../protocol/compression.js";
import { decodeMessage } from "../protocol/decode-message.js";
import { encodeMessage } from "../protocol/encode-message.js";
import type { MessageValue } from "../protocol/encode-proto-json.js";
import type { CoreAnswer, CoreRequest } from "../protocol/exchange.js";
import { createValidationError } from "../protocol/format-violations.js";
import type { CanonicalMessage } from "../protocol/parse-proto-json.js";
import { parseUnaryRequest } from "../protocol/parse-unary-request.js";
import type { WirePlatform } from "../protocol/wire-platform.js";
import type { Principal } from "../store/world.js";
import { authenticate } from "./authenticate.js";
import type { Cors } from "./cors.js";
import type { FaultRegistry } from "./fault-registry.js";
import { logRequest, type MockLogger } from "./log-request.js";
import type { RateLimiter } from "./rate-limit.js";
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

/**
 * Answers one request whose path (no query) is an RPC path: synchronously where nothing has
 * to be waited for (preflights, bare refusals), with a promise once the body is read.
 */
export type HandleRpc = (request: CoreRequest, path: string) => CoreAnswer | Promise<CoreAnswer>;

/** Everything the RPC path needs, built once by the core. */
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
  logger?: MockLogger;
  /** Called after every call of a known RPC. */
  onStateChange?: () => void;
  /** gzip and UTF-8 as the platform does them best. */
  platform: WirePlatform;
  /**
   * Keep each pool's encoded JSON from its second answer until it changes (default true):
   * List pages stop re-encoding the same pools, for about 0.8 KB per pool kept.
   */
  keepAnswerText?: boolean;
}

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

// What fault rules decided for a call that otherwise runs as usual: most calls, nothing.
const NO_OUTCOME: CallOutcome = Object.freeze({});

// What is learnt about one call while it is served, for the journal and the log line.
interface Call {
  startedMs: number;
  arrivedAt: number;
  body: Uint8Array | undefined;
  error: unknown;
  forcedBy: string | undefined;
  /** The answer's message as encoded, before any compression: what the journal shows. */
  message?: Uint8Array;
}

// Every RPC answer varies by Origin (CORS). Without an Origin header CORS has nothing else to
// add, so the answer's prepared headers carry this and CORS itself is skipped.
const VARY = "Origin";
const VARY_HEADERS: readonly string[] = ["Vary", VARY];
// A bare answer (404, 405, 415) states its empty length: without it a node:http answer would
// be framed as chunked.
const BARE_HEADERS: readonly string[] = [...VARY_HEADERS, "Content-Length", "0"];
const NOT_FOUND: CoreAnswer = Object.freeze({ status: 404, headers: BARE_HEADERS });

/**
 * Creates the handler of every RPC path: CORS, the request log line, rate limit, then for a
 * known RPC the journal, faults, framing, auth, body, latency and deadline, decoding,
 * validation, the domain and one encoder. An unknown procedure is a bare 404, which Connect
 * clients read as `unimplemented`. Bookkeeping (journal, log line, state hook) happens once
 * the answer is made, before any adapter writes it.
 */
export function createRpcHandler(options: RpcHandlerOptions): HandleRpc {
  const { ctx, faults, journal, cors, maxBodyBytes, strictAuth, logger, onStateChange, platform } =
    options;
  const routes = new Map<string, Route>();
  const shapers: Shapers = {
    WarmPool: options.keepAnswerText === false ? shapeWarmPoolMessage : toWarmPoolMessage,
  };
  for (const rpc of options.contract.rpcs.values()) {
    if (isRpcName(rpc.name)) routes.set(rpc.path, bindRoute(rpc, rpc.name, shapers));
  }
  const timed = logger !== undefined || journal.enabled;

  return function handleRpc(request, path) {
    const route = routes.get(path);
    const call: Call = {
      startedMs: timed ? performance.now() : 0,
      arrivedAt: route && journal.enabled ? Date.now() : 0,
      body: undefined,
      error: undefined,
      forcedBy: undefined,
    };
    let grant: readonly string[] | undefined;
    if (request.headers.origin !== undefined || request.method === "OPTIONS") {
      const decided = cors(request);
      if (!Array.isArray(decided)) return done(route, request, path, call, decided as CoreAnswer);
      if (decided.length > 0) grant = decided as readonly string[];
    }
    try {
      // Only RPCs are rate-limited: preflights, /_admin and /healthz stay answerable.
      options.rateLimit?.(headerText(request.headers.authorization));
    } catch (error) {
      call.error = error;
      return done(route, request, path, call, refusal(error, grant));
    }
    if (!route) return done(route, request, path, call, withGrant(NOT_FOUND, grant));
    return serve(route, request, path, call, grant);
  };

  // framing -> faults -> auth -> body -> latency -> decode -> validate -> domain -> encode,
  // in one async function: each await is one the call really waits on.
  async function serve(
    route: Route,
    request: CoreRequest,
    path: string,
    call: Call,
    grant: readonly string[] | undefined,
  ): Promise<CoreAnswer> {
    const { rpc } = route;
    let answer: CoreAnswer;
    try {
      const unary = parseUnaryRequest(request, rpc.idempotency);
      if ("status" in unary) {
        const headers = grant ? [...grant, ...BARE_HEADERS] : [...BARE_HEADERS];
        for (const [name, value] of Object.entries(unary.headers)) headers.push(name, value);
        return done(route, request, path, call, { status: unary.status, headers }) as CoreAnswer;
      }
      // Injected faults are planned first: a forced error wins over whatever the request holds.
      const fault = faults.plan(rpc, request.headers);
      if (fault.forcedBy) call.forcedBy = fault.forcedBy;
      const latencyMs = options.latencyFor(rpc.label) + fault.latencyMs;
      if (fault.error) {
        call.body = unary.message ?? (await request.readBody(maxBodyBytes));
        // Configured and injected latency both count against the caller's Connect-Timeout-Ms.
        if (latencyMs > 0) await simulateLatency(latencyMs, unary.timeoutMs, request.signal);
        throw fault.error;
      }
      const principal = authenticate(
        headerText(request.headers.authorization),
        ctx.store,
        strictAuth,
      );
      const raw = unary.message ?? (await request.readBody(maxBodyBytes));
      call.body = raw;
      if (latencyMs > 0) await simulateLatency(latencyMs, unary.timeoutMs, request.signal);
      const inflated = decompressBody(raw, unary.compression, maxBodyBytes, platform);
      const bytes = inflated instanceof Promise ? await inflated : inflated;
      const decoded = decodeMessage(
        unary.codec,
        bytes,
        rpc.request,
        request.method === "POST" ? { url: request.url, fields: rpc.queryFields } : undefined,
      );
      const message = decoded instanceof Promise ? await decoded : decoded;
      const encoded = encodeMessage(
        unary.codec,
        rpc.response,
        route.run(
          ctx,
          principal,
          message,
          fault.prebuildFailure === undefined
            ? NO_OUTCOME
            : { prebuildFailure: fault.prebuildFailure },
        ),
        platform.encodeText,
      );
      const answerBytes = encoded instanceof Promise ? await encoded : encoded;
      if (journal.enabled) call.message = answerBytes;
      const made = answerMessage(
        request.headers["accept-encoding"],
        unary.codec,
        answerBytes,
        VARY,
        platform,
        grant,
      );
      answer = made instanceof Promise ? await made : made;
    } catch (error) {
      call.error = error;
      const refused = refusal(error, grant);
      answer = refused instanceof Promise ? await refused : refused;
    }
    return done(route, request, path, call, answer) as CoreAnswer;
  }

  function refusal(error: unknown, grant: readonly string[] | undefined) {
    return answerError(error, {
      logger,
      headers: grant ? [...grant, ...VARY_HEADERS] : VARY_HEADERS,
    });
  }

  function done(
    route: Route | undefined,
    request: CoreRequest,
    path: string,
    call: Call,
    answer: CoreAnswer | Promise<CoreAnswer>,
  ): CoreAnswer | Promise<CoreAnswer> {
    if (answer instanceof Promise) return answer.then((a) => done(route, request, path, call, a));
    if (route) {
      journal.record({
        rpc: route.rpc.label,
        rpcName: route.rpc.name,
        method: request.method,
        url: request.url,
        contentType: request.headers["content-type"],
        contentEncoding: request.headers["content-encoding"],
        status: answer.status,
        headers: request.headers,
        answer,
        ...call,
      });
      onStateChange?.();
    }
    if (logger) {
      const code = call.error !== undefined ? codeOf(call.error) : undefined;
      logRequest(
        logger,
        request.method,
        path,
        answer.status,
        call.startedMs,
        code,
        route?.rpc.label,
      );
    }
    return answer;
  }
}

function withGrant(answer: CoreAnswer, grant: readonly string[] | undefined): CoreAnswer {
  return grant ? { ...answer, headers: [...grant, ...answer.headers] } : answer;
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(", ") : value;
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
