import { formatDuration } from "../explore/explore-options.js";
import { renderSequence } from "../explore/render-sequence.js";
import type { ExploreObserver, ExploreResult } from "../explore/run-explore.js";
import type { HarnessResult } from "../run-harness.js";

/** The name of the testcase an explore run is in the JUnit and JSON reports. */
export const EXPLORE_CASE = "explore.agrees-with-model";
const EXPLORE_RULE =
  "every answer of generated sequences of the five RPCs agrees with the reference model (the mock in process): verdict, refusal fields and rule ids, the pool fields the contract fixes, phases as the target's timing allows, list filters, organizations and completeness";

/**
 * An explore run as the harness's reports know runs: one testcase, failed on a mismatch with
 * the minimal sequence in its text and the replay script as its reproduction; the coverage
 * goes in `explore` (JSON only).
 */
export function toHarnessResult(result: ExploreResult): HarnessResult & { explore: unknown } {
  const mismatch = result.mismatch;
  const status = mismatch ? "failed" : result.stoppedBy === "interrupt" ? "skipped" : "passed";
  const failing = mismatch?.sequence.steps.at(-1);
  return {
    baseUrl: result.baseUrl,
    startedAt: result.startedAt,
    durationMs: result.durationMs,
    cases: [
      {
        name: EXPLORE_CASE,
        rule: EXPLORE_RULE,
        status,
        durationMs: result.durationMs,
        ...(status === "skipped" ? { skipReason: "the run was interrupted" } : {}),
        ...(mismatch
          ? {
              failure: {
                check: mismatch.failure.check,
                expected: `the model: ${mismatch.failure.expected}`,
                actual: `the target: ${mismatch.failure.actual}\n\n${renderSequence(mismatch.sequence)}`,
                curl: mismatch.script,
                ...(mismatch.failure.response ? { response: mismatch.failure.response } : {}),
              },
            }
          : {}),
        ...(result.warnings.length > 0 ? { warnings: [...result.warnings] } : {}),
      },
    ],
    cleanup: result.cleanup,
    summary: {
      total: 1,
      passed: status === "passed" ? 1 : 0,
      failed: status === "failed" ? 1 : 0,
      skipped: status === "skipped" ? 1 : 0,
      warnings: result.warnings.length,
    },
    ok: result.ok,
    explore: {
      seed: result.seed,
      budgetMs: result.budgetMs,
      maxSteps: result.maxSteps,
      stoppedBy: result.stoppedBy,
      searched: result.searched,
      coverage: result.coverage,
      ...(mismatch
        ? {
            mismatch: {
              found: mismatch.found,
              shrinking: mismatch.shrinking,
              failingStep: failing?.number,
              sequence: mismatch.sequence.steps.map(({ replay: _, ...step }) => step),
              leftovers: mismatch.sequence.leftovers,
              script: mismatch.script,
            },
          }
        : {}),
    },
  };
}

/** Progress and the final account of an explore run, for the console. */
export interface ExploreConsoleReport extends ExploreObserver {
  finish(result: ExploreResult): void;
}

export function createExploreConsoleReport(
  write: (text: string) => void,
  color: boolean,
): ExploreConsoleReport {
  const paint = (code: number) => (text: string) =>
    color ? `\u001b[${code}m${text}\u001b[0m` : text;
  const red = paint(31);
  const green = paint(32);
  const dim = paint(2);
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return {
    onStart({ baseUrl, seed, budgetMs, maxSteps }) {
      write(
        `warm-pool-contract explore: ${baseUrl}, seed ${seed}, budget ${formatDuration(budgetMs)}, up to ${maxSteps} steps a sequence\n`,
      );
    },
    onMismatch({ sequence, afterMs, steps }) {
      write(
        `  ${red("✗")} a mismatch in sequence ${sequence} (${steps} steps) after ${seconds(afterMs)}; shrinking it\n`,
      );
    },
    finish(result) {
      const { mismatch, searched, coverage } = result;
      if (mismatch) {
        const { shrinking, sequence } = mismatch;
        write(
          `\n${red(`✗ ${mismatch.failure.check}`)}\n` +
            `  the minimal sequence, ${sequence.steps.length} step(s) (from ${mismatch.found.steps}, ${shrinking.attempts} tries in ${seconds(shrinking.durationMs)}${shrinking.reproduced ? "" : "; it did not fail again from a clean start, so this is the sequence as found"}):\n`,
        );
        write(renderSequence(sequence, "    "));
        write(`\n  replay it against the target (sh):\n`);
        write(
          mismatch.script
            .trimEnd()
            .split("\n")
            .map((line) => `    ${line}`)
            .join("\n"),
        );
        write("\n");
      }
      for (const warning of result.warnings) write(`  ${dim(`warning: ${warning}`)}\n`);
      const rpcs = Object.entries(coverage.rpcs)
        .map(([rpc, n]) => `${rpc} ${n}`)
        .join(", ");
      const wires = Object.entries(coverage.wires)
        .sort((a, b) => b[1] - a[1])
        .map(([wire, n]) => `${wire} ${n}`)
        .join(", ");
      const byRpc = new Map<string, string[]>();
      for (const pair of coverage.verdicts) {
        const [rpc = "", ...verdict] = pair.split(" ");
        byRpc.set(rpc, [...(byRpc.get(rpc) ?? []), verdict.join(" ")]);
      }
      const stopped = {
        budget: "the budget ran out",
        runs: "--runs were done",
        mismatch: "a mismatch",
        interrupt: "interrupted",
      }[result.stoppedBy];
      const shrinking = mismatch ? `; shrinking ran ${mismatch.shrinking.attempts} more` : "";
      write(
        `\nexplored ${searched.sequences} sequence(s), ${searched.steps} step(s) in ${seconds(searched.durationMs)} (stopped by ${stopped})${shrinking}\n`,
      );
      if (rpcs) write(`  calls, all sequences: ${rpcs}\n  wires: ${wires}\n`);
      if (byRpc.size > 0) {
        write(`  ${coverage.verdicts.length} distinct verdicts:\n`);
        for (const [rpc, verdicts] of byRpc) write(`    ${rpc}: ${verdicts.join(", ")}\n`);
      }
      const { cleanup } = result;
      if (cleanup.failed.length > 0) {
        write(`\n${red("cleanup could not remove pools the run created:")}\n`);
        for (const problem of cleanup.failed) write(`   ${problem.id}: ${problem.reason}\n`);
      }
      const verdict = mismatch
        ? red("1 mismatch")
        : result.stoppedBy === "interrupt"
          ? "interrupted"
          : green("no mismatch");
      write(
        `\n${verdict} in ${seconds(result.durationMs)}; cleanup deleted ${cleanup.deleted.length} pool(s) the run created; replay: --seed ${result.seed}\n`,
      );
    },
  };
}
