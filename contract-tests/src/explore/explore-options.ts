import type { HarnessInput } from "../harness-options.js";
import type { Step } from "./explore-step.js";

export const DEFAULT_BUDGET_MS = 60_000;
export const DEFAULT_MAX_STEPS = 30;
/** Sequences a run may try when --runs is not given: the budget ends it first. */
const UNBOUNDED_RUNS = 2 ** 31 - 1;

/** What `explore` takes besides the target: how long and how much to explore. */
export interface ExploreInput extends HarnessInput {
  /** Replays the run with this seed (fast-check's); a random one when absent. */
  seed?: number;
  /** The most sequences to try. */
  runs?: number;
  /** The most steps in a sequence. */
  maxSteps?: number;
  /** Time for the search; a mismatch found gets what is left, at least half, to shrink. */
  budgetMs?: number;
  /**
   * Wait for deleted pools to disappear: before each sequence (each pool within its
   * --wait-timeout) and in steps of their own. Off (--no-wait) for a target whose deletions
   * take minutes: sequences then start beside what earlier ones left draining.
   */
  waits?: boolean;
  /**
   * Runs these sequences (one per run, in turn) instead of generated ones: for tests that
   * hold the comparison to a known sequence. Not a command-line option.
   */
  sequences?: readonly (readonly Step[])[];
}

/** The explore-only options, defaults applied. */
export interface ExploreSettings {
  seed: number;
  runs: number;
  maxSteps: number;
  budgetMs: number;
  waits: boolean;
}

export function resolveExploreSettings(input: ExploreInput): ExploreSettings {
  return {
    seed: input.seed ?? (Date.now() ^ Math.floor(Math.random() * 0x7fffffff)) >>> 1,
    runs: input.runs ?? UNBOUNDED_RUNS,
    maxSteps: input.maxSteps ?? DEFAULT_MAX_STEPS,
    budgetMs: input.budgetMs ?? DEFAULT_BUDGET_MS,
    waits: input.waits ?? true,
  };
}

/** Renders milliseconds the way --budget takes them back. */
export function formatDuration(ms: number): string {
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}
