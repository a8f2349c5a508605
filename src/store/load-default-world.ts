import { DEFAULT_WORLD_JSON, FILLER_JSON } from "../generated/fixtures.js";
import { parseWorld } from "./parse-world.js";
import type { WorldData } from "./world.js";

/**
 * The built-in world: the hand-written fixtures (the documented example IDs) merged with the
 * seeded filler that scripts/generate-fixtures.ts writes, as `npm run generate` embedded them
 * (src/generated/fixtures.ts), so no file is read. A fresh object on every call.
 */
export function loadDefaultWorld(): WorldData {
  const base = JSON.parse(DEFAULT_WORLD_JSON) as WorldData;
  const filler = JSON.parse(FILLER_JSON) as Partial<WorldData>;
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
