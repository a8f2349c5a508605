// `npm run profile -- GetWarmPool` (or ListWarmPools, CreateWarmPool): runs the built CLI
// bundle under `node --cpu-prof` on the bench's 10,000-pool world, loads one RPC with
// autocannon (10 connections), stops the server and prints where its busy time went.
// PROFILE_DURATION_S and PROFILE_LOG_LEVEL (default warn) change the load and the logging.
// The .cpuprofile is kept (its path is printed) for Chrome DevTools or speedscope.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { startMockProcess, stop } from "./bench/processes.js";
import { summarizeProfile } from "./bench/summarize-profile.js";
import { BENCH_TOKEN, benchPair, benchPoolId, createBenchWorld } from "./bench-world.js";
import { CLI_BUNDLE } from "./build-cli.js";

const ROOT = join(import.meta.dirname, "..");
const rpc = process.argv[2] ?? "GetWarmPool";
const seconds = Number(process.env.PROFILE_DURATION_S ?? 10);
// `warn` leaves the per-request log line out; PROFILE_LOG_LEVEL=info shows what it costs.
const logLevel = process.env.PROFILE_LOG_LEVEL ?? "warn";
const TOP = 25;
let created = 10_000;
const bodies: Record<string, () => string> = {
  GetWarmPool: () => JSON.stringify({ warmPoolId: benchPoolId(5_000) }),
  ListWarmPools: () => '{"pagination":{"pageSize":25}}',
  CreateWarmPool: () => JSON.stringify({ ...benchPair(created++), minSize: 1, maxSize: 2 }),
};
const nextBody = bodies[rpc];
if (!nextBody) {
  console.error(`usage: profile-rpc.ts ${Object.keys(bodies).join("|")}`);
  process.exit(2);
}

execFileSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: "inherit" });
const dir = mkdtempSync(join(tmpdir(), "wpm-profile-"));
const world = join(dir, "world.json");
writeFileSync(
  world,
  JSON.stringify(createBenchWorld(10_000, rpc === "CreateWarmPool" ? 100_000 : 0)),
);
const target = await startMockProcess(
  "mock",
  join(ROOT, CLI_BUNDLE),
  ["--world", world, "--log-level", logLevel, "--log-format", "json", "--max-pools", "1000000"],
  ["--cpu-prof", `--cpu-prof-dir=${dir}`],
);
const result = await autocannon({
  url: `${target.url}/gitpod.v1.PrebuildService/${rpc}`,
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
  `${rpc}: ${result.requests.total} requests in ${seconds} s, server busy ${(busyMs / 1000).toFixed(1)} s (start-up included); profile ${join(dir, file)}`,
);
const show = (title: string, shares: typeof self) => {
  console.log(`\n${title} (share of busy time):`);
  for (const s of shares.slice(0, TOP))
    console.log(`  ${s.percent.toFixed(1).padStart(5)}%  ${s.name}`);
};
show("self", self);
show("inclusive", inclusive);
process.exit(0);
