import { type ChildProcess, spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
});

function startCli(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let out = "";
  let err = "";
  child.stdout?.on("data", (d) => {
    out += d;
  });
  child.stderr?.on("data", (d) => {
    err += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout?.on("data", () => {
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (url) resolve(url);
    });
    child.on("exit", () => reject(new Error(`exited: ${err}`)));
  });
  // Tests that expect an early exit never await `listening`.
  listening.catch(() => {});
  return { child, listening, exited, output: () => out, errors: () => err };
}

describe("the CLI", () => {
  it("serves the default world and prints the URL, tokens and fixture IDs", async () => {
    const cli = startCli(["--port", "0"]);
    const url = await cli.listening;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(cli.output()).toContain("wpm_acme_alice");
    expect(cli.output()).toContain("b0e12f6c-4c67-429d-a4a6-d9838b5da047");
    expect(cli.output()).toContain("a1b2c3d4-5678-9abc-def0-1234567890ab");
    const res = await fetch(`${url}/gitpod.v1.PrebuildService/GetWarmPool`, {
      method: "POST",
      headers: { Authorization: "Bearer wpm_acme_alice", "Content-Type": "application/json" },
      body: JSON.stringify({ warmPoolId: "a1b2c3d4-5678-9abc-def0-1234567890ab" }),
    });
    expect(res.status).toBe(200);
    cli.child.kill("SIGTERM");
    expect(await cli.exited).toBe(0);
  });

  it("takes the port and strict auth from the environment", async () => {
    const cli = startCli([], { PORT: "0", STRICT_AUTH: "1" });
    const url = await cli.listening;
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
    const cli = startCli(args);
    expect(await cli.exited).toBe(2);
    expect(cli.errors()).toMatch(message);
  });
});
