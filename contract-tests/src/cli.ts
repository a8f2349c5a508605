// The harness's only module that reads argv and the environment, writes files, and exits.
import { writeFileSync } from "node:fs";
import { ALL_CASES } from "./cases/all-cases.js";
import { HarnessSetupError } from "./harness-setup-error.js";
import { HELP, parseCliArgs, UsageError } from "./parse-cli-args.js";
import { createConsoleReport } from "./report/console-report.js";
import { renderJsonReport } from "./report/json-report.js";
import { renderJunitReport } from "./report/junit-report.js";
import { runHarness } from "./run-harness.js";

const EXIT_PASSED = 0;
const EXIT_FAILED = 1;
const EXIT_CANNOT_RUN = 2;

async function main(): Promise<number> {
  let command: ReturnType<typeof parseCliArgs>;
  try {
    command = parseCliArgs(process.argv.slice(2), process.env, Boolean(process.stdout.isTTY));
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

  // Ctrl-C stops after the current case; cleanup still runs, so the target is left as found.
  const interrupt = new AbortController();
  const onSignal = () => {
    process.stderr.write("warm-pool-contract: interrupted, cleaning up\n");
    interrupt.abort();
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  const report = createConsoleReport((text) => process.stdout.write(text), command.color);
  try {
    const result = await runHarness(command.input, report, interrupt.signal);
    report.finish(result);
    if (command.junit) writeFileSync(command.junit, renderJunitReport(result));
    if (command.json) writeFileSync(command.json, renderJsonReport(result));
    if (interrupt.signal.aborted) return EXIT_CANNOT_RUN;
    return result.ok ? EXIT_PASSED : EXIT_FAILED;
  } catch (error) {
    if (!(error instanceof HarnessSetupError)) throw error;
    process.stderr.write(`warm-pool-contract: cannot run: ${error.message}\n`);
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
