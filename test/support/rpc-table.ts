// The one table of what the suites need to know about each RPC beyond its schema: the codes
// its sample request gets, the fuzzer's oracle and the checks of a successful answer. The
// isolation, concurrency, fuzz and protocol suites iterate `rpcCases()`, so an RPC of the
// contract without an entry (or a sample request, or a handler) fails them; the table's type
// makes it a compile error first.
import { expect } from "vitest";
import { SAMPLE_REQUESTS, sampleRequest } from "../../scripts/sample-requests.js";
import { type Contract, loadContract, type RpcContract } from "../../src/contract/load-contract.js";
import type { ConnectCode } from "../../src/errors/connect-code.js";
import { isRpcName, type RpcName, type RpcRequest } from "../../src/rpc/rpc-handlers.js";
import { loadDefaultWorld } from "../../src/store/load-default-world.js";
import type {
  EnvironmentClass,
  Principal,
  Project,
  WarmPool,
  WorldData,
} from "../../src/store/world.js";
import type { WorldStore } from "../../src/store/world-store.js";
import { ACME_ORG, GLOBEX_ORG } from "./fixtures.js";

/** A Connect code, or `ok` for a successful answer. */
export type Outcome = ConnectCode | "ok";

/** What a successful answer is checked against, beyond its schema. */
export interface AnswerContext<N extends RpcName> {
  request: RpcRequest<N>;
  /** The answer's JSON body. */
  response: Record<string, unknown>;
  /** The store just after the call. */
  store: WorldStore;
  principal: Principal;
  /** The URL query the request carried (`?pageSize=…`), or "". */
  query: string;
  /** Names the call in a failure message. */
  where: string;
}

/** One RPC's entry. */
export interface RpcEntry<N extends RpcName> {
  /**
   * What another organization's caller gets for an organization's sample request (see
   * scripts/sample-requests.ts): `not_found` for a request naming records it cannot see, as
   * for records that exist nowhere; `ok` where the answer only leaves them out (a list).
   */
  foreignCode: Outcome;
  /**
   * What the sample request gets when it comes again, at once or later: `already_exists` for
   * a create, `ok` for a read or an idempotent write.
   */
  repeatCode: Outcome;
  /**
   * The fuzzer's oracle: the code the business rules (docs: the contract's facts) prescribe for
   * a valid request, judged on the world just before the request is handled. It restates the
   * rules instead of calling the domain code it checks. Requests a cross-field rule refuses
   * (CROSS_FIELD_RULES) are left out.
   */
  expectedCode(request: RpcRequest<N>, principal: Principal, store: WorldStore): Outcome;
  /** The codes a fuzzing run must have seen besides `ok` and `invalid_argument`. */
  fuzzReaches: readonly ConnectCode[];
  /** What a successful call must have done, or answered, beyond its schema. */
  checkAnswer?(answer: AnswerContext<N>): void;
}

/**
 * What a valid request may still be refused with as invalid_argument: the rules JSON Schema
 * and buf.validate field rules cannot state (min <= max across fields, a page token's content).
 */
export const CROSS_FIELD_RULES =
  /\[max_size_gte_min_size\]|^invalid page token |^unsupported sort field /m;

