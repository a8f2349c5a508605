import { afterEach, describe, expect, it } from "vitest";
import { EXISTING_POOL, WEB_APP } from "../support/fixtures.js";
import { CliExit, type CliProcess, startCli } from "../support/start-cli.js";

const running: CliProcess[] = [];
afterEach(() => {
  for (const cli of running.splice(0)) cli.child.kill("SIGKILL");
});

describe("the CLI", () => {
  it("serves the default world and prints the URL, tokens and fixture IDs", async () => {
    const cli = await startCli(["--port", "0"]);
    running.push(cli);
    const url = cli.url;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(cli.output()).toContain("wpm_acme_alice");
    expect(cli.output()).toContain(WEB_APP);
    expect(cli.output()).toContain(EXISTING_POOL);
    const res = await fetch(`${url}/gitpod.v1.PrebuildService/GetWarmPool`, {
      method: "POST",
      headers: { Authorization: "Bearer wpm_acme_alice", "Content-Type": "application/json" },
      body: JSON.stringify({ warmPoolId: EXISTING_POOL }),
    });
    expect(res.status).toBe(200);
    cli.child.kill("SIGTERM");
    expect(await cli.exited).toBe(0);
  });

  it("takes the port and strict auth from the environment", async () => {
    const cli = await startCli([], { env: { PORT: "0", STRICT_AUTH: "1" } });
    running.push(cli);
    const url = cli.url;
    const res = await fetch(`${url}/gitpod.v1.PrebuildService/ListWarmPools`, {
      method: "POST",
      headers: { Authorization: "Bearer someone-else", "Content-Type": "application/json" },
      body: "{}",
    });
    expect(res.status).toBe(401);
  });

  it.each([
    [["--port", "http"], /--port: expected an integer from 0 to 65535/],
    [["--bogus"], /Unknown option '--bogus'/],
    [["--world", "/nonexistent/world.json"], /cannot read world file/],
  ])("exits non-zero with a clear message for %j", async (args, message) => {
    const error = await startCli(args).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliExit);
    expect((error as CliExit).code).toBe(2);
    expect((error as CliExit).stderr).toMatch(message);
  });
});
