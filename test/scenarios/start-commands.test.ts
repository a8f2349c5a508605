// The start-up commands of docs/scenarios.md, which the doc runner leaves to this test: each
// starts the CLI with the scenario it names, fault rules and all.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenario } from "../../src/core/load-scenario.js";
import { findPackageRoot } from "../../src/package-root.js";
import { readDocBlocks } from "../docs/read-doc-blocks.js";
import { startCli } from "../support/start-cli.js";

const covered = readDocBlocks(join(findPackageRoot(), "docs", "scenarios.md")).filter(
  (step) => step.kind === "covered" && step.by.includes("test/scenarios/start-commands.test.ts"),
);
const commands = covered.flatMap((step) =>
  step.kind === "covered"
    ? step.block.split("\n").filter((line) => line.trim() !== "" && !line.startsWith("#"))
    : [],
);

describe("docs/scenarios.md start-up commands", () => {
  it("are the warm-pool-mock commands the page leaves to this test", () => {
    expect(commands.length).toBeGreaterThan(0);
    for (const command of commands) expect(command).toMatch(/^(\w+=\S+ )*warm-pool-mock( |$)/);
  });

  it.each(commands)("`%s` starts the mock with its scenario", async (command) => {
    const words = command.split(" ");
    const at = words.indexOf("warm-pool-mock");
    const env = Object.fromEntries(words.slice(0, at).map((w) => w.split("=") as [string, string]));
    const args = words.slice(at + 1);
    const flag = args.indexOf("--scenario");
    const name = flag >= 0 ? args[flag + 1] : env.SCENARIO;
    const cli = await startCli(args, { env });
    try {
      expect(cli.output()).toContain(`"world":"scenario ${name}"`);
      const { faults } = (await (await fetch(`${cli.url}/_admin/faults`)).json()) as {
        faults: unknown[];
      };
      expect(faults).toHaveLength(loadScenario(name ?? "").faults.length);
    } finally {
      await cli.stop();
    }
  });
});
