import { describe, it } from "vitest";
import { EXPLORED_VARIANTS } from "./support/broken-variants.js";
import { exploreVariant } from "./support/explore-variant.js";

const SECOND_HALF = EXPLORED_VARIANTS.slice(Math.ceil(EXPLORED_VARIANTS.length / 2));

describe("explore finds each broken variant the warm-pool cases catch (second half)", () => {
  it.each(SECOND_HALF.map((v) => [v.name, v] as const))(
    "%s",
    async (_name, variant) => {
      await exploreVariant(variant, { seed: 1, waitTimeoutMs: 400, ...variant.harnessInput });
    },
    150_000,
  );
});
