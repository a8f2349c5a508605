// How `npm run bench` reports: one line per load, ratios against the baselines, and the
// targets of issues 11 and 20 with whether each is met.
import type { Startup } from "./processes.js";

/** One load against one target. */
export interface LoadResult {
  rps: number;
  /** The server process's CPU time (user + system) per request, in µs. */
  cpuUs: number;
  p50: number;
  p99: number;
  mean: number;
  errors: number;
}

/** Results by scenario, then by target (`mock`, `raw`, `express`). */
export type Results = Map<string, Map<string, LoadResult>>;

export function formatLoad(r: LoadResult): string {
  const errors = r.errors > 0 ? `  ERRORS ${r.errors}` : "";
  return `${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  mean ${r.mean.toFixed(2)} ms  CPU ${r.cpuUs.toFixed(0)} µs/req${errors}`;
}

export function formatStartup(s: Startup): string {
  return `${s.wallMs.toFixed(0)} ms wall, ${s.cpuMs.toFixed(0)} ms CPU`;
}

/** mock/baseline by throughput, and by CPU per request read the same way (higher is better). */
export function ratios(
  byTarget: ReadonlyMap<string, LoadResult>,
  baseline: string,
): { throughput: number; cpu: number } {
  const mock = byTarget.get("mock");
  const base = byTarget.get(baseline);
  if (!mock || !base) return { throughput: 0, cpu: 0 };
  return { throughput: mock.rps / base.rps, cpu: base.cpuUs / mock.cpuUs };
}

export function printThroughput(results: Results, rss: ReadonlyMap<string, string>): void {
  for (const [scenario, byTarget] of results) {
    console.log(`\n${scenario}:`);
    for (const [target, r] of byTarget) console.log(`  ${target.padEnd(8)} ${formatLoad(r)}`);
    const raw = ratios(byTarget, "raw");
    const express = ratios(byTarget, "express");
    console.log(
      `  throughput      mock/raw ${raw.throughput.toFixed(2)}  mock/express ${express.throughput.toFixed(2)}`,
    );
    console.log(
      `  CPU per request mock/raw ${raw.cpu.toFixed(2)}  mock/express ${express.cpu.toFixed(2)}`,
    );
  }
  console.log("\nRSS after the load (mock: 10,000-pool world plus the pools it created):");
  for (const [target, text] of rss) console.log(`  ${target.padEnd(8)} ${text}`);
}

/** One target of issue 11 or 20 and its figure from this run. */
export interface TargetCheck {
  what: string;
  figure: number;
  /** `>=` a minimum or `<=` a maximum. */
  rule: ">=" | "<=";
  limit: number;
  unit: string;
}

export function printTargets(checks: readonly TargetCheck[]): number {
  console.log("\ntargets (issues 11 and 20; ratios are mock/raw node:http from this run):");
  let missed = 0;
  for (const c of checks) {
    const met = c.rule === ">=" ? c.figure >= c.limit : c.figure <= c.limit;
    if (!met) missed += 1;
    const figure = c.unit === "x" ? `${c.figure.toFixed(2)}x` : `${c.figure.toFixed(1)} ${c.unit}`;
    const limit = c.unit === "x" ? `${c.limit}x` : `${c.limit} ${c.unit}`;
    console.log(
      `  ${met ? "met   " : "MISSED"} ${c.what.padEnd(58)} ${figure.padStart(10)}  (${c.rule} ${limit})`,
    );
  }
  return missed;
}
