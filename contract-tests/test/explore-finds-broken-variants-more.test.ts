import { describe, it } from "vitest";
import { BROKEN_VARIANTS } from "./support/broken-variants.js";
import { exploreVariant } from "./support/explore-variant.js";

const SECOND_HALF = BROKEN_VARIANTS.slice(Math.ceil(BROKEN_VARIANTS.length / 2));

describe("explore finds each broken variant the named cases catch (second half)", () => {
  it.each(SECOND_HALF.map((v) => [v.name, v] as const))(
    "%s",
    async (_name, variant) => {
      await exploreVariant(variant, { seed: 1, waitTimeoutMs: 400, ...variant.harnessInput });
    },
    150_000,
  );
});
