import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ValidateFunction } from "ajv";
import { isUuid } from "../../contract/formats.js";
import { reconcile } from "../../domain/reconcile.js";
import { ConnectError } from "../../errors/connect-error.js";
import { MAX_JSON_NESTING, nestsDeeperThan } from "../../protocol/json-nesting.js";
import { type ErrorLogger, writeError } from "../../protocol/write-error.js";
import { readBody } from "../../rpc/read-body.js";
import { describeJsonError } from "../../store/describe-json-error.js";
import type { AdminDeps, AdminRoute } from "./admin-route.js";
import { ALL_TOPICS } from "./change-feed.js";
import { EVENT_ROUTES } from "./event-routes.js";
import { FAULT_ROUTES } from "./fault-routes.js";
import { JOURNAL_ROUTES } from "./journal-routes.js";
import { type AdminOperation, loadAdminContract } from "./load-admin-contract.js";
import { RECORD_ROUTES } from "./record-routes.js";
import { SCENARIO_ROUTES } from "./scenario-routes.js";
import { SIMULATION_ROUTES } from "./simulation-routes.js";
import { WORLD_ROUTES } from "./world-routes.js";

export { ADMIN_PREFIX } from "../control-plane-paths.js";

/** Every admin endpoint; their paths and methods come from openapi/admin.yaml. */
export const ADMIN_ROUTES: readonly AdminRoute[] = [
  ...WORLD_ROUTES,
  ...RECORD_ROUTES,
  ...SIMULATION_ROUTES,
  ...FAULT_ROUTES,
  ...JOURNAL_ROUTES,
  ...EVENT_ROUTES,
  ...SCENARIO_ROUTES,
];

// World bodies can be large; anything bigger is resource_exhausted.
const MAX_ADMIN_BODY_BYTES = 16 * 1024 * 1024;

export interface AdminHandlerOptions {
  /** When set, every admin call needs `Authorization: Bearer <token>`. */
  token?: string;
  /** Called after an action that may have changed the world. */
  onChange?: () => void;
  /** Where unexpected errors go; console.error without one. */
  logger?: ErrorLogger;
}

interface BoundRoute {
  route: AdminRoute;
  operation: AdminOperation;
  pattern: RegExp;
  paramNames: string[];
}

/**
 * Creates the handler of every `/_admin` request: token check, routing by the admin
 * OpenAPI document, JSON body checked against its schema, then the action on an up-to-date
 * (reconciled) world. Answers are JSON; errors are `{code, message}` and never a 500 for bad input.
 */
export function createAdminHandler(deps: AdminDeps, options: AdminHandlerOptions = {}) {
  // Compiled on the first admin call, so serving RPCs starts no later for having a control plane.
  let bound: BoundRoute[] | undefined;

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // Every answer is JSON or an event stream: no browser may sniff it into something else.
    res.setHeader("X-Content-Type-Options", "nosniff");
    try {
      bound ??= ADMIN_ROUTES.map((route) => bindRoute(route, loadAdminContract()));
      checkToken(req.headers.authorization, options.token);
      const url = new URL(req.url ?? "/", "http://mock");
      const matches = bound
        .map((b) => ({ b, m: b.pattern.exec(url.pathname) }))
        .filter((x) => x.m !== null);
      const match = matches.find((x) => x.b.operation.method === req.method);
      if (!match?.m) {
        if (matches.length === 0) {
          throw new ConnectError("not_found", `no admin endpoint at ${url.pathname}`);
        }
        const allow = matches.map((x) => x.b.operation.method).join(", ");
        sendJson(
          res,
          405,
          { code: "unimplemented", message: `${url.pathname} allows ${allow}` },
          {
            Allow: allow,
          },
        );
        return;
      }
      const { b, m } = match;
      const params = Object.fromEntries(
        b.paramNames.map((name, i) => [name, decodeSegment(m[i + 1] ?? "")]),
      );
      // Record IDs in paths are UUIDs (openapi/admin.yaml's Id parameter), as in world files.
      if (params.id !== undefined && !isUuid(params.id)) {
        throw new ConnectError("invalid_argument", `${params.id.slice(0, 60)} is not a UUID`);
      }
      const body = await readJsonBody(req, b.operation);
      reconcile(deps.ctx);
      if (b.route.stream) {
        b.route.stream(deps, res);
        return;
      }
      // Routing and validation made params and body what the operation's types say.
      const reply = b.route.handle(deps, { params, body, query: url.searchParams } as never);
      if (b.route.mutates) options.onChange?.();
      if (req.method !== "GET") deps.changes.notify(...ALL_TOPICS);
      sendJson(res, reply.status ?? 200, reply.body);
    } catch (error) {
      writeError(res, error, { logger: options.logger });
    }
  };
}

