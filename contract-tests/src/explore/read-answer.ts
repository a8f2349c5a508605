import type { Exchange } from "../http/api-client.js";
import type { WarmPool } from "../wire-types.js";

/**
 * What an answer decides: "ok" for a success, the Connect code of an error, or the bare HTTP
 * status of an answer without one (404 for an unknown path, 405, 415).
 */
export function verdictOf(exchange: Exchange): string {
  if (exchange.status === 200) return "ok";
  const code = (exchange.json as { code?: unknown } | undefined)?.code;
  return typeof code === "string" ? code : `HTTP ${exchange.status}`;
}

/** A refusal as protovalidate words it: the field paths and rule ids it names. */
export interface Refusal {
  /** `field [rule]` per line of a `validation error:` message, sorted. */
  violations: string[];
  /** The type names of the error's details, sorted. */
  detailTypes: string[];
  /** The details' values decoded from base64, as text (field names and rule ids show in it). */
  detailText: string;
}

const VIOLATION_LINE = /^ - (?:(.+?): )?.* \[([\w.]+)\]$/;

/** Reads the field paths and rule ids a refusal names, from its message and its details. */
export function readRefusal(exchange: Exchange): Refusal {
  const body = exchange.json as
    | { message?: unknown; details?: { type?: unknown; value?: unknown }[] }
    | undefined;
  const message = typeof body?.message === "string" ? body.message : "";
  const violations = message.startsWith("validation error:")
    ? message
        .split("\n")
        .slice(1)
        .map((line) => VIOLATION_LINE.exec(line))
        .map((m) => (m ? `${m[1] ?? ""} [${m[2]}]` : "(unreadable)"))
        .sort()
    : [];
  const details = Array.isArray(body?.details) ? body.details : [];
  return {
    violations,
    detailTypes: details.map((d) => String(d?.type)).sort(),
    detailText: details
      .map((d) =>
        typeof d?.value === "string" ? Buffer.from(d.value, "base64").toString("latin1") : "",
      )
      .join("\n"),
  };
}

/** The pool of a Create, Get or Update answer. */
export function poolOf(exchange: Exchange): WarmPool | undefined {
  const pool = (exchange.json as { warmPool?: unknown } | undefined)?.warmPool;
  return isPool(pool) ? pool : undefined;
}

/** The pools and next page token of a ListWarmPools answer. */
export function pageOf(exchange: Exchange): { pools: WarmPool[]; nextToken: string } {
  const body = exchange.json as
    | { warmPools?: unknown; pagination?: { nextToken?: unknown } }
    | undefined;
  const pools = Array.isArray(body?.warmPools) ? body.warmPools.filter(isPool) : [];
  const next = body?.pagination?.nextToken;
  return { pools, nextToken: typeof next === "string" ? next : "" };
}

function isPool(value: unknown): value is WarmPool {
  const pool = value as Partial<WarmPool> | undefined;
  return (
    typeof pool === "object" &&
    pool !== null &&
    typeof pool.id === "string" &&
    typeof pool.metadata === "object" &&
    typeof pool.spec === "object" &&
    typeof pool.status === "object"
  );
}

/** A phase without its prefix, for step listings. */
export function shortPhase(phase: string | undefined): string {
  return (phase ?? "none").replace(/^WARM_POOL_PHASE_/, "");
}
