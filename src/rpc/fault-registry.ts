import { isConnectCode } from "../errors/connect-code.js";
import { ConnectError } from "../errors/connect-error.js";
import type { FaultInput } from "../generated/admin-types.js";

/** Extra latency: a fixed number of milliseconds, or a uniform range. */
export type Latency = number | { minMs: number; maxMs: number };

/**
 * What a test asks for: a rule that delays or fails calls to one RPC (or `*`, every RPC), the
 * next `times` calls only or each with a `probability`. Typed by openapi/admin.yaml's FaultInput.
 * The RPC is named `Service/Method`, or by its bare method where no other service has one of
 * that name.
 */
export type { FaultInput };

export interface FaultRule extends FaultInput {
  id: string;
  /** How many calls the rule has acted on. */
  hits: number;
}

/** How one call is to be disturbed: a delay before answering, then maybe an error instead of the answer. */
export interface FaultPlan {
  latencyMs: number;
  error?: ConnectError;
  /** What forced the outcome: `header`, or the id of a fault rule. */
  forcedBy?: string;
  /** The prebuild a CreatePrebuild call starts is to fail with this message. */
  prebuildFailure?: string;
}

/** Header forcing one call's error, in Connect codes (the idea of Prism's `Prefer`). */
export const MOCK_ERROR_HEADER = "x-mock-error";
/** Header adding latency to one call, in milliseconds. */
export const MOCK_LATENCY_HEADER = "x-mock-latency-ms";
const MAX_HEADER_LATENCY_MS = 60_000;
const NO_FAULT: FaultPlan = Object.freeze({ latencyMs: 0 });
// The names of the RPC that starts prebuilds, and every RPC.
const PREBUILD_STARTERS = new Set(["CreatePrebuild", "PrebuildService/CreatePrebuild", "*"]);

/** The two names an RPC answers to in a fault rule: its `Service/Method` and its label. */
export interface RpcNames {
  name: string;
  label: string;
}

/** The fault rules of the control plane, and the per-call plan they (and the request headers) make. */
export class FaultRegistry {
  private rules: FaultRule[] = [];
  private nextId = 1;
  private changes = 0;

  constructor(private readonly random: () => number = Math.random) {}

  /** Moves whenever a rule is added or removed, or acts on a call (its hits change). */
  get version(): number {
    return this.changes;
  }

  /** How many rules act. */
  get size(): number {
    return this.rules.length;
  }

  /** Adds a rule; rules act in the order they were added. */
  add(input: FaultInput): FaultRule {
    checkFaultInput(input);
    this.changes++;
    const rule: FaultRule = { id: `fault-${this.nextId++}`, ...structuredClone(input), hits: 0 };
    this.rules.push(rule);
    return rule;
  }

  list(): FaultRule[] {
    return structuredClone(this.rules);
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((rule) => rule.id !== id);
    if (this.rules.length === before) return false;
    this.changes++;
    return true;
  }

  /** Removes every rule; numbering starts again, so a reset mock hands out the same ids. */
  clear(): void {
    if (this.rules.length > 0) this.changes++;
    this.rules = [];
    this.nextId = 1;
  }

  /**
   * Decides how one call to the RPC `rpc` names is disturbed. Every matching rule adds its latency; the
   * first matching error wins, and an `X-Mock-Error` header wins over every rule. A bad
   * header is itself `invalid_argument`, so a typo never silently passes.
   */
  plan(rpc: RpcNames, headers: Record<string, string | string[] | undefined>): FaultPlan {
    const latencyHeader = headers[MOCK_LATENCY_HEADER];
    const errorHeader = headers[MOCK_ERROR_HEADER];
    // The common case, every call of a load test: nothing to plan, nothing to allocate.
    if (this.rules.length === 0 && latencyHeader === undefined && errorHeader === undefined) {
      return NO_FAULT;
    }
    const plan: FaultPlan = { latencyMs: readHeaderLatency(latencyHeader) };
    const forced = readHeaderError(errorHeader);
    if (forced) {
      plan.error = forced;
      plan.forcedBy = "header";
    }
    for (const rule of [...this.rules]) {
      if (rule.rpc !== "*" && rule.rpc !== rpc.label && rule.rpc !== rpc.name) continue;
      if (rule.probability !== undefined && this.random() >= rule.probability) continue;
      rule.hits += 1;
      this.changes++;
      if (rule.times !== undefined && rule.hits >= rule.times) this.remove(rule.id);
      plan.latencyMs += pickLatency(rule.latencyMs, this.random);
      if (rule.error && !plan.error) {
        plan.error = new ConnectError(
          rule.error.code,
          rule.error.message ?? `forced by fault ${rule.id}`,
        );
        plan.forcedBy = rule.id;
      }
      if (rule.failPrebuild !== undefined && plan.prebuildFailure === undefined) {
        plan.prebuildFailure = rule.failPrebuild;
        plan.forcedBy ??= rule.id;
      }
    }
    return plan;
  }
}

/**
 * The checks a fault rule needs beyond its schema (openapi/admin.yaml's FaultInput);
 * throws invalid_argument, so a rule from a request or a scenario file fails the same way.
 */
export function checkFaultInput(input: FaultInput): void {
  if (
    input.latencyMs === undefined &&
    input.error === undefined &&
    input.failPrebuild === undefined
  ) {
    throw new ConnectError(
      "invalid_argument",
      "a fault needs latencyMs, error or failPrebuild (or more than one)",
    );
  }
  if (input.failPrebuild !== undefined && !PREBUILD_STARTERS.has(input.rpc)) {
    throw new ConnectError(
      "invalid_argument",
      `failPrebuild acts on the prebuilds CreatePrebuild starts: rpc must be CreatePrebuild or *, not ${input.rpc}`,
    );
  }
  const latency = input.latencyMs;
  if (typeof latency === "object" && latency.minMs > latency.maxMs) {
    throw new ConnectError(
      "invalid_argument",
      `latencyMs.minMs (${latency.minMs}) must not exceed latencyMs.maxMs (${latency.maxMs})`,
    );
  }
}

function pickLatency(latency: Latency | undefined, random: () => number): number {
  if (latency === undefined) return 0;
  if (typeof latency === "number") return latency;
  return Math.round(latency.minMs + random() * (latency.maxMs - latency.minMs));
}

function readHeaderError(value: string | string[] | undefined): ConnectError | undefined {
  if (value === undefined) return undefined;
  const code = String(value).trim().toLowerCase();
  if (!isConnectCode(code)) {
    throw new ConnectError(
      "invalid_argument",
      `X-Mock-Error must be a Connect code such as not_found or unavailable, got "${String(value).slice(0, 40)}"`,
    );
  }
  return new ConnectError(code, "forced by X-Mock-Error header");
}

function readHeaderLatency(value: string | string[] | undefined): number {
  if (value === undefined) return 0;
  const text = String(value).trim();
  if (!/^\d{1,6}$/.test(text) || Number(text) > MAX_HEADER_LATENCY_MS) {
    throw new ConnectError(
      "invalid_argument",
      `X-Mock-Latency-Ms must be an integer from 0 to ${MAX_HEADER_LATENCY_MS}, got "${text.slice(0, 40)}"`,
    );
  }
  return Number(text);
}
