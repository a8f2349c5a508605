// `npm run bench`: loads the built mock and two baselines (raw node:http, bare Express, each
// only parsing the JSON body and answering a fixed body) on loopback with autocannon, in one
// run, and prints req/s, latency and peak RSS with mock/baseline ratios; then start-up time to
// the first answered request, List latency at 100 vs 100,000 pools, and the cost of logging.
// Bounded: every load has a fixed duration or request count, and every child is stopped.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { DEFAULT_TIMING, type DomainContext } from "../src/domain/domain-context.js";
import { listWarmPools } from "../src/domain/list-warm-pools.js";
import { WorldStore } from "../src/store/world-store.js";
import { BENCH_TOKEN, benchPair, benchPoolId, createBenchWorld } from "./bench-world.js";
import { CLI_BUNDLE } from "./build-cli.js";
import { findFreePort } from "./find-free-port.js";

const ROOT = join(import.meta.dirname, "..");
/** What ships: the bundle that package.json `bin` and the Docker image run. */
const CLI = join(ROOT, CLI_BUNDLE);
const RPC = "/gitpod.v1.PrebuildService";
const CONNECTIONS = 10;
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 2);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 5);
const CREATE_AMOUNT = Number(process.env.BENCH_CREATE_AMOUNT ?? 10_000);
const CREATE_WARMUP = 2_000;
const STARTUP_RUNS = 7;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const HEADERS = { "content-type": "application/json", authorization: `Bearer ${BENCH_TOKEN}` };

interface Target {
  name: string;
  url: string;
  child: ChildProcess;
}

interface LoadResult {
  rps: number;
  /** The server process's CPU time (user + system) per request, in µs. */
  cpuUs: number;
  p50: number;
  p99: number;
  mean: number;
  errors: number;
}

type Scenario = {
  name: string;
  path: string;
  body?: string;
  /** Gives each request its own body (CreateWarmPool needs a fresh pair every time). */
  nextBody?: (target: string) => string;
  amount?: number;
  warmupAmount?: number;
};

const tmp = mkdtempSync(join(tmpdir(), "wpm-bench-"));
const children = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of children) child.kill("SIGKILL");
  rmSync(tmp, { recursive: true, force: true });
});

