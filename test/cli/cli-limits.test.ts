// The limit flags and environment variables reach the server the CLI starts.
import { afterEach, describe, expect, it } from "vitest";
import { callRpc } from "../support/call-rpc.js";
import { CliExit, type CliProcess, startCli } from "../support/start-cli.js";

let cli: CliProcess | undefined;
afterEach(() => {
  cli?.child.kill("SIGTERM");
  cli = undefined;
});

/** The CLI's exit when it refuses `args`. */
async function refusal(args: string[]): Promise<CliExit> {
  const error = await startCli(args).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CliExit);
  return error as CliExit;
}

describe("limit flags", () => {
  it("applies --max-header-bytes and RATE_LIMIT", async () => {
    cli = await startCli(["--max-header-bytes", "2048"], { env: { RATE_LIMIT: "1" } });
    const url = cli.url;
    const big = await callRpc(url, "ListWarmPools", {}, { headers: { "X-Big": "a".repeat(3000) } });
    expect(big.status).toBe(431);
    expect(big.body?.code).toBe("resource_exhausted");
    expect((await callRpc(url, "ListWarmPools", {})).code).toBe("ok");
    const limited = await callRpc(url, "ListWarmPools", {});
    expect(limited.code).toBe("resource_exhausted");
    expect(limited.body?.message).toMatch(/^rate limit of 1 requests per second \(burst 1\)/);
  }, 30_000);

  it("rejects a headers timeout longer than the request timeout", async () => {
    const result = await refusal(["--headers-timeout-ms", "5000", "--request-timeout-ms", "1000"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--headers-timeout-ms must not exceed --request-timeout-ms");
  }, 30_000);

  it("rejects a limit that is not a number", async () => {
    const result = await refusal(["--max-pools", "many"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      '--max-pools: expected an integer from 0 to 10000000, got "many"',
    );
  }, 30_000);
});
