// `npm run profile -- GetWarmPool` (any RPC of the contract, by label or Service/Method): runs
// the built CLI bundle under `node --cpu-prof` on the bench's 10,000-pool world, loads one RPC
// with autocannon (10 connections), stops the server and prints where its busy time went. The
// request is the RPC's sample (scripts/sample-requests.ts) on that world; CreateWarmPool gets
// a fresh pair on every call.
// PROFILE_DURATION_S and PROFILE_LOG_LEVEL (default warn) change the load and the logging.
// The .cpuprofile is kept (its path is printed) for Chrome DevTools or speedscope.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { loadContract } from "../src/contract/load-contract.js";
import { startMockProcess, stop } from "./bench/processes.js";
import { summarizeProfile } from "./bench/summarize-profile.js";
import { BENCH_ORG, BENCH_TOKEN, benchPair, createBenchWorld } from "./bench-world.js";
import { CLI_BUNDLE } from "./build-cli.js";
import { sampleRequest } from "./sample-requests.js";

const ROOT = join(import.meta.dirname, "..");
const contract = loadContract();
const rpc = contract.findRpc(process.argv[2] ?? "GetWarmPool");
if (!rpc) {
  const labels = [...contract.rpcs.values()].map((r) => r.label);
  console.error(`usage: profile-rpc.ts ${labels.join("|")}`);
  process.exit(2);
}
const creates = rpc.name === "PrebuildService/CreateWarmPool";
const seconds = Number(process.env.PROFILE_DURATION_S ?? 10);
// `warn` leaves the per-request log line out; PROFILE_LOG_LEVEL=info shows what it costs.
const logLevel = process.env.PROFILE_LOG_LEVEL ?? "warn";
const TOP = 25;
const benchWorld = createBenchWorld(10_000, creates ? 100_000 : 0);
const sample = sampleRequest(rpc.name, benchWorld, BENCH_ORG);
let created = 10_000;
// A create needs a pair without a pool every time; the other RPCs repeat their sample.
const nextBody = creates
  ? () => JSON.stringify({ ...sample, ...benchPair(created++) })
  : () => JSON.stringify(sample);

execFileSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: "inherit" });
const dir = mkdtempSync(join(tmpdir(), "wpm-profile-"));
const world = join(dir, "world.json");
writeFileSync(world, JSON.stringify(benchWorld));
const target = await startMockProcess(
  "mock",
  join(ROOT, CLI_BUNDLE),
  ["--world", world, "--log-level", logLevel, "--log-format", "json", "--max-pools", "1000000"],
  ["--cpu-prof", `--cpu-prof-dir=${dir}`],
);
const result = await autocannon({
  url: `${target.url}${rpc.path}`,
  method: "POST",
  connections: 10,
  duration: seconds,
  headers: { "content-type": "application/json", authorization: `Bearer ${BENCH_TOKEN}` },
  requests: [{ method: "POST", setupRequest: (req) => ({ ...req, body: nextBody() }) }],
});
await stop(target);
const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
if (!file) throw new Error(`no profile written in ${dir}`);
const { busyMs, self, inclusive } = summarizeProfile(
  JSON.parse(readFileSync(join(dir, file), "utf8")),
);
console.log(
  `${rpc.label}: ${result.requests.total} requests in ${seconds} s, server busy ${(busyMs / 1000).toFixed(1)} s (start-up included); profile ${join(dir, file)}`,
);
const show = (title: string, shares: typeof self) => {
  console.log(`\n${title} (share of busy time):`);
  for (const s of shares.slice(0, TOP))
    console.log(`  ${s.percent.toFixed(1).padStart(5)}%  ${s.name}`);
};
show("self", self);
show("inclusive", inclusive);
process.exit(0);