async function main(): Promise<void> {
  console.log("building…");
  execFileSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: "inherit" });
  if (process.argv.includes("--startup-only")) return reportStartup();
  console.log(
    `load: autocannon, ${CONNECTIONS} connections, ${WARMUP_S}s warm-up then ${DURATION_S}s (Create: ${CREATE_WARMUP} + ${CREATE_AMOUNT} requests), loopback, best of ${ROUNDS} rounds`,
  );
  const createPairs = ROUNDS * (CREATE_WARMUP + CREATE_AMOUNT);
  // One pair more than the load uses, for the Create answer the baselines send.
  const worldFile = writeWorld("w10k", 10_000, createPairs + 1);

  // Each target walks the free pairs on its own, so the mock never sees a pair twice.
  const createIndex = new Map<string, number>();
  const scenarios: Scenario[] = [
    {
      name: "GetWarmPool",
      path: "GetWarmPool",
      body: JSON.stringify({ warmPoolId: benchPoolId(5_000) }),
    },
    {
      name: "CreateWarmPool",
      path: "CreateWarmPool",
      nextBody: (target) => {
        const index = createIndex.get(target) ?? 10_000;
        createIndex.set(target, index + 1);
        return JSON.stringify({ ...benchPair(index), minSize: 1, maxSize: 2 });
      },
      amount: CREATE_AMOUNT,
      warmupAmount: CREATE_WARMUP,
    },
    {
      name: "ListWarmPools (25 of 10,000)",
      path: "ListWarmPools",
      body: '{"pagination":{"pageSize":25}}',
    },
  ];

  // All three run side by side and take turns, round after round, keeping each one's best
  // round: on a shared machine that cancels most drift in background load between targets.
  const mock = await startMock("mock", worldFile, "warn");
  // The baselines answer each RPC with the very bytes the mock answers (a page of 25 pools is
  // ~17 KB against ~700 bytes for one pool), so the ratios compare the work around equal writes.
  const answers = await captureAnswers(mock.url, scenarios, benchPair(10_000 + createPairs));
  const targets = [
    mock,
    await startBaseline("raw", answers),
    await startBaseline("express", answers),
  ];
  const results = new Map<string, Map<string, LoadResult>>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const scenario of scenarios) {
      if (!results.has(scenario.name)) results.set(scenario.name, new Map());
      const byTarget = results.get(scenario.name) as Map<string, LoadResult>;
      for (const target of targets) {
        const result = await load(target, scenario);
        const previous = byTarget.get(target.name);
        // Throughput from the best round; CPU per request from the least disturbed one.
        const cpuUs = Math.min(result.cpuUs, previous?.cpuUs ?? Number.POSITIVE_INFINITY);
        const best = !previous || result.rps > previous.rps ? result : previous;
        byTarget.set(target.name, { ...best, cpuUs });
      }
    }
  }
  const rss = new Map<string, string>();
  for (const target of targets) {
    rss.set(
      target.name,
      `${peakRssMb(target.child, "VmRSS").toFixed(0)} MB (peak ${peakRssMb(target.child).toFixed(0)} MB)`,
    );
    await stop(target);
  }
  printThroughput(results, rss);

  await reportStartup();

  console.log("\nListWarmPools page of 25, one organization, by world size:");
  const list = scenarios[2] as Scenario;
  const byWorld = new Map<number, LoadResult>();
  const largeWorld = writeWorld("w100000", 100_000, 0);
  for (const [pools, extra] of [
    [100, []],
    [100_000, []],
    [100_000, ["--low-memory"]],
  ] as const) {
    const world = pools === 100 ? writeWorld("w100", pools, 0) : largeWorld;
    const target = await startMock(`mock-${pools}`, world, "warn", extra);
    const idle = peakRssMb(target.child, "VmRSS");
    const r = await load(target, list);
    if (extra.length === 0) byWorld.set(pools, r);
    const peak = peakRssMb(target.child);
    const now = peakRssMb(target.child, "VmRSS");
    await stop(target);
    console.log(
      `  ${String(pools).padStart(7)} pools ${extra.join(" ").padEnd(12)} ${fmtLoad(r)}  RSS idle ${idle.toFixed(0)} MB, after the load ${now.toFixed(0)} MB (peak ${peak.toFixed(0)} MB, while loading the world file)`,
    );
  }
  console.log("  in-process listWarmPools (no HTTP), first page of 25:");
  for (const pools of [100, 100_000]) {
    console.log(
      `  ${String(pools).padStart(7)} pools  ${measureListInProcess(pools).toFixed(1)} µs/call`,
    );
  }
  const small = byWorld.get(100) as LoadResult;
  const large = byWorld.get(100_000) as LoadResult;
  console.log(
    `  100,000 vs 100: mean latency ×${(large.mean / small.mean).toFixed(2)}, throughput ×${(large.rps / small.rps).toFixed(2)}`,
  );

  console.log(
    "\ncost of request logging (GetWarmPool, JSON lines to /dev/null), three rounds each:",
  );
  const logged: LoadResult[] = [];
  const quiet: LoadResult[] = [];
  for (let round = 0; round < 3; round++) {
    for (const [level, into] of [
      ["info", logged],
      ["warn", quiet],
    ] as const) {
      const target = await startMock(`mock-${level}`, worldFile, level);
      into.push(await load(target, scenarios[0] as Scenario));
      await stop(target);
    }
  }
  const best = (rs: LoadResult[]) => Math.max(...rs.map((r) => r.rps));
  const leastCpu = (rs: LoadResult[]) => Math.min(...rs.map((r) => r.cpuUs));
  console.log(`  --log-level info  ${logged.map(fmtLoad).join(" | ")}`);
  console.log(`  --log-level warn  ${quiet.map(fmtLoad).join(" | ")}`);
  console.log(
    `  logging costs ${((1 - best(logged) / best(quiet)) * 100).toFixed(1)}% of throughput (best round each), ${((leastCpu(logged) / leastCpu(quiet) - 1) * 100).toFixed(1)}% more CPU per request (least round each)`,
  );
}

async function reportStartup(): Promise<void> {
  console.log("\nstart-up to the first answered request (median of %d runs):", STARTUP_RUNS);
  const node = await measureStartup(["-e", nodeOnlyServer()], "");
  const mock = await measureStartup([CLI, "--log-level", "warn"], "mock");
  console.log(`  bare node:http server     ${fmtStartup(node)}`);
  console.log(`  mock, GetWarmPool         ${fmtStartup(mock)}`);
  console.log(`  mock minus bare node      ${(mock.wallMs - node.wallMs).toFixed(0)} ms`);
  console.log(
    `  mock's first GetWarmPool  ${mock.firstMs.toFixed(1)} ms, the next ${mock.nextMs.toFixed(1)} ms (median)`,
  );
}

/** Times the domain's listWarmPools alone, to separate the store's cost from HTTP noise. */
function measureListInProcess(pools: number): number {
  const store = new WorldStore(createBenchWorld(pools, 0));
  const ctx: DomainContext = {
    store,
    clock: { now: Date.now },
    newId: () => "",
    timing: DEFAULT_TIMING,
  };
  const principal = store.defaultPrincipal;
  const request = { pagination: { pageSize: 25 } };
  for (let i = 0; i < 2_000; i++) listWarmPools(ctx, principal, request);
  const calls = 20_000;
  const start = performance.now();
  for (let i = 0; i < calls; i++) listWarmPools(ctx, principal, request);
  return ((performance.now() - start) * 1000) / calls;
}

