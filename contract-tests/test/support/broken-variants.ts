import { randomUUID } from "node:crypto";
import type { BrokenVariant, ProxiedRequest, ProxiedResponse } from "./start-broken-mock.js";

const ACME_TOKEN = "wpm_acme_alice";
const GLOBEX_TOKEN = "wpm_globex_bob";
const GLOBEX_ORG = "6f1e2d3c-4b5a-4978-8d6e-5f4a3b2c1d02";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Projects whose prebuild configuration accepts the harness's default classes.
const WEB_APP_PROJECT = "b0e12f6c-4c67-429d-a4a6-d9838b5da047"; // Standard, Large, X-Large
const ML_PROJECT = "4a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c73"; // GPU

type Json = Record<string, unknown>;
type Pool = { id: string; metadata: Json; spec: Json; status: Json };

/** Every pool in a response body (warmPool or warmPools). */
function poolsIn(json: unknown): Pool[] {
  const body = json as { warmPool?: Pool; warmPools?: Pool[] } | undefined;
  if (!body || typeof body !== "object") return [];
  return [...(body.warmPool ? [body.warmPool] : []), ...(body.warmPools ?? [])];
}

function connectError(status: number, code: string, message: string): ProxiedResponse {
  const body = JSON.stringify({ code, message });
  return { status, headers: { "content-type": "application/json" }, body, json: JSON.parse(body) };
}

function toSnake(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toSnake);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
      toSnake(v),
    ]),
  );
}

function hasKey(value: unknown, test: (key: string) => boolean): boolean {
  if (Array.isArray(value)) return value.some((v) => hasKey(v, test));
  if (typeof value !== "object" || value === null) return false;
  return Object.entries(value).some(([k, v]) => test(k) || hasKey(v, test));
}

// The mock's page token is "wp1." + base64url({"after": seq}); moving it back by one repeats an item.
function stepBack(token: string): string {
  const { after } = JSON.parse(Buffer.from(token.slice(4), "base64url").toString()) as {
    after: number;
  };
  return `wp1.${Buffer.from(JSON.stringify({ after: after - 1 })).toString("base64url")}`;
}

/**
 * A target that ignores a failed_precondition rule: it really creates the pool (on a project
 * whose configuration allows the class) and reports it on the project that was asked for.
 */
function createsDespitePrecondition(
  name: string,
  failsCase: string,
  standIn: string,
): BrokenVariant {
  return {
    name,
    failsCase,
    because: /failed_precondition.*HTTP 200/,
    async response(res, req, forward) {
      if (req.rpc !== "CreateWarmPool" || res.json?.code !== "failed_precondition") return;
      const asked = req.json as Json;
      const created = await forward({
        ...req,
        body: JSON.stringify({ ...asked, projectId: standIn }),
      });
      const pool = poolsIn(created.json)[0];
      if (created.status !== 200 || !pool) return;
      pool.metadata.projectId = asked.projectId;
      Object.assign(res, { status: 200, json: created.json });
    },
  };
}

/** Turns a Connect GET into the POST it encodes. */
function getAsPost(req: ProxiedRequest): void {
  const query = new URLSearchParams(req.path.split("?")[1] ?? "");
  const message = query.get("message") ?? "{}";
  const json = query.get("base64") === "1" ? Buffer.from(message, "base64url").toString() : message;
  Object.assign(req, {
    method: "POST",
    path: req.path.split("?")[0],
    body: json,
    json: JSON.parse(json),
  });
  req.headers["content-type"] = "application/json";
}

/** Rewrites the message of every invalid_argument answer. */
function rewriteInvalidMessage(res: ProxiedResponse, rewrite: (message: string) => string): void {
  if (res.json?.code === "invalid_argument" && typeof res.json.message === "string")
    res.json.message = rewrite(res.json.message);
}

/**
 * A target whose DeleteWarmPool answers {} but leaves the pool in place: each pool it was asked
 * to delete reads DELETING for `deletingReads` answers (forever when absent), then as it is.
 */
