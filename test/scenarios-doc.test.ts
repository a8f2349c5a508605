// Every shell command in docs/scenarios.md runs here, and does what the page says.
import { execFile, execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { listScenarioNames, loadScenario } from "../src/server/load-scenario.js";
import { listen } from "./support/listen.js";
import { walkPools } from "./support/scenario-promises.js";
import { startCli } from "./support/start-cli.js";

const page = readFileSync(new URL("../docs/scenarios.md", import.meta.url), "utf8");
const commands = [...page.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((block) =>
  (block[1] ?? "").split("\n").filter((line) => line.trim() !== "" && !line.startsWith("#")),
);
const DOC_URL = "http://127.0.0.1:4010";
const run = promisify(execFile);

const starts = commands.filter((c) => /^(\w+=\S+ )*warm-pool-mock /.test(c));
const curls = commands.filter((c) => c.startsWith("curl "));
const npmRuns = commands.filter((c) => c.startsWith("npm "));

describe("docs/scenarios.md", () => {
  it("runs only commands this test knows how to run", () => {
    expect(starts.length + curls.length + npmRuns.length).toBe(commands.length);
    expect(starts.length).toBeGreaterThan(0);
    expect(curls.length).toBeGreaterThan(0);
  });

  it("describes every shipped scenario under its own heading", () => {
    for (const name of listScenarioNames()) expect(page).toContain(`### \`${name}\``);
  });

  it.each(starts)("starts the mock as `%s`", async (command) => {
    const words = command.split(" ");
    const env = Object.fromEntries(
      words.filter((w) => /^\w+=/.test(w)).map((w) => w.split("=") as [string, string]),
    );
    const args = words.slice(words.indexOf("warm-pool-mock") + 1);
    const cli = await startCli(args, env);
    try {
      const flag = args.indexOf("--scenario");
      const name = flag >= 0 ? args[flag + 1] : env.SCENARIO;
      expect(cli.output()).toContain(`"world":"scenario ${name}"`);
      const { faults } = (await (await fetch(`${cli.url}/_admin/faults`)).json()) as {
        faults: unknown[];
      };
      expect(faults).toHaveLength(loadScenario(name ?? "").faults.length);
    } finally {
      await cli.stop();
    }
  });

  it("runs the run-time commands in order against a mock, with the results it describes", async () => {
    const url = await listen();
    // Asynchronously: the mock answering them runs in this process.
    const outputs: Record<string, unknown>[] = [];
    for (const command of curls) {
      const { stdout } = await run("sh", ["-c", command.replaceAll(DOC_URL, url)]);
      outputs.push(JSON.parse(stdout) as Record<string, unknown>);
    }
    const [list, loaded, pools, clock] = outputs;
    expect(((list?.scenarios ?? []) as { name: string }[]).map((s) => s.name)).toEqual(
      listScenarioNames(),
    );
    expect(loaded).toMatchObject({ name: "every-phase", world: { warmPools: 8 } });
    expect(pools?.warmPools).toHaveLength(8);
    expect(clock).toMatchObject({ mode: "manual", now: "2026-01-05T09:10:05.000Z" });
    expect((await walkPools(url)).pools).toHaveLength(7);
  });

  it.each(npmRuns)("runs `%s`", (command) => {
    expect(() => execFileSync("sh", ["-c", command], { stdio: "pipe" })).not.toThrow();
  });
});
