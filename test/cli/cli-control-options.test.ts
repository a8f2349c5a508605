import { describe, expect, it } from "vitest";
import { STANDARD, WEB_APP } from "../support/fixtures.js";
import { type CliExit, startCli } from "../support/start-cli.js";

const HEADERS = { "Content-Type": "application/json", Authorization: "Bearer wpm_acme_alice" };

describe("CLI options of the simulation and control plane", () => {
  it("--time-scale speeds up every delay; --admin-token guards /_admin", async () => {
    const cli = await startCli(["--time-scale", "1000", "--admin-token", "t0ken"]);
    try {
      const created = await fetch(`${cli.url}/gitpod.v1.PrebuildService/CreateWarmPool`, {
        method: "POST",
        headers: HEADERS,
        body: JSON.stringify({
          projectId: WEB_APP,
          environmentClassId: STANDARD,
        }),
      });
      const { warmPool } = (await created.json()) as { warmPool: { id: string } };
      // The default 1500 ms to READY takes 1.5 ms at x1000.
      await new Promise((resolve) => setTimeout(resolve, 50));
      const got = await fetch(`${cli.url}/gitpod.v1.PrebuildService/GetWarmPool`, {
        method: "POST",
        headers: HEADERS,
        body: JSON.stringify({ warmPoolId: warmPool.id }),
      });
      const body = (await got.json()) as { warmPool: { status: { phase: string } } };
      expect(body.warmPool.status.phase).toBe("WARM_POOL_PHASE_READY");
      expect((await fetch(`${cli.url}/_admin/clock`)).status).toBe(401);
      const ok = await fetch(`${cli.url}/_admin/clock`, {
        headers: { Authorization: "Bearer t0ken" },
      });
      expect(((await ok.json()) as { scale: number }).scale).toBe(1000);
    } finally {
      await cli.stop();
    }
  }, 30_000);

  it("NO_ADMIN=1 (like --no-admin) leaves /_admin unserved", async () => {
    process.env.NO_ADMIN = "1";
    const cli = await startCli([]).finally(() => {
      delete process.env.NO_ADMIN;
    });
    try {
      expect(cli.output()).toContain('"admin":"off"');
      expect((await fetch(`${cli.url}/_admin/clock`)).status).toBe(404);
    } finally {
      await cli.stop();
    }
  }, 30_000);

  it("rejects a bad --clock or --time-scale before listening", async () => {
    for (const [args, message] of [
      [["--clock", "sometimes"], /--clock: expected one of real, manual/],
      [["--time-scale=0"], /--time-scale: expected a number above 0/],
    ] as const) {
      const error = await startCli([...args]).catch((e: unknown) => e);
      expect((error as CliExit).code).toBe(2);
      expect((error as CliExit).output).toMatch(message);
    }
  }, 30_000);
});
