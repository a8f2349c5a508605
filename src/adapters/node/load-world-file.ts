import { readFileSync } from "node:fs";
import { join } from "node:path";
import { findPackageRoot } from "../../package-root.js";
import { describeJsonError } from "../../store/describe-json-error.js";
import { parseWorld } from "../../store/parse-world.js";
import type { WorldData } from "../../store/world.js";

/** The package's fixtures folder, where the scenarios' world files are too. */
export const FIXTURES_DIR = join(findPackageRoot(), "fixtures");

/** Where the named scenarios live: one `<name>.json` each (world files sit in subfolders). */
export const SCENARIOS_DIR = join(FIXTURES_DIR, "scenarios");

/**
 * Reads and checks a world file. Its errors say what is wrong (unreadable, not JSON, not a
 * world and which field) but never quote the file: the path may come from a caller who must
 * not learn what a file holds.
 */
export function loadWorldFile(path: string): WorldData {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`cannot read world file ${path}${code ? ` (${code})` : ""}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`world file ${path} is not JSON${describeJsonError(error)}`);
  }
  return parseWorld(value, path);
}
