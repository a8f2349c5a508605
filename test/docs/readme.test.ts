import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CLI_OPTIONS } from "../../src/cli-options.js";

const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");

describe("README.md", () => {
  it("starts with exactly the two set-up commands: run the mock, run the tests", () => {
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
    const commands = firstBlock.split("\n").filter((line) => line.trim() !== "");
    expect(commands.map((c) => c.split("#")[0]?.trim())).toEqual([
      "npm ci && npm start",
      "npm test",
    ]);
  });

  it("stays a front door: about 200 lines, the rest in docs/", () => {
    expect(readme.split("\n").length).toBeLessThanOrEqual(200);
  });
});

describe("docs/cli.md", () => {
  it("documents every CLI option with its environment variable", () => {
    const running = readFileSync(new URL("../../docs/cli.md", import.meta.url), "utf8");
    for (const spec of Object.values(CLI_OPTIONS)) {
      expect(running, spec.flag).toContain(`\`--${spec.flag}`);
      expect(running, spec.env).toContain(`\`${spec.env}\``);
    }
  });
});
