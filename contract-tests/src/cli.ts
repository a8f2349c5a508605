// The harness's only module that reads argv and the environment, writes files, and exits.
import { writeFileSync } from "node:fs";
import { ALL_CASES } from "./cases/all-cases.js";
import {
  EXPLORE_HELP,
  type ExploreCommand,
  parseExploreArgs,
} from "./explore/parse-explore-args.js";
import { runExplore } from "./explore/run-explore.js";
import { HarnessSetupError } from "./harness-setup-error.js";
import { HELP, parseCliArgs, UsageError } from "./parse-cli-args.js";
import { createConsoleReport } from "./report/console-report.js";
import { createExploreConsoleReport, toHarnessResult } from "./report/explore-report.js";
import { renderJsonReport } from "./report/json-report.js";
import { renderJunitReport } from "./report/junit-report.js";
import { type HarnessResult, runHarness } from "./run-harness.js";

const EXIT_PASSED = 0;
const EXIT_FAILED = 1;
const EXIT_CANNOT_RUN = 2;

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (argv[0] === "explore") return explore(argv.slice(1));
  let command: ReturnType<typeof parseCliArgs>;
  try {
    command = parseCliArgs(argv, process.env, Boolean(process.stdout.isTTY));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`warm-pool-contract: ${error.message}\nTry --help.\n`);
    return EXIT_CANNOT_RUN;
  }
  if (command.kind === "help") {
    process.stdout.write(HELP);
    return EXIT_PASSED;
  }
  if (command.kind === "list") {
    for (const c of ALL_CASES) {
      const needs = c.needs?.length ? ` [needs ${c.needs.join(", ")}]` : "";
      process.stdout.write(`${c.name}${needs}\n    ${c.rule}\n`);
    }
    return EXIT_PASSED;
  }

  const report = createConsoleReport((text) => process.stdout.write(text), command.color);
  return runToExit("warm-pool-contract", command, async (signal) => {
    const result = await runHarness(command.input, report, signal);
    report.finish(result);
    return { ok: result.ok, entry: result };
  });
}

// `warm-pool-contract explore`: generated sequences compared with the reference model.
async function explore(argv: readonly string[]): Promise<number> {
  let command: ExploreCommand;
  try {
    command = parseExploreArgs(argv, process.env, Boolean(process.stdout.isTTY));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`warm-pool-contract explore: ${error.message}\nTry --help.\n`);
    return EXIT_CANNOT_RUN;
  }
  if (command.kind === "help") {
    process.stdout.write(EXPLORE_HELP);
    return EXIT_PASSED;
  }
  const report = createExploreConsoleReport((text) => process.stdout.write(text), command.color);
  return runToExit("warm-pool-contract explore", command, async (signal) => {
    const result = await runExplore(command.input, report, signal);
    report.finish(result);
    return { ok: result.ok, entry: toHarnessResult(result) };
  });
}

/**
 * Runs (Ctrl-C stops after the current case or step; cleanup still runs, so the target is left
 * as found), writes the reports asked for, and turns the outcome into the exit code.
 */
async function runToExit(
  name: string,
  command: { junit?: string; json?: string },
  run: (signal: AbortSignal) => Promise<{ ok: boolean; entry: HarnessResult }>,
): Promise<number> {
  const interrupt = new AbortController();
  const onSignal = () => {
    process.stderr.write("warm-pool-contract: interrupted, cleaning up\n");
    interrupt.abort();
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    const { ok, entry } = await run(interrupt.signal);
    if (command.junit) writeFileSync(command.junit, renderJunitReport(entry));
    if (command.json) writeFileSync(command.json, renderJsonReport(entry));
    if (interrupt.signal.aborted) return EXIT_CANNOT_RUN;
    return ok ? EXIT_PASSED : EXIT_FAILED;
  } catch (error) {
    if (!(error instanceof HarnessSetupError)) throw error;
    process.stderr.write(`${name}: cannot run: ${error.message}\n`);
    return EXIT_CANNOT_RUN;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `warm-pool-contract: internal error: ${(error as Error)?.stack ?? String(error)}\n`,
    );
    process.exitCode = EXIT_CANNOT_RUN;
  },
);
