// Soak test: runs the mock as a child process on loopback and drives a mixed workload of
// every RPC of the contract for a bounded time, then reports errors, latency percentiles and
// the server's RSS. Stops by itself. Usage: npx tsx scripts/soak.ts [--duration 180] [--help]
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { loadContract, type RpcContract } from "../src/contract/load-contract.js";
import { loadDefaultWorld } from "../src/store/load-default-world.js";
import { growWorld } from "./grow-world.js";
import { sampleRequest } from "./sample-requests.js";
import { type SpawnedMock, spawnMock } from "./support/spawn-mock.js";

const HELP = `Usage: npx tsx scripts/soak.ts [options]

  --duration SECONDS      how long to drive load (default 180)
  --concurrency N         requests in flight (default 8)
  --projects N            synthetic projects per organization; bounds the world (default 60)
  --max-rss-growth-mb MB  fail when RSS grows more than this after warm-up (default 48)
  --json                  print the report as JSON
`;

const ACME = { token: "wpm_acme_alice", org: "0c7d7f3e-1f0a-4c57-9a55-2f5c8b3e4a01" };
const GLOBEX = { token: "wpm_globex_bob", org: "6f1e2d3c-4b5a-4978-8d6e-5f4a3b2c1d02" };
/**
 * How often each RPC is called, relative to the others. The warm-pool RPCs have a workload of
 * their own (pools are created, then read, resized and deleted); every other RPC of the
 * contract is called with its sample request (scripts/sample-requests.ts), at OTHER_WEIGHT.
 */
const WEIGHTS: Record<string, number> = {
  CreateWarmPool: 0.25,
  GetWarmPool: 0.25,
  ListWarmPools: 0.2,
  UpdateWarmPool: 0.18,
  DeleteWarmPool: 0.12,
};
const OTHER_WEIGHT = 0.05;
// Codes a well-formed request may get from the business rules.
const EXPECTED = new Set(["ok", "not_found", "already_exists", "failed_precondition"]);

export interface SoakOptions {
  durationMs: number;
  concurrency: number;
  projects: number;
  maxRssGrowthMb: number;
}

export interface SoakReport {
  durationMs: number;
  requests: number;
  requestsPerSecond: number;
  serverErrors: number;
  unexpected: Record<string, number>;
  codes: Record<string, Record<string, number>>;
  latencyMs: Record<string, { p50: number; p90: number; p99: number; max: number }>;
  rssMb: { start: number; warm: number; end: number; peak: number };
  /** RSS sampled through the run (seconds since start, MiB), to show where it levels off. */
  rssTimeline: [number, number][];
  pools: { warm: number; end: number };
  rssGrowthAfterWarmMb: number;
  ok: boolean;
}

/** Starts the mock on an ephemeral loopback port with a bounded synthetic world. */
function startMock(worldFile: string): Promise<SpawnedMock> {
  return spawnMock(["--host", "127.0.0.1", "--port", "0"], {
    env: { ...process.env, WORLD_FILE: worldFile, READY_DELAY_MS: "200", DELETE_DELAY_MS: "300" },
    timeoutMs: 20_000,
  });
}

function rank(label: string): number {
  const known = Object.keys(WEIGHTS).indexOf(label);
  return known < 0 ? Number.MAX_SAFE_INTEGER : known;
}

function readRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return Math.round((kb / 1024) * 10) / 10;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const value = sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
  return Math.round(value * 100) / 100;
}

