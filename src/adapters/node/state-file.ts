import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { describeJsonError } from "../../store/describe-json-error.js";
import { parseWorld } from "../../store/parse-world.js";
import type { WorldData } from "../../store/world.js";
import { writeFileAtomic } from "./write-file-atomic.js";

/**
 * Reads the world saved by a previous run, or undefined when the file does not exist yet.
 * A file that is not JSON or not a world this version understands is an Error whose message
 * says so; the file is never changed here.
 */
export function loadStateFile(path: string): WorldData | undefined {
  if (!existsSync(path)) return undefined;
  const untouched = `${path} was left untouched: repair it, or move it away to start from the base world`;
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(
      `state file ${path} is not valid JSON${describeJsonError(error)}; ${untouched}`,
    );
  }
  const version = (value as { version?: unknown } | null)?.version;
  if (version !== 1) {
    throw new Error(
      `state file ${path} has format version ${JSON.stringify(version)}, this mock reads version 1; ${untouched}`,
    );
  }
  try {
    return parseWorld(value, `state file ${path}`);
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${untouched}`);
  }
}

export interface StateWriterOptions {
  path: string;
  /** The world to save, as it is now. */
  read: () => WorldData;
  /** The simulated time, saved with the world so a restart resumes from it. */
  now: () => number;
  /** How long to wait after a change before writing, so bursts write once. */
  debounceMs?: number;
  /** Where a failed background write is reported. */
  onError?: (error: Error) => void;
}

/** Saves the world to a state file: debounced after changes, at once on flush, always atomically. */
export interface StateWriter {
  /** Notes that the world may have changed; a write follows after the debounce. */
  schedule(): void;
  /** Writes now if the world differs from what was last written; throws if writing fails. */
  flush(): void;
}

/** Creates the state writer; leftover temporary files of a killed run are removed first. */
export function createStateWriter(options: StateWriterOptions): StateWriter {
  const { path, debounceMs = 250 } = options;
  removeLeftovers(path);
  let written: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const world = options.read();
    const text = JSON.stringify(world);
    if (text === written) return;
    writeFileAtomic(path, `${JSON.stringify({ ...world, savedAt: options.now() }, null, 2)}\n`);
    written = text;
  };
  return {
    flush,
    schedule() {
      timer ??= setTimeout(() => {
        try {
          flush();
        } catch (error) {
          (options.onError ?? console.error)(error as Error);
        }
      }, debounceMs);
      timer.unref();
    },
  };
}

function removeLeftovers(path: string): void {
  const dir = dirname(path);
  const prefix = `${basename(path)}.`;
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    if (name.startsWith(prefix) && /\.\d+\.\d+\.tmp$/.test(name))
      rmSync(join(dir, name), { force: true });
  }
}
