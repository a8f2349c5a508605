import type { CaseResult, HarnessObserver, HarnessResult } from "../run-harness.js";

type Paint = (text: string) => string;

/** Progress lines as cases finish, then every failure in full and a summary. */
export interface ConsoleReport extends HarnessObserver {
  finish(result: HarnessResult): void;
}

/** Creates the console report; `color` adds ANSI colours (for terminals). */
export function createConsoleReport(write: (text: string) => void, color: boolean): ConsoleReport {
  const paint =
    (code: number): Paint =>
    (text) =>
      color ? `\u001b[${code}m${text}\u001b[0m` : text;
  const green = paint(32);
  const red = paint(31);
  const yellow = paint(33);
  const dim = paint(2);
  const mark: Record<CaseResult["status"], string> = {
    passed: green("✓"),
    failed: red("✗"),
    skipped: yellow("-"),
  };

  return {
    onStart({ baseUrl, cases }) {
      write(`warm-pool-contract: ${cases.length} cases against ${baseUrl}\n`);
    },
    onCaseEnd(result) {
      const tail =
        result.status === "skipped"
          ? yellow(`skipped: ${result.skipReason}`)
          : dim(`${result.durationMs} ms`);
      write(`  ${mark[result.status]} ${result.name} ${tail}\n`);
      for (const warning of result.warnings ?? [])
        write(`      ${yellow(`warning: ${warning}`)}\n`);
    },
    finish(result) {
      const failed = result.cases.filter((c) => c.status === "failed");
      for (const [index, c] of failed.entries()) {
        const f = c.failure;
        write(`\n${red(`${index + 1}) ${c.name}`)}\n`);
        write(`   rule:     ${c.rule}\n`);
        if (!f) continue;
        write(`   check:    ${f.check}\n`);
        write(`   expected: ${f.expected}\n`);
        write(`   actual:   ${f.actual}\n`);
        for (const also of f.alsoBroken ?? []) {
          write(`   also:     ${also.check}: expected ${also.expected}, got ${also.actual}\n`);
        }
        if (f.response)
          write(`   response: HTTP ${f.response.status} ${f.response.body.slice(0, 500)}\n`);
        if (f.curl) write(`   reproduce: ${f.curl}\n`);
      }
      const { cleanup, summary } = result;
      if (cleanup.failed.length > 0) {
        write(`\n${red("cleanup could not remove pools the run created:")}\n`);
        for (const problem of cleanup.failed) write(`   ${problem.id}: ${problem.reason}\n`);
      }
      const parts = [
        green(`${summary.passed} passed`),
        summary.failed > 0 ? red(`${summary.failed} failed`) : `${summary.failed} failed`,
        summary.skipped > 0 ? yellow(`${summary.skipped} skipped`) : `${summary.skipped} skipped`,
        ...(summary.warnings > 0
          ? [
              yellow(
                `${summary.warnings} warning(s) (unknown response fields; --strict fails on them)`,
              ),
            ]
          : []),
      ];
      write(
        `\n${parts.join(", ")} of ${summary.total} in ${(result.durationMs / 1000).toFixed(1)} s; ` +
          `cleanup deleted ${cleanup.deleted.length} pool(s) the run created\n`,
      );
    },
  };
}