/** Every RPC's entry, by name. */
export const RPC_TABLE: { readonly [N in RpcName]: RpcEntry<N> } = {
  "PrebuildService/CreateWarmPool": {
    foreignCode: "not_found",
    repeatCode: "already_exists",
    expectedCode({ projectId, environmentClassId }, principal, store) {
      const project = store.projects.get(projectId.toLowerCase());
      if (project?.organizationId !== principal.organizationId) return "not_found";
      const config = project.prebuildConfiguration;
      if (!config.enabled) return "failed_precondition";
      const classId = environmentClassId.toLowerCase();
      if (!config.environmentClassIds.some((id) => id.toLowerCase() === classId)) {
        return "failed_precondition";
      }
      const environmentClass = store.environmentClasses.get(classId);
      const runner = environmentClass && store.runners.get(environmentClass.runnerId);
      if (runner?.organizationId !== principal.organizationId) return "not_found";
      if (store.findPoolByPair(project.id, classId)) return "already_exists";
      return "ok";
    },
    fuzzReaches: ["not_found", "failed_precondition"],
    checkAnswer({ request, response, store, where }) {
      const answered = (response.warmPool as { id: string }).id;
      const pair = store.findPoolByPair(request.projectId, request.environmentClassId);
      expect(pair?.id, where).toBe(answered);
      checkSizes(store.getPool(answered), request, where);
    },
  },
  "PrebuildService/GetWarmPool": {
    foreignCode: "not_found",
    repeatCode: "ok",
    expectedCode: ({ warmPoolId }, principal, store) =>
      visiblePool(warmPoolId, principal, store) ? "ok" : "not_found",
    fuzzReaches: ["not_found"],
  },
  "PrebuildService/ListWarmPools": {
    foreignCode: "ok",
    repeatCode: "ok",
    expectedCode: () => "ok",
    fuzzReaches: [],
    // A page holds only the caller's pools that pass the filter, each once, at most a page.
    checkAnswer({ request, response, principal, query, where }) {
      const pools = (response.warmPools ?? []) as {
        id: string;
        metadata: { organizationId: string; projectId: string; environmentClassId: string };
      }[];
      const querySize = Number(new URLSearchParams(query).get("pageSize") ?? Number.NaN);
      const pageSize = (Number.isNaN(querySize) ? request.pagination?.pageSize : querySize) || 25;
      expect(pools.length, where).toBeLessThanOrEqual(pageSize);
      expect(new Set(pools.map((p) => p.id)).size, where).toBe(pools.length);
      const lower = (ids: string[] | undefined) => ids?.map((id) => id.toLowerCase());
      const projects = lower(request.filter?.projectIds);
      const classes = lower(request.filter?.environmentClassIds);
      for (const { metadata } of pools) {
        expect(metadata.organizationId, where).toBe(principal.organizationId);
        if (projects?.length) expect(projects, where).toContain(metadata.projectId);
        if (classes?.length) expect(classes, where).toContain(metadata.environmentClassId);
      }
    },
  },
  "PrebuildService/UpdateWarmPool": {
    foreignCode: "not_found",
    repeatCode: "ok",
    expectedCode({ warmPoolId }, principal, store) {
      const pool = visiblePool(warmPoolId, principal, store);
      if (!pool) return "not_found";
      return pool.spec.desiredPhase === "WARM_POOL_PHASE_DELETING" ? "failed_precondition" : "ok";
    },
    fuzzReaches: ["not_found"],
    checkAnswer: ({ request, store, where }) =>
      checkSizes(store.getPool(request.warmPoolId.toLowerCase()), request, where),
  },
  "PrebuildService/DeleteWarmPool": {
    foreignCode: "not_found",
    repeatCode: "ok",
    expectedCode: ({ warmPoolId }, principal, store) =>
      visiblePool(warmPoolId, principal, store) ? "ok" : "not_found",
    fuzzReaches: ["not_found"],
    checkAnswer({ request, store, where }) {
      const pool = store.getPool(request.warmPoolId.toLowerCase());
      if (pool) expect(pool.spec.desiredPhase, where).toBe("WARM_POOL_PHASE_DELETING");
    },
  },
  "PrebuildService/CreatePrebuild": {
    foreignCode: "not_found",
    repeatCode: "ok",
    expectedCode({ projectId, environmentClassId }, principal, store) {
      const project = visibleProject(projectId, principal, store);
      if (!project) return "not_found";
      const offered = project.prebuildConfiguration.environmentClassIds;
      const classId = (environmentClassId ?? offered[0])?.toLowerCase();
      if (classId === undefined) return "failed_precondition";
      const environmentClass = visibleClass(classId, principal, store);
      if (!environmentClass) return "not_found";
      if (!offered.includes(classId) || !environmentClass.enabled) return "failed_precondition";
      return "ok";
    },
    fuzzReaches: ["not_found", "failed_precondition"],
    checkAnswer({ request, response, store, principal, where }) {
      const answered = response.prebuild as { id: string; status: { phase: string } };
      const stored = store.prebuilds.get(answered.id);
      expect(stored?.projectId, where).toBe(request.projectId.toLowerCase());
      expect(stored?.creatorId, where).toBe(principal.userId);
      expect(answered.status.phase, where).toBe("PREBUILD_PHASE_PENDING");
    },
  },
  "PrebuildService/ListPrebuilds": {
    foreignCode: "ok",
    repeatCode: "ok",
    expectedCode: () => "ok",
    fuzzReaches: [],
    // Only the caller's organization's prebuilds, newest first, each once, at most a page.
    checkAnswer({ request, response, principal, query, where }) {
      const prebuilds = (response.prebuilds ?? []) as {
        id: string;
        metadata: { organizationId: string; projectId: string; createdAt: string };
      }[];
      checkPage(prebuilds, request.pagination, query, where);
      const projects = request.filter?.projectIds?.map((id) => id.toLowerCase());
      for (const { metadata } of prebuilds) {
        expect(metadata.organizationId, where).toBe(principal.organizationId);
        if (projects?.length) expect(projects, where).toContain(metadata.projectId);
      }
      const times = prebuilds.map((p) => Date.parse(p.metadata.createdAt));
      expect(times, where).toEqual([...times].sort((a, b) => b - a));
    },
  },
  "PrebuildService/GetPrebuild": {
    foreignCode: "not_found",
    repeatCode: "ok",
    expectedCode({ prebuildId }, principal, store) {
      const prebuild = store.prebuilds.get(prebuildId.toLowerCase());
      return prebuild && visibleProject(prebuild.projectId, principal, store) ? "ok" : "not_found";
    },
    fuzzReaches: ["not_found"],
  },
  "ProjectService/GetProject": {
    foreignCode: "not_found",
    repeatCode: "ok",
    expectedCode: ({ projectId }, principal, store) =>
      visibleProject(projectId, principal, store) ? "ok" : "not_found",
    fuzzReaches: ["not_found"],
    checkAnswer({ request, response, where }) {
      expect((response.project as { id: string }).id, where).toBe(request.projectId.toLowerCase());
    },
  },
  "ProjectService/UpdateProject": {
    foreignCode: "not_found",
    repeatCode: "ok",
    expectedCode(request, principal, store) {
      if (!visibleProject(request.projectId, principal, store)) return "not_found";
      const config = request.prebuildConfiguration;
      const unmodelled = [
        request.initializer,
        request.devcontainerFilePath,
        request.automationsFilePath,
        request.technicalDescription,
        request.recommendedEditors,
        config?.trigger,
        config?.executor,
        config?.enableJetbrainsWarmup || undefined,
      ];
      if (unmodelled.some((value) => value !== undefined)) return "unimplemented";
      const classes = config?.environmentClassIds ?? [];
      if (classes.some((id) => !visibleClass(id.toLowerCase(), principal, store)))
        return "not_found";
      return "ok";
    },
    fuzzReaches: ["not_found", "unimplemented"],
    // The project holds what was asked for: the name, and the configuration as a whole.
    checkAnswer({ request, store, where }) {
      const project = store.projects.get(request.projectId.toLowerCase());
      if (request.name !== undefined) expect(project?.name, where).toBe(request.name);
      const config = request.prebuildConfiguration;
      if (config) {
        expect(project?.prebuildConfiguration.enabled, where).toBe(config.enabled ?? false);
        expect(project?.prebuildConfiguration.environmentClassIds, where).toEqual([
          ...new Set((config.environmentClassIds ?? []).map((id) => id.toLowerCase())),
        ]);
      }
    },
  },
  "ProjectService/ListProjects": {
    foreignCode: "ok",
    repeatCode: "ok",
    expectedCode: () => "ok",
    fuzzReaches: [],
    checkAnswer({ request, response, principal, store, query, where }) {
      const projects = (response.projects ?? []) as {
        id: string;
        metadata: { organizationId: string };
      }[];
      checkPage(projects, request.pagination, query, where);
      for (const { metadata } of projects) {
        expect(metadata.organizationId, where).toBe(principal.organizationId);
      }
      if (request.count?.include && !request.filter) {
        const own = [...store.projects.values()].filter(
          (p) => p.organizationId === principal.organizationId,
        );
        expect((response.count as { value?: number }).value ?? 0, where).toBe(own.length);
      }
    },
  },
  "ProjectService/ListProjectEnvironmentClasses": {
    foreignCode: "not_found",
    repeatCode: "ok",
    expectedCode: ({ projectId }, principal, store) =>
      visibleProject(projectId, principal, store) ? "ok" : "not_found",
    fuzzReaches: ["not_found"],
  },
  "EnvironmentService/ListEnvironmentClasses": {
    foreignCode: "ok",
    repeatCode: "ok",
    expectedCode: () => "ok",
    fuzzReaches: [],
    checkAnswer({ request, response, principal, store, query, where }) {
      const classes = (response.environmentClasses ?? []) as { id: string; enabled?: boolean }[];
      checkPage(classes, request.pagination, query, where);
      for (const { id, enabled } of classes) {
        expect(visibleClass(id, principal, store), where).toBeDefined();
        if (request.filter?.enabled !== undefined) {
          expect(enabled ?? false, where).toBe(request.filter.enabled);
        }
      }
    },
  },
  "RunnerConfigurationService/GetEnvironmentClass": {
    foreignCode: "not_found",
    repeatCode: "ok",
    expectedCode: ({ environmentClassId }, principal, store) =>
      visibleClass(environmentClassId.toLowerCase(), principal, store) ? "ok" : "not_found",
    fuzzReaches: ["not_found"],
  },
  "RunnerService/GetRunner": {
    foreignCode: "not_found",
    repeatCode: "ok",
    expectedCode({ runnerId }, principal, store) {
      const runner = store.runners.get(runnerId.toLowerCase());
      return runner?.organizationId === principal.organizationId ? "ok" : "not_found";
    },
    fuzzReaches: ["not_found"],
  },
  "RunnerService/ListRunners": {
    foreignCode: "ok",
    repeatCode: "ok",
    expectedCode: () => "ok",
    fuzzReaches: [],
  },
};

