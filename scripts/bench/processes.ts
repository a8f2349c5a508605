// The processes `npm run bench` runs: the mock's CLI bundle, the baselines, start-up probes.
// Every child is tracked and killed when the bench exits, however it exits.
import { type ChildProcess, spawn } from "node:child_process";
import { openSync, readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { join } from "node:path";
import { findFreePort } from "../find-free-port.js";

const ROOT = join(import.meta.dirname, "..", "..");

/** A server under load: its name in the report, its base URL and its process. */
export interface Target {
  name: string;
  url: string;
  child: ChildProcess;
}

const children = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of children) child.kill("SIGKILL");
});

/**
 * Starts the mock's CLI (`cli`, a bundle path) on a free port, quiet, and waits for /healthz.
 * `nodeArgs` go to node itself (`--cpu-prof`, say).
 */
export async function startMockProcess(
  name: string,
  cli: string,
  args: readonly string[],
  nodeArgs: readonly string[] = [],
): Promise<Target> {
  const port = await findFreePort();
  const out = openSync("/dev/null", "w");
  const child = spawn(process.execPath, [...nodeArgs, cli, "--port", String(port), ...args], {
    stdio: ["ignore", out, "inherit"],
  });
  return ready(name, child, port);
}

/** Starts a baseline (scripts/bench-baseline.ts) answering with the bytes in `answersFile`. */
export async function startBaseline(kind: "raw" | "express", answersFile: string): Promise<Target> {
  const port = await findFreePort();
  const child = spawn(
    process.execPath,
    ["--import", "tsx", join(ROOT, "scripts/bench-baseline.ts"), kind, String(port), answersFile],
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

/** Stops a target with SIGTERM and waits for it to exit. */
export async function stop(target: Pick<Target, "child">): Promise<void> {
  const exited = new Promise((resolve) => target.child.once("exit", resolve));
  target.child.kill("SIGTERM");
  await exited;
  children.delete(target.child);
}

/** The process's user + system CPU time so far, in seconds (Linux /proc, 100 ticks a second). */
export function cpuSeconds(child: ChildProcess): number {
  const fields = readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  // After "pid (comm) ", utime and stime are the 12th and 13th fields.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Resident memory in MB: now (VmRSS) or the peak so far (VmHWM). */
export function rssMb(child: ChildProcess, field: "VmHWM" | "VmRSS" = "VmHWM"): number {
  const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
}

/** Start-up to the first answered request, median of several runs. */
export interface Startup {
  wallMs: number;
  cpuMs: number;
  /** How long the request that got the first answer took, from sending it. */
  firstMs: number;
  /** The request after it, for comparison. */
  nextMs: number;
}

/**
 * Starts a server `runs` times and times each start to its first 200 answer: the mock's CLI
 * (`cli` set; probed with GetWarmPool) or a bare node:http server (probed at `/`).
 */
export async function measureStartup(
  runs: number,
  cli: string | undefined,
  headers: Record<string, string>,
): Promise<Startup> {
  const results: Startup[] = [];
  const bare = `require("node:http").createServer((q, s) => s.end("ok")).listen(Number(process.env.PORT), "127.0.0.1")`;
  for (let i = 0; i < runs; i++) {
    const port = await findFreePort();
    const start = performance.now();
    const child = spawn(
      process.execPath,
      cli ? [cli, "--log-level", "warn", "--port", String(port)] : ["-e", bare],
      { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, PORT: String(port) } },
    );
    children.add(child);
    let stderr = "";
    child.stderr?.on("data", (chunk) => {
      stderr += chunk;
    });
    const path = cli ? "/gitpod.v1.PrebuildService/GetWarmPool" : "/";
    const body = JSON.stringify({ warmPoolId: "a1b2c3d4-5678-9abc-def0-1234567890ab" });
    let firstMs = 0;
    for (;;) {
      const sent = performance.now();
      const status = await post(port, path, body, headers);
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
    const cpuMs = cpuSeconds(child) * 1000;
    const sent = performance.now();
    await post(port, path, body, headers);
    results.push({ wallMs, cpuMs, firstMs, nextMs: performance.now() - sent });
    await stop({ child });
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  return {
    wallMs: median(results.map((r) => r.wallMs)),
    cpuMs: median(results.map((r) => r.cpuMs)),
    firstMs: median(results.map((r) => r.firstMs)),
    nextMs: median(results.map((r) => r.nextMs)),
  };
}

function post(
  port: number,
  path: string,
  body: string,
  headers: Record<string, string>,
): Promise<number> {
  return new Promise((resolve) => {
    const req = httpRequest(
      { host: "127.0.0.1", port, path, method: "POST", headers, agent: false },
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

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
