import fc from "fast-check";
import type { FailureDetail } from "../case-failure.js";
import { checkOptions } from "../check-options.js";
import { connectTarget } from "../connect-target.js";
import { resolveHarnessOptions } from "../harness-options.js";
import { ApiClient } from "../http/api-client.js";
import type { CleanupReport } from "../pool-tracker.js";
import { preflight } from "../preflight.js";
import { loadValidator } from "../run-harness.js";
import { sweepLostPools } from "../sweep-lost-pools.js";
import { type ExploreInput, resolveExploreSettings } from "./explore-options.js";
import { ExploreSession } from "./explore-session.js";
import type { Step } from "./explore-step.js";
import { createModelWorld, type ExploreFixtures } from "./model-world.js";
import { startReferenceModel } from "./reference-model.js";
import { renderReplayScript } from "./render-replay-script.js";
import type { SequenceRecord } from "./sequence-record.js";
import { type StepChoices, sequenceArbitrary } from "./step-arbitraries.js";

/** A mismatch, shrunk: the minimal sequence with both sides' answers and how to replay it. */
export interface ExploreMismatch {
  /** What broke, at the failing step; `curl` is the whole replay script. */
  failure: FailureDetail;
  /** The steps of the minimal sequence, the failing one last. */
  sequence: SequenceRecord;
  /** A POSIX shell script of curl lines that replays the sequence against the target. */
  script: string;
  /** Which sequence of the search failed, after how long, and how many steps it had. */
  found: { sequence: number; afterMs: number; steps: number };
  /** Sequences tried while shrinking, how long it took, and whether the failure came back. */
  shrinking: { attempts: number; durationMs: number; reproduced: boolean };
}

/** What an explore run covered and found. */
export interface ExploreResult {
  baseUrl: string;
  startedAt: string;
  durationMs: number;
  seed: number;
  budgetMs: number;
  maxSteps: number;
  /** What ended the search. */
  stoppedBy: "budget" | "runs" | "mismatch" | "interrupt";
  /** Sequences and steps of the search (shrinking not counted), and how long it took. */
  searched: { sequences: number; steps: number; durationMs: number };
  /**
   * Calls per RPC and per wire, and the distinct `RPC verdict` pairs the target gave, over all
   * sequences (shrinking's included).
   */
  coverage: { rpcs: Record<string, number>; wires: Record<string, number>; verdicts: string[] };
  mismatch?: ExploreMismatch;
  /** Unknown response fields (failures with --strict). */
  warnings: string[];
  cleanup: CleanupReport;
  ok: boolean;
}

/** Hooks for progress reports. */
export interface ExploreObserver {
  onStart?(info: { baseUrl: string; seed: number; budgetMs: number; maxSteps: number }): void;
  onMismatch?(info: { sequence: number; afterMs: number; steps: number }): void;
}

/** Replays of a mismatch before it counts as one the target's timing decided. */
const REPLAYS = 3;

// The seed a search goes on with after a mismatch that did not fail again (Park-Miller).
function nextSeed(seed: number): number {
  return Number((BigInt(seed || 1) * 48271n) % 2147483647n);
}

class Interrupted extends Error {
  override name = "Interrupted";
}

class StepCommand implements fc.AsyncCommand<object, ExploreSession> {
  constructor(readonly step: Step) {}
  check(): boolean {
    return true;
  }
  async run(_model: object, session: ExploreSession): Promise<void> {
    await session.run(this.step);
  }
  toString(): string {
    return JSON.stringify(this.step);
  }
}

/**
 * Explores the target with generated sequences of the five RPCs, each step compared with the
 * reference model; shrinks the first mismatch to a minimal sequence; deletes every pool it
 * created, also when interrupted. Throws HarnessSetupError when the run cannot happen.
 */
