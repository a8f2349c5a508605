// A long explore run against the mock, with fast and with slow lifecycle delays: what the test
// suite does with 1,000 sequences, for as many as you like. The mock runs in this process,
// loaded as a user would, by the package's name.
//
//   npx tsx contract-tests/scripts/explore-long-run.ts --runs 20000 --max-steps 12
//
// Prints, per delay setting, the sequences and steps run, the wall time and the CPU time of
// this process (target and model both), and exits 1 on a mismatch.
import { parseArgs } from "node:util";
import { startMock } from "warm-pool-mock";
import { renderSequence } from "../src/explore/render-sequence.js";
import { runExplore } from "../src/explore/run-explore.js";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "10000" },
    "max-steps": { type: "string", default: "8" },
    seed: { type: "string", default: "1" },
  },
});
const runs = Number(values.runs);
const maxSteps = Number(values["max-steps"]);
const seed = Number(values.seed);

const SETTINGS = [
  { name: "fast (20 ms)", timing: { readyDelayMs: 20, deleteDelayMs: 20 }, waits: true },
  {
    name: "slow (READY after 5 s, gone 2 s after deletion; --no-wait)",
    timing: { readyDelayMs: 5000, deleteDelayMs: 2000 },
    waits: false,
  },
];

let failed = false;
for (const { name, timing, waits } of SETTINGS) {
  const mock = await startMock({ timing });
  const cpu = process.cpuUsage();
  const result = await runExplore({
    baseUrl: mock.url,
    runs,
    maxSteps,
    seed,
    waits,
    budgetMs: 24 * 3_600_000,
    waitTimeoutMs: 10_000,
  });
  const used = process.cpuUsage(cpu);
  await mock.close();
  const ms = (used.user + used.system) / 1000;
  process.stdout.write(
    `${name}: ${result.searched.sequences} sequences, ${result.searched.steps} steps in ` +
      `${(result.durationMs / 1000).toFixed(1)} s (CPU ${(ms / 1000).toFixed(1)} s, ` +
      `${(ms / Math.max(1, result.searched.steps)).toFixed(2)} ms a step), ` +
      `${result.coverage.verdicts.length} distinct verdicts, ` +
      `${result.mismatch ? "a MISMATCH" : "no mismatch"}, cleanup deleted ${result.cleanup.deleted.length}\n`,
  );
  if (result.mismatch) {
    process.stdout.write(renderSequence(result.mismatch.sequence));
    failed = true;
  }
  if (!result.ok) failed = true;
}
process.exitCode = failed ? 1 : 0;
