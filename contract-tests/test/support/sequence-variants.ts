import { randomUUID } from "node:crypto";
import type { Timing } from "../../../src/domain/domain-context.js";
import type { BrokenVariant, ProxiedRequest, ProxiedResponse } from "./start-broken-mock.js";

const ACME_TOKEN = "wpm_acme_alice";
const GLOBEX_TOKEN = "wpm_globex_bob";
const DELETING = "WARM_POOL_PHASE_DELETING";

type Json = Record<string, unknown>;
type Pool = { id: string; metadata: Json; spec: Json; status: Json };

/**
 * A defect that only a sequence of calls shows: every one of the harness's named cases passes
 * against it (contract-tests/test/explore-finds-sequence-variants.test.ts shows both).
 */
export interface SequenceVariant extends Omit<BrokenVariant, "failsCase" | "because"> {
  /** The rule it breaks, in the contract's words. */
  rule: string;
  /** Matches explore's finding (check | model | target): it failed for this defect. */
  because: RegExp;
  /** The delays of the mock behind it: SEQUENCE_VARIANT_TIMING unless it needs no DELETING window. */
  timing?: Partial<Timing>;
}

/** How long the mock behind these variants drains a deleted pool: DELETING lasts a few steps. */
export const SEQUENCE_VARIANT_TIMING = { readyDelayMs: 20, deleteDelayMs: 150 };
/** For the variants whose defect needs no pool to stay DELETING: 20 ms, as the other tests. */
const SHORT_DELAYS = { readyDelayMs: 20, deleteDelayMs: 20 };

/** A request field under either JSON name (the explorer sends snake_case now and then). */
function field(message: unknown, camel: string): unknown {
  if (typeof message !== "object" || message === null) return undefined;
  const record = message as Json;
  return record[camel] ?? record[camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)];
}

function firstPool(json: unknown): Pool | undefined {
  const body = json as { warmPool?: Pool; warmPools?: Pool[] } | undefined;
  return body?.warmPool ?? body?.warmPools?.[0];
}

// A POST whose body is a JSON object: anything else the mock refuses, as it should.
function isPost(req: ProxiedRequest, rpc: string): boolean {
  return (
    req.rpc === rpc &&
    req.method === "POST" &&
    typeof req.json === "object" &&
    req.json !== null &&
    !Array.isArray(req.json)
  );
}

function asked(req: ProxiedRequest, name: string): string | undefined {
  const value = field(req.json, name);
  return typeof value === "string" ? value : undefined;
}

function notFound(): ProxiedResponse {
  const body = JSON.stringify({ code: "not_found", message: "warm pool not found" });
  return {
    status: 404,
    headers: { "content-type": "application/json" },
    body,
    json: JSON.parse(body),
  };
}

/** The sizes a create or update asks for, applied to `spec` as the contract says. */
function applySizes(spec: Json, message: unknown): void {
  const desired = field(message, "desiredSize");
  if (typeof desired === "number" && desired > 0) {
    spec.minSize = desired;
    spec.maxSize = desired;
    spec.desiredSize = desired;
  }
  const minSize = field(message, "minSize");
  const maxSize = field(message, "maxSize");
  if (typeof minSize === "number") spec.minSize = minSize;
  if (typeof maxSize === "number") spec.maxSize = maxSize;
}

/**
 * A target that pages by position instead of by key, over the pools not being deleted: the
 * token is an offset into the list as it is when the next page is asked for, so a pool deleted
 * before the position shifts the rest by one and the next page skips a pool. Walks over a
 * list that does not change (all the named cases make) are exact.
 */
function offsetPageTokens(): SequenceVariant {
  const pages = new WeakMap<ProxiedRequest, { offset: number; size: number }>();
  return {
    name: "page tokens are offsets into the pools not being deleted: a deletion makes the next page skip one",
    rule: "a walk over ListWarmPools pages lists every pool that lives throughout it, whatever else comes and goes",
    because: /lived \(and matched\) from its first page to its last \| pool #\d listed/,
    timing: SHORT_DELAYS,
    request(req) {
      if (!isPost(req, "ListWarmPools")) return undefined;
      const [path = "", search = ""] = req.path.split("?");
      const query = new URLSearchParams(search);
      const pagination = (field(req.json, "pagination") ?? {}) as Json;
      const token = String(field(pagination, "token") ?? query.get("token") ?? "");
      const size = Number(field(pagination, "pageSize") ?? query.get("pageSize") ?? 0);
      if (!Number.isInteger(size) || size < 0 || size > 100) return undefined;
      if (token && !/^off\.\d+$/.test(token)) return undefined;
      // Everything from the start, cut to the page here.
      pages.set(req, { offset: token ? Number(token.slice(4)) : 0, size: size || 25 });
      req.json = { ...(req.json as Json), pagination: { pageSize: 100 } };
      req.path = path;
      return undefined;
    },
    response(res, req) {
      const page = pages.get(req);
      if (!page || res.status !== 200) return;
      const all = ((res.json.warmPools ?? []) as Pool[]).filter(
        (pool) => pool.status.phase !== DELETING,
      );
      const end = page.offset + page.size;
      const pools = all.slice(page.offset, end);
      // ProtoJSON leaves an empty list out.
      if (pools.length > 0) res.json.warmPools = pools;
      else delete res.json.warmPools;
      res.json.pagination = end < all.length ? { nextToken: `off.${end}` } : {};
    },
  };
}

