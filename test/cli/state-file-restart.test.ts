import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { STANDARD, WEB_APP } from "../support/fixtures.js";
import { CliExit, startCli } from "../support/start-cli.js";

const HEADERS = { "Content-Type": "application/json", Authorization: "Bearer wpm_acme_alice" };
const PAIR = {
  projectId: WEB_APP,
  environmentClassId: STANDARD,
};

interface Answer {
  warmPool: { id: string; status: { phase: string } };
  nowMs: number;
}

async function post(url: string, body: unknown) {
  const res = await fetch(url, { method: "POST", headers: HEADERS, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Answer };
}

describe("--state-file across restarts", () => {
  it("saves at shutdown and after changes, and a restart resumes the world and the manual clock", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "wpm-restart-")), "state.json");
    const args = ["--clock", "manual", "--state-file", path];

    const first = await startCli(args);
    const created = await post(`${first.url}/gitpod.v1.PrebuildService/CreateWarmPool`, PAIR);
    expect(created.status).toBe(200);
    const id = created.body.warmPool.id;
    const clock = await post(`${first.url}/_admin/clock/advance`, { ms: 1000 });
    expect(await first.stop("SIGTERM")).toBe(0);
    // It holds every principal's token: readable and writable by its owner only.
    expect((statSync(path).mode & 0o777).toString(8)).toBe("600");

    const second = await startCli(args);
    expect(second.output()).toContain(`"world":"state file ${path}"`);
    const pool = await post(`${second.url}/gitpod.v1.PrebuildService/GetWarmPool`, {
      warmPoolId: id,
    });
    expect(pool.body.warmPool.status.phase).toBe("WARM_POOL_PHASE_PENDING"); // ready at +1500
    const now = (await (await fetch(`${second.url}/_admin/clock`)).json()) as Answer;
    expect(now.nowMs).toBe(clock.body.nowMs);
    await post(`${second.url}/_admin/clock/advance`, { ms: 500 });
    // Killed without a chance to flush: the debounced write must already have happened.
    await new Promise((resolve) => setTimeout(resolve, 600));
    await second.stop("SIGKILL");

    const saved = JSON.parse(readFileSync(path, "utf8"));
    const savedPool = saved.warmPools.find((p: { id: string }) => p.id === id);
    expect(savedPool.status.phase).toBe("WARM_POOL_PHASE_READY");
  }, 30_000);

  it("refuses to start from a corrupt state file, says why, and leaves it untouched", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "wpm-corrupt-")), "state.json");
    writeFileSync(path, '{"version": 1, "organiz');
    const error = await startCli(["--state-file", path]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliExit);
    expect((error as CliExit).code).toBe(2);
    expect((error as CliExit).output).toMatch(/state file .* is not valid JSON .* left untouched/);
    expect(readFileSync(path, "utf8")).toBe('{"version": 1, "organiz');
  }, 30_000);
});
