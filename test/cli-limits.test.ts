// The limit flags and environment variables reach the server the CLI starts.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { callRpc } from "./support/call-rpc.js";

const CLI = ["--import", "tsx", "src/cli.ts"];
let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill("SIGTERM");
  child = undefined;
});

async function startCli(args: string[], env: Record<string, string>): Promise<string> {
  child = spawn(process.execPath, [...CLI, "--port", "0", ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const running = child;
  return new Promise((resolve, reject) => {
    let out = "";
    running.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (url) resolve(url);
    });
    running.once("exit", (code) => reject(new Error(`cli exited with ${code}: ${out}`)));
  });
}

describe("limit flags", () => {
  it("applies --max-header-bytes and RATE_LIMIT", async () => {
    const url = await startCli(["--max-header-bytes", "2048"], { RATE_LIMIT: "1" });
    const big = await callRpc(url, "ListWarmPools", {}, { headers: { "X-Big": "a".repeat(3000) } });
    expect(big.status).toBe(431);
    expect(big.json?.code).toBe("resource_exhausted");
    expect((await callRpc(url, "ListWarmPools", {})).code).toBe("ok");
    const limited = await callRpc(url, "ListWarmPools", {});
    expect(limited.code).toBe("resource_exhausted");
    expect(limited.json?.message).toMatch(/^rate limit of 1 requests per second \(burst 1\)/);
  }, 30_000);

  it("rejects a headers timeout longer than the request timeout", () => {
    const result = spawnSync(
      process.execPath,
      [...CLI, "--headers-timeout-ms", "5000", "--request-timeout-ms", "1000"],
      { encoding: "utf8" },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("--headers-timeout-ms must not exceed --request-timeout-ms");
  }, 30_000);

  it("rejects a limit that is not a number", () => {
    const result = spawnSync(process.execPath, [...CLI, "--max-pools", "many"], {
      encoding: "utf8",
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      '--max-pools: expected an integer from 0 to 10000000, got "many"',
    );
  }, 30_000);
});
