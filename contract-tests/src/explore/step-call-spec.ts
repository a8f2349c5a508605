import type { PoolPair } from "../wire-types.js";
import type { Caller, CallSpec, Rpc, Wire } from "./explore-request.js";
import type { ClassChoice, PoolRef, ProjectChoice, Sizes, Step } from "./explore-step.js";
import { UNKNOWN_IDS } from "./fixture-ids.js";

/** How a step's choices become IDs in the current run. */
export interface StepIds {
  project(choice: ProjectChoice): string;
  environmentClass(choice: ClassChoice): string;
  /** The ID of a pool the sequence created, if there is one. */
  createdPool(index: number): string | undefined;
}

type CallingStep = Exclude<Step, { kind: "list-next" | "await-gone" }>;

const RPC_OF: Record<CallingStep["kind"], Rpc> = {
  create: "CreateWarmPool",
  get: "GetWarmPool",
  update: "UpdateWarmPool",
  delete: "DeleteWarmPool",
  list: "ListWarmPools",
};

/** The call a step makes: its RPC, its message with the run's IDs, and how it is sent. */
export function stepCallSpec(step: CallingStep, ids: StepIds): CallSpec {
  let message: Record<string, unknown>;
  switch (step.kind) {
    case "create":
      message = {
        ...(step.project === "missing" ? {} : { projectId: ids.project(step.project) }),
        ...(step.environmentClass === "missing"
          ? {}
          : { environmentClassId: ids.environmentClass(step.environmentClass) }),
        ...sizesOf(step.sizes),
      };
      break;
    case "get":
    case "delete":
      message = poolMessage(step.pool, ids);
      break;
    case "update":
      message = { ...poolMessage(step.pool, ids), ...sizesOf(step.sizes) };
      break;
    case "list": {
      const filter: Record<string, string[]> = {};
      if (step.filter.projects) filter.projectIds = step.filter.projects.map((p) => ids.project(p));
      if (step.filter.classes)
        filter.environmentClassIds = step.filter.classes.map((c) => ids.environmentClass(c));
      message = {
        ...(Object.keys(filter).length > 0 ? { filter } : {}),
        ...(step.pageSize === undefined ? {} : { pagination: { pageSize: step.pageSize } }),
      };
      break;
    }
  }
  return { rpc: RPC_OF[step.kind], message, ...step.call };
}

/** A plain GetWarmPool of a pool, by its owner, in JSON: the probes' call. */
export function getPoolSpec(id: string, owner: Caller): CallSpec {
  return {
    rpc: "GetWarmPool",
    message: { warmPoolId: id },
    caller: owner,
    wire: "json" satisfies Wire,
  };
}

/** The pair a create step asks for, lower-cased; none when it leaves one out. */
export function createdPair(
  step: Extract<Step, { kind: "create" }>,
  ids: StepIds,
): PoolPair | undefined {
  if (step.project === "missing" || step.environmentClass === "missing") return undefined;
  return {
    projectId: ids.project(step.project).toLowerCase(),
    environmentClassId: ids.environmentClass(step.environmentClass).toLowerCase(),
  };
}

function poolMessage(ref: PoolRef, ids: StepIds): Record<string, unknown> {
  switch (ref.kind) {
    case "created":
      return { warmPoolId: ids.createdPool(ref.index) ?? UNKNOWN_IDS.pool };
    case "unknown":
      return { warmPoolId: UNKNOWN_IDS.pool };
    case "malformed":
      return { warmPoolId: ref.value };
    case "missing":
      return {};
  }
}

function sizesOf(sizes: Sizes): Record<string, number> {
  return Object.fromEntries(Object.entries(sizes).filter(([, v]) => v !== undefined));
}
