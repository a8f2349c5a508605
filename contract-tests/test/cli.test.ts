import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL_CASES } from "../src/cases/all-cases.js";
import { BROKEN_VARIANTS } from "./support/broken-variants.js";
import { runProcess, startMockProcess, TSX } from "./support/run-process.js";
import { startBrokenMock } from "./support/start-broken-mock.js";
import { close, listen } from "./support/start-mock.js";

const CLI = ["contract-tests/src/cli.ts"];
const runCli = (args: readonly string[], env?: NodeJS.ProcessEnv) =>
  runProcess(TSX, [...CLI, ...args], env);

describe("the warm-pool-contract CLI against the mock started as a server", () => {
  let mock: Awaited<ReturnType<typeof startMockProcess>>;
  beforeAll(async () => {
    mock = await startMockProcess();
  }, 20_000);
  afterAll(async () => {
    await mock?.stop();
  });

  it("exits 0 with progress on the console and writes JUnit and JSON reports", async () => {
    const dir = mkdtempSync(join(tmpdir(), "warm-pool-contract-"));
    const junit = join(dir, "report.xml");
    const json = join(dir, "report.json");
    const run = await runCli([
      "--base-url",
      mock.url,
      "--junit",
      junit,
      "--json",
      json,
      "--wait-timeout",
      "5000",
    ]);

    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("✓ create.echoes-request");
    expect(run.stdout).toMatch(
      new RegExp(`${ALL_CASES.length} passed, 0 failed, 0 skipped of ${ALL_CASES.length}`),
    );
    const report = JSON.parse(readFileSync(json, "utf8"));
    expect(report).toMatchObject({ format: "warm-pool-contract/1", baseUrl: mock.url, ok: true });
    expect(report.cases).toHaveLength(ALL_CASES.length);
    const xml = readFileSync(junit, "utf8");
    expect(xml.match(/<testcase /g)).toHaveLength(ALL_CASES.length);
    expect(xml).toContain(`tests="${ALL_CASES.length}" failures="0"`);
  }, 30_000);
});

describe("the warm-pool-contract CLI exit codes", () => {
  it("exits 1 naming the rule, expected, actual and a curl line that reproduces the answer", async () => {
    const variant = BROKEN_VARIANTS.find((v) => v.failsCase === "errors.http-status-matches-code");
    const broken = await startBrokenMock(variant as (typeof BROKEN_VARIANTS)[number]);
    const env = { WARM_POOL_TOKEN: "wpm_acme_alice" };
    try {
      const run = await runCli(
        ["--base-url", broken.url, "--only", "errors.http-status-matches-code"],
        env,
      );
      expect(run.code).toBe(1);
      expect(run.stdout).toContain("✗ errors.http-status-matches-code");
      expect(run.stdout).toMatch(/rule: +each Connect error travels with the HTTP status/);
      expect(run.stdout).toMatch(/expected: +HTTP 404 for a request that is "not_found"/);
      expect(run.stdout).toMatch(/actual: +HTTP 400/);
      // A token from the environment is shown as the variable, never as its value.
      expect(run.stdout).not.toContain("wpm_acme_alice");
      const curl = /reproduce: (curl .*)$/m.exec(run.stdout)?.[1] ?? "";
      expect(curl).toContain("$" + "{WARM_POOL_TOKEN}");
      const replay = await runProcess("sh", ["-c", curl], env);
      expect(replay.stdout).toMatch(/^HTTP\/1\.1 400/);
      expect(replay.stdout).toContain('"code":"not_found"');
    } finally {
      await broken.close();
    }
  }, 30_000);

  it("exits 2 when the target is unreachable or the options are bad", async () => {
    const { createServer } = await import("node:http");
    const server = createServer();
    const closedUrl = await listen(server);
    await close(server);
    const unreachable = await runCli(["--base-url", closedUrl]);
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toMatch(/unreachable: .*ECONNREFUSED/);

    for (const args of [
      ["--timeout", "soon"],
      ["--only", "no.such-case"],
      ["--bogus"],
      ["--project-id", "x"],
    ]) {
      const run = await runCli(args);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr).toMatch(/^warm-pool-contract: /);
    }
  }, 30_000);

  it("runs through the package bin: --help and --list", async () => {
    const help = await runProcess("node", ["contract-tests/bin/warm-pool-contract.js", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Exit codes: 0");
    const list = await runProcess("node", ["contract-tests/bin/warm-pool-contract.js", "--list"]);
    expect(list.code).toBe(0);
    for (const c of ALL_CASES) expect(list.stdout).toContain(c.name);
  }, 30_000);
});