export async function runExplore(
  input: ExploreInput = {},
  observer: ExploreObserver = {},
  signal?: AbortSignal,
): Promise<ExploreResult> {
  const started = Date.now();
  const options = resolveHarnessOptions(input);
  checkOptions(options);
  const settings = resolveExploreSettings(input);
  const validator = await loadValidator(options);

  const { client: target, housekeeping, tracker } = connectTarget(options, signal);
  const setup = await preflight(options, housekeeping);
  const lacks = (capability: Parameters<typeof setup.capabilities.has>[0]) =>
    setup.capabilities.has(capability);
  const fixtures: ExploreFixtures = {
    token: options.credential.token,
    projectId: options.projectId,
    classIds: [
      options.environmentClassId,
      ...(options.secondEnvironmentClassId && !lacks("second-class")
        ? [options.secondEnvironmentClassId]
        : []),
    ],
    ...(options.foreignCredential && !lacks("foreign-token")
      ? { foreignToken: options.foreignCredential.token }
      : {}),
    ...(options.disabledProjectId ? { disabledProjectId: options.disabledProjectId } : {}),
    ...(options.unconfiguredEnvironmentClassId
      ? { unconfiguredClassId: options.unconfiguredEnvironmentClassId }
      : {}),
  };
  const choices: StepChoices = {
    secondClass: fixtures.classIds.length > 1,
    foreignToken: fixtures.foreignToken !== undefined,
    disabledProject: fixtures.disabledProjectId !== undefined,
    unconfiguredClass: fixtures.unconfiguredClassId !== undefined,
    waits: settings.waits,
  };

  const reference = await startReferenceModel(createModelWorld(fixtures, started));
  const model = new ApiClient(
    reference.baseUrl,
    options.credential,
    options.timeoutMs,
    undefined,
    undefined,
    reference.fetch,
  );
  const session = new ExploreSession({
    target,
    housekeeping,
    model,
    reference,
    tracker,
    validator,
    strict: options.strict,
    fixtures,
    own: options.credential,
    ...(fixtures.foreignToken && options.foreignCredential
      ? { foreign: options.foreignCredential }
      : {}),
    runStartedAt: started,
    waits: settings.waits,
  });

  const given = input.sequences?.map((steps) => steps.map((step) => new StepCommand(step)));
  const sequences: fc.Arbitrary<Iterable<fc.AsyncCommand<object, ExploreSession>>> = given
    ? fc.integer({ min: 0, max: given.length - 1 }).map((i) => given[i] ?? [])
    : sequenceArbitrary(choices, settings.maxSteps, (step) => new StepCommand(step));
  // fast-check's time limit stops waiting for a run, not the run itself: the sequence under
  // way goes on calling the target. `running` is it, awaited after every check, so that no
  // sequence overlaps the next search, the shrinking or the final clean-up.
  let running: Promise<unknown> = Promise.resolve();
  const property = fc.asyncProperty(sequences, (commands) => {
    const run = (async () => {
      if (signal?.aborted) throw new Interrupted();
      await session.beginSequence();
      let failed = true;
      try {
        await fc.asyncModelRun(() => ({ model: {}, real: session }), commands);
        failed = false;
      } finally {
        await session.endSequence(failed);
      }
    })();
    running = run.catch(() => undefined);
    return run;
  });

  observer.onStart?.({
    baseUrl: options.baseUrl,
    seed: settings.seed,
    budgetMs: settings.budgetMs,
    maxSteps: settings.maxSteps,
  });
  let stoppedBy: ExploreResult["stoppedBy"] = "runs";
  let mismatch: ExploreMismatch | undefined;
  let fallback: ExploreMismatch | undefined;
  const searched = { sequences: 0, steps: 0, durationMs: 0 };
  let cleanup: CleanupReport;
  const searchStarted = Date.now();
  try {
    // Search; shrink the first mismatch. One that does not fail again when replayed (the
    // target's timing decided it, or the target is stuck) is kept aside while the search goes
    // on with the next seed, for twice as long as it took to find (a tenth of the budget at
    // least), in case a mismatch that does replay turns up.
    let seed = settings.seed;
    let deadline = searchStarted + settings.budgetMs;
    for (;;) {
      const remaining = deadline - Date.now();
      const runsLeft = settings.runs - searched.sequences;
      if (remaining <= 0 || runsLeft <= 0) {
        stoppedBy = remaining <= 0 ? "budget" : "runs";
        break;
      }
      const before = { ...session.coverage };
      const search = await fc.check(property, {
        seed,
        numRuns: runsLeft,
        endOnFailure: true,
        interruptAfterTimeLimit: remaining,
        markInterruptAsFailure: false,
      });
      await running;
      searched.sequences += session.coverage.sequences - before.sequences;
      searched.steps += session.coverage.steps - before.steps;
      searched.durationMs = Date.now() - started;
      if (signal?.aborted) {
        stoppedBy = "interrupt";
        break;
      }
      const first = session.lastFailure;
      if (!search.failed || !first) {
        stoppedBy = search.interrupted ? "budget" : "runs";
        break;
      }
      const found = {
        sequence: searched.sequences,
        afterMs: searched.durationMs,
        steps: first.steps.length,
      };
      observer.onMismatch?.(found);
      const shrinkStarted = Date.now();
      const shrinkBefore = session.coverage.sequences;
      let shrink: { failed: boolean } | undefined;
      for (let replay = 0; replay < REPLAYS && !signal?.aborted; replay++) {
        shrink = await fc.check(property, {
          seed: search.seed,
          ...(search.counterexamplePath ? { path: search.counterexamplePath } : {}),
          numRuns: 1,
          interruptAfterTimeLimit: Math.max(deadline - Date.now(), settings.budgetMs / 2),
          markInterruptAsFailure: false,
        });
        await running;
        if (shrink.failed) break;
      }
      const reproduced = shrink?.failed === true;
      const minimal = (reproduced ? session.lastFailure : first) ?? first;
      const script = renderReplayScript(minimal, { seed: settings.seed });
      const failing = minimal.steps.at(-1)?.failure;
      const result: ExploreMismatch = {
        failure: { ...(failing ?? { check: "?", expected: "?", actual: "?" }), curl: script },
        sequence: minimal,
        script,
        found,
        shrinking: {
          attempts: session.coverage.sequences - shrinkBefore,
          durationMs: Date.now() - shrinkStarted,
          reproduced,
        },
      };
      if (reproduced || signal?.aborted) {
        mismatch = result;
        stoppedBy = signal?.aborted ? "interrupt" : "mismatch";
        break;
      }
      if (!fallback) {
        fallback = result;
        deadline = Math.min(
          deadline,
          Date.now() +
            Math.max(2 * (found.afterMs - (searchStarted - started)), settings.budgetMs / 10),
        );
      }
      seed = nextSeed(seed);
    }
    if (!mismatch && fallback) {
      mismatch = fallback;
      if (stoppedBy !== "interrupt") stoppedBy = "mismatch";
    }
  } finally {
    await running;
    await sweepLostPools(options, housekeeping, tracker, setup.preexisting);
    cleanup = await tracker.cleanup();
    await reference.close();
  }
  return {
    baseUrl: options.baseUrl,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    seed: settings.seed,
    budgetMs: settings.budgetMs,
    maxSteps: settings.maxSteps,
    stoppedBy,
    searched,
    coverage: {
      rpcs: { ...session.coverage.rpcs },
      wires: { ...session.coverage.wires },
      verdicts: [...session.coverage.verdicts].sort(),
    },
    ...(mismatch ? { mismatch } : {}),
    warnings: [...session.warnings],
    cleanup,
    ok: mismatch === undefined && cleanup.failed.length === 0 && stoppedBy !== "interrupt",
  };
}
