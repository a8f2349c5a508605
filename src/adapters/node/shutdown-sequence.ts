/** One step of shutting down, e.g. writing the state file; may be async. */
export type ShutdownHook = () => void | Promise<void>;

/** A failed step, reported after every other step has still had its turn. */
export interface ShutdownFailure {
  name: string;
  error: unknown;
}

/** Ordered shutdown steps that features register and the CLI (or startMock's close) runs once. */
export interface ShutdownSequence {
  /** Adds a step; steps run one after another in the order they were added. */
  onShutdown(name: string, hook: ShutdownHook): void;
  /** Runs every step once; later calls get the same result. */
  run(): Promise<ShutdownFailure[]>;
}

/** Creates an empty shutdown sequence. */
export function createShutdownSequence(): ShutdownSequence {
  const steps: { name: string; hook: ShutdownHook }[] = [];
  let running: Promise<ShutdownFailure[]> | undefined;
  return {
    onShutdown(name, hook) {
      if (running) throw new Error(`shutdown already started; cannot add step "${name}"`);
      steps.push({ name, hook });
    },
    run() {
      running ??= (async () => {
        const failures: ShutdownFailure[] = [];
        for (const { name, hook } of steps) {
          try {
            await hook();
          } catch (error) {
            failures.push({ name, error });
          }
        }
        return failures;
      })();
      return running;
    },
  };
}
