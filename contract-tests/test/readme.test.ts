import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findFreePort } from "../../scripts/find-free-port.js";
import { ALL_CASES } from "../src/cases/all-cases.js";
import { EXPLORE_HELP } from "../src/explore/parse-explore-args.js";
import { HELP } from "../src/parse-cli-args.js";
import { BROKEN_VARIANTS } from "./support/broken-variants.js";
import { ROOT, runProcess, TSX } from "./support/run-process.js";
import { SEQUENCE_VARIANTS } from "./support/sequence-variants.js";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const shBlocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] ?? "");

describe("contract-tests/README.md is the harness's full reference", () => {
  it("documents every option of --help", () => {
    const options = new Set(HELP.match(/--[a-z][a-z-]+/g));
    expect(options.size).toBeGreaterThan(15);
    for (const option of options) expect(readme, option).toContain(`\`${option}`);
  });

  it("documents every option of explore --help", () => {
    const options = new Set(EXPLORE_HELP.match(/--[a-z][a-z-]+/g));
    expect(options.size).toBeGreaterThan(15);
    for (const option of options) expect(readme, option).toContain(`\`${option}`);
  });

  it("names every sequence-only variant with the rule it breaks", () => {
    for (const variant of SEQUENCE_VARIANTS) {
      expect(readme.split("\n").find((l) => l.startsWith(`| ${variant.name} `))).toBeDefined();
    }
  });

  it("lists every case under its group, and their number", () => {
    expect(readme).toContain(`The ${ALL_CASES.length} cases, by group:`);
    const lines = readme.split("\n");
    for (const { name } of ALL_CASES) {
      const [group, rest] = name.split(".") as [string, string];
      const line = lines.find((l) => l.includes(`\`${group}\`:`)) ?? "";
      const afterGroup = line.slice(line.indexOf(`\`${group}\`:`)).split(";")[0] ?? "";
      expect(
        afterGroup.split(/[:,]\s*/).map((n) => n.trim()),
        name,
      ).toContain(rest);
    }
  });

  it("names every broken variant with the case it fails", () => {
    for (const variant of BROKEN_VARIANTS) {
      const row = readme.split("\n").find((l) => l.startsWith(`| ${variant.name} `));
      expect(row, variant.name).toContain(`\`${variant.failsCase}\``);
    }
  });

  it("gives the three exit codes", () => {
    for (const code of ["**0**", "**1**", "**2**"]) expect(readme).toContain(`| ${code} |`);
  });

  // Each sh block runs as a script against a mock of its own on a free port: `npm start` is
  // the same CLI as `tsx src/cli.ts` (minus the build), `npx warm-pool-contract` the package
  // bin, `npx tsx` the repository's tsx, and a block that starts no mock gets one. Files are
  // written to a temporary directory.
  it.each(shBlocks.map((block, i) => [i + 1, block] as const))(
    "runs the commands of sh block %i and they succeed",
    async (_index, block) => {
      const port = await findFreePort();
      const work = mkdtempSync(join(tmpdir(), "contract-readme-"));
      const script = toScript(block, port);
      const run = await runProcess("sh", ["-c", script], {
        WORK: work,
        WARM_POOL_BASE_URL: `http://127.0.0.1:${port}`,
      });
      expect(run.code, `${script}\n${run.stdout}\n${run.stderr}`).toBe(0);
      for (const file of block.match(/(?<=--(junit|json) )\S+/g) ?? [])
        expect(existsSync(join(work, file)), file).toBe(true);
    },
    120_000,
  );
});

const MOCK = `"${TSX}" "${ROOT}src/cli.ts"`;

function toScript(block: string, port: number): string {
  const commands = block
    .split("\n")
    .map((line) => line.replace(/\s+#.*$/, "").trim())
    .filter(Boolean);
  const startsMock = commands.some((c) => c.startsWith("npm start"));
  const waitsForMock = commands.some((c) => c.startsWith("until curl"));
  const ready = `until curl -s -o /dev/null http://127.0.0.1:${port}/healthz; do sleep 0.2; done`;
  const lines = ['cd "$WORK"', "set -e"];
  if (!startsMock) {
    lines.push(`${MOCK} --port ${port} --ready-delay-ms 20 --delete-delay-ms 20 &`);
    lines.push("MOCK=$!", "trap 'kill $MOCK' EXIT", ready);
  }
  for (const command of commands) {
    let line = command
      .replaceAll("127.0.0.1:4010", `127.0.0.1:${port}`)
      .replaceAll("--port 4010", `--port ${port}`)
      .replace(
        /^npx warm-pool-contract\b/,
        `node "${ROOT}contract-tests/bin/warm-pool-contract.js"`,
      )
      // A script of the repository, run as from its root (tsconfig paths and all).
      .replace(/^npx tsx\b/, `TSX_TSCONFIG_PATH="${ROOT}tsconfig.json" "${TSX}"`)
      .replaceAll(" contract-tests/", ` "${ROOT}"contract-tests/`);
    if (line.startsWith("npm start")) {
      const args = line
        .replace(/^npm start( --)?/, "")
        .replace(/&$/, "")
        .trim();
      line = `${MOCK} ${args}${args.includes("--port") ? "" : ` --port ${port}`} &`;
      lines.push(line, "MOCK=$!", "trap 'kill $MOCK' EXIT");
      if (!waitsForMock) lines.push(ready);
      continue;
    }
    lines.push(line);
  }
  return lines.join("\n");
}
