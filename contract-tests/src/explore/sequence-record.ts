import type { FailureDetail } from "../case-failure.js";
import type { HttpRequest } from "../http/api-client.js";

/** A request the target got during a step, for the replay script. */
export interface ReplayEntry {
  request: HttpRequest;
  /** A value of the answer a later request sends: a shell variable holds it in the script. */
  capture?: { variable: string; kind: "pool-id" | "next-token"; value: string };
  /** Repeated until the target answers 404 (waiting for a deleted pool to disappear). */
  untilGone?: boolean;
}

/** One step as run: what it asked, both answers, and what broke, if anything. */
export interface StepRecord {
  number: number;
  description: string;
  model: string[];
  target: string[];
  replay: ReplayEntry[];
  failure?: FailureDetail;
}

/** A run of one sequence. */
export interface SequenceRecord {
  /** Pools of earlier sequences still on the target when it started. */
  leftovers: string[];
  steps: StepRecord[];
}
