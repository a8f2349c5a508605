import type { Caller, Wire } from "./explore-request.js";

/** How a step names a pool. */
export type PoolRef =
  /**
   * A pool this sequence created: 0 the latest, 1 the one before, … (modulo how many it
   * created; none yet: an unknown ID).
   */
  | { kind: "created"; index: number }
  | { kind: "unknown" }
  /** Not a UUID (or an empty string), which validation must refuse. */
  | { kind: "malformed"; value: string }
  | { kind: "missing" };

/** A project the explorer may name; only those the target has are generated. */
export type ProjectChoice = "project" | "disabled-project" | "unknown-project" | "not-a-uuid";
/** A class the explorer may name. */
export type ClassChoice =
  /** The first of the project's classes without a pool the run knows of (else class 1). */
  "free-class" | "class-1" | "class-2" | "unconfigured-class" | "unknown-class" | "not-a-uuid";

export interface Sizes {
  minSize?: number;
  maxSize?: number;
  /** The deprecated single size. */
  desiredSize?: number;
}

/** How a step's call travels and who makes it. */
export interface CallOptions {
  caller: Caller;
  wire: Wire;
  snakeCase: boolean;
  unknownField: boolean;
}

/** One step of a sequence: plain data, so that fast-check can generate, shrink and print it. */
export type Step =
  | {
      kind: "create";
      project: ProjectChoice | "missing";
      environmentClass: ClassChoice | "missing";
      sizes: Sizes;
      call: CallOptions;
    }
  | { kind: "get"; pool: PoolRef; call: CallOptions }
  | { kind: "update"; pool: PoolRef; sizes: Sizes; call: CallOptions }
  | {
      kind: "delete";
      pool: PoolRef;
      call: CallOptions;
      /** Then wait, as `await-gone` does, for the pool to disappear. */
      wait: boolean;
    }
  | {
      kind: "list";
      filter: { projects?: ProjectChoice[]; classes?: ClassChoice[] };
      pageSize?: number;
      /** Walk every page in this step; otherwise fetch the first and leave the walk open. */
      whole: boolean;
      call: CallOptions;
    }
  /** The next page of the walk a `list` step left open. */
  | { kind: "list-next" }
  /** Waits, up to --wait-timeout from its deletion, for a deleted pool (0 the latest) to go. */
  | { kind: "await-gone"; pool: number };

export type StepKind = Step["kind"];
