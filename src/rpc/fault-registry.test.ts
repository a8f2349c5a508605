import { describe, expect, it } from "vitest";
import { FaultRegistry } from "./fault-registry.js";

const get = { name: "PrebuildService/GetWarmPool", label: "GetWarmPool" };
const list = { name: "PrebuildService/ListWarmPools", label: "ListWarmPools" };

describe("FaultRegistry.plan", () => {
  it("counts only the calls a probabilistic rule acted on towards its times", () => {
    const rolls = [0.9, 0.1, 0.9, 0.2, 0.3];
    const faults = new FaultRegistry(() => rolls.shift() ?? 1);
    faults.add({ rpc: "GetWarmPool", error: { code: "aborted" }, probability: 0.5, times: 2 });
    const codes = [1, 2, 3, 4, 5].map(() => faults.plan(get, {}).error?.code);
    expect(codes).toEqual([undefined, "aborted", undefined, "aborted", undefined]);
    expect(faults.list()).toEqual([]);
  });

  it("picks a ranged latency uniformly within its bounds and leaves other RPCs alone", () => {
    const faults = new FaultRegistry(() => 0.25);
    faults.add({ rpc: "ListWarmPools", latencyMs: { minMs: 100, maxMs: 500 } });
    expect(faults.plan(list, {}).latencyMs).toBe(200);
    expect(faults.plan(get, {})).toEqual({ latencyMs: 0 });
  });

  it("matches an RPC by its label or by Service/Method", () => {
    const faults = new FaultRegistry();
    faults.add({ rpc: "GetWarmPool", latencyMs: 1 });
    faults.add({ rpc: "PrebuildService/GetWarmPool", latencyMs: 10 });
    faults.add({ rpc: "PrebuildService/ListWarmPools", latencyMs: 100 });
    expect(faults.plan(get, {}).latencyMs).toBe(11);
    expect(faults.plan(list, {}).latencyMs).toBe(100);
    // A label that is a Service/Method (two services share the method) matches only as such.
    const shared = { name: "RunnerService/GetWarmPool", label: "RunnerService/GetWarmPool" };
    expect(faults.plan(shared, {}).latencyMs).toBe(0);
  });

  it("adds header latency to rule latency, and takes header codes in any case", () => {
    const faults = new FaultRegistry();
    faults.add({ rpc: "*", latencyMs: 5 });
    const plan = faults.plan(get, {
      "x-mock-latency-ms": "10",
      "x-mock-error": " Not_Found ",
    });
    expect(plan.latencyMs).toBe(15);
    expect(plan.error?.code).toBe("not_found");
    expect(plan.forcedBy).toBe("header");
  });

  it("refuses header latency beyond a minute", () => {
    expect(() => new FaultRegistry().plan(get, { "x-mock-latency-ms": "60001" })).toThrow(
      /X-Mock-Latency-Ms/,
    );
  });
});
