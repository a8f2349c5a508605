// What the core's entry costs per request before routing (sorting the target once, then the
// request guard: Host, control-plane origin and body checks), in process, for an RPC call from
// another origin and for a same-origin admin call.
// Usage: npx tsx scripts/bench-guard.ts [ROUNDS]
import { createRequestGuard } from "../src/core/guard/create-request-guard.js";
import { sortRequest } from "../src/core/sort-request.js";
import type { CoreRequest } from "../src/protocol/exchange.js";

const CALLS = 1_000_000;
const rounds = Number(process.argv[2] ?? 5);
const guard = createRequestGuard({});
const requests = {
  "RPC from another origin": {
    method: "POST",
    url: "/gitpod.v1.PrebuildService/GetWarmPool",
    headers: {
      host: "127.0.0.1:4010",
      origin: "http://localhost:5173",
      "content-type": "application/json",
      "sec-fetch-site": "cross-site",
    },
  },
  "same-origin admin call": {
    method: "POST",
    url: "/_admin/faults",
    headers: {
      host: "localhost:4010",
      origin: "http://localhost:4010",
      "content-type": "application/json",
    },
  },
};

for (const [name, req] of Object.entries(requests)) {
  const ns: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < CALLS; i++) {
      // A new request object each time, as a server gets.
      const fresh = { ...req } as unknown as CoreRequest;
      if (guard(fresh, sortRequest(fresh.url))) throw new Error(`${name} was refused`);
    }
    ns.push(Number(process.hrtime.bigint() - start) / CALLS);
  }
  ns.sort((a, b) => a - b);
  console.log(
    `${name}: median ${ns[Math.floor(ns.length / 2)]?.toFixed(0)} ns per request (${ns.map((n) => n.toFixed(0)).join(", ")})`,
  );
}