function bindRoute(route: AdminRoute, operations: Map<string, AdminOperation>): BoundRoute {
  const operation = operations.get(route.operationId);
  if (!operation) throw new Error(`openapi/admin.yaml has no operation ${route.operationId}`);
  const paramNames: string[] = [];
  const source = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    paramNames.push(name);
    return "([^/]+)";
  });
  return { route, operation, pattern: new RegExp(`^${source}/?$`), paramNames };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new ConnectError("invalid_argument", `malformed path segment ${JSON.stringify(segment)}`);
  }
}

function checkToken(header: string | undefined, token: string | undefined): void {
  if (token === undefined) return;
  const given = Buffer.from(header ?? "");
  const wanted = Buffer.from(`Bearer ${token}`);
  // Compared in constant time, so response timing does not reveal the token.
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
    throw new ConnectError(
      "unauthenticated",
      header
        ? "wrong admin token"
        : 'missing Authorization header: expected "Bearer <admin token>"',
    );
  }
}

async function readJsonBody(req: IncomingMessage, operation: AdminOperation): Promise<unknown> {
  const raw = await readBody(req, MAX_ADMIN_BODY_BYTES);
  const validate: ValidateFunction | undefined = operation.validateBody;
  if (raw.length === 0) {
    if (operation.bodyRequired) {
      throw new ConnectError("invalid_argument", `${operation.operationId} needs a JSON body`);
    }
    return undefined;
  }
  const noBody = () =>
    new ConnectError(
      "invalid_argument",
      `${operation.operationId} takes no body (an empty JSON object {} is accepted too)`,
    );
  const text = raw.toString("utf8");
  if (nestsDeeperThan(text, MAX_JSON_NESTING)) {
    throw new ConnectError("invalid_argument", `body nests deeper than ${MAX_JSON_NESTING} levels`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    if (!validate) throw noBody();
    throw new ConnectError("invalid_argument", `body is not JSON${describeJsonError(error)}`);
  }
  if (!validate) {
    // Many HTTP clients send `{}` when told to send nothing: it says nothing, so it is no body.
    if (isEmptyObject(body)) return undefined;
    throw noBody();
  }
  if (!validate(body)) {
    const problems = (validate.errors ?? [])
      .slice(0, 5)
      .map((e) => `${e.instancePath || "body"} ${e.message}${describeParams(e.params)}`);
    throw new ConnectError(
      "invalid_argument",
      `invalid ${operation.operationId} body: ${problems.join("; ")}`,
    );
  }
  return body;
}

function isEmptyObject(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).length === 0
  );
}

function describeParams(params: Record<string, unknown>): string {
  const extra = params.additionalProperty ?? params.allowedValues;
  return extra === undefined ? "" : ` (${JSON.stringify(extra)})`;
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  if (status === 204 || body === undefined) {
    res.statusCode = status;
    res.end();
    return;
  }
  const text = Buffer.from(JSON.stringify(body));
  res.statusCode = status;
  res.setHeader("Content-Type", "application/json");
  res.setHeader("Content-Length", text.length);
  res.end(text);
}