function deletionThatNeverEnds(
  name: string,
  failsCase: string,
  because: RegExp,
  deletingReads?: number,
): BrokenVariant {
  const deleted = new Map<string, number>();
  return {
    name,
    failsCase,
    because,
    request(req) {
      // Asked as a Get, so a pool that does not exist (or is another organization's) still
      // answers not_found.
      if (req.rpc === "DeleteWarmPool" && req.method === "POST")
        req.path = "/gitpod.v1.PrebuildService/GetWarmPool";
      return undefined;
    },
    response(res, req) {
      if (req.rpc === "DeleteWarmPool" && req.method === "POST") {
        const pool = poolsIn(res.json)[0];
        if (res.status !== 200 || !pool) return;
        if (!deleted.has(pool.id)) deleted.set(pool.id, 0);
        res.json = {};
        return;
      }
      for (const pool of poolsIn(res.json)) {
        const reads = deleted.get(pool.id);
        if (reads === undefined || (deletingReads !== undefined && reads >= deletingReads))
          continue;
        deleted.set(pool.id, reads + 1);
        pool.spec.desiredPhase = "WARM_POOL_PHASE_DELETING";
        pool.status.phase = "WARM_POOL_PHASE_DELETING";
      }
    },
  };
}

/** The name of the variant whose deletions never finish, for the tests of its run's length. */
export const DELETIONS_NEVER_FINISH = "deletions never finish (pools stay DELETING)";
/** The name of the variant whose deleted pools come back, for a full-run test. */
export const DELETED_POOL_COMES_BACK = "a deleted pool comes back (DELETING, then READY)";
/** The name of the variant that adds a field the contract does not name. */
export const FIELD_ADDED = "a field the contract does not name added to every pool";

// The page around the pools: one defect per page.* case.
export const PAGE_VARIANTS: readonly BrokenVariant[] = [
  {
    name: "an unknown prebuild ID answered permission_denied",
    failsCase: "page.unknown-ids-not-found",
    because: /GetPrebuild of an unknown ID is not_found.*permission_denied/,
    response(res, req) {
      if (req.rpc === "GetPrebuild" && res.json?.code === "not_found")
        Object.assign(res, connectError(403, "permission_denied", "not yours"));
    },
  },
  {
    name: "another organization's project visible to its token",
    failsCase: "page.foreign-objects-not-visible",
    because: /the harness's project is not_found for another organization.*HTTP 200/,
    async response(res, req, forward) {
      if (req.rpc !== "GetProject" || req.headers.authorization !== `Bearer ${GLOBEX_TOKEN}`)
        return;
      const seen = await forward({
        ...req,
        headers: { ...req.headers, authorization: `Bearer ${ACME_TOKEN}` },
      });
      if (seen.status === 200) Object.assign(res, { status: 200, json: seen.json });
    },
  },
  {
    name: "ListProjects ignores the page token (every page is the first)",
    failsCase: "page.lists-page-through",
    because: /ListProjects pages never repeat an item/,
    request(req) {
      if (req.rpc !== "ListProjects") return undefined;
      req.path = req.path.replace(/([?&])token=[^&]*/, "$1dropped=1");
      if (req.json?.pagination) delete req.json.pagination.token;
      return undefined;
    },
  },
  {
    name: "an environment class without its display name",
    failsCase: "page.configured-class-listed-by-name",
    because: /displayName/,
    response(res, req) {
      if (req.rpc === "GetEnvironmentClass") delete res.json?.environmentClass?.displayName;
    },
  },
  {
    name: "a pool's snapshot answered as a failed prebuild",
    failsCase: "page.snapshot-is-a-prebuild",
    because: /a pool's snapshot is a completed prebuild.*PREBUILD_PHASE_FAILED/,
    response(res, req) {
      if (req.rpc === "GetPrebuild" && res.status === 200)
        res.json.prebuild.status.phase = "PREBUILD_PHASE_FAILED";
    },
  },
  updateNotApplied(),
  {
    name: "CreatePrebuild without a spec accepted",
    failsCase: "page.create-prebuild-refused-before-starting",
    because: /CreatePrebuild .* is invalid_argument.*HTTP 200/,
    request(req) {
      if (req.rpc === "CreatePrebuild" && req.json && !req.json.spec) req.json.spec = {};
      return undefined;
    },
  },
];

