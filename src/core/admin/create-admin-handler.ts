import { ConnectError } from "../../errors/connect-error.js";
import type { AdminOperationId, AdminPathParams } from "../../generated/admin-types.js";
import type { CoreAnswer, CoreRequest } from "../../protocol/exchange.js";
import { MAX_JSON_NESTING, nestsDeeperThan } from "../../protocol/json-nesting.js";
import { describeJsonError } from "../../store/describe-json-error.js";
import { answerJson } from "../answer-json.js";
import type { ChangeFeed } from "../change-feed.js";
import { EVENT_STREAM_HEADERS } from "../change-feed.js";
import { equalsInConstantTime } from "../equals-in-constant-time.js";
import type { AdminCore } from "./admin-core.js";
import { type AdminOperation, loadAdminContract } from "./load-admin-contract.js";

// World bodies can be large; anything bigger is resource_exhausted.
const MAX_ADMIN_BODY_BYTES = 16 * 1024 * 1024;

/** An admin request after routing: its path parameters, parsed JSON body, query and headers. */
interface AdminCall<K extends AdminOperationId> {
  params: AdminPathParams<K>;
  body: never;
  query: URLSearchParams;
  headers: CoreRequest["headers"];
}

/** What a route answers: a status and JSON body, or (the event feed) a stream. */
type Reply = { status?: number; body?: unknown } | { stream: true; lastEventId?: string };

/**
 * Each operation of openapi/admin.yaml as HTTP: the path parameters, body and query handed to
 * the admin core's method of the same name. A mapped type, so an operation without a route
 * does not compile.
 */
const ROUTES: {
  [K in AdminOperationId]: (admin: AdminCore, call: AdminCall<K>) => Reply;
} = {
  reset: (admin) => ({ body: admin.reset() }),
  getWorld: (admin) => ({ body: admin.getWorld() }),
  putWorld: (admin, { body }) => ({ body: admin.putWorld(body) }),
  loadWorld: (admin, { body }) => ({ body: admin.loadWorld(body) }),
  putProject: (admin, { params, body }) => ({ body: admin.putProject(params.id, body) }),
  patchPrebuildConfiguration: (admin, { params, body }) => ({
    body: admin.patchPrebuildConfiguration(params.id, body),
  }),
  putEnvironmentClass: (admin, { params, body }) => ({
    body: admin.putEnvironmentClass(params.id, body),
  }),
  patchEnvironmentClass: (admin, { params, body }) => ({
    body: admin.patchEnvironmentClass(params.id, body),
  }),
  deleteEnvironmentClass: (admin, { params }) => {
    admin.deleteEnvironmentClass(params.id);
    return { status: 204 };
  },
  putRunner: (admin, { params, body }) => ({ body: admin.putRunner(params.id, body) }),
  degradeRunner: (admin, { params, body }) => ({ body: admin.degradeRunner(params.id, body) }),
  recoverRunner: (admin, { params }) => ({ body: admin.recoverRunner(params.id) }),
  createPrebuild: (admin, { body }) => ({ status: 201, body: admin.createPrebuild(body) }),
  completePrebuild: (admin, { params }) => ({ body: admin.completePrebuild(params.id) }),
  failPrebuild: (admin, { params, body }) => ({ body: admin.failPrebuild(params.id, body) }),
  claimInstances: (admin, { params, body }) => ({ body: admin.claimInstances(params.id, body) }),
  getClock: (admin) => ({ body: admin.getClock() }),
  advanceClock: (admin, { body }) => ({ body: admin.advanceClock(body) }),
  listFaults: (admin) => ({ body: admin.listFaults() }),
  addFault: (admin, { body }) => ({ status: 201, body: admin.addFault(body) }),
  clearFaults: (admin) => {
    admin.clearFaults();
    return { status: 204 };
  },
  deleteFault: (admin, { params }) => {
    admin.deleteFault(params.faultId);
    return { status: 204 };
  },
  getJournal: (admin, { query }) => ({
    body: admin.getJournal({
      rpc: query.get("rpc") ?? undefined,
      limit: readInteger(query, "limit", 1),
      after: readInteger(query, "after", 0),
    }),
  }),
  getJournalEntry: (admin, { params }) => ({
    body: admin.getJournalEntry(parseInteger(String(params.entryId), "entryId", 1)),
  }),
  getOverview: (admin) => ({ body: admin.getOverview() }),
  readRecords: (admin, { query }) => ({
    body: admin.readRecords({
      since: readInteger(query, "since", 0),
      limit: readInteger(query, "limit", 1),
      cursor: query.get("cursor") ?? undefined,
    }),
  }),
  clearJournal: (admin) => {
    admin.clearJournal();
    return { status: 204 };
  },
  watchEvents: (_admin, { headers }) => {
    const last = headers["last-event-id"];
    return { stream: true, lastEventId: Array.isArray(last) ? last.at(-1) : last };
  },
  listScenarios: (admin) => ({ body: admin.listScenarios() }),
  loadScenario: (admin, { body }) => ({ body: admin.loadScenario(body) }),
};

/** Every operationId the control plane routes, in openapi/admin.yaml's order. */
export const ADMIN_OPERATION_IDS = Object.keys(ROUTES) as AdminOperationId[];

interface BoundRoute {
  operation: AdminOperation;
  pattern: RegExp;
  paramNames: string[];
  handle: (admin: AdminCore, call: AdminCall<AdminOperationId>) => Reply;
}

export interface AdminHandlerOptions {
  /** When set, every admin call needs `Authorization: Bearer <token>`. */
  token?: string;
}