function writeWorld(name: string, pools: number, freePairs: number): string {
  const path = join(tmp, `${name}.json`);
  writeFileSync(path, JSON.stringify(createBenchWorld(pools, freePairs)));
  return path;
}

async function startMock(
  name: string,
  world: string,
  logLevel: string,
  extra: readonly string[] = [],
): Promise<Target> {
  const port = await findFreePort();
  const out = openSync("/dev/null", "w");
  const child = spawn(
    process.execPath,
    [
      CLI,
      ...[
        "--port",
        String(port),
        "--world",
        world,
        "--log-level",
        logLevel,
        "--log-format",
        "json",
        // The 10,000-pool world is already at the default per-organization cap, and Create
        // adds 24,000 more: lifted, so Create measures creating rather than refusing.
        "--max-pools",
        "1000000",
        ...extra,
      ],
    ],
    { stdio: ["ignore", out, "inherit"] },
  );
  return ready(name, child, port);
}

/** Asks the mock each scenario's request once; writes {path: answer} for the baselines. */
async function captureAnswers(
  url: string,
  scenarios: Scenario[],
  spare: { projectId: string; environmentClassId: string },
): Promise<string> {
  const answers: Record<string, string> = {};
  for (const scenario of scenarios) {
    const body = scenario.body ?? JSON.stringify({ ...spare, minSize: 1, maxSize: 2 });
    const path = `${RPC}/${scenario.path}`;
    const res = await fetch(`${url}${path}`, { method: "POST", headers: HEADERS, body });
    if (!res.ok) throw new Error(`${scenario.name}: the mock answered ${res.status}`);
    answers[path] = await res.text();
  }
  const file = join(tmp, "answers.json");
  writeFileSync(file, JSON.stringify(answers));
  return file;
}

async function startBaseline(kind: "raw" | "express", answers: string): Promise<Target> {
  const port = await findFreePort();
  const child = spawn(
    process.execPath,
    ["--import", "tsx", join(ROOT, "scripts/bench-baseline.ts"), kind, String(port), answers],
    { stdio: ["ignore", "inherit", "inherit"], cwd: ROOT },
  );
  return ready(kind, child, port);
}

async function ready(name: string, child: ChildProcess, port: number): Promise<Target> {
  children.add(child);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (!(await isUp(`${url}/healthz`))) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`${name} did not start`);
    await sleep(20);
  }
  return { name, url, child };
}

async function stop(target: Target): Promise<void> {
  const exited = new Promise((resolve) => target.child.once("exit", resolve));
  target.child.kill("SIGTERM");
  await exited;
  children.delete(target.child);
}

async function load(target: Target, scenario: Scenario): Promise<LoadResult> {
  const options = (measuring: boolean): autocannon.Options => ({
    url: `${target.url}${RPC}/${scenario.path}`,
    method: "POST",
    connections: CONNECTIONS,
    headers: HEADERS,
    ...(scenario.nextBody
      ? {
          requests: [
            {
              method: "POST",
              setupRequest: (req: autocannon.Request) => ({
                ...req,
                body: scenario.nextBody?.(target.name),
              }),
            },
          ],
        }
      : { body: scenario.body }),
    ...(scenario.amount
      ? { amount: measuring ? scenario.amount : (scenario.warmupAmount ?? 1_000) }
      : { duration: measuring ? DURATION_S : WARMUP_S }),
  });
  await autocannon(options(false));
  const start = performance.now();
  const cpuBefore = cpuSeconds(target.child);
  const r = await autocannon(options(true));
  // autocannon's own duration is whole seconds; a fixed request count needs the real time.
  const seconds = (performance.now() - start) / 1000;
  return {
    rps: r.requests.total / seconds,
    cpuUs: ((cpuSeconds(target.child) - cpuBefore) * 1e6) / Math.max(1, r.requests.total),
    p50: r.latency.p50,
    p99: r.latency.p99,
    mean: r.latency.average,
    errors: r.errors + r.timeouts + r.non2xx,
  };
}

// Throughput on a shared 2-core machine moves with whatever else runs (autocannon included);
// the server's own CPU time per request moves much less, so the ratios are given both ways.
/** The process's user + system CPU time so far, in seconds (Linux /proc, 100 ticks a second). */
function cpuSeconds(child: ChildProcess): number {
  const fields = readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  // After "pid (comm) ", utime and stime are the 12th and 13th fields.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function peakRssMb(child: ChildProcess, field: "VmHWM" | "VmRSS" = "VmHWM"): number {
  const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
}