/**
 * A target that answers UpdateProject with the project as asked for but changes nothing: the
 * update is asked as a GetProject, and the answer shows the configuration the request gave.
 */
function updateNotApplied(): BrokenVariant {
  const asked = new WeakMap<ProxiedRequest, Json>();
  return {
    name: "UpdateProject answered but not applied",
    failsCase: "page.update-project-lifts-precondition",
    because: /CreateWarmPool succeeds once UpdateProject enabled prebuilds for the class/,
    request(req) {
      if (req.rpc !== "UpdateProject") return undefined;
      asked.set(req, req.json as Json);
      req.path = req.path.replace("/UpdateProject", "/GetProject");
      req.json = { projectId: (req.json as Json).projectId };
      return undefined;
    },
    response(res, req) {
      const update = asked.get(req);
      if (!update?.prebuildConfiguration || res.status !== 200) return;
      res.json.project.prebuildConfiguration = {
        timeout: "3600s",
        ...(update.prebuildConfiguration as Json),
      };
    },
  };
}

/** Deliberately broken variants of the mock, each breaking one rule the harness names. */
export const BROKEN_VARIANTS: readonly BrokenVariant[] = [
  ...PAGE_VARIANTS,
  {
    name: "a required field dropped (metadata.runnerId)",
    failsCase: "create.echoes-request",
    because: /required property 'runnerId'/,
    response(res) {
      for (const pool of poolsIn(res.json)) delete pool.metadata.runnerId;
    },
  },
  {
    name: "a field of the wrong type (spec.minSize as a string)",
    failsCase: "create.echoes-request",
    because: /\/warmPool\/spec\/minSize must be integer/,
    response(res) {
      for (const pool of poolsIn(res.json)) pool.spec.minSize = String(pool.spec.minSize);
    },
  },
  {
    // A compatible change: passes with a warning (contract-tests/test/broken-variants.test.ts),
    // fails only a strict run.
    name: FIELD_ADDED,
    failsCase: "create.echoes-request",
    harnessInput: { strict: true },
    because: /--strict.*\/warmPool\/metadata has unexpected property "someFutureField"/,
    response(res) {
      for (const pool of poolsIn(res.json)) pool.metadata.someFutureField = "added later";
    },
  },
  {
    name: "timestamps from 1970",
    failsCase: "create.echoes-request",
    because: /createdAt of a pool created now is the current time/,
    response(res) {
      for (const pool of poolsIn(res.json)) pool.metadata.createdAt = "1970-01-01T00:00:00Z";
    },
  },
  {
    name: "the autoscaler's target outside [minSize, maxSize]",
    failsCase: "create.echoes-request",
    because: /status\.desiredSize is the autoscaler's choice/,
    response(res) {
      for (const pool of poolsIn(res.json)) pool.status.desiredSize = 20;
    },
  },
  {
    name: "a wrong HTTP status for a code (not_found as 400)",
    failsCase: "errors.http-status-matches-code",
    because: /HTTP 404 for a request that is "not_found"/,
    response(res) {
      if (res.json?.code === "not_found") res.status = 400;
    },
  },
  {
    name: "uniqueness not enforced (a second pool for the pair is created)",
    failsCase: "create.duplicate-already-exists",
    because: /already_exists.*HTTP 200/,
    async response(res, req, forward) {
      if (req.rpc !== "CreateWarmPool" || res.json?.code !== "already_exists") return;
      const { projectId, environmentClassId } = req.json as Json;
      const list = await forward({
        ...req,
        path: "/gitpod.v1.PrebuildService/ListWarmPools",
        body: JSON.stringify({
          filter: { projectIds: [projectId], environmentClassIds: [environmentClassId] },
        }),
      });
      const existing = poolsIn(list.json)[0];
      if (!existing) return;
      const { minSize, maxSize } = req.json as Json;
      Object.assign(res, {
        status: 200,
        json: {
          warmPool: { ...existing, id: randomUUID(), spec: { ...existing.spec, minSize, maxSize } },
        },
      });
    },
  },
  {
    name: "min > max accepted on create",
    failsCase: "validation.create-min-greater-than-max",
    because: /minSize > maxSize is invalid_argument.*HTTP 200/,
    request(req) {
      const body = (req.json ?? {}) as Json;
      if (req.rpc === "CreateWarmPool" && Number(body.minSize) > Number(body.maxSize)) {
        [body.minSize, body.maxSize] = [body.maxSize, body.minSize];
      }
      return undefined;
    },
  },
  {
    name: "maxSize above 20 accepted (clamped)",
    failsCase: "validation.create-max-size-bounds",
    because: /maxSize outside 1\.\.20.*HTTP 200/,
    request(req) {
      const body = (req.json ?? {}) as Json;
      if (req.rpc === "CreateWarmPool" && Number(body.maxSize) > 20) body.maxSize = 20;
      return undefined;
    },
  },
  {
    name: "a malformed pool ID treated as unknown (not_found)",
    failsCase: "validation.pool-id-required-uuid",
    because: /malformed warmPoolId.*not_found/,
    request(req) {
      const body = (req.json ?? {}) as Json;
      if (typeof body.warmPoolId === "string" && !UUID.test(body.warmPoolId))
        body.warmPoolId = randomUUID();
      return undefined;
    },
  },
  {
    name: "specVersion not incremented",
    failsCase: "update.increments-spec-version",
    because: /increments spec\.specVersion/,
    response(res) {
      for (const pool of poolsIn(res.json)) pool.spec.specVersion = "1";
    },
  },
  {
    name: "unsent fields changed by update (minSize follows maxSize)",
    failsCase: "update.changes-only-sent-fields",
    because: /keep their values.*"minSize":5/,
    request(req) {
      const body = (req.json ?? {}) as Json;
      if (req.rpc === "UpdateWarmPool" && body.maxSize !== undefined && body.minSize === undefined)
        body.minSize = body.maxSize;
      return undefined;
    },
  },
  {
    name: "deprecated desiredSize not migrated",
    failsCase: "create.migrates-desired-size",
    because: /desiredSize 3 gives minSize 3.*"minSize":1/,
    request(req) {
      if (req.rpc === "CreateWarmPool" && req.json) delete (req.json as Json).desiredSize;
      return undefined;
    },
  },
  {
    name: "the environment class filter ignored",
    failsCase: "list.filter-environment-class",
    because: /environmentClassIds filter drops pools that do not match/,
    request(req) {
      if (req.rpc === "ListWarmPools")
        delete (req.json as { filter?: Json }).filter?.environmentClassIds;
      return undefined;
    },
  },
  {
    name: "a page token that repeats items",
    failsCase: "list.pagination-page-size-one",
    because: /already used before|exactly once/,
    response(res, req) {
      const token = res.json?.pagination?.nextToken;
      if (req.rpc === "ListWarmPools" && typeof token === "string" && token)
        res.json.pagination.nextToken = stepBack(token);
    },
  },
  {
    name: "paging in the URL query ignored",
    failsCase: "list.pagination-query-parameters",
    because: /\?pageSize=1&token= in the URL/,
    request(req) {
      if (req.rpc === "ListWarmPools") req.path = req.path.split("?")[0] ?? req.path;
      return undefined;
    },
  },
  {
    name: "a pool of another organization listed",
    failsCase: "list.only-own-organization",
    because: /belongs to the caller's organization.*6f1e2d3c/,
    response(res, req) {
      const first = poolsIn(res.json)[0];
      if (req.rpc === "ListWarmPools" && first) {
        res.json.warmPools.push({
          ...first,
          id: randomUUID(),
          metadata: { ...first.metadata, organizationId: GLOBEX_ORG },
        });
      }
    },
  },
  {
    name: "a pool of another organization visible to its token",
    failsCase: "isolation.foreign-organization-cannot-see",
    because: /another organization's pool is not_found/,
    request(req) {
      if (req.headers.authorization === `Bearer ${GLOBEX_TOKEN}`)
        req.headers.authorization = `Bearer ${ACME_TOKEN}`;
      return undefined;
    },
  },
  {
    name: "snake_case output",
    failsCase: "protojson.camel-case-output",
    because: /lowerCamelCase.*warm_pool/,
    response(res) {
      if (res.status === 200) res.json = toSnake(res.json);
    },
  },
  {
    name: "snake_case input rejected",
    failsCase: "protojson.snake-case-input",
    because: /snake_case fields succeeds/,
    request(req) {
      if (hasKey(req.json, (k) => k.includes("_")))
        return connectError(400, "invalid_argument", "unknown field");
      return undefined;
    },
  },
  {
    name: "unknown request fields rejected",
    failsCase: "protojson.unknown-fields-ignored",
    because: /unknown extra field/,
    request(req) {
      if (hasKey(req.json, (k) => k === "someFutureField"))
        return connectError(400, "invalid_argument", "unknown field someFutureField");
      return undefined;
    },
  },
  {
    name: "an unknown phase value",
    failsCase: "lifecycle.phases-are-defined",
    because: /phase must be equal to one of the allowed values|defined WarmPoolPhase/,
    response(res) {
      for (const pool of poolsIn(res.json))
        if (pool.status.phase === "WARM_POOL_PHASE_PENDING")
          pool.status.phase = "WARM_POOL_PHASE_STARTING";
    },
  },
  {
    name: "a non-Connect error body",
    failsCase: "errors.connect-error-body",
    because: /Connect error.*\\"error\\"/,
    response(res) {
      if (res.status !== 200 && res.json?.code)
        res.json = { error: { status: res.status, reason: res.json.message } };
    },
  },
  {
    name: "a request without a token served",
    failsCase: "auth.missing-token",
    because: /without Authorization is unauthenticated.*HTTP 200/,
    request(req) {
      if (!req.headers.authorization) req.headers.authorization = `Bearer ${ACME_TOKEN}`;
      return undefined;
    },
  },
  {
    name: "a wrong HTTP method served",
    failsCase: "protocol.wrong-method",
    because: /405 Method Not Allowed/,
    request(req) {
      if (req.rpc && req.method !== "POST") {
        req.method = "POST";
        req.headers["content-type"] = "application/json";
        if (!req.body) req.body = "{}";
      }
      return undefined;
    },
  },
  {
    name: "any content type read as JSON",
    failsCase: "protocol.unsupported-content-type",
    because: /415 Unsupported Media Type/,
    request(req) {
      if (req.rpc) req.headers["content-type"] = "application/json";
      return undefined;
    },
  },
  {
    name: "an unknown path answered 200",
    failsCase: "protocol.unknown-path",
    because: /NoSuchMethod is 404/,
    response(res) {
      if (res.status === 404 && !res.body)
        Object.assign(res, {
          status: 200,
          body: "{}",
          headers: { "content-type": "application/json" },
        });
    },
  },
  {
    name: "DeleteWarmPool accepted but ignored",
    failsCase: "delete.marks-deleting-or-gone",
    because: /marked for deletion.*READY/,
    request(req) {
      if (req.rpc === "DeleteWarmPool" && req.headers.authorization) {
        const body = "{}";
        return { status: 200, headers: { "content-type": "application/json" }, body, json: {} };
      }
      return undefined;
    },
  },
  deletionThatNeverEnds(
    DELETIONS_NEVER_FINISH,
    "delete.get-after-delete",
    /disappears.*still present \d+ ms after DeleteWarmPool \(--wait-timeout \d+\); last phase seen: WARM_POOL_PHASE_DELETING/,
  ),
  deletionThatNeverEnds(
    DELETED_POOL_COMES_BACK,
    "delete.get-after-delete",
    /stays there until it disappears.*read WARM_POOL_PHASE_READY after it was seen WARM_POOL_PHASE_DELETING/,
    1,
  ),
  createsDespitePrecondition(
    "a pool created on a project with prebuilds disabled",
    "create.prebuilds-disabled-failed-precondition",
    WEB_APP_PROJECT,
  ),
  createsDespitePrecondition(
    "a pool created for a class outside the prebuild configuration",
    "create.unconfigured-class-failed-precondition",
    ML_PROJECT,
  ),
  {
    name: "Connect GET refused (405 for every GET)",
    failsCase: "protocol.connect-get-read",
    because: /GetWarmPool by Connect GET \(urlencoded message\) succeeds.*HTTP 405/,
    request(req) {
      if (req.rpc && req.method === "GET")
        return { status: 405, headers: { allow: "POST" }, body: "" };
      return undefined;
    },
  },
  {
    name: "Connect GET's base64=1 ignored",
    failsCase: "protocol.connect-get-read",
    because: /\(base64 message\) succeeds.*invalid_argument/,
    request(req) {
      if (req.rpc && req.method === "GET") req.path = req.path.replace(/&base64=1/, "");
      return undefined;
    },
  },
  {
    name: "a Connect GET of CreateWarmPool served",
    failsCase: "protocol.connect-get-side-effects-refused",
    because: /GET of CreateWarmPool is a bare 405.*HTTP 200/,
    request(req) {
      if (req.rpc && req.method === "GET" && req.path.includes("message=")) getAsPost(req);
      return undefined;
    },
  },
  {
    name: "Connect-Protocol-Version not checked",
    failsCase: "protocol.connect-protocol-version",
    because: /Connect-Protocol-Version: 2 is invalid_argument.*HTTP 200/,
    request(req) {
      delete req.headers["connect-protocol-version"];
      return undefined;
    },
  },
  {
    name: "gzip request bodies not inflated (read as JSON)",
    failsCase: "protocol.gzip-request-body",
    because: /gzip-compressed ListWarmPools request succeeds.*invalid_argument/,
    request(req) {
      if (req.headers["content-encoding"] === "gzip")
        return connectError(400, "invalid_argument", "request body is not valid JSON");
      return undefined;
    },
  },
  {
    name: "an unknown Content-Encoding ignored",
    failsCase: "protocol.unknown-content-encoding",
    because: /x-unknown-codec is unimplemented.*HTTP 200/,
    request(req) {
      const encoding = req.headers["content-encoding"];
      if (encoding && encoding !== "gzip" && encoding !== "identity")
        delete req.headers["content-encoding"];
      return undefined;
    },
  },
  {
    name: "a malformed Connect-Timeout-Ms ignored",
    failsCase: "protocol.connect-timeout-header",
    because: /Connect-Timeout-Ms: abc is invalid_argument.*HTTP 200/,
    request(req) {
      const timeout = req.headers["connect-timeout-ms"];
      if (timeout !== undefined && !/^\d{1,10}$/.test(timeout))
        delete req.headers["connect-timeout-ms"];
      return undefined;
    },
  },
  {
    name: "an empty JSON body read as {}",
    failsCase: "protocol.malformed-json-body",
    because: /a body of "" is invalid_argument.*HTTP 200/,
    request(req) {
      if (req.rpc && req.method === "POST" && req.body === "") req.json = {};
      return undefined;
    },
  },
  {
    name: "validation errors without a Violations detail",
    failsCase: "validation.violations-detail",
    because: /carries a buf\.validate\.Violations detail/,
    response(res) {
      if (res.json?.code === "invalid_argument") delete res.json.details;
    },
  },
  {
    name: "the Violations detail under another type name",
    failsCase: "validation.violations-detail",
    because: /type "buf\.validate\.Violations".*google\.rpc\.BadRequest/,
    response(res) {
      for (const detail of res.json?.details ?? []) detail.type = "google.rpc.BadRequest";
    },
  },
  {
    name: "violations named by JSON field names",
    failsCase: "validation.violations-detail",
    because: /proto field path.*projectId/,
    response(res) {
      rewriteInvalidMessage(res, (m) => m.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()));
    },
  },
  {
    name: "violations without rule ids",
    failsCase: "validation.violations-detail",
    because: /rule id \|.*\[string\.uuid\]/,
    response(res) {
      rewriteInvalidMessage(res, (m) => m.replace(/ \[[\w.]+\]$/gm, ""));
    },
  },
];

/**
 * The variants explore must find: those of the cases on the five warm-pool RPCs, which its
 * sequences call. The page's services are outside them.
 */
export const EXPLORED_VARIANTS: readonly BrokenVariant[] = BROKEN_VARIANTS.filter(
  (variant) => !PAGE_VARIANTS.includes(variant),
);
