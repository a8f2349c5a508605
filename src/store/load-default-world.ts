import { readFileSync } from "node:fs";
import { join } from "node:path";
import { findPackageRoot } from "../package-root.js";
import { describeJsonError } from "./describe-json-error.js";
import { parseWorld } from "./parse-world.js";
import type { WorldData } from "./world.js";

export const FIXTURES_DIR = join(findPackageRoot(), "fixtures");

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

/**
 * The built-in world: the hand-written fixtures (the documented example IDs) merged with the
 * seeded filler that scripts/generate-fixtures.ts writes.
 */
export function loadDefaultWorld(): WorldData {
  const base = JSON.parse(
    readFileSync(join(FIXTURES_DIR, "default-world.json"), "utf8"),
  ) as WorldData;
  const filler = JSON.parse(
    readFileSync(join(FIXTURES_DIR, "filler.json"), "utf8"),
  ) as Partial<WorldData>;
  return parseWorld(
    {
      ...base,
      projects: [...base.projects, ...(filler.projects ?? [])],
      prebuilds: [...base.prebuilds, ...(filler.prebuilds ?? [])],
      warmPools: [...base.warmPools, ...(filler.warmPools ?? [])],
    },
    "fixtures/",
    // The shipped fixtures are shape-checked by load-default-world.test.ts; skipping ajv here
    // saves ~90 ms of start-up. References are still checked: that costs well under 1 ms.
    { checkShape: false },
  );
}