interface Startup {
  wallMs: number;
  cpuMs: number;
  /** How long the request that got the first answer took, from sending it. */
  firstMs: number;
  /** The request after it, for comparison. */
  nextMs: number;
}

async function measureStartup(args: string[], kind: "mock" | ""): Promise<Startup> {
  const runs: Startup[] = [];
  for (let i = 0; i < STARTUP_RUNS; i++) {
    const port = await findFreePort();
    const start = performance.now();
    const child = spawn(
      process.execPath,
      kind === "mock" ? [...args, "--port", String(port)] : args,
      {
        stdio: ["ignore", "ignore", "pipe"],
        env: { ...process.env, PORT: String(port) },
      },
    );
    children.add(child);
    let stderr = "";
    child.stderr?.on("data", (chunk) => {
      stderr += chunk;
    });
    const path = kind === "mock" ? `${RPC}/GetWarmPool` : "/";
    const body = JSON.stringify({ warmPoolId: "a1b2c3d4-5678-9abc-def0-1234567890ab" });
    let firstMs = 0;
    for (;;) {
      const sent = performance.now();
      const status = await post(port, path, body);
      firstMs = performance.now() - sent;
      if (status === 200) break;
      // A server that died (or answers errors) would otherwise be polled for the full 30 s.
      if (child.exitCode !== null || status !== 0) {
        throw new Error(`start-up probe: exit ${child.exitCode}, status ${status}\n${stderr}`);
      }
      if (performance.now() - start > 30_000) throw new Error("start-up took over 30 s");
      await sleep(2);
    }
    const wallMs = performance.now() - start;
    const cpu = cpuMs(child);
    const sent = performance.now();
    await post(port, path, body);
    runs.push({ wallMs, cpuMs: cpu, firstMs, nextMs: performance.now() - sent });
    await stop({ name: "startup", url: "", child });
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  return {
    wallMs: median(runs.map((r) => r.wallMs)),
    cpuMs: median(runs.map((r) => r.cpuMs)),
    firstMs: median(runs.map((r) => r.firstMs)),
    nextMs: median(runs.map((r) => r.nextMs)),
  };
}

function nodeOnlyServer(): string {
  return `require("node:http").createServer((q, s) => s.end("ok")).listen(Number(process.env.PORT), "127.0.0.1")`;
}

function cpuMs(child: ChildProcess): number {
  const fields = readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  // utime and stime are fields 14 and 15 of /proc/PID/stat, in clock ticks (100 per second).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function post(port: number, path: string, body: string): Promise<number> {
  return new Promise((resolve) => {
    const req = httpRequest(
      { host: "127.0.0.1", port, path, method: "POST", headers: HEADERS, agent: false },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", () => resolve(0));
    req.end(body);
  });
}

function isUp(url: string): Promise<boolean> {
  return fetch(url).then(
    (r) => r.ok,
    () => false,
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function fmtLoad(r: LoadResult): string {
  const errors = r.errors > 0 ? `  ERRORS ${r.errors}` : "";
  return `${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  mean ${r.mean.toFixed(2)} ms  CPU ${r.cpuUs.toFixed(0)} µs/req${errors}`;
}

function fmtStartup(s: Startup): string {
  return `${s.wallMs.toFixed(0)} ms wall, ${s.cpuMs.toFixed(0)} ms CPU`;
}

function printThroughput(
  results: Map<string, Map<string, LoadResult>>,
  rss: Map<string, string>,
): void {
  for (const [scenario, byTarget] of results) {
    console.log(`\n${scenario}:`);
    for (const [target, r] of byTarget) console.log(`  ${target.padEnd(8)} ${fmtLoad(r)}`);
    const mock = byTarget.get("mock")?.rps ?? 0;
    console.log(
      `  throughput     mock/raw ${(mock / (byTarget.get("raw")?.rps ?? 1)).toFixed(2)}  mock/express ${(mock / (byTarget.get("express")?.rps ?? 1)).toFixed(2)}`,
    );
    // Read like throughput: the baseline's CPU per request over the mock's.
    const mockCpu = byTarget.get("mock")?.cpuUs ?? 1;
    console.log(
      `  CPU per request mock/raw ${((byTarget.get("raw")?.cpuUs ?? 0) / mockCpu).toFixed(2)}  mock/express ${((byTarget.get("express")?.cpuUs ?? 0) / mockCpu).toFixed(2)}`,
    );
  }
  console.log("\nRSS after the load (mock: 10,000-pool world plus the pools it created):");
  for (const [target, text] of rss) console.log(`  ${target.padEnd(8)} ${text}`);
}

await main();
process.exit(0);
