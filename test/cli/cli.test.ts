import { spawnSync } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { CLI_OPTIONS } from "../../src/cli-options.js";
import { findPackageRoot } from "../../src/package-root.js";
import { EXISTING_POOL } from "../support/fixtures.js";
import { openRequest } from "../support/raw-request.js";
import { type CliProcess, startCli } from "../support/start-cli.js";

const RPC = "/gitpod.v1.PrebuildService";
const running: CliProcess[] = [];

afterEach(() => {
  for (const cli of running.splice(0)) cli.child.kill("SIGKILL");
});

function runCli(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], {
    cwd: findPackageRoot(),
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
}

describe("warm-pool-mock CLI", () => {
  it("prints every option with its default and variable for --help, exit 0", () => {
    const result = runCli(["--help"]);
    expect(result.status).toBe(0);
    for (const spec of Object.values(CLI_OPTIONS)) {
      expect(result.stdout).toContain(`--${spec.flag}`);
      expect(result.stdout).toContain(`env ${spec.env}`);
    }
  });

  it("exits 2 with a clear message on an unknown option or a bad value", () => {
    const unknown = runCli(["--prot", "4010"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("Unknown option '--prot'");
    const bad = runCli([], { PORT: "http" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('PORT: expected an integer from 0 to 65535, got "http"');
    const world = runCli(["--world", "/nonexistent/world.json"]);
    expect(world.status).toBe(2);
    expect(world.stderr).toContain("cannot read world file /nonexistent/world.json");
  });

  it("serves, answers /healthz, logs one JSON line per request, and stops on SIGTERM", async () => {
    const cli = await startCli([], { env: { READY_DELAY_MS: "0" } });
    running.push(cli);
    const started = await cli.waitForLine((l) => typeof l.url === "string");
    expect(started).toMatchObject({ url: cli.url, world: "built-in fixtures" });
    expect(started.msg).toMatch(
      /^warm-pool-mock listening on http:\/\/127\.0\.0\.1:\d+ \(started in \d+ ms\)$/,
    );
    const health = await fetch(`${cli.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });

    const ok = await fetch(`${cli.url}${RPC}/GetWarmPool`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: "Bearer wpm_acme_alice" },
      body: JSON.stringify({ warmPoolId: EXISTING_POOL }),
    });
    expect(ok.status).toBe(200);
    const missing = await fetch(`${cli.url}${RPC}/GetWarmPool`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: "Bearer wpm_acme_alice" },
      body: JSON.stringify({ warmPoolId: "00000000-0000-4000-8000-000000000000" }),
    });
    expect(missing.status).toBe(404);

    const okLine = await cli.waitForLine((l) => l.rpc === "GetWarmPool" && l.code === "ok");
    expect(okLine).toMatchObject({ level: 30, status: 200, method: "POST" });
    expect(typeof okLine.ms).toBe("number");
    const notFound = await cli.waitForLine((l) => l.code === "not_found");
    expect(notFound).toMatchObject({ rpc: "GetWarmPool", status: 404 });

    cli.child.kill("SIGTERM");
    expect(await cli.exited).toBe(0);
    expect(cli.lines.some((l) => l.msg === "stopped")).toBe(true);
  });

  it("lets an in-flight request finish after SIGTERM, then exits", async () => {
    const cli = await startCli();
    running.push(cli);
    const body = JSON.stringify({ warmPoolId: EXISTING_POOL });
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = openRequest(cli.url, `${RPC}/GetWarmPool`, Buffer.byteLength(body), (res) => {
        let text = "";
        res.on("data", (c) => {
          text += c;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on("error", reject);
      // Half the body now, SIGTERM, then the rest: the server must still answer.
      req.write(body.slice(0, 10));
      setTimeout(() => {
        cli.child.kill("SIGTERM");
        setTimeout(() => req.end(body.slice(10)), 300);
      }, 200);
    });
    const { status, text } = await answer;
    expect(status).toBe(200);
    expect(JSON.parse(text).warmPool.id).toBe(EXISTING_POOL);
    expect(await cli.exited).toBe(0);
    expect(cli.lines.some((l) => l.msg === "shutting down" && l.signal === "SIGTERM")).toBe(true);
  });

  it("logs nothing per request at --log-level warn", async () => {
    const cli = await startCli(["--log-level", "warn"], { readyBy: "healthz" });
    running.push(cli);
    await (await fetch(`${cli.url}${RPC}/ListWarmPools`, { method: "POST" })).arrayBuffer();
    cli.child.kill("SIGTERM");
    await cli.exited;
    expect(cli.lines.filter((l) => "rpc" in l || "url" in l)).toEqual([]);
  });
});