/** Answers one control-plane request under /_admin; `headers` go first in every answer. */
export type HandleAdmin = (
  request: CoreRequest,
  path: string,
  query: string,
  headers: readonly string[],
) => CoreAnswer | Promise<CoreAnswer>;

/**
 * The HTTP face of the admin core: token check, routing by openapi/admin.yaml, the JSON body
 * read and parsed, then the admin core's method, whose result is the JSON answer. Errors are
 * thrown as ConnectError; the caller turns them into the one error answer.
 */
export function createAdminHandler(
  admin: AdminCore,
  changes: ChangeFeed,
  options: AdminHandlerOptions = {},
): HandleAdmin {
  // Compiled on the first admin call, so serving RPCs starts no later for having a control plane.
  let bound: BoundRoute[] | undefined;

  return (request, path, query, headers) => {
    bound ??= bindRoutes();
    checkToken(request.headers.authorization, options.token);
    const matches = bound.map((b) => ({ b, m: b.pattern.exec(path) })).filter((x) => x.m !== null);
    const match = matches.find((x) => x.b.operation.method === request.method);
    if (!match?.m) {
      if (matches.length === 0) throw new ConnectError("not_found", `no admin endpoint at ${path}`);
      const allow = matches.map((x) => x.b.operation.method).join(", ");
      return answerJson(405, { code: "unimplemented", message: `${path} allows ${allow}` }, [
        ...headers,
        "Allow",
        allow,
      ]);
    }
    const { b, m } = match;
    const params = Object.fromEntries(
      b.paramNames.map((name, i) => [name, decodeSegment(m[i + 1] ?? "")]),
    );
    const answer = (body: unknown): CoreAnswer => {
      const call = {
        params,
        body,
        query: new URLSearchParams(query),
        headers: request.headers,
      } as AdminCall<AdminOperationId>;
      const reply = b.handle(admin, call);
      if ("stream" in reply) {
        if (changes.full) {
          throw new ConnectError(
            "resource_exhausted",
            `${changes.maxWatchers} watchers already hold GET /_admin/events open, the most it serves at once: close one first`,
          );
        }
        return {
          status: 200,
          headers: [...headers, ...EVENT_STREAM_HEADERS],
          stream: changes.stream(reply.lastEventId),
        };
      }
      return answerJson(reply.status ?? 200, reply.body, headers);
    };
    if (!mayHaveBody(request)) return answer(readJsonBody(new Uint8Array(), b.operation));
    return request
      .readBody(MAX_ADMIN_BODY_BYTES)
      .then((raw) => answer(readJsonBody(raw, b.operation)));
  };
}

// A query parameter that must be an integer from `min` when present.
function readInteger(query: URLSearchParams, name: string, min: number): number | undefined {
  const text = query.get(name);
  return text === null ? undefined : parseInteger(text, name, min);
}

function parseInteger(text: string, name: string, min: number): number {
  if (!/^\d{1,15}$/.test(text) || Number(text) < min) {
    throw new ConnectError(
      "invalid_argument",
      `${name} must be ${min === 0 ? "an integer from 0" : "a positive integer"}, got "${text.slice(0, 20)}"`,
    );
  }
  return Number(text);
}

function bindRoutes(): BoundRoute[] {
  const operations = loadAdminContract();
  return Object.entries(ROUTES).map(([operationId, handle]) => {
    const operation = operations.get(operationId);
    if (!operation) throw new Error(`openapi/admin.yaml has no operation ${operationId}`);
    const paramNames: string[] = [];
    const source = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      paramNames.push(name);
      return "([^/]+)";
    });
    return {
      operation,
      pattern: new RegExp(`^${source}/?$`),
      paramNames,
      handle: handle as BoundRoute["handle"],
    };
  });
}

// A request that announces no body has none: reading it would only wait for the stream's end.
function mayHaveBody(request: CoreRequest): boolean {
  const length = request.headers["content-length"];
  return (
    request.headers["transfer-encoding"] !== undefined || (length !== undefined && length !== "0")
  );
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new ConnectError("invalid_argument", `malformed path segment ${JSON.stringify(segment)}`);
  }
}

function checkToken(header: string | string[] | undefined, token: string | undefined): void {
  if (token === undefined) return;
  const given = Array.isArray(header) ? header.join(", ") : header;
  // Compared in constant time, so response timing does not reveal the token.
  if (!equalsInConstantTime(given ?? "", `Bearer ${token}`)) {
    throw new ConnectError(
      "unauthenticated",
      given ? "wrong admin token" : 'missing Authorization header: expected "Bearer <admin token>"',
    );
  }
}

const utf8 = new TextDecoder();

// The body as the operation takes it: JSON when it has a schema, nothing (or `{}`) otherwise.
function readJsonBody(raw: Uint8Array, operation: AdminOperation): unknown {
  if (raw.length === 0) return undefined;
  const takesBody = operation.validateBody !== undefined;
  const noBody = () =>
    new ConnectError(
      "invalid_argument",
      `${operation.operationId} takes no body (an empty JSON object {} is accepted too)`,
    );
  const text = utf8.decode(raw);
  if (nestsDeeperThan(text, MAX_JSON_NESTING)) {
    throw new ConnectError("invalid_argument", `body nests deeper than ${MAX_JSON_NESTING} levels`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    if (!takesBody) throw noBody();
    throw new ConnectError("invalid_argument", `body is not JSON${describeJsonError(error)}`);
  }
  if (takesBody) return body;
  // Many HTTP clients send `{}` when told to send nothing: it says nothing, so it is no body.
  if (isEmptyObject(body)) return undefined;
  throw noBody();
}

function isEmptyObject(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).length === 0
  );
}