/** Runs the soak and returns its report; never runs longer than the duration plus start-up. */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const dir = mkdtempSync(join(tmpdir(), "warm-pool-soak-"));
  const worldFile = join(dir, "world.json");
  const world = growWorld(
    growWorld(loadDefaultWorld(), ACME.org, options.projects),
    GLOBEX.org,
    options.projects,
  );
  writeFileSync(worldFile, JSON.stringify(world));
  const pairs = new Map<string, { projectId: string; environmentClassId: string }[]>();
  for (const principal of [ACME, GLOBEX]) {
    const runners = new Set(
      world.runners.filter((r) => r.organizationId === principal.org).map((r) => r.id),
    );
    const classes = world.environmentClasses
      .filter((c) => runners.has(c.runnerId))
      .map((c) => c.id);
    pairs.set(
      principal.token,
      world.projects
        .filter((p) => p.organizationId === principal.org && p.prebuildConfiguration.enabled)
        .flatMap((p) =>
          p.prebuildConfiguration.environmentClassIds
            .filter((c) => classes.includes(c))
            .map((environmentClassId) => ({ projectId: p.id, environmentClassId })),
        ),
    );
  }

  // The RPCs with a workload of their own first, in WEIGHTS' order, then the rest.
  const rpcs = [...loadContract().rpcs.values()].sort((a, b) => rank(a.label) - rank(b.label));
  const weights = rpcs.map((rpc) => WEIGHTS[rpc.label] ?? OTHER_WEIGHT);
  let totalWeight = 0;
  const thresholds = weights.map((w) => (totalWeight += w));
  const rpcByLabel = new Map(rpcs.map((rpc) => [rpc.label, rpc]));
  const rpcOf = (label: string) => rpcByLabel.get(label) as RpcContract;

  const { child, url } = await startMock(worldFile);
  const pid = child.pid as number;
  const killer = setTimeout(() => child.kill("SIGKILL"), options.durationMs + 60_000);
  const known = new Map<string, string[]>([
    [ACME.token, []],
    [GLOBEX.token, []],
  ]);
  const latencies = new Map<string, number[]>(rpcs.map((rpc) => [rpc.label, []]));
  const codes: Record<string, Record<string, number>> = {};
  const unexpected: Record<string, number> = {};
  let serverErrors = 0;
  let requests = 0;
  let seed = 12345;
  const random = () => {
    // xorshift: repeatable workloads from run to run.
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return ((seed >>> 0) % 1_000_000) / 1_000_000;
  };
  const pick = <T>(items: readonly T[]): T | undefined =>
    items[Math.floor(random() * items.length)];

  // `method` is an RPC's label, as the journal names it.
  const call = async (method: string, token: string, body: unknown, query = "") => {
    const started = performance.now();
    const response = await fetch(`${url}${rpcOf(method).path}${query}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as Record<string, unknown>;
    latencies.get(method)?.push(performance.now() - started);
    requests++;
    const code = response.status === 200 ? "ok" : String(json.code);
    const perMethod = codes[method] ?? {};
    codes[method] = perMethod;
    perMethod[code] = (perMethod[code] ?? 0) + 1;
    if (response.status >= 500) serverErrors++;
    if (!EXPECTED.has(code))
      unexpected[`${method} ${code}`] = (unexpected[`${method} ${code}`] ?? 0) + 1;
    return { code, json };
  };

  const step = async () => {
    const principal = random() < 0.8 ? ACME : GLOBEX;
    const { token } = principal;
    const ids = known.get(token) as string[];
    const r = random() * totalWeight;
    const rpc = rpcs[thresholds.findIndex((t) => r < t)] ?? (rpcs.at(-1) as RpcContract);
    if (!(rpc.label in WEIGHTS)) {
      await call(rpc.label, token, sampleRequest(rpc.name, world, principal.org));
    } else if (rpc.label === "CreateWarmPool") {
      const pair = pick(pairs.get(token) ?? []);
      const size = 1 + Math.floor(random() * 5);
      const { code, json } = await call("CreateWarmPool", token, {
        ...pair,
        minSize: 0,
        maxSize: size,
      });
      if (code === "ok") ids.push((json.warmPool as { id: string }).id);
    } else if (rpc.label === "GetWarmPool") {
      await call("GetWarmPool", token, {
        warmPoolId: pick(ids) ?? crypto.randomUUID(),
      });
    } else if (rpc.label === "ListWarmPools") {
      const { json } = await call("ListWarmPools", token, {
        pagination: { pageSize: 1 + Math.floor(random() * 50) },
      });
      // Learn the pools that exist, forgetting the ones that are gone.
      const listed = ((json.warmPools ?? []) as { id: string }[]).map((p) => p.id);
      if (listed.length > 0 && !(json.pagination as { nextToken?: string }).nextToken) {
        known.set(token, listed);
      }
    } else if (rpc.label === "UpdateWarmPool") {
      const max = 1 + Math.floor(random() * 20);
      await call("UpdateWarmPool", token, {
        warmPoolId: pick(ids) ?? crypto.randomUUID(),
        minSize: Math.floor(random() * (max + 1)),
        maxSize: max,
      });
    } else {
      const id = pick(ids);
      if (id) await call("DeleteWarmPool", token, { warmPoolId: id });
    }
  };

  const countPools = async () => {
    let total = 0;
    for (const token of [ACME.token, GLOBEX.token]) {
      const { json } = await call("ListWarmPools", token, { pagination: { pageSize: 100 } });
      let page = json;
      total += ((page.warmPools ?? []) as unknown[]).length;
      let next = (page.pagination as { nextToken?: string }).nextToken;
      while (next) {
        ({ json: page } = await call(
          "ListWarmPools",
          token,
          { pagination: { pageSize: 100 } },
          `?token=${next}`,
        ));
        total += ((page.warmPools ?? []) as unknown[]).length;
        next = (page.pagination as { nextToken?: string }).nextToken;
      }
    }
    return total;
  };

  try {
    const rssStart = readRssMb(pid);
    let peak = rssStart;
    const started = performance.now();
    const deadline = started + options.durationMs;
    // The world fills up during the first quarter; from then on it only churns.
    const warmAt = started + options.durationMs / 4;
    let warm: { rss: number; pools: number } | undefined;
    const rssTimeline: [number, number][] = [[0, rssStart]];
    const every = Math.max(1, Math.round(options.durationMs / 12_000));
    let tick = 0;
    const sampler = setInterval(() => {
      const rss = readRssMb(pid);
      peak = Math.max(peak, rss);
      if (++tick % every === 0) rssTimeline.push([tick, rss]);
    }, 1000);
    const workers = Array.from({ length: options.concurrency }, async () => {
      while (performance.now() < deadline) {
        await step();
        if (!warm && performance.now() >= warmAt) {
          // Claim the sample first, so that other workers do not take it too.
          warm = { rss: 0, pools: 0 };
          warm = { rss: readRssMb(pid), pools: await countPools() };
        }
      }
    });
    await Promise.all(workers);
    clearInterval(sampler);
    const elapsed = performance.now() - started;
    const end = { rss: readRssMb(pid), pools: await countPools() };
    peak = Math.max(peak, end.rss);
    const latencyMs: SoakReport["latencyMs"] = {};
    for (const [method, values] of latencies) {
      const sorted = values.sort((a, b) => a - b);
      latencyMs[method] = {
        p50: percentile(sorted, 50),
        p90: percentile(sorted, 90),
        p99: percentile(sorted, 99),
        max: percentile(sorted, 100),
      };
    }
    const warmRss = warm?.rss || rssStart;
    const growth = Math.round((end.rss - warmRss) * 10) / 10;
    return {
      durationMs: Math.round(elapsed),
      requests,
      requestsPerSecond: Math.round(requests / (elapsed / 1000)),
      serverErrors,
      unexpected,
      codes,
      latencyMs,
      rssMb: { start: rssStart, warm: warmRss, end: end.rss, peak },
      rssTimeline,
      pools: { warm: warm?.pools ?? 0, end: end.pools },
      rssGrowthAfterWarmMb: growth,
      ok:
        serverErrors === 0 &&
        Object.keys(unexpected).length === 0 &&
        growth <= options.maxRssGrowthMb,
    };
  } finally {
    clearTimeout(killer);
    child.kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  }
}

function printReport(report: SoakReport): void {
  const lines = [
    `soak: ${report.requests} requests in ${(report.durationMs / 1000).toFixed(1)} s (${report.requestsPerSecond}/s)`,
    `  5xx answers: ${report.serverErrors}; unexpected codes: ${JSON.stringify(report.unexpected)}`,
    "  latency ms        p50     p90     p99     max",
    ...Object.entries(report.latencyMs).map(
      ([m, l]) =>
        `    ${m.padEnd(16)}${[l.p50, l.p90, l.p99, l.max].map((v) => v.toFixed(2).padStart(8)).join("")}`,
    ),
    `  server RSS MiB: start ${report.rssMb.start}, after warm-up ${report.rssMb.warm}, end ${report.rssMb.end}, peak ${report.rssMb.peak}`,
    `  RSS over time: ${report.rssTimeline.map(([s, mb]) => `${mb}@${s}s`).join(" ")}`,
    `  pools: ${report.pools.warm} after warm-up, ${report.pools.end} at the end; RSS growth after warm-up ${report.rssGrowthAfterWarmMb} MiB`,
    `  codes: ${JSON.stringify(report.codes)}`,
    report.ok ? "soak: PASS" : "soak: FAIL",
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      duration: { type: "string", default: "180" },
      concurrency: { type: "string", default: "8" },
      projects: { type: "string", default: "60" },
      "max-rss-growth-mb": { type: "string", default: "48" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const number = (name: string, text: string, max: number) => {
    const n = Number(text);
    if (!Number.isFinite(n) || n <= 0 || n > max)
      throw new Error(`--${name} must be a number from 1 to ${max}`);
    return n;
  };
  const report = await runSoak({
    durationMs: number("duration", values.duration, 3600) * 1000,
    concurrency: number("concurrency", values.concurrency, 256),
    projects: number("projects", values.projects, 10_000),
    maxRssGrowthMb: number("max-rss-growth-mb", values["max-rss-growth-mb"], 4096),
  });
  if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else printReport(report);
  process.exitCode = report.ok ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`soak: ${(error as Error).message}\n`);
    process.exit(2);
  });
}
