import { DEFAULT_TIMEOUT_MS, DEFAULT_WAIT_TIMEOUT_MS } from "../harness-options.js";
import { parseCliArgs, parseDuration, UsageError } from "../parse-cli-args.js";
import {
  DEFAULT_BUDGET_MS,
  DEFAULT_MAX_STEPS,
  type ExploreInput,
  formatDuration,
} from "./explore-options.js";

export const EXPLORE_HELP = `warm-pool-contract explore: runs generated sequences of the five warm-pool RPCs against a
target and against the mock in this process (the reference model), compares every answer, and
shrinks the first difference to a minimal sequence with a curl script that replays it.

Usage: warm-pool-contract explore [options]

Exploration
  --budget TIME                      time for the search: 60s, 500ms, 2m (or milliseconds)
                                                                       default ${formatDuration(DEFAULT_BUDGET_MS)}
                                     (a mismatch gets what is left, at least half, to shrink)
  --seed N                           replay the run with this seed                default random
  --runs N                           the most sequences to try                    default no limit
  --max-steps N                      the most steps in a sequence                 default ${DEFAULT_MAX_STEPS}
  --no-wait                          never wait for deleted pools to disappear (targets whose
                                     deletions take minutes): no waiting steps, and sequences
                                     start beside what earlier ones left draining
Target, as for the named cases
  --base-url URL, --token TOKEN, --project-id UUID, --environment-class-id UUID,
  --second-environment-class-id UUID, --foreign-token TOKEN, --disabled-project-id UUID,
  --unconfigured-environment-class-id UUID (see warm-pool-contract --help)
Timing and reports
  --timeout TIME                     bound on each HTTP request        default ${DEFAULT_TIMEOUT_MS}
  --wait-timeout TIME                bound on a deleted pool disappearing, from its deletion
                                                                       default ${DEFAULT_WAIT_TIMEOUT_MS}
  --junit FILE, --json FILE          the run as one testcase, explore.agrees-with-model
  --openapi FILE, --strict           as for the named cases
  --no-color                         plain console output (also NO_COLOR=1)
  -h, --help                         show this help

Exit codes: 0 no mismatch and every pool cleaned up, 1 a mismatch or pools left behind, 2 the run
could not happen or was interrupted (cleanup still runs).
`;

/** What `warm-pool-contract explore …` asks for. */
export type ExploreCommand =
  | { kind: "help" }
  | { kind: "run"; input: ExploreInput; junit?: string; json?: string; color: boolean };

/**
 * Reads the arguments after `explore`: its own options, then the target, timing and report
 * options the named cases take (parsed by parseCliArgs, so both read them alike).
 */
export function parseExploreArgs(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  isTty: boolean,
): ExploreCommand {
  const own: Record<string, string | true> = {};
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [name, inline] = arg.startsWith("--") ? splitInline(arg) : [arg, undefined];
    if (name === "--no-wait") {
      if (inline !== undefined) throw new UsageError("--no-wait takes no value");
      own["no-wait"] = true;
    } else if (["--seed", "--runs", "--max-steps", "--budget"].includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`option '${name} <value>' argument missing`);
      own[name.slice(2)] = value;
    } else {
      rest.push(arg);
    }
  }
  const named = parseCliArgs(rest, env, isTty);
  if (named.kind === "help") return { kind: "help" };
  if (named.kind === "list") throw new UsageError("--list lists the named cases, not explore's");
  if (named.input.only?.length || named.input.skip?.length)
    throw new UsageError("--only and --skip select named cases; explore runs no named case");

  const input: ExploreInput = { ...named.input };
  delete input.only;
  delete input.skip;
  if (own.seed !== undefined) input.seed = readInteger("--seed", own.seed, 0, 2 ** 31 - 1);
  if (own.runs !== undefined) input.runs = readInteger("--runs", own.runs, 1, 2 ** 31 - 1);
  if (own["max-steps"] !== undefined)
    input.maxSteps = readInteger("--max-steps", own["max-steps"], 1, 1000);
  if (own.budget !== undefined) {
    const ms = readBudget(String(own.budget));
    if (ms === undefined || ms <= 0 || ms > 86_400_000) {
      throw new UsageError(
        `--budget must be a duration from 1 ms to 24 h: 60s, 500ms, 2m (or milliseconds), got "${own.budget}"`,
      );
    }
    input.budgetMs = ms;
  }
  if (own["no-wait"]) input.waits = false;
  return {
    kind: "run",
    input,
    color: named.color,
    ...(named.junit ? { junit: named.junit } : {}),
    ...(named.json ? { json: named.json } : {}),
  };
}

// As --timeout reads a time (500, 500ms, 5s, 1.5s), and in minutes too: budgets run long.
function readBudget(text: string): number | undefined {
  const minutes = /^(\d+(?:\.\d{1,3})?)m$/.exec(text.trim());
  return minutes ? Math.round(Number(minutes[1]) * 60_000) : parseDuration(text);
}

function splitInline(arg: string): [string, string | undefined] {
  const eq = arg.indexOf("=");
  return eq < 0 ? [arg, undefined] : [arg.slice(0, eq), arg.slice(eq + 1)];
}

function readInteger(name: string, value: string | true, min: number, max: number): number {
  const text = String(value);
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new UsageError(`${name} must be a whole number from ${min} to ${max}, got "${text}"`);
  }
  return Number(text);
}
