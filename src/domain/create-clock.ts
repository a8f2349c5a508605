import { ConnectError } from "../errors/connect-error.js";
import type { Clock } from "./domain-context.js";

export type ClockMode = "real" | "manual";

/** A clock the control plane can move: manual ones only move when told, real ones can skip ahead. */
export interface ControllableClock extends Clock {
  /** Changes only through `reset`. */
  readonly mode: ClockMode;
  /** Simulated milliseconds per real millisecond (real mode). */
  readonly scale: number;
  /** Moves the clock forward. */
  advance(ms: number): void;
  /** Moves the clock to a later instant. */
  set(epochMs: number): void;
  /**
   * Puts the clock in a mode, at an instant (the real time when absent), even an earlier one:
   * only for replacing the whole world, whose times go back along with the clock.
   */
  reset(setting: { mode: ClockMode; now?: number }): void;
}

export interface ClockOptions {
  mode?: ClockMode;
  scale?: number;
  /** Where the simulated time starts; the real time by default. */
  start?: number;
  /** The real time source, injectable for tests. */
  realNow?: () => number;
}

/**
 * Creates the simulation's clock: real time (optionally sped up by `scale`, so delays pass
 * `scale` times faster) or a manual clock that stands still until advanced.
 */
export function createClock(options: ClockOptions = {}): ControllableClock {
  let mode = options.mode ?? "real";
  const scale = options.scale ?? 1;
  if (!(scale > 0) || !Number.isFinite(scale))
    throw new Error(`time scale must be positive, got ${scale}`);
  const realNow = options.realNow ?? Date.now;
  let realStart = realNow();
  let base = options.start ?? realStart;
  const now = () => (mode === "manual" ? base : Math.floor(base + (realNow() - realStart) * scale));
  return {
    get mode() {
      return mode;
    },
    scale,
    now,
    advance(ms) {
      if (!Number.isSafeInteger(ms) || ms < 0) {
        throw new ConnectError("invalid_argument", `cannot advance the clock by ${ms} ms`);
      }
      base += ms;
    },
    set(epochMs) {
      const current = now();
      if (epochMs < current) {
        throw new ConnectError(
          "invalid_argument",
          `the clock only moves forward: ${new Date(epochMs).toISOString()} is before ${new Date(current).toISOString()}`,
        );
      }
      base += epochMs - current;
    },
    reset(setting) {
      mode = setting.mode;
      realStart = realNow();
      base = setting.now ?? realStart;
    },
  };
}