/** One RPC of the contract with its table entry and its sample requests on the default world. */
export interface RpcCase {
  rpc: RpcContract;
  /** `Service/Method`. */
  name: RpcName;
  /** As the journal names it, and as tests call it by (`GetWarmPool`). */
  label: string;
  entry: RpcEntry<RpcName>;
  /** Acme's sample request: valid for Alice, `ok` on a fresh default world. */
  valid: Record<string, unknown>;
  /** The sample request of `organizationId` (ACME_ORG or GLOBEX_ORG) on the default world. */
  sampleOf(organizationId: string): Record<string, unknown>;
}

const defaultContract = loadContract();

/**
 * Every RPC of the contract, in document order, with its entry; throws (failing the suite that
 * asks) for an RPC without a handler, a sample request or a table entry.
 */
export function rpcCases(
  contract: Contract = defaultContract,
  world: WorldData = loadDefaultWorld(),
): RpcCase[] {
  const missing = findUncovered(contract);
  if (missing.length > 0) throw new Error(`RPCs not covered: ${missing.join("; ")}`);
  return [...contract.rpcs.values()].map((rpc) => {
    const name = rpc.name as RpcName;
    return {
      rpc,
      name,
      label: rpc.label,
      entry: RPC_TABLE[name] as RpcEntry<RpcName>,
      valid: sampleRequest(name, world, ACME_ORG),
      sampleOf: (organizationId) => sampleRequest(name, world, organizationId),
    };
  });
}