/** Deliberately broken variants that no named case catches and a sequence of steps does. */
export const SEQUENCE_VARIANTS: readonly SequenceVariant[] = [
  {
    name: "an update of a pool being deleted is accepted",
    rule: "UpdateWarmPool of a pool being deleted (DELETING) is failed_precondition, and changes nothing",
    because: /verdict.*\| failed_precondition: warm pool <pool #1> is being deleted \| ok/,
    async response(res, req, forward) {
      if (!isPost(req, "UpdateWarmPool") || res.json?.code !== "failed_precondition") return;
      const read = await forward({
        ...req,
        path: "/gitpod.v1.PrebuildService/GetWarmPool",
        body: JSON.stringify({ warmPoolId: asked(req, "warmPoolId") }),
      });
      const pool = firstPool(read.json);
      if (read.status !== 200 || !pool) return;
      applySizes(pool.spec, req.json);
      pool.spec.specVersion = String(Number(pool.spec.specVersion) + 1);
      Object.assign(res, { status: 200, json: { warmPool: pool } });
    },
  },
  {
    name: "a pool being deleted frees its pair at once (a second pool beside it)",
    rule: "a pool holds its <project, class> pair until it is gone: CreateWarmPool on the pair of a DELETING pool is already_exists",
    because: /treats as gone is gone.*a create on its pair.*DELETING/,
    async response(res, req, forward) {
      if (!isPost(req, "CreateWarmPool") || res.json?.code !== "already_exists") return;
      const listed = await forward({
        ...req,
        path: "/gitpod.v1.PrebuildService/ListWarmPools",
        body: JSON.stringify({
          filter: {
            projectIds: [asked(req, "projectId")],
            environmentClassIds: [asked(req, "environmentClassId")],
          },
        }),
      });
      const existing = firstPool(listed.json);
      if (!existing || existing.status.phase !== DELETING) return;
      const now = new Date().toISOString();
      // The sizes as the contract resolves them (the mock validated them before refusing).
      const number = (name: string) => {
        const value = field(req.json, name);
        return typeof value === "number" && value > 0 ? value : undefined;
      };
      const desired = number("desiredSize");
      const given = field(req.json, "minSize");
      const minSize =
        (typeof given === "number" ? given : undefined) ??
        desired ??
        Math.min(1, number("maxSize") ?? 1);
      const maxSize = number("maxSize") ?? desired ?? Math.max(minSize, 1);
      const spec: Json = {
        specVersion: "1",
        desiredPhase: "WARM_POOL_PHASE_READY",
        minSize,
        maxSize,
        ...(desired ? { desiredSize: desired } : {}),
      };
      const autoscaled = Math.min(maxSize, Math.max(minSize, 1));
      Object.assign(res, {
        status: 200,
        json: {
          warmPool: {
            id: randomUUID(),
            metadata: { ...existing.metadata, createdAt: now, updatedAt: now },
            spec,
            status: {
              phase: "WARM_POOL_PHASE_PENDING",
              statusVersion: "1",
              desiredSize: autoscaled,
            },
          },
        },
      });
    },
  },
  offsetPageTokens(),
  (() => {
    const migrated = new Set<string>();
    return {
      name: "an update of a pool created with desiredSize drops its minSize",
      rule: "UpdateWarmPool changes only the fields it sends, also on a pool created with the deprecated desiredSize",
      because: /spec\.minSize [1-5].*\| spec\.minSize 0/,
      timing: SHORT_DELAYS,
      request(req: ProxiedRequest) {
        const id = asked(req, "warmPoolId");
        const sends = (name: string) => field(req.json, name) !== undefined;
        if (
          isPost(req, "UpdateWarmPool") &&
          id &&
          migrated.has(id) &&
          sends("maxSize") &&
          !sends("minSize") &&
          !sends("desiredSize")
        ) {
          (req.json as Json).minSize = 0;
        }
        return undefined;
      },
      response(res: ProxiedResponse, req: ProxiedRequest) {
        const desired = field(req.json, "desiredSize");
        const pool = firstPool(res.json);
        if (isPost(req, "CreateWarmPool") && res.status === 200 && pool && Number(desired) > 0)
          migrated.add(pool.id);
      },
    };
  })(),
  (() => {
    const deleting = new Set<string>();
    return {
      name: "a pool being deleted is visible to another organization",
      rule: "a pool is invisible to other organizations until it is gone: GetWarmPool by another organization's token is not_found, DELETING or not",
      because: /verdict.*\| not_found: warm pool <pool #1> not found \| ok/,
      request(req: ProxiedRequest) {
        const id = asked(req, "warmPoolId");
        if (
          isPost(req, "GetWarmPool") &&
          id &&
          deleting.has(id) &&
          req.headers.authorization === `Bearer ${GLOBEX_TOKEN}`
        ) {
          req.headers.authorization = `Bearer ${ACME_TOKEN}`;
        }
        return undefined;
      },
      response(res: ProxiedResponse, req: ProxiedRequest) {
        const id = asked(req, "warmPoolId");
        if (isPost(req, "DeleteWarmPool") && res.status === 200 && id) deleting.add(id);
      },
    };
  })(),
  (() => {
    const deleted = new Set<string>();
    return {
      name: "a second DeleteWarmPool of a pool being deleted is not_found",
      rule: "DeleteWarmPool is idempotent while the pool drains: a second one answers {} until the pool is gone",
      because: /treats as gone is gone.*DeleteWarmPool answering not_found.*DELETING/,
      response(res: ProxiedResponse, req: ProxiedRequest) {
        const id = asked(req, "warmPoolId");
        if (!isPost(req, "DeleteWarmPool") || res.status !== 200 || !id) return;
        if (deleted.has(id)) Object.assign(res, notFound());
        else deleted.add(id);
      },
    };
  })(),
];
