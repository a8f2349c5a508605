import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CHECKS } from "../src/explore/explore-checks.js";
import { runExplore } from "../src/explore/run-explore.js";
import { runProcess, spawnProcess, TSX } from "./support/run-process.js";
import { SEQUENCE_VARIANT_TIMING, SEQUENCE_VARIANTS } from "./support/sequence-variants.js";
import { startBrokenMock } from "./support/start-broken-mock.js";
import { startMock } from "./support/start-mock.js";

const CLI = ["contract-tests/src/cli.ts", "explore"];
const runExploreCli = (args: readonly string[], env?: NodeJS.ProcessEnv) =>
  runProcess(TSX, [...CLI, ...args], env);

describe("warm-pool-contract explore, the command", () => {
  it("prints its own help, and refuses options it cannot use with exit code 2", async () => {
    const help = await runExploreCli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^warm-pool-contract explore: /);
    for (const option of ["--budget", "--seed", "--runs", "--max-steps", "--no-wait"])
      expect(help.stdout).toContain(option);
    const bad = await runExploreCli(["--budget", "soon"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--budget must be a duration from 1 ms to 24 h: 60s, 500ms, 2m");
  }, 30_000);

  it("exits 1 with the minimal sequence, both sides' answers, a replay script and the reports", async () => {
    const variant = SEQUENCE_VARIANTS.find((v) => v.name.startsWith("an update of a pool being"));
    const broken = await startBrokenMock(
      variant as NonNullable<typeof variant>,
      SEQUENCE_VARIANT_TIMING,
    );
    const dir = mkdtempSync(join(tmpdir(), "explore-cli-"));
    const env = { WARM_POOL_TOKEN: "wpm_acme_alice" };
    try {
      const run = await runExploreCli(
        [
          "--base-url",
          broken.url,
          "--seed",
          "1",
          "--junit",
          join(dir, "e.xml"),
          "--json",
          join(dir, "e.json"),
        ],
        env,
      );
      expect(run.code, run.stderr).toBe(1);
      expect(run.stdout).toContain("seed 1, budget 1m, up to 30 steps a sequence");
      expect(run.stdout).toMatch(/✗ a mismatch in sequence \d+ \(\d+ steps\) after/);
      expect(run.stdout).toMatch(/\n {4}1\. CreateWarmPool /);
      expect(run.stdout).toMatch(/model: +failed_precondition/);
      expect(run.stdout).toContain("replay it against the target (sh):");
      // A token from the environment is shown as the variable, never as its value.
      expect(run.stdout).not.toContain("wpm_acme_alice");
      expect(run.stdout).toMatch(/1 mismatch in [\d.]+ s; cleanup deleted \d+ pool\(s\)/);

      const report = JSON.parse(readFileSync(join(dir, "e.json"), "utf8"));
      expect(report).toMatchObject({ format: "warm-pool-contract/1", ok: false });
      expect(report.cases).toEqual([
        expect.objectContaining({ name: "explore.agrees-with-model", status: "failed" }),
      ]);
      const { mismatch } = report.explore;
      expect(mismatch.sequence.length).toBeLessThanOrEqual(6);
      expect(readFileSync(join(dir, "e.xml"), "utf8")).toContain(
        '<failure message="the target&apos;s verdict (success, or which Connect code) is the model&apos;s" type="ContractViolation">',
      );

      // The script replays the sequence against the target: the last answer is the finding.
      const replay = await runProcess("sh", ["-c", mismatch.script], env);
      expect(replay.code).toBe(0);
      const answers = replay.stdout.split(/^--- /m);
      expect(answers.at(-1)).toMatch(/HTTP\/1\.1 200 .*"phase":"WARM_POOL_PHASE_DELETING"/s);
    } finally {
      await broken.close();
    }
  }, 150_000);

  it("stops at Ctrl-C, deletes every pool it created, and exits 2", async () => {
    const mock = await startMock({ readyDelayMs: 20, deleteDelayMs: 20 });
    const before = mock.store.snapshot().warmPools;
    try {
      const { child, finished } = spawnProcess(TSX, [
        ...CLI,
        "--base-url",
        mock.url,
        "--budget",
        "2m",
      ]);
      // Once it explores (a pool of its own exists), interrupt it.
      await new Promise<void>((resolve) => {
        const timer = setInterval(() => {
          if (mock.store.snapshot().warmPools.length > before.length) {
            clearInterval(timer);
            resolve();
          }
        }, 20);
      });
      child.kill("SIGINT");
      const { code, stdout, stderr } = await finished;
      expect(code, stderr).toBe(2);
      expect(stderr).toContain("interrupted, cleaning up");
      expect(stdout).toMatch(/interrupted in [\d.]+ s; cleanup deleted [1-9]\d* pool\(s\)/);
      expect(mock.store.snapshot().warmPools).toEqual(before);
    } finally {
      await mock.close();
    }
  }, 60_000);

  it("is not held up by a target that stops answering: each request has --timeout", async () => {
    // Creates reach the mock, but their answers never come back.
    const broken = await startBrokenMock({
      name: "create answers never come",
      response: (_res, req) =>
        req.rpc === "CreateWarmPool" ? new Promise<void>(() => {}) : undefined,
    });
    const before = broken.store.snapshot().warmPools;
    try {
      const result = await runExplore({
        baseUrl: broken.url,
        seed: 1,
        timeoutMs: 300,
        budgetMs: 20_000,
      });
      expect(result.mismatch?.failure.check).toBe(CHECKS.transport);
      expect(result.mismatch?.failure.actual).toMatch(/CreateWarmPool: no answer within 300 ms/);
      // Pools whose answer was lost are found by listing, and deleted.
      expect(result.cleanup.failed).toEqual([]);
      expect(broken.store.snapshot().warmPools).toEqual(before);
    } finally {
      await broken.close();
    }
  }, 120_000);
});