/** What each RPC of the contract lacks of handler, sample request and table entry. */
export function findUncovered(contract: Contract = defaultContract): string[] {
  return [...contract.rpcs.values()].flatMap((rpc) => {
    const lacks = [
      isRpcName(rpc.name) ? [] : ["a handler in src/rpc/rpc-handlers.ts"],
      Object.hasOwn(SAMPLE_REQUESTS, rpc.name) ? [] : ["a sample in scripts/sample-requests.ts"],
      Object.hasOwn(RPC_TABLE, rpc.name) ? [] : ["an entry in test/support/rpc-table.ts"],
    ].flat();
    return lacks.length > 0 ? [`${rpc.name} lacks ${lacks.join(", ")}`] : [];
  });
}

/** The other organization of the default world's two. */
export function otherOrganization(organizationId: string): string {
  return organizationId === ACME_ORG ? GLOBEX_ORG : ACME_ORG;
}

function visibleProject(id: string, principal: Principal, store: WorldStore): Project | undefined {
  const project = store.projects.get(id.toLowerCase());
  return project?.organizationId === principal.organizationId ? project : undefined;
}

// A class is its runner's organization's.
function visibleClass(
  id: string,
  principal: Principal,
  store: WorldStore,
): EnvironmentClass | undefined {
  const environmentClass = store.environmentClasses.get(id.toLowerCase());
  const runner = environmentClass && store.runners.get(environmentClass.runnerId);
  return runner?.organizationId === principal.organizationId ? environmentClass : undefined;
}

// A page holds each item once, and at most the page size asked for (in the query or the body).
function checkPage(
  items: readonly { id: string }[],
  pagination: { pageSize?: number } | undefined,
  query: string,
  where: string,
): void {
  const querySize = Number(new URLSearchParams(query).get("pageSize") ?? Number.NaN);
  const pageSize = (Number.isNaN(querySize) ? pagination?.pageSize : querySize) || 25;
  expect(items.length, where).toBeLessThanOrEqual(pageSize);
  expect(new Set(items.map((item) => item.id)).size, where).toBe(items.length);
}

function visiblePool(id: string, principal: Principal, store: WorldStore): WarmPool | undefined {
  const pool = store.getPool(id.toLowerCase());
  return pool?.organizationId === principal.organizationId ? pool : undefined;
}

// The sizes a create or update asked for are the pool's (desiredSize stands for both bounds).
function checkSizes(
  pool: WarmPool | undefined,
  request: { desiredSize?: number; minSize?: number; maxSize?: number },
  where: string,
): void {
  const min = request.minSize ?? request.desiredSize;
  const max = request.maxSize ?? request.desiredSize;
  if (min !== undefined) expect(pool?.spec.minSize, where).toBe(min);
  if (max !== undefined) expect(pool?.spec.maxSize, where).toBe(max);
}
