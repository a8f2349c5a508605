import { describe, expect, it } from "vitest";
import { loadDefaultWorld } from "./load-default-world.js";
import { parseWorld } from "./parse-world.js";

describe("parseWorld", () => {
  it("lets two organizations number their pools alike, but not one organization twice", () => {
    const world = loadDefaultWorld();
    const [first, ...rest] = world.warmPools;
    const foreign = rest.find((p) => p.organizationId !== first?.organizationId);
    const sibling = rest.find((p) => p.organizationId === first?.organizationId);
    if (!first || !foreign || !sibling) throw new Error("fixtures changed");
    foreign.seq = first.seq;
    expect(() => parseWorld(world, "test")).not.toThrow();
    sibling.seq = first.seq;
    expect(() => parseWorld(world, "test")).toThrow(/duplicate seq/);
  });
});
